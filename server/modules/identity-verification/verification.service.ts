import { target } from '../../core/abilities';
import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { maskAddress, maskIdNumber, maskMobile, maskName } from '../../core/crypto/masking';
import { prcDate } from '../../../rules/dates';
import { ageOn, checkIdDocument, checkUscc, normaliseMobile, normalisePhone, type IdDocType } from '../../../rules/identity/documents';
import { parseResidentId } from '../../../rules/identity/resident-id';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../core/errors';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, transaction, type Tx } from '../../core/transaction';
import { servicesOf } from '../services';
import { notify } from '../notifications/notifications.service';
import { VerificationReasonCode } from './reason-code.entity';
import { VerificationCase, type VerificationFlag, type VerificationStatus } from './verification-case.entity';
import { canTransition, storedStatuses, TRANSITIONS, visibleStatus, type VerificationAction } from './verification.lifecycle';
import { VerificationRepository } from './verification.repository';
import { VerificationSubmission } from './verification-submission.entity';
import {
  VerificationDecision,
  type DecideVerificationInput,
  type MaskedSubmission,
  type ReasonCodeInput,
  type ReasonCodeView,
  type SubmitVerificationInput,
  type VerificationCaseView,
  type VerificationQueueFilter,
  type VerificationQueueItem,
} from './verification.types';
import { isId } from '../../core/ids';

/** SLA age in hours (one decimal): from submission to the decision, or to now while undecided. */
const ageHours = (submitted: Date, decided: Date | null) => Math.round((((decided ?? new Date()).getTime() - submitted.getTime()) / 3_600_000) * 10) / 10;

/** Notification texts per outcome (policy 2.4: identity verification results). */
const OUTCOME_TEXT: Partial<Record<VerificationStatus, { zh: string; en: string; bodyZh: string; bodyEn: string }>> = {
  submitted: { zh: '实名认证资料已提交', en: 'Identity verification submitted', bodyZh: '我们已收到您的开店资料，将尽快审核。', bodyEn: 'We received your store-opening details and will review them shortly.' },
  approved: { zh: '实名认证已通过', en: 'Identity verification approved', bodyZh: '您的店铺已开通。', bodyEn: 'Your store is now open.' },
  resubmission_requested: { zh: '实名认证需补充修改', en: 'Identity verification: please fix and resubmit', bodyZh: '请根据驳回原因修改后重新提交。', bodyEn: 'Please fix the points below and resubmit.' },
  rejected: { zh: '实名认证未通过', en: 'Identity verification rejected', bodyZh: '您的开店申请未通过审核。', bodyEn: 'Your store-opening application was rejected.' },
};

/**
 * Identity verification before a store opens (policy 2.2.1, 2.2.2, 5.1.2, 7).
 * Merchants submit; reviewers claim and decide; flagged cases need a second approval by an
 * ops_lead who is not the first approver; every step is a transition with history, audit and a
 * notification; concurrent decisions are settled by `rowVersion` (the loser gets CONFLICT).
 */
export class VerificationService {
  readonly repo: VerificationRepository;
  constructor(private readonly app: App) {
    this.repo = new VerificationRepository(app.dataSource);
  }

  // ---------- merchant side ----------

