/**
 * The console under test, in its own process so that the load generator (autocannon, in the
 * parent) does not share its event loop. Started by server-process.ts with the bench's
 * environment; talks to the parent over IPC:
 *   child -> parent  { type: 'ready', url }
 *   parent -> child  { type: 'capture', on: true }   start recording SQL statements (acknowledged)
 *   parent -> child  { type: 'capture', on: false }  stop; answers { type: 'captured', statements }
 *   parent -> child  { type: 'stop' }                close the console and exit
 * Recording wraps TypeORM's logger (every statement the query runners send goes through
 * `logQuery`), so it sees exactly the SQL and parameters the API runs; off, it costs one branch.
 */
import 'reflect-metadata';
import type { Logger } from 'typeorm';
import { startConsole } from '../server/bootstrap';
import { loadConfig } from '../server/config';

/** One SQL statement as the API sent it. */
export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

export type ParentMessage = { type: 'capture'; on: boolean } | { type: 'stop' };
export type ChildMessage = { type: 'ready'; url: string } | { type: 'capturing' } | { type: 'captured'; statements: CapturedStatement[] };

async function main(): Promise<void> {
  const running = await startConsole(loadConfig(process.env));
  const ds = running.app.dataSource;
  const inner: Logger = ds.logger;
  let recording: CapturedStatement[] | undefined;
  const capturing: Logger = Object.assign(Object.create(inner) as Logger, {
    logQuery(query: string, parameters?: unknown[], queryRunner?: unknown) {
      recording?.push({ sql: query, params: parameters ?? [] });
      return inner.logQuery(query, parameters, queryRunner as never);
    },
  });
  Object.defineProperty(ds, 'logger', { value: capturing, writable: true, configurable: true });

  const send = (m: ChildMessage) => process.send!(m);
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'capture' && m.on) {
      recording = [];
      send({ type: 'capturing' });
    } else if (m.type === 'capture') {
      send({ type: 'captured', statements: recording ?? [] });
      recording = undefined;
    } else if (m.type === 'stop') {
      running.close().then(
        () => process.exit(0),
        (e) => {
          console.error('bench server failed to stop:', e);
          process.exit(1);
        },
      );
    }
  });
  send({ type: 'ready', url: running.url });
}

main().catch((e) => {
  console.error('bench server failed to start:', e);
  process.exit(1);
});
