import { addCalendarDays, prcDate } from '../../../rules/dates';
import { defineQueue } from '../../core/jobs/jobs';
import { now } from '../../core/clock';
import { failRewardImport, processRewardImport } from './rewards.import';
import { reconcilePayouts } from './rewards.reconciliation';

const IMPORT_RETRIES = 3;

/**
 * Validates and imports one reward CSV (rewards.import.ts); idempotent, so a retry after a crash is
 * safe. After the last retry fails, the import is marked `rejected` (nothing imported), so the UI
 * never polls forever.
 */
export const REWARD_IMPORT_QUEUE = defineQueue<{ importId: string }>(
  'reward-import',
  async (app, data, meta) => {
    try {
      await processRewardImport(app, data.importId);
    } catch (e) {
      if (meta.retryCount < IMPORT_RETRIES) throw e;
      await failRewardImport(app, data.importId);
    }
  },
  { retryLimit: IMPORT_RETRIES },
);

/** Daily at 02:00 Asia/Shanghai (18:00 UTC): reconciles the PRC date that just ended. */
export const PAYOUT_RECONCILIATION_QUEUE = defineQueue<Record<string, never>>('payout-reconciliation', (app) => reconcilePayouts(app, addCalendarDays(prcDate(now(app)), -1)).then(() => undefined), {
  cron: '0 18 * * *',
  retryLimit: 3,
});