  /**
   * Submits (or resubmits) the actor's store-opening details. Resubmitting voids a pending approval
   * and puts the case back in the queue. @throws BAD_USER_INPUT naming each wrong field (check
   * digits, formats, under-14 without guardian consent, foreign uploads); CONFLICT when the case
   * is approved or finally rejected.
   */
  async submit(ctx: RequestContext, input: SubmitVerificationInput): Promise<VerificationCaseView> {
    const actor = actorOf(ctx);
    const storeId = actor.storeId;
    if (!storeId || !ctx.ability.can('create', target('Verification', { storeId }))) throw forbidden();
    const today = prcDate();
    const problems: FieldProblem[] = [];
    const doc = checkIdDocument(input.idDocType as IdDocType, input.idNumber);
    if (!doc.ok) problems.push({ field: 'idNumber', message: doc.message });
    const birthDate = doc.ok && doc.birthDate ? doc.birthDate : input.birthDate;
    if (!birthDate && input.idDocType !== 'resident_id') problems.push({ field: 'birthDate', message: 'birthDate is required for this document type' });
    else if (birthDate && birthDate > today) problems.push({ field: 'birthDate', message: 'birthDate is in the future' });
    const age = birthDate ? ageOn(birthDate, today) : 99;
    const mobiles = { contactMobile: normaliseMobile(input.contactMobile), returnMobile: normaliseMobile(input.returnMobile) };
    for (const [field, v] of Object.entries(mobiles)) if (!v) problems.push({ field, message: 'must be a mainland China mobile number' });
    const csPhone = normalisePhone(input.csPhone);
    if (!csPhone) problems.push({ field: 'csPhone', message: 'must be a mobile, a landline with area code, or a 400/800 number' });
    if (!input.thirdPartyConsent) problems.push({ field: 'thirdPartyConsent', message: 'confirm you have the consent of every person whose data you enter (2.2.2)' });
    let uscc: string | null = null;
    if (input.subjectType === 'enterprise') {
      for (const f of ['companyName', 'uscc', 'legalRepName', 'licenceKey'] as const) if (!input[f]) problems.push({ field: f, message: `${f} is required for an enterprise` });
      if (input.uscc) {
        const u = checkUscc(input.uscc);
        if (u.ok) uscc = u.code;
        else problems.push({ field: 'uscc', message: u.message });
      }
    }
    let guardianId: string | null = null;
    if (age < 14) {
      if (!input.guardian) problems.push({ field: 'guardian', message: 'the holder is under 14: a guardian-consent record is required (MINOR_NO_GUARDIAN, clause 7)' });
      else {
        const g = parseResidentId(input.guardian.idNumber);
        if (!g.ok) problems.push({ field: 'guardian.idNumber', message: 'not a valid resident ID number' });
        else if (ageOn(g.birthDate, today) < 18) problems.push({ field: 'guardian.idNumber', message: 'the guardian must be an adult' });
        else guardianId = g.id;
      }
    }
    if (input.trademarkIdNumber && !input.trademarkName) problems.push({ field: 'trademarkName', message: 'give the trademark registrant name with its ID' });
    if (problems.length) throw badInput(problems);

    const number = (doc as { number: string }).number;
    const idHash = this.app.cipher.blindIndex('id_number', number);
    const enc = (v: string) => this.app.cipher.encrypt(v.trim());
    const encOpt = (v: string | undefined | null) => (v ? enc(v) : null);

    return transaction(ctx, async (tx) => {
      await servicesOf(this.app).files.assertOwned(
        tx.em,
        [
          { field: 'idFrontKey', key: input.idFrontKey },
          { field: 'idBackKey', key: input.idBackKey },
          { field: 'handheldKey', key: input.handheldKey },
          { field: 'licenceKey', key: input.licenceKey ?? '' },
          { field: 'guardian.consentKey', key: input.guardian?.consentKey ?? '' },
        ],
        { storeId, accountId: actor.accountId },
      );
      const existing = await this.repo.findCaseByStore(tx.em, storeId, true);
      const action: VerificationAction = existing ? 'resubmit' : 'submit';
      if (!canTransition(action, existing?.status ?? null)) throw conflict(`The verification is ${existing!.status} and cannot be changed`);
      // Check-then-act across stores: two stores submitting one ID number at the same moment must
      // not both pass unflagged. The ID number's lock serialises the check; the later submission is
      // flagged and so are the other stores' undecided cases (both need the second approval).
      await tx.lock(`verification-id:${idHash}`);
      const flags: VerificationFlag[] = [];
      if (await this.repo.idUsedByAnotherStore(tx.em, idHash, storeId)) {
        flags.push('duplicate_id');
        for (const other of await this.repo.flagDuplicatesOf(tx.em, idHash, storeId)) {
          tx.audit({ action: 'verification.flag', targetType: 'Verification', targetId: String(other.id), storeId: String(other.store_id), after: { added: 'duplicate_id', byStoreId: storeId } });
        }
      }
      if (age < 14) flags.push('minor_under_14');
      if (age < 18) flags.push('minor_under_18');
      if (input.idValidUntil && input.idValidUntil < today) flags.push('id_expired');
      if (input.subjectType === 'enterprise' && input.legalRepName && input.legalRepName.trim() !== input.realName.trim()) flags.push('name_mismatch');

      const c =
        existing ??
        (await tx.em.getRepository(VerificationCase).save({ storeId, status: 'submitted', subjectType: input.subjectType as 'individual' | 'enterprise', submittedAt: new Date() }));
      const sub = await tx.em.getRepository(VerificationSubmission).save({
        caseId: c.id,
        storeId,
        submittedBy: actor.accountId,
        subjectType: input.subjectType as 'individual' | 'enterprise',
        realNameEnc: enc(input.realName),
        idDocType: input.idDocType as IdDocType,
        idNumberEnc: enc(number),
        idNumberHash: idHash,
        birthDate: birthDate!,
        idValidUntil: input.idValidUntil ?? null,
        idFrontKey: input.idFrontKey,
        idBackKey: input.idBackKey,
        handheldKey: input.handheldKey,
        companyName: input.companyName ?? null,
        uscc,
        legalRepNameEnc: encOpt(input.legalRepName),
        licenceKey: input.licenceKey ?? null,
        contactNameEnc: enc(input.contactName),
        contactMobileEnc: enc(mobiles.contactMobile!),
        contactAddressEnc: enc(input.contactAddress),
        csPhoneEnc: enc(csPhone!),
        returnNameEnc: enc(input.returnName),
        returnMobileEnc: enc(mobiles.returnMobile!),
        returnAddressEnc: enc(input.returnAddress),
        trademarkNameEnc: encOpt(input.trademarkName),
        trademarkIdEnc: encOpt(input.trademarkIdNumber),
        thirdPartyConsent: true,
        guardianNameEnc: age < 14 ? encOpt(input.guardian?.name) : null,
        guardianRelation: age < 14 ? (input.guardian?.relation ?? null) : null,
        guardianIdEnc: age < 14 && guardianId ? enc(guardianId) : null,
        guardianConsentKey: age < 14 ? (input.guardian?.consentKey ?? null) : null,
        flags,
      });
      const changes: Partial<VerificationCase> = {
        status: 'submitted',
        subjectType: input.subjectType as 'individual' | 'enterprise',
        flags,
        submissionId: sub.id,
        submissionCount: (existing?.submissionCount ?? 0) + 1,
        submittedAt: new Date(),
        assigneeId: null,
        assignedAt: null,
        firstApproverId: null,
        reasonCodes: [],
        applicantComment: null,
      };
      if (!(await this.repo.updateIfVersion(tx.em, c.id, c.rowVersion, changes))) throw conflict('The case changed meanwhile; reload and try again');
      await this.record(tx, c, action, 'submitted', {
        note: existing?.status === 'pending_second_approval' ? 'pending approval voided by a new submission' : null,
      });
      tx.audit({
        action: `verification.${action}`,
        targetType: 'Verification',
        targetId: c.id,
        storeId,
        after: { subjectType: input.subjectType, realName: maskName(input.realName), idNumber: maskIdNumber(number), flags },
      });
      await this.notifyOutcome(tx, storeId, 'submitted', c.id);
      return c.id;
    }).then((id) => this.view(ctx, id));
  }

