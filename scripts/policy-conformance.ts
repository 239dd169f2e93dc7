import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../server/config';
import { RESULTS_FILE, type TestResults } from '../test/helpers/summary-reporter';

/**
 * `npm run docs:conformance`: builds docs/policy-conformance.md, clause -> tests -> status.
 * A test proves a clause's duty when its title (or an enclosing describe's) carries the tag
 * `[policy X.Y]` (several: `[policy 2.2.1, 5.1.2]`); the clauses are the rows of
 * docs/reference/POLICY-OBLIGATIONS.md. The status comes from the results the summary reporter
 * records (test-results/tests.json, per test file, from that file's last run); the document is
 * stale when its clause -> tests mapping differs from the sources (test/integration/docs.test.ts),
 * whatever the statuses say.
 */
export const OBLIGATIONS_FILE = 'docs/reference/POLICY-OBLIGATIONS.md';
export const CONFORMANCE_DOC = 'docs/policy-conformance.md';

/** One row of the obligations table: its label as written (`4.1 a–k`), the ids a tag may name, the duty. */
export interface Clause {
  label: string;
  ids: string[];
  duty: string;
}

/** A test naming clauses: file (relative, `/`), full title as vitest prints it (`describe > it`), the clause ids. */
export interface TaggedTest {
  file: string;
  title: string;
  clauses: string[];
}

export type Status = 'passed' | 'failed' | 'skipped' | 'not run';

const TAG = /\[policy ([^\]]+)\]/g;

/**
 * The clause rows of the obligations table. A label `5.6, 5.7` gives two ids; a lettered range
 * `4.1 a–k` is the clause itself (`4.1`); a single letter `4.1 i` is its own id (`[policy 4.1 i]`).
 */
export function parseObligations(markdown: string): Clause[] {
  const clauses: Clause[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | clause | promise | duty |  ->  ['', clause, promise, duty, '']
    if (cells.length !== 5 || !/^\d/.test(cells[1])) continue;
    const ids = cells[1].split(',').map((part) => part.trim().replace(/^(\d+(?:\.\d+)*)\s+[a-z]–[a-z]$/, '$1'));
    clauses.push({ label: cells[1], ids, duty: cells[3] });
  }
  return clauses;
}

