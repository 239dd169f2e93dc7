import type { ChipColor, StatusStyle } from '../components';

const COLORS: Record<string, ChipColor> = {
  proposed: 'warning',
  pending_second_approval: 'warning',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};
const PAYOUT_COLORS: Record<string, ChipColor> = { held: 'warning', queued: 'info', sending: 'info', succeeded: 'success', failed: 'error', cancelled: 'default' };
const IMPORT_COLORS: Record<string, ChipColor> = { validating: 'info', rejected: 'error', imported: 'success' };

/** A reward's, a payout's and an import's status as a chip (components/StatusChip). */
export const REWARD_STATUS: StatusStyle = { labels: 'mc.rewards.status', colors: COLORS, testId: (s) => `status-${s}` };
export const PAYOUT_STATUS: StatusStyle = { labels: 'mc.rewards.payout_status', colors: PAYOUT_COLORS, testId: (s) => `payout-status-${s}` };
export const IMPORT_STATUS: StatusStyle = { labels: 'mc.rewards.import_status', colors: IMPORT_COLORS, testId: (s) => `import-status-${s}` };