  /** The actor's own store case, or null before the first submission. */
  async mine(ctx: RequestContext): Promise<VerificationCaseView | null> {
    const storeId = actorOf(ctx).storeId;
    if (!storeId) return null;
    if (!ctx.ability.can('read', target('Verification', { storeId }))) throw forbidden();
    const c = await this.repo.findCaseByStore(this.app.dataSource.manager, storeId);
    return c ? this.view(ctx, c) : null;
  }

  // ---------- operations side ----------

  /**
   * The review queue (oldest first). Searching by ID number uses the keyed hash and needs the
   * look-up permission. @throws FORBIDDEN for an ID-number search without it.
   */
  /**
   * The queue (staff; a store owner gets only its own case, by the row rule).
   * Review internals (flags, who holds the case) are staff-only, as on the case page: a merchant's
   * items carry no flags and no holder, and filtering by them is refused, since which filter finds
   * one's own case would tell its flags.
   * @throws FORBIDDEN when a merchant filters by flags or holder.
   */
  async queue(ctx: RequestContext, filter: VerificationQueueFilter = {}, page: PageRequest): Promise<Page<VerificationQueueItem>> {
    const staff = this.seesReviewInternals(ctx, filter);
    const idNumberHash = await this.idNumberFilter(ctx, filter);
    const res = await this.repo.queue(ctx.ability, { ...this.storedFilter(filter, staff), idNumberHash }, page);
    return mapPage(res, (r) => ({
      id: String(r.id),
      storeId: String(r.store_id),
      storeName: r.store_name,
      nickname: r.nickname,
      subjectType: r.subject_type,
      status: visibleStatus(r.status as VerificationStatus, staff),
      flags: staff ? r.flags : [],
      submittedAt: r.submitted_at,
      ageHours: ageHours(r.submitted_at, r.decided_at),
      assignee: staff && r.assignee_id ? { id: String(r.assignee_id), displayName: r.assignee_name ?? '' } : undefined,
      rowVersion: r.row_version,
    }));
  }

