import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../core/logger';
import { AuditRepository } from '../modules/audit/audit.repository';
import { connectDatabase } from './connect';

/**
 * `npm run db:migrate` (connecting applies pending migrations), `npm run db:diff` (prints the DDL
 * a new migration needs to match the entities), `npm run db:revert` (reverts the
 * last one), `npm run audit:verify` (checks the audit log's hash chain; exit code 2 when broken).
 */
async function main(command: string | undefined) {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'silent' ? 'silent' : 'info');
  const db = await connectDatabase(config, log);
  try {
    if (command === 'migrate') {
      console.log('migrations are up to date');
    } else if (command === 'diff') {
      // The DDL that would bring the migrated database to the entities: paste it into a new migration.
      const sql = await db.dataSource.driver.createSchemaBuilder().log();
      console.log(sql.upQueries.length ? sql.upQueries.map((q) => `${q.query};`).join('\n') : '-- entities and migrations agree');
      if (sql.downQueries.length) console.log(`-- down:\n${sql.downQueries.reverse().map((q) => `${q.query};`).join('\n')}`);
    } else if (command === 'revert') {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'audit-verify') {
      const res = await new AuditRepository(db.dataSource).verifyChain();
      console.log(res.ok ? `audit chain intact: ${res.checked} events` : `audit chain BROKEN at chain_seq ${res.firstBrokenSeq} (${res.checked} events checked)`);
      process.exitCode = res.ok ? 0 : 2;
    } else {
      console.error('usage: cli.js migrate | diff | revert | audit-verify');
      process.exitCode = 64;
    }
  } finally {
    await db.close();
  }
}

main(process.argv[2]).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
