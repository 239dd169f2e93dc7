import { defineQueue } from '../../core/jobs/jobs';
import { checkpointsOf } from './audit.service';

/**
 * Every 5 minutes (pg-boss cron, one run across replicas): verify the chain and anchor its head
 * outside the database. A broken chain is logged as an error and not anchored.
 */
export const AUDIT_CHECKPOINT_QUEUE = defineQueue<Record<string, never>>(
  'audit-checkpoint',
  async (app) => {
    const res = await checkpointsOf(app).verifyAndAnchor(app.dataSource, app.config.auditChainKey, { anchor: true });
    if (!res.ok) app.log.error({ firstBrokenSeq: res.firstBrokenSeq, reason: res.reason }, 'audit chain broken: not anchored');
  },
  { cron: '*/5 * * * *', retryLimit: 0 },
);