  /** Status counts under the queue's filter. @throws FORBIDDEN when a merchant filters by flags or holder. */
  async statusCounts(ctx: RequestContext, filter: VerificationQueueFilter = {}) {
    const staff = this.seesReviewInternals(ctx, filter);
    const idNumberHash = await this.idNumberFilter(ctx, filter);
    const counts = await this.repo.statusCounts(ctx.ability, { ...this.storedFilter(filter, staff), idNumberHash });
    if (staff) return counts;
    // Statuses as the merchant sees them: hidden ones are counted under the status they show as.
    const shown = new Map<string, { status: string; count: number; exact: boolean }>();
    for (const c of counts) {
      const status = visibleStatus(c.status as VerificationStatus, false);
      const s = shown.get(status) ?? { status, count: 0, exact: true };
      shown.set(status, { status, count: s.count + c.count, exact: s.exact && c.exact });
    }
    return [...shown.values()];
  }

  /**
   * Whether the actor sees review internals (staff); refuses a non-staff filter on them: flags,
   * holder, and statuses a merchant is never shown (which filter finds one's case would tell).
   */
  private seesReviewInternals(ctx: RequestContext, filter: VerificationQueueFilter): boolean {
    const staff = ctx.actor?.kind === 'staff';
    const hiddenStatus = filter.statuses?.some((s) => visibleStatus(s as VerificationStatus, false) !== s);
    if (!staff && (filter.flags?.length || filter.flagged !== undefined || filter.assigneeId || filter.unassigned || hiddenStatus)) {
      throw forbidden('Only staff may filter by review flags, holder or internal status');
    }
    return staff;
  }

  /** A non-staff filter by shown statuses, as stored statuses (`in_review` also finds cases awaiting a second approval). */
  private storedFilter(filter: VerificationQueueFilter, staff: boolean): VerificationQueueFilter {
    return staff || !filter.statuses ? filter : { ...filter, statuses: storedStatuses(filter.statuses as VerificationStatus[]) };
  }

  private async idNumberFilter(ctx: RequestContext, filter: VerificationQueueFilter): Promise<string | undefined> {
    if (!filter.idNumber) return undefined;
    if (!ctx.ability.can('read', 'VerificationByIdNumber')) {
      await auditNow(ctx, { action: 'verification.searchByIdNumber', outcome: 'denied', targetType: 'Verification' });
      throw forbidden('You may not search by ID number');
    }
    const hash = this.app.cipher.blindIndex('id_number', filter.idNumber);
    await auditNow(ctx, { action: 'verification.searchByIdNumber', targetType: 'Verification', after: { idNumber: maskIdNumber(filter.idNumber) } });
    return hash;
  }

  /** One case with masked data and its history. Merchants see only their store's (NOT_FOUND otherwise) and no internal notes. */
  async get(ctx: RequestContext, id: string): Promise<VerificationCaseView> {
    if (!isId(id)) throw notFound('Verification case');
    const c = await this.repo.findCase(this.app.dataSource.manager, id);
    if (!c || !ctx.ability.can('read', target('Verification', { storeId: c.storeId }))) throw notFound('Verification case');
    return this.view(ctx, c);
  }

