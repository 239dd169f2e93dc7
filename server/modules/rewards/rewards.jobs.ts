import { defineQueue } from '../../core/jobs/jobs';
import { runPayout, sweepPayouts } from './rewards.payouts';

/** Sends one payout (settling a lost answer by a status query first). Retried by pg-boss on a timeout or a crash. */
export const PAYOUT_QUEUE = defineQueue<{ payoutId: string }>('reward-payout', (app, data) => runPayout(app, data.payoutId), { retryLimit: 10 });

/** Every minute: releases payouts whose hold cleared, and re-sends payouts whose job or worker was lost. */
export const PAYOUT_SWEEP_QUEUE = defineQueue<Record<string, never>>('reward-payout-sweep', (app) => sweepPayouts(app).then(() => undefined), { cron: '* * * * *', retryLimit: 2 });
