import { defineQueue } from '../../core/jobs/jobs';
import { servicesOf } from '../services';

/**
 * Every five minutes: disputes past their answer deadline move on (a full refund proposed), those
 * due by the next working day get their reminder, expired disclosure links close. Each step locks
 * and re-checks its row, so overlapping runs act once.
 */
export const DISPUTE_DEADLINE_QUEUE = defineQueue<Record<string, never>>(
  'dispute-deadlines',
  async (app) => {
    await servicesOf(app).disputes.sweepDeadlines();
    await servicesOf(app).disputeDisclosures.closeExpired();
  },
  { cron: '*/5 * * * *', retryLimit: 2 },
);