  /** A reviewer takes a submitted case. @throws CONFLICT when someone else took it first or the version is stale. */
  claim(ctx: RequestContext, id: string, version: number) {
    const actor = actorOf(ctx);
    return this.transition(ctx, id, version, 'claim', async () => ({ changes: { assigneeId: actor.accountId, assignedAt: new Date() } }));
  }

  /** Gives a claimed case back to the queue (its holder or an ops_lead). */
  release(ctx: RequestContext, id: string, version: number) {
    const actor = actorOf(ctx);
    return this.transition(ctx, id, version, 'release', async (c) => {
      if (c.assigneeId !== actor.accountId && !ctx.ability.can('assign', 'Verification')) throw conflict('Another reviewer holds this case; only they or an ops lead can release it');
      return { changes: { assigneeId: null, assignedAt: null } };
    });
  }

  /** ops_lead: assigns cases to a reviewer in bulk. @returns the cases changed. */
  async assign(ctx: RequestContext, ids: string[], assigneeId: string): Promise<VerificationCaseView[]> {
    if (!ids.length || ids.length > 100 || ids.some((x) => !isId(x))) throw badInput('give 1 to 100 case ids', 'ids');
    if (!isId(assigneeId)) throw badInput('not a staff account', 'assigneeId');
    const [assignee] = await this.app.dataSource.query(
      `SELECT id FROM account WHERE id = $1 AND kind = 'staff' AND status = 'active' AND platform_roles && ARRAY['ops_reviewer','ops_lead']`,
      [assigneeId],
    );
    if (!assignee) throw badInput('the assignee must be an active reviewer or lead', 'assigneeId');
    await transaction(ctx, async (tx) => {
      for (const id of ids) {
        const c = await this.repo.findCase(tx.em, id, true);
        if (!c) throw notFound('Verification case');
        if (!canTransition('assign', c.status)) throw conflict(`Case ${id} is ${c.status} and cannot be assigned`);
        await this.apply(tx, c, c.rowVersion, 'assign', { assigneeId, assignedAt: new Date() }, { note: null });
      }
    });
    return Promise.all(ids.map((id) => this.view(ctx, id)));
  }

  /**
   * Decides a case the actor holds (or, on a pending second approval, as an ops_lead who is not
   * the first approver). APPROVE on a flagged case asks for the second approval; REJECT (final)
   * and REQUEST_RESUBMISSION need reason codes, the latter only `retry` ones.
   * @throws FORBIDDEN (maker-checker), BAD_USER_INPUT (reasons), CONFLICT (stale version, wrong state, held by someone else).
   */
  async decide(ctx: RequestContext, input: DecideVerificationInput): Promise<VerificationCaseView> {
    const actor = actorOf(ctx);
    const codes = [...new Set(input.reasonCodes)];
    let reasons: VerificationReasonCode[] = [];
    if (input.decision !== VerificationDecision.APPROVE) {
      if (!codes.length) throw badInput('give at least one reason code', 'reasonCodes');
      const known = new Map((await this.repo.reasonCodes()).filter((r) => r.active).map((r) => [r.code, r]));
      const unknown = codes.filter((c) => !known.has(c));
      if (unknown.length) throw badInput(`unknown reason codes: ${unknown.join(', ')}`, 'reasonCodes');
      reasons = codes.map((c) => known.get(c)!);
      if (input.decision === VerificationDecision.REQUEST_RESUBMISSION && reasons.some((r) => r.outcome === 'final'))
        throw badInput('a final reason cannot ask for resubmission; reject instead', 'reasonCodes');
    }
    return this.transition(ctx, input.id, input.version, this.actionFor(input.decision, null), async (c) => {
      const second = c.status === 'pending_second_approval';
      if (second) {
        if (!ctx.ability.can('approve', 'Verification')) throw forbidden('A second approval needs an ops lead');
        if (c.firstApproverId === actor.accountId) {
          await auditNow(ctx, { action: 'verification.decide', outcome: 'denied', targetType: 'Verification', targetId: c.id, storeId: c.storeId, after: { reason: 'maker_checker' } });
          throw forbidden('The second approval must come from someone other than the first approver', 'MAKER_CHECKER');
        }
      } else if (c.assigneeId !== actor.accountId) {
        // The case's state (who holds it) conflicts with the decision, not the actor's rights.
        throw conflict('Claim the case before deciding it');
      }
      const action = this.actionFor(input.decision, c);
      const flagged = c.flags.length > 0;
      const to: VerificationStatus = action === 'approve' && flagged ? 'pending_second_approval' : TRANSITIONS[action].to;
      const changes: Partial<VerificationCase> = {
        status: to,
        reasonCodes: codes,
        applicantComment: input.applicantComment ?? null,
        decidedAt: to === 'pending_second_approval' ? null : new Date(),
        firstApproverId: to === 'pending_second_approval' ? actor.accountId : c.firstApproverId,
      };
      return { action, changes, reasons, applicantComment: input.applicantComment ?? null, internalNote: input.internalNote ?? null };
    });
  }

