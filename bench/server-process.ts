import { fork, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../server/database/embedded';
import path from 'node:path';
import type { CapturedStatement, ChildMessage, ParentMessage } from './server-child';

/** The console running in a child process (see server-child.ts). */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Records the SQL statements the server runs while `fn` runs (one request at a time, please). */
  capture(fn: () => Promise<void>): Promise<CapturedStatement[]>;
  stop(): Promise<void>;
}

function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildMessage) => {
      if (m.type !== type) return;
      cleanup();
      resolve(m as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench server exited (code ${code}) while waiting for "${type}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks dist/bench/server-child.js with `env` (which carries DATABASE_URL and the field keys) and waits until it listens. */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS: extra Node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const execArgv = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(path.join(__dirname, 'server-child.js'), [], { env, execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const send = (m: ParentMessage) => child.send(m);
  const { url } = await nextMessage(child, 'ready');
  return {
    url,
    pid: child.pid!,
    async capture(fn) {
      const on = nextMessage(child, 'capturing');
      send({ type: 'capture', on: true });
      await on;
      await fn();
      const off = nextMessage(child, 'captured');
      send({ type: 'capture', on: false });
      return (await off).statements;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * `--processes N` (N > 1): the console as deployed on one machine, `WEB_CONCURRENCY=N` (node:cluster
 * API workers sharing one port), on the bench database, job workers off. Only the load runs
 * against it; SQL capture needs the single-process server above.
 */
export async function startClusterServer(env: NodeJS.ProcessEnv, processes: number): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'server', 'main.js')], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), WEB_CONCURRENCY: String(processes), SEED_DEMO: 'false', JOB_WORKERS: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`clustered server exited (code ${child.exitCode})`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) throw new Error('clustered server did not become ready in 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
