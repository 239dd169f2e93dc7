import { CoreErrors, notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import { applyAction } from '../../core/state-machine';
import type { Tx } from '../../core/transaction';
import type { VerificationCase, VerificationStatus } from './verification-case.entity';
import { VERIFICATION_MACHINE, type VerificationAction } from './verification.machine';
import { VerificationRepository } from './verification.repository';

/**
 * The case a staff action applies to, as the client read it (`version` = its `rowVersion`).
 * @throws NOT_FOUND when there is no such case; CONFLICT `STALE_VERSION` when it changed since.
 */
export async function caseAsRead(tx: Tx, id: string, version: number): Promise<VerificationCase> {
  const c = isId(id) ? await tx.repo(VerificationRepository).findCase(id) : null;
  if (!c) throw notFound('Verification case');
  if (c.rowVersion !== version) throw CoreErrors.STALE_VERSION();
  return c;
}

/**
 * Applies a staff action (claim, assign, release, a decision) to the case through the
 * verification machine: one guarded UPDATE (of two concurrent actions exactly one wins), the
 * history row with the decision's reason codes, `reason` (the applicant comment, shown to the
 * merchant) and `note` (internal), and the audit event `verification.<action>` with the status and
 * holder before and after. `c` is updated in place.
 * @throws CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`
 */
export function applyReviewAction(
  tx: Tx,
  c: VerificationCase,
  action: VerificationAction,
  opts: { to?: VerificationStatus; set: Partial<VerificationCase>; reasonCodes?: string[]; reason?: string | null; note?: string | null },
): Promise<void> {
  const to = opts.to ?? VERIFICATION_MACHINE.targets(action)[0];
  const reasonCodes = opts.reasonCodes ?? [];
  return applyAction(tx, VERIFICATION_MACHINE, c, action, {
    to,
    set: opts.set,
    reason: opts.reason,
    note: opts.note,
    history: { reasonCodes },
    storeId: c.storeId,
    audit: {
      before: { status: c.status, assigneeId: c.assigneeId },
      after: { status: to, assigneeId: 'assigneeId' in opts.set ? opts.set.assigneeId : c.assigneeId, reasonCodes },
    },
  });
}