  private actionFor(decision: VerificationDecision, c: VerificationCase | null): VerificationAction {
    if (decision === VerificationDecision.REJECT) return 'reject';
    if (decision === VerificationDecision.REQUEST_RESUBMISSION) return 'request_resubmission';
    return c?.status === 'pending_second_approval' ? 'second_approve' : 'approve';
  }

  /** Runs one staff transition: loads the case, checks state and version, applies, records, notifies. */
  private async transition(
    ctx: RequestContext,
    id: string,
    version: number,
    action: VerificationAction,
    decide: (c: VerificationCase) => Promise<{
      action?: VerificationAction;
      changes: Partial<VerificationCase>;
      reasons?: VerificationReasonCode[];
      applicantComment?: string | null;
      internalNote?: string | null;
    }>,
  ): Promise<VerificationCaseView> {
    if (!isId(id)) throw notFound('Verification case');
    await transaction(ctx, async (tx) => {
      const c = await this.repo.findCase(tx.em, id);
      if (!c) throw notFound('Verification case');
      if (c.rowVersion !== version) throw conflict('Someone else changed this case; reload it');
      const d = await decide(c);
      const act = d.action ?? action;
      if (!canTransition(act, c.status)) throw conflict(`The case is ${c.status}; it cannot be ${act.replace(/_/g, ' ')}d now`);
      await this.apply(tx, c, version, act, { status: TRANSITIONS[act].to, ...d.changes }, { reasons: d.reasons, applicantComment: d.applicantComment, note: d.internalNote });
    });
    return this.view(ctx, id);
  }

  private async apply(
    tx: Tx,
    c: VerificationCase,
    version: number,
    action: VerificationAction,
    changes: Partial<VerificationCase>,
    extra: { reasons?: VerificationReasonCode[]; applicantComment?: string | null; note?: string | null },
  ): Promise<void> {
    const to = (changes.status ?? TRANSITIONS[action].to) as VerificationStatus;
    if (!(await this.repo.updateIfVersion(tx.em, c.id, version, { ...changes, status: to })))
      throw conflict('Someone else decided or changed this case first; reload it');
    await this.record(tx, c, action, to, extra);
    tx.audit({
      action: `verification.${action}`,
      targetType: 'Verification',
      targetId: c.id,
      storeId: c.storeId,
      before: { status: c.status, assigneeId: c.assigneeId },
      after: { status: to, assigneeId: changes.assigneeId ?? c.assigneeId, reasonCodes: extra.reasons?.map((r) => r.code) ?? [] },
    });
    if (to === 'approved') await servicesOf(this.app).stores.changeStatus(tx, c.storeId, 'open', 'open', { onlyFrom: ['pending_verification'] });
    if (to !== c.status && ['approved', 'rejected', 'resubmission_requested'].includes(to)) await this.notifyOutcome(tx, c.storeId, to, c.id, extra.reasons, extra.applicantComment);
  }

