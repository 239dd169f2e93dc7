import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { actorOf, type RequestContext } from '../../core/context';
import { prcDate } from '../../../rules/dates';
import { badInput, CoreErrors, notFound, fieldRefusal } from '../../core/errors';
import { isId, isUuid } from '../../core/ids';
import type { Page, PageRequest } from '../../core/pagination';
import { applyAction } from '../../core/state-machine';
import { readRepo, transaction, type Tx } from '../../core/transaction';
import { loadWorkingDayCalendar } from '../../core/working-days';
import { FilesRepository } from '../files/files.repository';
import { servicesOf } from '../services';
import { PenaltyErrors } from './penalties.errors';
import { APPEAL_MACHINE } from './penalties.machine';
import { PenaltiesRepository } from './penalties.repository';
import type { DecidePenaltyAppealInput, PenaltyAppealFilter, PenaltyAppealView, SubmitPenaltyAppealInput } from './penalties.types';
import { PenaltyAppealsRepository } from './penalty-appeals.repository';
import type { PenaltyAppeal } from './penalty-appeal.entity';
import { checkFilter, fileView } from './penalty-views';

/** Staff answer an appeal within 15 working days (policy 6.5). */
export const APPEAL_RESPONSE_WORKING_DAYS = 15;

/** Appeals (申诉) of issued penalties: submitted by the store, decided by a lead (policy 6.5). */
export class PenaltyAppealsService {
  constructor(private readonly app: App) {}

  private get read() {
    return readRepo(this.app, PenaltyAppealsRepository);
  }

  private async appealViews(rows: PenaltyAppeal[]): Promise<PenaltyAppealView[]> {
    const files = await readRepo(this.app, FilesRepository).attachedTo(
      'appeal_proof',
      rows.map((a) => a.id),
    );
    return rows.map((a) => ({
      id: a.id,
      penaltyId: a.penaltyId,
      storeId: a.storeId,
      reason: a.reason,
      status: a.status,
      submittedAt: a.submittedAt,
      respondBy: a.respondBy,
      decidedAt: a.decidedAt ?? undefined,
      decisionReason: a.decisionReason ?? undefined,
      proofs: files.filter((f) => f.attachedId === a.id).map(fileView),
      version: a.rowVersion,
    }));
  }

  async listAppeals(ctx: RequestContext, filter: PenaltyAppealFilter = {}, page: PageRequest): Promise<Page<PenaltyAppealView>> {
    checkFilter({ ...filter });
    const res = await this.read.listAppeals(ctx.ability, filter, page);
    return { ...res, items: await this.appealViews(res.items) };
  }

  /** @throws NOT_FOUND when it does not exist or the actor may not read it. */
  async getAppeal(ctx: RequestContext, id: string): Promise<PenaltyAppealView> {
    const a = isId(id) ? await this.read.findAppeal(ctx.ability, id) : null;
    if (!a) throw notFound('Appeal');
    return (await this.appealViews([a]))[0];
  }

  /** Whether an appeal of the penalty is pending, in the caller's transaction. */
  hasPending(tx: Tx, penaltyId: string): Promise<boolean> {
    return tx.repo(PenaltyAppealsRepository).hasPending(penaltyId);
  }

