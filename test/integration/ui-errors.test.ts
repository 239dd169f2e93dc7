import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ROOT, readSource, sourceFiles } from '../helpers/source-files';
import { CoreErrors, type ErrorFactory } from '../../server/core/errors';
import { MODULES } from '../../server/modules';
import { errorMessages } from '../../admin-ui/src/i18n/errors';

/**
 * The UI translates server refusals by `extensions.errorCode` in one place (admin-ui/src/providers/errors.ts,
 * messages in admin-ui/src/i18n/errors.ts) and never reads the server's English (issue 11 item 2).
 */
const files = sourceFiles;
const read = readSource;
const code = (f: string) => /\.tsx?$/.test(f) && !/\.(spec|test|d)\.tsx?$/.test(f);
/** UI code, without the translation tables (they hold English on purpose). */
const UI_CODE = files('admin-ui/src', (f) => code(f) && !f.startsWith('admin-ui/src/i18n/') && !f.endsWith('/messages.ts'));

/** Files that still read server text, to be migrated (each entry must still do it). */
const PENDING = {
  parsesServerText: [] as string[],
};

/** String literals (quotes and template parts) of a source file. */
const literals = (src: string) => [...src.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
/** An English phrase: two or more words of letters. */
const phrase = (s: string) => /^[a-z][a-z' ]*[a-z]$/i.test(s.trim()) && /\s/.test(s.trim());

describe('UI error messages', () => {
  it('no UI code reads the text of a server error: no includes/match/regex on a message, no server phrase compared', () => {
    const reads =
      /(serverMessage|\bmsg|\.message)(\.toLowerCase\(\))?\.(includes|startsWith|endsWith|match|indexOf|search)\(|\.(exec|test)\([^)]*(serverMessage|\.message)\b|(serverMessage|\.message)\s*===?\s*['"`][^'"`]*\s/;
    // The server's refusal texts: literals on lines that raise (throw, refuse, deny, badInput, conflict, forbidden, a catalogue) or declare a message.
    const raising = /\b(throw|refused?|deny|badInput|conflict|forbidden|tooManyRequests|alreadyExists|[A-Z]\w*Errors\.[A-Z_]+)\b|\bmessage:/;
    const serverPhrases = files('server', code)
      .flatMap((f) =>
        read(f)
          .split('\n')
          .filter((line) => raising.test(line)),
      )
      .flatMap(literals)
      .flatMap((l) => l.split(/\$\{[^}]*\}/))
      .map((s) => s.toLowerCase());
    const offenders = UI_CODE.filter((f) => {
      const src = read(f)
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      if (reads.test(src)) return true;
      return literals(src).some((l) => phrase(l) && l.length >= 6 && serverPhrases.some((s) => s.includes(l.toLowerCase().trim())));
    });
    expect(
      offenders.filter((f) => !PENDING.parsesServerText.includes(f)),
      'new offenders',
    ).toEqual([]);
    expect(
      PENDING.parsesServerText.filter((f) => !offenders.includes(f)),
      'clean now, remove from PENDING',
    ).toEqual([]);
  });

  it('every errorCode the server declares (module catalogues and CoreErrors) has a zh and an en message', () => {
    const catalogues: Record<string, ErrorFactory>[] = [CoreErrors, ...MODULES.flatMap((m) => m.errors ?? [])];
    const codes = [...new Set(catalogues.flatMap((c) => Object.values(c).map((f) => f.errorCode)))].sort();
    expect(codes).toEqual(expect.arrayContaining(['ALREADY_EXISTS', 'INVALID_TRANSITION', 'MAKER_CHECKER', 'STALE_VERSION']));
    const missing = (table: Record<string, unknown>) => codes.filter((c) => typeof table[c] !== 'string' || !(table[c] as string).trim());
    expect(missing(errorMessages.en.errors), 'en').toEqual([]);
    expect(missing(errorMessages.zhCN.errors), 'zh-CN').toEqual([]);
  });

  it('zh and en have the same error keys, and scoped overrides only override declared or UI codes', () => {
    const keys = (o: object, pre = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [pre + k] : keys(v as object, `${pre}${k}.`)));
    expect(keys(errorMessages.zhCN).sort()).toEqual(keys(errorMessages.en).sort());
    const top = Object.keys(errorMessages.en.errors).filter((k) => /^[A-Z_]+$/.test(k));
    const scoped = Object.entries(errorMessages.en.errors).flatMap(([, v]) => (typeof v === 'object' ? Object.keys(v) : []));
    expect(scoped.filter((c) => !top.includes(c))).toEqual([]);
  });

  it('one place picks the message: errors.<scope>.<CODE>, errors.<CODE>, mc.error.<CODE>, else the server text', async () => {
    // Loaded at run time: the UI's ES-module sources are outside the server's type-check (extension-less imports).
    type FailureKey = (f: { code: string; serverMessage: string; errorCode?: string; fields?: { field: string; message: string }[] }, scope?: string) => string;
    const { failureKey } = (await import(path.join(ROOT, 'admin-ui/src/providers/errors.ts'))) as { failureKey: FailureKey };
    const f = (code: string, errorCode?: string, fields: { field: string; message: string }[] = []) => ({ code, serverMessage: 'Server says no', errorCode, fields });
    expect(failureKey(f('CONFLICT', 'STALE_VERSION'))).toBe('errors.STALE_VERSION');
    expect(failureKey(f('FORBIDDEN', 'MAKER_CHECKER'), 'penalties')).toBe('errors.penalties.MAKER_CHECKER');
    expect(failureKey(f('CONFLICT', 'STALE_VERSION'), 'penalties')).toBe('errors.STALE_VERSION');
    expect(failureKey(f('CONFLICT', 'SOMETHING_NEW'))).toBe('Server says no');
    expect(failureKey(f('CONFLICT'))).toBe('Server says no');
    expect(failureKey(f('NOT_FOUND'))).toBe('mc.error.NOT_FOUND');
    expect(failureKey(f('FORBIDDEN'))).toBe('mc.error.FORBIDDEN');
    expect(failureKey(f('BAD_USER_INPUT', undefined, [{ field: 'input.name', message: 'too long' }]))).toBe('too long');
    expect(failureKey(f('CONFLICT', '__proto__'))).toBe('Server says no');
  });
});
