import { addCalendarDays, prcDate } from '../../../rules/dates';
import { defineQueue } from '../../core/jobs/jobs';
import { now } from '../../core/clock';
import { processRewardImport } from './rewards.import';
import { reconcilePayouts } from './rewards.reconciliation';

/** Validates and imports one reward CSV (rewards.import.ts); idempotent, so a retry after a crash is safe. */
export const REWARD_IMPORT_QUEUE = defineQueue<{ importId: string }>('reward-import', (app, data) => processRewardImport(app, data.importId), { retryLimit: 3 });

/** Daily at 02:00 Asia/Shanghai (18:00 UTC): reconciles the PRC date that just ended. */
export const PAYOUT_RECONCILIATION_QUEUE = defineQueue<Record<string, never>>('payout-reconciliation', (app) => reconcilePayouts(app, addCalendarDays(prcDate(now(app)), -1)).then(() => undefined), {
  cron: '0 18 * * *',
  retryLimit: 3,
});