  private async record(
    tx: Tx,
    c: VerificationCase,
    action: VerificationAction,
    to: VerificationStatus,
    extra: { reasons?: VerificationReasonCode[]; applicantComment?: string | null; note?: string | null },
  ) {
    await this.repo.insertTransition(tx.em, {
      caseId: c.id,
      action,
      fromStatus: action === 'submit' ? null : c.status,
      toStatus: to,
      actorId: tx.ctx.actor?.kind === 'staff' ? tx.ctx.actor.accountId : null,
      reasonCodes: extra.reasons?.map((r) => r.code) ?? [],
      applicantComment: extra.applicantComment ?? null,
      internalNote: extra.note ?? null,
    });
  }

  private async notifyOutcome(tx: Tx, storeId: string, status: VerificationStatus, caseId: string, reasons: VerificationReasonCode[] = [], comment?: string | null) {
    const text = OUTCOME_TEXT[status];
    const info = await this.repo.storeInfo(tx.em, storeId);
    if (!text || !info) return;
    const zhReasons = reasons.length ? `原因：${reasons.map((r) => r.labelZh).join('；')}。` : '';
    const enReasons = reasons.length ? ` Reasons: ${reasons.map((r) => r.labelEn).join('; ')}.` : '';
    await notify(tx, {
      accountId: String(info.owner_account_id),
      kind: 'verification_result',
      titleZh: text.zh,
      titleEn: text.en,
      bodyZh: `${text.bodyZh}${zhReasons}${comment ? `说明：${comment}` : ''}`,
      bodyEn: `${text.bodyEn}${enReasons}${comment ? ` Note: ${comment}` : ''}`,
      link: `/verification/${caseId}`,
    });
  }

  /** The staff an ops_lead can assign cases to. */
  async reviewers(): Promise<{ id: string; displayName: string }[]> {
    return (await this.repo.reviewers()).map((r) => ({ id: r.id, displayName: r.display_name }));
  }

  // ---------- reason codes ----------

  async reasonCodes(): Promise<ReasonCodeView[]> {
    return this.repo.reasonCodes();
  }

