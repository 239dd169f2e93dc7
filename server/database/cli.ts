import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config';
import { createLogger } from '../core/logger';
import { AuditCheckpoints } from '../core/audit/checkpoints';
import { connectDatabase } from './connect';
import { createDataSource } from './data-source';

/**
 * `npm run db:migrate` (connecting applies pending migrations), `npm run db:diff` (prints the DDL
 * a new migration needs to match the entities), `npm run db:revert` (reverts the
 * last one), `npm run audit:verify` (checks the audit log's hash chain; exit code 2 when broken).
 */
/**
 * `npm run audit:verify`: verifies the chain with AUDIT_CHAIN_KEY against the signed checkpoints,
 * anchors the head when intact, and prints the outcome and the last good anchor.
 * @returns the exit code: 0 intact, 2 broken (altered, removed or truncated below an anchor).
 */
export async function auditVerify(ds: DataSource, config: AppConfig, print: (line: string) => void): Promise<number> {
  const checkpoints = new AuditCheckpoints(config.auditCheckpointDir, config.auditChainKey);
  const res = await checkpoints.verifyAndAnchor(ds, config.auditChainKey, { anchor: true });
  print(res.ok ? `audit chain intact: ${res.checked} events` : `audit chain BROKEN at chain_seq ${res.firstBrokenSeq}: ${res.reason} (${res.checked} events checked)`);
  const a = res.lastGoodAnchor;
  print(a ? `last good anchor: chain_seq ${a.seq} hash ${a.hash} at ${a.at}` : 'last good anchor: none');
  if (res.written) print(`anchored chain_seq ${res.written.seq} in ${checkpoints.dir}`);
  for (const f of res.rejectedFiles) print(`ignored checkpoint with a bad signature: ${f}`);
  return res.ok ? 0 : 2;
}

async function main(command: string | undefined) {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'silent' ? 'silent' : 'info');
  const db = await connectDatabase(config, log);
  // Schema work is the owner's; the serving pool (db.dataSource) may not change or fully inspect it.
  const owner = createDataSource(db.ownerUrl, { poolSize: 1, applicationName: 'merchant-console-migrate' });
  await owner.initialize();
  try {
    if (command === 'migrate') {
      console.log('migrations are up to date');
    } else if (command === 'diff') {
      // The DDL that would bring the migrated database to the entities: paste it into a new migration.
      const sql = await owner.driver.createSchemaBuilder().log();
      console.log(sql.upQueries.length ? sql.upQueries.map((q) => `${q.query};`).join('\n') : '-- entities and migrations agree');
      if (sql.downQueries.length)
        console.log(
          `-- down:\n${sql.downQueries
            .reverse()
            .map((q) => `${q.query};`)
            .join('\n')}`,
        );
    } else if (command === 'revert') {
      await owner.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'audit-verify') {
      process.exitCode = await auditVerify(db.dataSource, config, console.log);
    } else {
      console.error('usage: cli.js migrate | diff | revert | audit-verify');
      process.exitCode = 64;
    }
  } finally {
    await owner.destroy();
    await db.close();
  }
}

if (require.main === module) {
  main(process.argv[2]).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
