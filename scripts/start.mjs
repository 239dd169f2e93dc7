// `npm start`: builds what is missing or stale (the server when a source, tsconfig or the lock file
// is newer than the last build; the admin UI when its sources changed), then runs the console.
// Set-up stays one command for a newcomer; an unchanged tree starts without compiling.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const startedAt = Math.round(performance.timeOrigin);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

/** Newest modification time (ms) under `dir`, counting folders too (a deleted file changes its folder). */
function newest(dir) {
  let t = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

/** Whether the server build is older than anything it is built from. */
function serverStale() {
  const stamp = mtime(path.join(root, 'dist', '.build-stamp'));
  if (!stamp || !existsSync(path.join(root, 'dist', 'server', 'main.js'))) return true;
  const inputs = ['rules', 'server', 'migrations', 'bench'].map((d) => newest(path.join(root, d)));
  inputs.push(...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => mtime(path.join(root, f))));
  return Math.max(...inputs) > stamp;
}

if (serverStale()) {
  run('npx tsc -p tsconfig.build.json');
  writeFileSync(path.join(root, 'dist', '.build-stamp'), `${new Date().toISOString()}\n`);
}
const uiBuilt = path.join(root, 'admin-ui', 'dist', 'index.html');
if (!existsSync(uiBuilt) || Math.max(newest(path.join(root, 'admin-ui', 'src')), newest(path.join(root, 'rules'))) > statSync(uiBuilt).mtimeMs) run('npm run build:ui');

// The console reports its start-up time from here, build included.
const child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'main.js')], { cwd: root, stdio: 'inherit', env: { ...process.env, MC_STARTED_AT: String(startedAt) } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
