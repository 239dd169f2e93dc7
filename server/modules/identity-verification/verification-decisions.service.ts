import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput, CoreErrors } from '../../core/errors';
import { auditNow, readRepo, transaction } from '../../core/transaction';
import { servicesOf } from '../services';
import type { VerificationReasonCode } from './reason-code.entity';
import type { VerificationCase, VerificationStatus } from './verification-case.entity';
import { applyReviewAction, caseAsRead } from './verification-case-actions';
import { VerificationErrors } from './verification.errors';
import { VERIFICATION_MACHINE, type VerificationAction } from './verification.machine';
import { notifyOutcome } from './verification.notifications';
import { VerificationRepository } from './verification.repository';
import { VerificationDecision, type DecideVerificationInput, type ReasonCodeInput, type ReasonCodeView, type VerificationCaseView } from './verification.types';
import { caseView } from './verification.views';

/**
 * Review decisions (policy 2.2.1): approve (a flagged case then awaits a second approval by an
 * ops_lead who is not the first approver: maker-checker), request resubmission, reject (final),
 * each with managed reason codes; an approval opens the store (through the store machine) and the
 * merchant is told every outcome. Concurrent decisions are settled by `rowVersion` (one wins).
 */
export class VerificationDecisionsService {
  constructor(private readonly app: App) {}

  /**
   * Decides a case the actor holds (or, on a pending second approval, as an ops_lead who is not
   * the first approver). APPROVE on a flagged case asks for the second approval; REJECT (final)
   * and REQUEST_RESUBMISSION need reason codes, the latter only `retry` ones.
   * @throws FORBIDDEN `MAKER_CHECKER` (audited), `SECOND_APPROVAL_LEAD_ONLY`; BAD_USER_INPUT
   * `reasonCodes` (none, unknown), `FINAL_REASON_NOT_RETRY`; CONFLICT `STALE_VERSION`,
   * `INVALID_TRANSITION`, `NOT_CLAIMED` (held by someone else or nobody).
   */
  async decide(ctx: RequestContext, input: DecideVerificationInput): Promise<VerificationCaseView> {
    const actor = actorOf(ctx);
    const codes = [...new Set(input.reasonCodes)];
    let reasons: VerificationReasonCode[] = [];
    if (input.decision !== VerificationDecision.APPROVE) {
      if (!codes.length) throw badInput('give at least one reason code', 'reasonCodes');
      const known = new Map((await readRepo(this.app, VerificationRepository).reasonCodes()).filter((r) => r.active).map((r) => [r.code, r]));
      const unknown = codes.filter((c) => !known.has(c));
      if (unknown.length) throw badInput(`unknown reason codes: ${unknown.join(', ')}`, 'reasonCodes');
      reasons = codes.map((c) => known.get(c)!);
      if (input.decision === VerificationDecision.REQUEST_RESUBMISSION && reasons.some((r) => r.outcome === 'final'))
        throw VerificationErrors.FINAL_REASON_NOT_RETRY(undefined, { fields: [{ field: 'reasonCodes', message: 'a final reason cannot ask for resubmission; reject instead' }] });
    }
    await transaction(ctx, async (tx) => {
      const c = await caseAsRead(tx, input.id, input.version);
      if (c.status === 'pending_second_approval') {
        if (!ctx.ability.can('approve', 'Verification')) throw VerificationErrors.SECOND_APPROVAL_LEAD_ONLY();
        if (c.firstApproverId === actor.accountId) {
          await auditNow(ctx, { action: 'verification.decide', outcome: 'denied', targetType: 'Verification', targetId: c.id, storeId: c.storeId, after: { reason: 'maker_checker' } });
          throw CoreErrors.MAKER_CHECKER('The second approval must come from someone other than the first approver');
        }
      } else if (c.assigneeId !== actor.accountId) {
        // The case's state (who holds it) conflicts with the decision, not the actor's rights.
        throw VerificationErrors.NOT_CLAIMED();
      }
      const action = actionFor(input.decision, c);
      const to: VerificationStatus = action === 'approve' && c.flags.length > 0 ? 'pending_second_approval' : VERIFICATION_MACHINE.targets(action)[0];
      const comment = input.applicantComment ?? null;
      await applyReviewAction(tx, c, action, {
        to,
        set: {
          reasonCodes: codes,
          applicantComment: comment,
          decidedAt: to === 'pending_second_approval' ? null : new Date(),
          firstApproverId: to === 'pending_second_approval' ? actor.accountId : c.firstApproverId,
        },
        reasonCodes: reasons.map((r) => r.code),
        reason: comment,
        note: input.internalNote ?? null,
      });
      if (to === 'approved') await servicesOf(this.app).stores.changeStatus(tx, c.storeId, 'open', 'open', { onlyFrom: ['pending_verification'] });
      await notifyOutcome(tx, c.storeId, to, c.id, reasons, comment);
    });
    return caseView(this.app, ctx, input.id);
  }

  /** The managed rejection reasons, active or not, in display order. */
  reasonCodes(): Promise<ReasonCodeView[]> {
    return readRepo(this.app, VerificationRepository).reasonCodes();
  }

  /** ops_lead: adds or edits a reason code (codes are data, never enums); audited with before and after. */
  upsertReasonCode(ctx: RequestContext, input: ReasonCodeInput): Promise<ReasonCodeView> {
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(VerificationRepository);
      const before = await repo.reasonCode(input.code);
      const saved = await repo.saveReasonCode({ ...before, ...input, outcome: input.outcome as 'retry' | 'final', sortOrder: before?.sortOrder ?? 100 });
      tx.audit({ action: 'verification.reasonCode.upsert', targetType: 'VerificationReasonCode', targetId: input.code, before: before ? { ...before } : null, after: { ...input } });
      return saved;
    });
  }
}

/** The machine action of a decision: an approval of a case awaiting its second approval is `second_approve`. */
function actionFor(decision: VerificationDecision, c: VerificationCase): VerificationAction {
  if (decision === VerificationDecision.REJECT) return 'reject';
  if (decision === VerificationDecision.REQUEST_RESUBMISSION) return 'request_resubmission';
  return c.status === 'pending_second_approval' ? 'second_approve' : 'approve';
}
