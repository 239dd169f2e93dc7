import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { maskAddress, maskIdNumber, maskMobile, maskName } from '../../core/crypto/masking';
import { prcDate } from '../../../rules/dates';
import { ageOn } from '../../../rules/identity/documents';
import { readRepo } from '../../core/transaction';
import type { VerificationCase, VerificationStatus } from './verification-case.entity';
import type { VerificationSubmission } from './verification-submission.entity';
import { VERIFICATION_MACHINE, visibleStatus } from './verification.machine';
import { VerificationRepository } from './verification.repository';
import type { MaskedSubmission, VerificationCaseView } from './verification.types';

/** SLA age in hours (one decimal): from submission to the decision, or to now while undecided. */
export const ageHours = (submitted: Date, decided: Date | null) => Math.round((((decided ?? new Date()).getTime() - submitted.getTime()) / 3_600_000) * 10) / 10;

/**
 * The case as the actor may see it, read on the pool (after the change committed); pass the case
 * itself when it was just loaded (saves a query). Review internals (flags, holder, first approver,
 * duplicate stores, internal notes, the real status of a pending second approval) are staff-only.
 */
export async function caseView(app: App, ctx: RequestContext, caseOrId: string | VerificationCase): Promise<VerificationCaseView> {
  const repo = readRepo(app, VerificationRepository);
  const c = typeof caseOrId === 'string' ? (await repo.findCase(caseOrId))! : caseOrId;
  const staff = ctx.actor?.kind === 'staff';
  const [sub, info, history, codes, duplicates] = await Promise.all([
    c.submissionId ? repo.findSubmission(c.submissionId) : null,
    repo.storeInfo(c.storeId),
    repo.history(c.id),
    repo.reasonCodes(),
    // Which other stores share the ID number: reviewers need it to judge the duplicate; a merchant never learns of other stores.
    staff && c.submissionId ? repo.duplicateStores(c.submissionId, c.storeId) : [],
  ]);
  const staffActor = (h: { actorKind: string; actorAccountId: string | null }) => (h.actorKind === 'staff' ? h.actorAccountId : null);
  const names = await repo.staffNames([c.assigneeId, c.firstApproverId, ...history.map(staffActor)]);
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
    canResubmit: VERIFICATION_MACHINE.can('resubmit', c.status),
    submission: masked(app, sub!),
    // A merchant does not see steps that change nothing it is shown (a first approval of a flagged
    // case, a reassignment), and sees a second approval as the approval.
    history: history
      .filter((h) => staff || !h.fromStatus || visibleStatus(h.fromStatus as VerificationStatus, false) !== visibleStatus(h.toStatus as VerificationStatus, false))
      .map((h) => ({
        action: staff || h.action !== 'second_approve' ? h.action : 'approve',
        fromStatus: h.fromStatus ? visibleStatus(h.fromStatus as VerificationStatus, staff) : undefined,
        toStatus: visibleStatus(h.toStatus as VerificationStatus, staff),
        actor: staff ? ref(staffActor(h)) : undefined,
        reasons: reasonsOf(h.reasonCodes),
        applicantComment: h.reason ?? undefined,
        internalNote: staff ? (h.note ?? undefined) : undefined,
        at: h.at,
      })),
    rowVersion: c.rowVersion,
  };
}

/** A submission with every personal field masked (unmasking is `revealPersonalData`, audited). */
function masked(app: App, s: VerificationSubmission): MaskedSubmission {
  const d = (v: string | null) => (v ? app.cipher.decrypt(v) : null);
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