  /**
   * Appeals an issued penalty of the actor's store, within the appeal window (PRC working days
   * after issue) and the per-penalty limit; one pending appeal at a time (the penalty row is
   * locked). The answer is due 15 working days after receipt (policy 6.5).
   * @throws NOT_FOUND for another store's penalty; CONFLICT `APPEAL_WINDOW_CLOSED`,
   *   `APPEAL_LIMIT_REACHED`, `APPEAL_PENDING`, `INVALID_TRANSITION` (not issued); BAD_USER_INPUT
   *   `FILE_NOT_CLAIMABLE` for a proof that is not the actor's unused upload.
   */
  async submitAppeal(ctx: RequestContext, input: SubmitPenaltyAppealInput): Promise<PenaltyAppealView> {
    const actor = actorOf(ctx);
    const at = now(this.app);
    const today = prcDate(at);
    const max = this.app.config.penalties.maxAppeals;
    const id = await transaction(ctx, async (tx) => {
      const penalties = tx.repo(PenaltiesRepository);
      const visible = isId(input.penaltyId) ? await penalties.findVisible(ctx.ability, input.penaltyId) : null;
      if (!visible || !ctx.ability.can('create', { __caslSubjectType__: 'PenaltyAppeal', storeId: visible.storeId } as never)) throw notFound('Penalty');
      const p = (await penalties.lockPenalty(visible.id))!;
      if (p.status !== 'issued') throw CoreErrors.INVALID_TRANSITION(`cannot appeal a penalty that is ${p.status}`);
      if (!p.appealDeadline || today > p.appealDeadline) throw PenaltyErrors.APPEAL_WINDOW_CLOSED(`the appeal window closed on ${p.appealDeadline}`);
      if (p.appealCount >= max) throw PenaltyErrors.APPEAL_LIMIT_REACHED(`at most ${max} appeals per penalty`);
      if (await this.hasPending(tx, p.id)) throw PenaltyErrors.APPEAL_PENDING('an appeal of this penalty is already pending');
      const proofIds = [...new Set(input.proofFileIds)];
      if (proofIds.some((f) => !isUuid(f))) throw badInput('unknown file', 'input.proofFileIds');
      const files = tx.repo(FilesRepository);
      if ((await files.claimable(proofIds, actor.accountId, 'appeal_proof')).length !== proofIds.length)
        throw fieldRefusal(PenaltyErrors.FILE_NOT_CLAIMABLE, 'input.proofFileIds', 'each file must be a proof you uploaded and not used elsewhere');
      const calendar = await loadWorkingDayCalendar(tx.em);
      const a = await tx.repo(PenaltyAppealsRepository).insert({
        penaltyId: p.id,
        storeId: p.storeId,
        reason: input.reason,
        status: 'pending',
        submittedBy: actor.accountId,
        submittedAt: at,
        respondBy: calendar.addWorkingDays(today, APPEAL_RESPONSE_WORKING_DAYS),
      });
      if (proofIds.length) await files.attach('appeal_proof', a.id, proofIds);
      await penalties.countAppeal(p.id);
      await penalties.appendHistory({ penaltyId: p.id, appealId: a.id, subject: 'appeal', action: 'submit', toStatus: 'pending', actorAccountId: actor.accountId, actorKind: actor.kind });
      tx.audit({ action: 'penaltyAppeal.submit', targetType: 'PenaltyAppeal', targetId: a.id, storeId: p.storeId, after: { penaltyId: p.id, proofs: proofIds.length, respondBy: a.respondBy } });
      return a.id;
    });
    return this.getAppeal(ctx, id);
  }

  /**
   * Decides a pending appeal (ops_lead): `uphold` keeps the penalty; `revoke` revokes it (lifts the
   * sanction, withdraws the notice). The merchant is told. Concurrent decisions: one wins, the
   * other gets CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`.
   */
  async decideAppeal(ctx: RequestContext, input: DecidePenaltyAppealInput): Promise<PenaltyAppealView> {
    const actor = actorOf(ctx);
    const at = now(this.app);
    const id = await transaction(ctx, async (tx) => {
      const a = isId(input.id) ? await tx.repo(PenaltyAppealsRepository).lockAppeal(input.id) : null;
      if (!a) throw notFound('Appeal');
      const p = (await tx.repo(PenaltiesRepository).lockPenalty(a.penaltyId))!;
      const action = input.decision === 'revoke' ? 'revoke' : 'uphold';
      await applyAction(tx, APPEAL_MACHINE, a, action, {
        expectedVersion: input.version,
        set: { decidedBy: actor.accountId, decidedAt: at, decisionReason: input.reason },
        reason: input.reason,
        storeId: a.storeId,
        history: { penaltyId: p.id, subject: 'appeal' },
      });
      const penalties = servicesOf(this.app).penalties;
      if (action === 'revoke') await penalties.revokeLocked(tx, p, p.rowVersion, input.reason, a.id);
      await penalties.notifyDecision(tx, p, action === 'revoke' ? 'revoked' : 'upheld', input.reason);
      return a.id;
    });
    return this.getAppeal(ctx, id);
  }
}