/** The test files the conformance covers (the suite's include globs, minus nothing). */
export function testFiles(root = PROJECT_ROOT): string[] {
  const inDir = (dir: string, suffix: string) =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter((f) => f.endsWith(suffix))
          .map((f) => `${dir}/${f}`)
      : [];
  const specs = (readdirSync(path.join(root, 'server'), { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.spec.ts')).map((f) => `server/${f.split(path.sep).join('/')}`);
  return [...inDir('test/integration', '.test.ts'), ...inDir('test/e2e', '.test.ts'), ...specs].sort();
}

const TEST_FNS = new Set(['it', 'test', 'describe', 'suite']);

/** `it`, `it.skip`, `it.each([...])`, `describe.sequential`: the root identifier, when it is a test function. */
function testFnName(callee: ts.Expression): string | undefined {
  let e: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) e = e.expression;
  return ts.isIdentifier(e) && TEST_FNS.has(e.text) ? e.text : undefined;
}

function titleOf(arg: ts.Expression | undefined, sf: ts.SourceFile): string | undefined {
  if (!arg) return undefined;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (ts.isTemplateExpression(arg)) return arg.getText(sf).slice(1, -1);
  return undefined;
}

/** The tests of one file whose title or enclosing describe names clauses. */
export function taggedTestsOf(file: string, source: string): TaggedTest[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: TaggedTest[] = [];
  const visit = (node: ts.Node, suites: string[]) => {
    if (ts.isCallExpression(node)) {
      const fn = testFnName(node.expression);
      const title = fn ? titleOf(node.arguments[0], sf) : undefined;
      if (fn && title !== undefined) {
        const names = [...suites, title];
        if (fn === 'describe' || fn === 'suite') {
          node.arguments.slice(1).forEach((a) => visit(a, names));
          return;
        }
        const clauses = [...names.join(' ').matchAll(TAG)].flatMap((m) => m[1].split(',').map((c) => c.trim()));
        if (clauses.length) out.push({ file, title: names.join(' > '), clauses: [...new Set(clauses)] });
        return;
      }
    }
    ts.forEachChild(node, (c) => visit(c, suites));
  };
  visit(sf, []);
  return out;
}

/** Every tagged test of the suite; throws on a tag naming no clause of the obligations table. */
export function collectTaggedTests(clauses: Clause[], root = PROJECT_ROOT): TaggedTest[] {
  const known = new Set(clauses.flatMap((c) => c.ids));
  const tests = testFiles(root).flatMap((f) => taggedTestsOf(f, readFileSync(path.join(root, f), 'utf8')));
  const unknown = tests.flatMap((t) => t.clauses.filter((c) => !known.has(c)).map((c) => `${t.file}: "${t.title}" names [policy ${c}]`));
  if (unknown.length) throw new Error(`tags naming no clause of ${OBLIGATIONS_FILE}:\n${unknown.join('\n')}`);
  return tests;
}

/** Clause label -> the tests naming one of its ids, in file and title order. */
export function clauseMapping(clauses: Clause[], tests: TaggedTest[]): Map<string, TaggedTest[]> {
  return new Map(clauses.map((c) => [c.label, tests.filter((t) => t.clauses.some((id) => c.ids.includes(id)))]));
}

/** `it.each` titles (`%s`, `$name`) match the printed names of their cases. */
function titlePattern(title: string): RegExp {
  const parts = title.split(/%[sdifjoO#]|\$[\w.]+/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** A test's status in the recorded results (several for an `it.each`: failed wins, then skipped). */
export function statusOf(test: TaggedTest, results: TestResults | undefined): Status {
  const file = results?.files[test.file];
  if (!file) return 'not run';
  const re = titlePattern(test.title);
  const states = Object.entries(file.tests)
    .filter(([name]) => name === test.title || re.test(name))
    .map(([, s]) => s);
  if (!states.length) return 'not run';
  if (states.includes('failed')) return 'failed';
  if (states.every((s) => s === 'passed')) return 'passed';
  return 'skipped';
}

const STATUS_LINE = /^- \*\*(passed|failed|skipped|not run)\*\* — /;

/** The document; `status` = undefined renders every test as "not run". */
export function renderConformance(clauses: Clause[], tests: TaggedTest[], results?: TestResults): string {
  const mapping = clauseMapping(clauses, tests);
  const built = [...mapping.values()].filter((t) => t.length).length;
  const lines = [
    '# Policy conformance: clause -> tests',
    '',
    `Generated by \`npm run docs:conformance\` from ${OBLIGATIONS_FILE} (the duties) and the \`[policy X.Y]\` tags in the`,
    'titles of the tests (test/integration, test/e2e, server/**/*.spec.ts). Do not edit by hand: a test',
    '(test/integration/docs.test.ts) fails when the clause -> tests mapping below differs from the sources.',
    'The status of each test is that of the last run of its file (test-results/tests.json, written by',
    'test/helpers/summary-reporter.ts); run `npm test` and then this script to refresh it.',
    '',
    `${built} of ${clauses.length} clauses have tests.`,
    '',
  ];
  for (const c of clauses) {
    lines.push(`## ${c.label}`, '', `Duty: ${c.duty}`, '');
    const named = mapping.get(c.label) ?? [];
    if (!named.length) lines.push('Not built yet: no test names this clause.');
    for (const t of named) lines.push(`- **${statusOf(t, results)}** — \`${t.file}\`: ${t.title}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The document without its statuses: what the staleness check compares. */
export function withoutStatuses(doc: string): string {
  return doc
    .split('\n')
    .map((l) => l.replace(STATUS_LINE, '- **?** — '))
    .join('\n');
}

export function readResults(root = PROJECT_ROOT): TestResults | undefined {
  const file = path.join(root, RESULTS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TestResults) : undefined;
}

export function loadClauses(root = PROJECT_ROOT): Clause[] {
  return parseObligations(readFileSync(path.join(root, OBLIGATIONS_FILE), 'utf8'));
}

export function main(): void {
  const clauses = loadClauses();
  const tests = collectTaggedTests(clauses);
  const results = readResults();
  writeFileSync(path.join(PROJECT_ROOT, CONFORMANCE_DOC), renderConformance(clauses, tests, results));
  console.log(`${CONFORMANCE_DOC} written: ${tests.length} tagged tests${results ? '' : ' (no test results yet: "not run")'}`);
}
