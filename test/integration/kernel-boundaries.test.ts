import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from '../helpers/source-files';

/**
 * The kernel's boundaries, checked on the source (issue 11): a module reads like every other one.
 * `PENDING` lists what is not migrated yet; it only shrinks (a file that became clean fails the
 * test until it is removed from the list, so the list cannot go stale).
 */
const files = sourceFiles;
const read = readSource;
const ts = (f: string) => /\.tsx?$/.test(f) && !/\.(spec|test)\.tsx?$/.test(f);
const MODULE_FILES = files('server/modules', ts);

/** Files still breaking a rule, to be migrated (each entry must still break it). */
const PENDING: Record<string, string[]> = {
  sqlInService: [],
  graphqlOrSeedImport: [],
  uncodedRefusal: [],
  uiImportsServer: [],
  /** `file: name` of a shared rule (rules/) defined again outside rules/. */
  duplicateRule: [],
};

function check(rule: keyof typeof PENDING, offenders: string[]) {
  expect(
    offenders.filter((f) => !PENDING[rule].includes(f)),
    `${rule}: new offenders`,
  ).toEqual([]);
  expect(
    PENDING[rule].filter((f) => !offenders.includes(f)),
    `${rule}: clean now, remove from PENDING`,
  ).toEqual([]);
}

describe('kernel boundaries', () => {
  it('a service holds no SQL: no .query(, createQueryBuilder or EntityManager call (repositories do)', () => {
    const sql = /\.query\(|createQueryBuilder|\bem\.(save|insert|update|delete|find\w*|count\w*|exists\w*|getRepository|remove|upsert|increment|decrement|transaction)\(|\.manager\.|getRepository\(/;
    check(
      'sqlInService',
      MODULE_FILES.filter((f) => f.endsWith('.service.ts') && sql.test(read(f))),
    );
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
    check(
      'uncodedRefusal',
      files('server', ts).filter((f) => !f.endsWith('.errors.ts') && !f.startsWith('server/core/errors.ts') && throws(read(f)).some(uncoded)),
    );
  });

  it('nothing registers itself at import: no bare side-effect imports in server/', () => {
    const bare = files('server', ts).filter((f) => /^import '(?!reflect-metadata')[^']+';/m.test(read(f)));
    expect(bare).toEqual([]);
  });

  it('rules/ is pure TypeScript both sides import: no Node, DOM, TypeORM, GraphQL or server/ import, no process/window/document', () => {
    const allowed = /^(\.{1,2}\/|diff$)/;
    const impure = files('rules', ts).filter((f) => {
      const src = read(f);
      const specs = [...src.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
      return specs.some((s) => !allowed.test(s) || /\bserver\//.test(s) || /\badmin-ui\//.test(s)) || /\b(process|window|document|Buffer|require)\b[.(]/.test(src);
    });
    expect(impure).toEqual([]);
  });

  it('each shared rule is defined once, in rules/ (e.g. normaliseMobile feeds the blind index)', () => {
    const names = [
      'normaliseMobile',
      'normalisePhone',
      'MOBILE_PATTERN',
      'parseResidentId',
      'checkIdDocument',
      'checkUscc',
      'ageOn',
      'prcDate',
      'addCalendarDays',
      'parsePolicy',
      'diffStructures',
      'PERIOD_EFFECTS',
      'MAKER_CHECKER_EFFECTS',
      'STATUS_EFFECTS',
      'own',
    ];
    const defines = (src: string, n: string) => new RegExp(`^(export\\s+)?(function|const|let)\\s+${n}\\b\\s*[(=<:]`, 'm').test(src);
    const where = (n: string) => [...files('rules', ts), ...files('server', ts), ...files('admin-ui/src', ts)].filter((f) => defines(read(f), n));
    const copies = names.flatMap((n) =>
      where(n)
        .filter((f) => !f.startsWith('rules/'))
        .map((f) => `${f}: ${n}`),
    );
    check('duplicateRule', copies);
    for (const n of names)
      expect(
        where(n).filter((f) => f.startsWith('rules/')),
        n,
      ).toHaveLength(1);
  });

  it('UI charts are @mui/x-charts: no hand-drawn SVG (<svg>, <path>, <rect>, <polyline>) in admin-ui/src', () => {
    expect(files('admin-ui/src', (f) => f.endsWith('.tsx')).filter((f) => /<(svg|path|rect|polyline|circle)\b|component="svg"/.test(read(f)))).toEqual([]);
  });

  it('the UI never imports server/', () => {
    check(
      'uiImportsServer',
      files('admin-ui/src', ts).filter((f) => /from '[^']*\bserver\//.test(read(f))),
    );
  });
});
