import { createServer, type Server } from 'node:http';
import type { DestinationStream } from 'pino';
import path from 'node:path';
import type { AppConfig } from './config';
import type { App } from './core/app';
import { LocalOutbox } from './core/channels';
import { SandboxPayoutProvider } from './core/payout-provider';
import { ChangeFeed } from './core/change-feed';
import { FieldCipher } from './core/crypto/field-cipher';
import { Jobs } from './core/jobs/jobs';
import { createLogger } from './core/logger';
import { LocalEncryptedStorage } from './core/storage';
import { connectDatabase, type Database } from './database/connect';
import { createHttpApp } from './graphql/http';
import { checkpointsOf } from './modules/audit/audit.service';
import { MODULES } from './modules';
import { buildServices } from './modules/services';

export interface RunningConsole {
  app: App;
  db: Database;
  url: string;
  outbox: LocalOutbox;
  close(): Promise<void>;
}

/**
 * Composition root shared by `npm start`, the bench and the tests:
 * config -> database (embedded or DATABASE_URL) -> migrations -> jobs -> HTTP server.
 */
/**
 * `opts.starting`: the console listens but stays not ready (`app.starting`, 503 on `/readyz` and
 * the API) until the caller clears `app.starting` after its own preparation (demo seeding).
 */
export async function startConsole(
  config: AppConfig,
  opts: { listen?: boolean; jobPollingSeconds?: number; poolSize?: number; logDestination?: DestinationStream; starting?: boolean } = {},
): Promise<RunningConsole> {
  const log = createLogger(config.logLevel, opts.logDestination);
  const db = await connectDatabase(config, log, { poolSize: opts.poolSize });
  const cipher = new FieldCipher(config.fieldKeys, config.fieldKeyActive, config.blindIndexKey);
  const outbox = new LocalOutbox(path.join(config.dataDir, 'outbox'));
  const changes = await ChangeFeed.start(db.url, log);
  // eslint-disable-next-line prefer-const
  let app: App;
  const jobs = await Jobs.start(db.url, log, { workers: config.jobWorkers, pollingIntervalSeconds: opts.jobPollingSeconds }, () => app);
  app = {
    config,
    dataSource: db.dataSource,
    cipher,
    storage: new LocalEncryptedStorage(path.join(config.dataDir, 'files'), cipher),
    jobs,
    channels: outbox,
    payouts: new SandboxPayoutProvider(path.join(config.dataDir, 'payout-sandbox')),
    changes,
    log,
    starting: opts.starting ?? false,
  };
  buildServices(app, MODULES);
  // First start (or first after keying the chain): anchor the head at once, pinning which rows may be unkeyed.
  const checkpoints = checkpointsOf(app);
  if (!(await checkpoints.list()).anchors.length) await checkpoints.verifyAndAnchor(app.dataSource, config.auditChainKey, { anchor: true });
  let server: Server | undefined;
  let url = '';
  const { express, apollo } = await createHttpApp(app);
  if (opts.listen !== false) {
    await new Promise<void>((resolve, reject) => {
      // Slow or stalled clients are cut off (headers, then the whole request); bodies have their own,
      // tighter deadlines (graphql/body-limits.ts). Node checks these every connectionsCheckingInterval.
      const { headersTimeoutMs, requestTimeoutMs } = config.http;
      server = createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000 }, express);
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is in use: set PORT to a free port (e.g. PORT=4010)` : err.message);
    });
    const addr = server!.address() as { port: number };
    url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${addr.port}`;
    config.publicUrl ||= url;
  }
  return {
    app,
    db,
    url,
    outbox,
    async close() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await apollo.stop();
      await jobs.stop();
      await changes.stop();
      await db.close();
    },
  };
}
