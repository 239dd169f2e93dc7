import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/seed/demo';
import { startTestConsole } from '../helpers/console';

/** The first run of a newcomer (issue 10, item 13): readiness, `npm start`, stop, install, temp folders. */
const ROOT = path.resolve(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-first-run-'));
chmodSync(tmp, 0o755); // reachable by the postgres user, so the embedded cluster keeps its data here (no fallback folder elsewhere)
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readiness', () => {
  it('before the demo data exists: /healthz live, /readyz 503 "starting", the API 503 (an early sign-in is not processed); ready after seeding', async () => {
    const c = await startTestConsole({ seed: false, starting: true });
    try {
      expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
      const early = await fetch(`${c.url}/readyz`);
      expect([early.status, await early.json()]).toEqual([503, { status: 'starting' }]);
      const events = async () => (await c.sql(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
      const before = await events();
      const signIn = await c.post({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { loginName: 'admin', password: 'Demo@2026!' } } });
      expect(signIn.status).toBe(503);
      expect(signIn.headers.get('retry-after')).toBe('1');
      expect(signIn.json.errors[0].extensions.code).toBe('UNAVAILABLE');
      expect(await events()).toBe(before); // nothing counted, nothing audited
      await seedDemo(c.app, { merchants: 2 });
      c.app.starting = false;
      const ready = await fetch(`${c.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
      expect(await c.signIn('admin')).toMatch(/\S{20,}/);
    } finally {
      await c.close();
    }
  });
});

describe('test consoles leave nothing in the temp directory', () => {
  it('the data folder (outbox with SMS codes, files) is removed on close', async () => {
    const c = await startTestConsole({ seed: false });
    const dir = c.app.config.dataDir;
    expect(dir.startsWith(os.tmpdir())).toBe(true);
    expect(existsSync(dir)).toBe(true);
    await c.close();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('install', () => {
  it('every locked package supports the Node version the README and package.json promise (no EBADENGINE)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const min = semver.minVersion(pkg.engines.node)!.version;
    expect(min).toBe('20.19.0');
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('Node 20 (≥ 20.19)');
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    const unsupported = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([, p]) => p.engines?.node && !semver.satisfies(min, p.engines.node))
      .map(([name, p]) => `${name} (${p.engines!.node})`);
    expect(unsupported).toEqual([]);
  });
});

describe('type check', () => {
  it('`npm run typecheck` covers the admin UI, and CI runs it before the tests', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.typecheck.split('&&').map((s: string) => s.trim())).toEqual(['tsc -p tsconfig.json --noEmit', 'tsc -p admin-ui/tsconfig.json --noEmit']);
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm ci && npm run typecheck && npm run lint && npm run format:check && npm test$/m);
  });
});

/** Runs `node scripts/start.mjs` (what `npm start` runs) on an embedded cluster until it is up, then stops it with SIGINT. */
async function startAndStop(env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const up = await new Promise<{ reported: number; measured: number; url: string }>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /is up in ([\d.]+) s: (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve({ reported: Number(m[1]), measured: (Date.now() - t0) / 1000, url: m[2] });
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`npm start ended before it was up:\n${out.slice(-3000)}`));
    });
  });
  const ready = await fetch(`${up.url}/readyz`);
  child.kill('SIGINT');
  const code = await exited;
  return { ...up, ready: ready.status, code, out };
}

describe('npm start', () => {
  it("builds only when the sources changed, reports the time from the command's start, is ready when up, and stops without error lines", { timeout: 300_000 }, async () => {
    const env = { PORT: '0', PG_PORT: '0', PG_DATA_DIR: path.join(tmp, 'pg'), DATA_DIR: path.join(tmp, 'data'), DEMO_MERCHANTS: '2', LOG_LEVEL: 'info', NODE_ENV: 'development' };
    const first = await startAndStop(env);
    expect(first.code, first.out.slice(-3000)).toBe(0);
    const built = ['dist/.build-stamp', 'dist/server/main.js'].map((f) => statSync(path.join(ROOT, f)).mtimeMs);

    const second = await startAndStop(env);
    expect(second.code, second.out.slice(-3000)).toBe(0);
    // Nothing changed: no compilation (the build's files are untouched).
    expect(['dist/.build-stamp', 'dist/server/main.js'].map((f) => statSync(path.join(ROOT, f)).mtimeMs)).toEqual(built);
    for (const run of [first, second]) {
      // The reported time counts from the command's start (not from the server's own start).
      expect(run.reported).toBeGreaterThanOrEqual(run.measured - 0.5);
      expect(run.ready).toBe(200);
      // A graceful stop: no error-level (50) log line, e.g. pg-boss's "terminating connection".
      const errors = run.out.split('\n').filter((l) => /"level":(50|60)/.test(l));
      expect(errors).toEqual([]);
    }
  });
});
