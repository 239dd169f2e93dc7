// Runs a TypeScript script of scripts/ (`node scripts/run-ts.mjs scripts/x.ts [args]`) through
// vitest's module runner, i.e. with the same transform as the tests (decorators, CommonJS globals
// such as __filename), and calls its exported `main(args)`. No global setup, no database.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args]');
  process.exit(2);
}
const vitest = await createVitest('test', { root, watch: false, reporters: [], globalSetup: [] });
try {
  const mod = await vitest.import(path.resolve(root, script));
  await mod.main(args);
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await vitest.close();
}
