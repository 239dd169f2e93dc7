import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCI } from '../e2e/browser';

/**
 * Self-test of the test runner (issue 10, item 12): vitest, run as a child process with the
 * project's own configuration (global setup with the embedded PostgreSQL, the closing reporter)
 * over deliberately failing fixture specs in test/runner-fixtures (outside the include globs),
 * must exit non-zero and say so in its closing line; a passing fixture exits 0. The children run
 * without DATABASE_URL, i.e. on the embedded cluster, whose exit hook once turned red runs green.
 */
const ROOT = path.resolve(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-runner-selftest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runFixture(name: string, env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CI: 'false', ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.VITEST; // the child is a run of its own, not a worker of this one
  delete childEnv.VITEST_WORKER_ID;
  delete childEnv.VITEST_POOL_ID;
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/runner-fixtures/vitest.config.mts', `test/runner-fixtures/${name}.fixture.ts`], {
    cwd: ROOT,
    env: childEnv,
    encoding: 'utf8',
    timeout: 150_000,
  });
  const closing = res.stdout.trim().split('\n').pop() ?? '';
  const m = /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(closing);
  return { status: res.status, closing, failed: m ? Number(m[2]) : NaN, output: `${res.stdout}\n${res.stderr}`.slice(-3000) };
}

describe('the test runner reports a red run as red', { timeout: 180_000 }, () => {
  it.each([
    ['before-all', 'a failing beforeAll'],
    ['after-all', 'a failing afterAll'],
    ['failing-test', 'a failing test'],
  ])('%s fixture (%s): non-zero exit, failures in the closing line', (name) => {
    const r = runFixture(name);
    expect(r.status, r.output).not.toBe(0);
    expect(r.failed, r.closing).toBeGreaterThan(0);
  });

  it('a Chromium that exists but cannot launch, under CI=true: non-zero exit, counted as failed (not skipped)', () => {
    const fake = path.join(tmp, 'chromium');
    writeFileSync(fake, '#!/bin/sh\n[ "$1" = --version ] && { echo "Chromium 0.0 (broken)"; exit 0; }\necho "cannot start" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const r = runFixture('browser-launch', { CI: 'true', CHROMIUM_PATH: fake });
    expect(r.status, r.output).not.toBe(0);
    expect(r.failed, r.closing).toBeGreaterThan(0);
  });

  it('a passing fixture exits 0 with "0 failed"', () => {
    const r = runFixture('passing');
    expect(r.status, r.output).toBe(0);
    expect(r.closing).toBe('1 passed, 0 failed, 0 skipped');
  });
});

describe('CI detection', () => {
  it('CI=true/1/yes is CI; CI=false, 0, empty or unset is not', () => {
    expect(['true', 'TRUE', '1', 'yes'].map((CI) => isCI({ CI }))).toEqual([true, true, true, true]);
    expect(['false', 'FALSE', '0', '', 'no'].map((CI) => isCI({ CI }))).toEqual([false, false, false, false, false]);
    expect(isCI({})).toBe(false);
  });
});
