import { target } from '../../core/abilities';
import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { maskIdNumber, maskName } from '../../core/crypto/masking';
import { prcDate } from '../../../rules/dates';
import { badInput, CoreErrors, forbidden, type FieldProblem } from '../../core/errors';
import { ageOn, checkIdDocument, checkUscc, normaliseMobile, normalisePhone, type IdDocType } from '../../../rules/identity/documents';
import { parseResidentId } from '../../../rules/identity/resident-id';
import { applyAction, type MachineRow } from '../../core/state-machine';
import { readRepo, transaction } from '../../core/transaction';
import { servicesOf } from '../services';
import type { VerificationCase, VerificationFlag } from './verification-case.entity';
import { VERIFICATION_MACHINE } from './verification.machine';
import { notifyOutcome } from './verification.notifications';
import { VerificationRepository } from './verification.repository';
import type { SubmitVerificationInput, VerificationCaseView } from './verification.types';
import { caseView } from './verification.views';

/**
 * The merchant side of identity verification (policy 2.2.1, 2.2.2, 7): a store submits its
 * store-opening details (personal fields encrypted, ID number also as a keyed hash) and resubmits
 * them; automatic flags decide whether an approval needs a second one.
 */
export class VerificationSubmissionService {
  constructor(private readonly app: App) {}

  /**
   * Submits (or resubmits) the actor's store-opening details. Resubmitting voids a pending approval
   * and puts the case back in the queue. Flags: `duplicate_id` (another store used the ID number:
   * its undecided cases are flagged too), `minor_under_14`, `minor_under_18` (age on today's PRC
   * date), `id_expired`, `name_mismatch` (enterprise legal representative).
   * @throws BAD_USER_INPUT naming each wrong field (check digits, formats, under-14 without
   * guardian consent, foreign uploads); CONFLICT `INVALID_TRANSITION` when the case is approved or
   * finally rejected.
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
    const subjectType = input.subjectType as 'individual' | 'enterprise';

    const id = await transaction(ctx, async (tx) => {
      const repo = tx.repo(VerificationRepository);
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
      const existing = await repo.findCaseByStore(storeId, true);
      if (existing && !VERIFICATION_MACHINE.can('resubmit', existing.status))
        throw CoreErrors.INVALID_TRANSITION(`The verification is ${existing.status} and cannot be changed`, { status: existing.status });
      // Check-then-act across stores: two stores submitting one ID number at the same moment must
      // not both pass unflagged. The ID number's lock serialises the check; the later submission is
      // flagged and so are the other stores' undecided cases (both need the second approval).
      await tx.lock(`verification-id:${idHash}`);
      const flags: VerificationFlag[] = [];
      if (await repo.idUsedByAnotherStore(idHash, storeId)) {
        flags.push('duplicate_id');
        for (const other of await repo.flagDuplicatesOf(idHash, storeId)) {
          tx.audit({ action: 'verification.flag', targetType: 'Verification', targetId: String(other.id), storeId: String(other.store_id), after: { added: 'duplicate_id', byStoreId: storeId } });
        }
      }
      if (age < 14) flags.push('minor_under_14');
      if (age < 18) flags.push('minor_under_18');
      if (input.idValidUntil && input.idValidUntil < today) flags.push('id_expired');
      if (input.subjectType === 'enterprise' && input.legalRepName && input.legalRepName.trim() !== input.realName.trim()) flags.push('name_mismatch');

      // A first submission inserts the case row (the submission refers to it); the machine then
      // takes it from no status to `submitted` like any other action.
      const c = existing ?? (await repo.createCase({ storeId, status: 'submitted', subjectType, submittedAt: new Date() }));
      const sub = await repo.insertSubmission({
        caseId: c.id,
        storeId,
        submittedBy: actor.accountId,
        subjectType,
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
      const set: Partial<VerificationCase> = {
        subjectType,
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
      const row: MachineRow = existing ?? { id: c.id, rowVersion: c.rowVersion, status: null as unknown as string };
      await applyAction(tx, VERIFICATION_MACHINE, row, existing ? 'resubmit' : 'submit', {
        set,
        note: existing?.status === 'pending_second_approval' ? 'pending approval voided by a new submission' : null,
        storeId,
        audit: { before: null, after: { subjectType: input.subjectType, realName: maskName(input.realName), idNumber: maskIdNumber(number), flags } },
      });
      await notifyOutcome(tx, storeId, 'submitted', c.id);
      return c.id;
    });
    return caseView(this.app, ctx, id);
  }

  /** The actor's own store case, or null before the first submission (or for an actor without a store). */
  async mine(ctx: RequestContext): Promise<VerificationCaseView | null> {
    const storeId = actorOf(ctx).storeId;
    if (!storeId) return null;
    if (!ctx.ability.can('read', target('Verification', { storeId }))) throw forbidden();
    const c = await readRepo(this.app, VerificationRepository).findCaseByStore(storeId);
    return c ? caseView(this.app, ctx, c) : null;
  }
}
