// `npm start`: builds what is missing or stale (server with tsc --incremental, the admin UI when its
// sources changed), then runs the console. Set-up stays one command for a newcomer.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

run('npx tsc -p tsconfig.build.json');
const uiBuilt = path.join(root, 'admin-ui', 'dist', 'index.html');
if (!existsSync(uiBuilt) || newest(path.join(root, 'admin-ui', 'src')) > statSync(uiBuilt).mtimeMs) run('npm run build:ui');

const child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'main.js')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
