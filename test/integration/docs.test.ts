import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { MODULES } from '../../server/modules';
import { clauseMapping, collectTaggedTests, CONFORMANCE_DOC, loadClauses, renderConformance, taggedTestsOf, withoutStatuses } from '../../scripts/policy-conformance';
import { renderStateMachines, STATE_MACHINES_DOC } from '../../scripts/state-machines';

/** Generated documents stay in step with their sources (issue 11 items 12 and the machines' docs). */
const read = (f: string) => readFileSync(path.join(PROJECT_ROOT, f), 'utf8');

describe('docs/policy-conformance.md (clause -> tests)', () => {
  const clauses = loadClauses();
  const tests = collectTaggedTests(clauses);

  it('is up to date with the policy tags of the test titles (run `npm run docs:conformance`)', () => {
    expect(withoutStatuses(read(CONFORMANCE_DOC))).toBe(withoutStatuses(renderConformance(clauses, tests)));
  });

  it('is not vacuous: the obligations table has its clauses, tests name them, a known clause maps to a known test', () => {
    expect(clauses.length).toBeGreaterThanOrEqual(25);
    expect(clauses.find((c) => c.label === '5.6, 5.7')?.ids).toEqual(['5.6', '5.7']);
    expect(clauses.find((c) => c.label === '4.1 a–k')?.ids).toEqual(['4.1']);
    const mapping = clauseMapping(clauses, tests);
    expect([...mapping.values()].filter((t) => t.length).length).toBeGreaterThanOrEqual(10);
    expect(mapping.get('4.3')?.map((t) => t.file)).toContain('test/integration/penalties.test.ts');
    expect(read(CONFORMANCE_DOC)).toContain('## 4.3');
  });

  it('reads tags from an it title, from an enclosing describe, from it.each; ignores untagged tests', () => {
    const src = ["describe('suite [policy 6.3]', () => { it('a', () => {}); it.each([1])('b %s [policy 2.1, 9]', () => {}); });", "it('plain', () => {}); test.skip(`t [policy 5.5]`, () => {});"].join(
      '\n',
    );
    expect(taggedTestsOf('x.test.ts', src)).toEqual([
      { file: 'x.test.ts', title: 'suite [policy 6.3] > a', clauses: ['6.3'] },
      { file: 'x.test.ts', title: 'suite [policy 6.3] > b %s [policy 2.1, 9]', clauses: ['6.3', '2.1', '9'] },
      { file: 'x.test.ts', title: 't [policy 5.5]', clauses: ['5.5'] },
    ]);
  });
});

describe('docs/state-machines.md', () => {
  it('is up to date with the machines of the module manifests (run `npm run docs:machines`)', () => {
    expect(read(STATE_MACHINES_DOC)).toBe(renderStateMachines());
  });

  it('is not vacuous: every machine of every manifest has its section, the store machine among them', () => {
    const machines = MODULES.flatMap((m) => m.machines ?? []);
    expect(machines.map((m) => m.name)).toContain('store');
    for (const m of machines) expect(read(STATE_MACHINES_DOC)).toContain(`## ${m.name} (${m.subject})`);
  });
});
