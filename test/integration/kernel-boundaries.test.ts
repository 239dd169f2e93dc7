import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The kernel's boundaries, checked on the source (issue 11): a module reads like every other one.
 * `PENDING` lists what is not migrated yet; it only shrinks (a file that became clean fails the
 * test until it is removed from the list, so the list cannot go stale).
 */
const ROOT = path.resolve(__dirname, '../..');

function files(dir: string, test: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(rel, test));
    else if (test(rel)) out.push(rel);
  }
  return out.sort();
}
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const ts = (f: string) => /\.tsx?$/.test(f) && !/\.(spec|test)\.tsx?$/.test(f);
const MODULE_FILES = files('server/modules', ts);

/** Files still breaking a rule, to be migrated (each entry must still break it). */
const PENDING: Record<string, string[]> = {
  sqlInService: [
    'server/modules/accounts/accounts.service.ts',
    'server/modules/calendar/calendar.service.ts',
    'server/modules/identity-verification/verification.service.ts',
    'server/modules/sub-accounts/sub-accounts.service.ts',
  ],
  graphqlOrSeedImport: [],
  uncodedRefusal: [
    'server/modules/accounts/accounts.service.ts',
    'server/modules/identity-verification/verification.service.ts',
    'server/modules/personal-data/personal-data.service.ts',
    'server/modules/policies/policies.service.ts',
    'server/modules/policies/policy-acknowledgements.service.ts',
    'server/modules/policies/policy-lifecycle.ts',
    'server/modules/sub-accounts/sub-accounts.service.ts',
  ],
  uiImportsServer: [
    'admin-ui/src/i18n/index.ts',
    'admin-ui/src/merchants/storeStatus.tsx',
    'admin-ui/src/penalties/components.tsx',
    'admin-ui/src/policies/ClausePreview.tsx',
    'admin-ui/src/providers/dataProvider.ts',
    'admin-ui/src/team/common.tsx',
    'admin-ui/src/verification/rules.ts',
    'admin-ui/src/verification/status.tsx',
  ],
};

function check(rule: keyof typeof PENDING, offenders: string[]) {
  expect(offenders.filter((f) => !PENDING[rule].includes(f)), `${rule}: new offenders`).toEqual([]);
  expect(PENDING[rule].filter((f) => !offenders.includes(f)), `${rule}: clean now, remove from PENDING`).toEqual([]);
}

describe('kernel boundaries', () => {
  it('a service holds no SQL: no .query(, createQueryBuilder or EntityManager call (repositories do)', () => {
    const sql = /\.query\(|createQueryBuilder|\bem\.(save|insert|update|delete|find\w*|count\w*|exists\w*|getRepository|remove|upsert|increment|decrement|transaction)\(|\.manager\.|getRepository\(/;
    check('sqlInService', MODULE_FILES.filter((f) => f.endsWith('.service.ts') && sql.test(read(f))));
  });

  it('only GraphQL adapters (resolvers, types, routes) import graphql/; nothing in a module imports seed/', () => {
    const adapter = /\.(resolver|types|routes)\.ts$/;
    check(
      'graphqlOrSeedImport',
      MODULE_FILES.filter((f) => {
        const src = read(f);
        return /from '(\.\.\/)+seed\//.test(src) || (!adapter.test(f) && /from '(\.\.\/)+graphql\//.test(src));
      }),
    );
  });

  it('every business refusal carries an errorCode: no bare conflict(), forbidden(message) or new AppError outside *.errors.ts', () => {
    const throws = (src: string) => [...src.matchAll(/throw\s+([^;]*)/g)].map((m) => m[1]);
    const uncoded = (expr: string) => /^(conflict\(|new AppError\(|forbidden\(\s*['"`])/.test(expr.trim());
    check('uncodedRefusal', files('server', ts).filter((f) => !f.endsWith('.errors.ts') && !f.startsWith('server/core/errors.ts') && throws(read(f)).some(uncoded)));
  });

  it('nothing registers itself at import: no bare side-effect imports in server/', () => {
    const bare = files('server', ts).filter((f) => /^import '(?!reflect-metadata')[^']+';/m.test(read(f)));
    expect(bare).toEqual([]);
  });

  it('the UI never imports server/', () => {
    check('uiImportsServer', files('admin-ui/src', ts).filter((f) => /from '[^']*\bserver\//.test(read(f))));
  });
});
