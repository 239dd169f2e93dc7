import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.mjs'; // the .mts file (TypeScript's spelling of the import)

/**
 * The project's own test configuration (global setup, reporters, pool) over the deliberately
 * failing fixture specs of this folder, which the normal include globs leave out. Used only by
 * the runner's self-test (test/integration/runner.test.ts).
 */
export default defineConfig({
  ...base,
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: { ...base.test, include: ['test/runner-fixtures/*.fixture.ts'], maxWorkers: 1 },
});