  /** ops_lead: adds or edits a reason code (codes are data, never enums). */
  async upsertReasonCode(ctx: RequestContext, input: ReasonCodeInput): Promise<ReasonCodeView> {
    return transaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(VerificationReasonCode);
      const before = await repo.findOne({ where: { code: input.code } });
      const saved = await repo.save({ ...before, ...input, outcome: input.outcome as 'retry' | 'final', sortOrder: before?.sortOrder ?? 100 });
      tx.audit({ action: 'verification.reasonCode.upsert', targetType: 'VerificationReasonCode', targetId: input.code, before: before ? { ...before } : null, after: { ...input } });
      return saved;
    });
  }

  async revealLog(_ctx: RequestContext, caseId: string) {
    if (!isId(caseId)) throw notFound('Verification case');
    const rows = await this.repo.revealLog(caseId);
    return rows.map((r: { at: Date; actor_label: string | null; field: string; purpose: string | null; outcome: string }) => ({
      at: r.at,
      actorLabel: r.actor_label ?? undefined,
      field: r.field,
      purpose: r.purpose ?? undefined,
      outcome: r.outcome,
    }));
  }

  // ---------- views ----------

  /** The case as the actor may see it; pass the case itself when it was just loaded (saves a query). */
  private async view(ctx: RequestContext, caseOrId: string | VerificationCase): Promise<VerificationCaseView> {
    const em = this.app.dataSource.manager;
    const c = typeof caseOrId === 'string' ? (await this.repo.findCase(em, caseOrId))! : caseOrId;
    const staff = ctx.actor?.kind === 'staff'; // review internals: see seesReviewInternals
    const [sub, info, history, codes, duplicates] = await Promise.all([
      c.submissionId ? this.repo.findSubmission(em, c.submissionId) : null,
      this.repo.storeInfo(em, c.storeId),
      this.repo.history(c.id),
      this.repo.reasonCodes(),
      // Which other stores share the ID number: reviewers need it to judge the duplicate; a merchant never learns of other stores.
      staff && c.submissionId ? this.repo.duplicateStores(em, c.submissionId, c.storeId) : [],
    ]);
    const names = await this.repo.staffNames([c.assigneeId, c.firstApproverId, ...history.map((h) => h.actorId)]);
    const ref = (sid: string | null) => (sid && names.has(sid) ? { id: sid, displayName: names.get(sid)! } : undefined);
    const byCode = new Map(codes.map((r) => [r.code, r]));
    const reasonsOf = (cs: string[]) => cs.map((code) => byCode.get(code) ?? { code, labelZh: code, labelEn: code, outcome: 'retry', active: false });
    return {
      id: c.id,
      storeId: c.storeId,
      storeName: info?.store_name ?? '',
      nickname: info?.nickname ?? '',
      storeStatus: info?.store_status ?? '',
      status: visibleStatus(c.status, staff),
      flags: staff ? c.flags : [],
      duplicateStores: duplicates.map((d) => ({ storeId: String(d.store_id), storeName: d.store_name, caseId: d.case_id ? String(d.case_id) : undefined })),
      submittedAt: c.submittedAt,
      ageHours: ageHours(c.submittedAt, c.decidedAt),
      submissionCount: c.submissionCount,
      assignee: staff ? ref(c.assigneeId) : undefined,
      firstApprover: staff ? ref(c.firstApproverId) : undefined,
      reasons: reasonsOf(c.reasonCodes),
      applicantComment: c.applicantComment ?? undefined,
      canResubmit: canTransition('resubmit', c.status),
      submission: this.masked(sub!),
      // A merchant does not see steps that change nothing it is shown (a first approval of a flagged
      // case, a reassignment), and sees a second approval as the approval.
      history: history
        .filter((h) => staff || !h.fromStatus || visibleStatus(h.fromStatus as VerificationStatus, false) !== visibleStatus(h.toStatus as VerificationStatus, false))
        .map((h) => ({
        action: staff || h.action !== 'second_approve' ? h.action : 'approve',
        fromStatus: h.fromStatus ? visibleStatus(h.fromStatus as VerificationStatus, staff) : undefined,
        toStatus: visibleStatus(h.toStatus as VerificationStatus, staff),
        actor: staff ? ref(h.actorId) : undefined,
        reasons: reasonsOf(h.reasonCodes),
        applicantComment: h.applicantComment ?? undefined,
        internalNote: staff ? (h.internalNote ?? undefined) : undefined,
        at: h.at,
      })),
      rowVersion: c.rowVersion,
    };
  }

  private masked(s: VerificationSubmission): MaskedSubmission {
    const d = (v: string | null) => (v ? this.app.cipher.decrypt(v) : null);
    const m = <T>(v: string | null, fn: (x: string) => T) => (v ? fn(d(v)!) : undefined);
    return {
      subjectType: s.subjectType,
      realName: maskName(d(s.realNameEnc)!),
      idDocType: s.idDocType,
      idNumber: maskIdNumber(d(s.idNumberEnc)!),
      idValidUntil: s.idValidUntil ?? undefined,
      ageAtSubmission: ageOn(s.birthDate, prcDate(s.submittedAt)),
      companyName: s.companyName ?? undefined,
      uscc: s.uscc ?? undefined,
      legalRepName: m(s.legalRepNameEnc, maskName),
      contactName: maskName(d(s.contactNameEnc)!),
      contactMobile: maskMobile(d(s.contactMobileEnc)!),
      contactAddress: maskAddress(d(s.contactAddressEnc)!),
      csPhone: maskMobile(d(s.csPhoneEnc)!),
      returnName: maskName(d(s.returnNameEnc)!),
      returnMobile: maskMobile(d(s.returnMobileEnc)!),
      returnAddress: maskAddress(d(s.returnAddressEnc)!),
      trademarkName: m(s.trademarkNameEnc, maskName),
      trademarkIdNumber: m(s.trademarkIdEnc, maskIdNumber),
      guardianName: m(s.guardianNameEnc, maskName),
      guardianRelation: s.guardianRelation ?? undefined,
      images: [
        ['idFront', s.idFrontKey],
        ['idBack', s.idBackKey],
        ['handheld', s.handheldKey],
        ['licence', s.licenceKey],
        ['guardianConsent', s.guardianConsentKey],
      ]
        .filter(([, k]) => k)
        .map(([n]) => n as string),
      submittedAt: s.submittedAt,
    };
  }
}
