import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ID_DOC_TYPES } from '../../../rules/identity/documents';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { VERIFICATION_FLAGS, VERIFICATION_STATUSES } from './verification-case.entity';
import { ID_PATTERN, UUID_PATTERN } from '../../core/ids';
import { IsCalendarDate, IsInstant, MultiLine } from '../../graphql/validators';

@InputType()
export class GuardianConsentInput {
  @Field() @Length(1, 50) name: string;
  @Field({ description: 'e.g. 父亲 / mother / legal guardian' }) @Length(1, 32) relation: string;
  @Field({ description: "Guardian's resident ID number" }) @Length(15, 18) idNumber: string;
  @Field({ description: 'Upload key of the signed consent image' }) @Matches(UUID_PATTERN, { message: 'consentKey must be an upload key' }) consentKey: string;
}

/**
 * The store-opening submission (policy 2.2.1, 2.2.2). Images are keys returned by `POST /uploads`.
 * Dates are PRC calendar dates `YYYY-MM-DD`.
 */
@InputType()
export class SubmitVerificationInput {
  @Field({ description: '`individual` or `enterprise`' }) @IsIn(['individual', 'enterprise']) subjectType: string;
  @Field({ description: 'Real name on the ID document' }) @Length(1, 50) realName: string;
  @Field({ description: ID_DOC_TYPES.join(' | ') }) @IsIn(ID_DOC_TYPES as unknown as string[]) idDocType: string;
  @Field() @Length(5, 32) idNumber: string;
  @Field({ nullable: true, description: 'Required for documents other than the resident ID (which encodes it)' })
  @IsOptional()
  @IsCalendarDate('birth')
  birthDate?: string;
  @Field({ nullable: true, description: 'Last day of validity; omit for a long-term (长期) document' })
  @IsOptional()
  @IsCalendarDate('documentValidity')
  idValidUntil?: string;
  @Field() @Matches(UUID_PATTERN, { message: 'idFrontKey must be an upload key' }) idFrontKey: string;
  @Field() @Matches(UUID_PATTERN, { message: 'idBackKey must be an upload key' }) idBackKey: string;
  @Field() @Matches(UUID_PATTERN, { message: 'handheldKey must be an upload key' }) handheldKey: string;

  @Field({ nullable: true }) @IsOptional() @Length(1, 100) companyName?: string;
  @Field({ nullable: true, description: 'Unified social credit code (GB 32100)' }) @IsOptional() @Length(18, 18) uscc?: string;
  @Field({ nullable: true, description: 'Legal representative on the business licence' }) @IsOptional() @Length(1, 50) legalRepName?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(UUID_PATTERN, { message: 'licenceKey must be an upload key' }) licenceKey?: string;

  @Field() @Length(1, 50) contactName: string;
  @Field() @Length(11, 20) contactMobile: string;
  @Field() @Length(5, 200) contactAddress: string;
  @Field({ description: 'Customer-service phone: mobile, landline with area code, or 400/800 number' }) @Length(5, 20) csPhone: string;
  @Field() @Length(1, 50) returnName: string;
  @Field() @Length(11, 20) returnMobile: string;
  @Field() @Length(5, 200) returnAddress: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) trademarkName?: string;
  @Field({ nullable: true }) @IsOptional() @Length(5, 32) trademarkIdNumber?: string;

  @Field({ description: 'The submitter has the consent of every other person whose data it enters (2.2.2)' }) @IsBoolean() thirdPartyConsent: boolean;

  @Field(() => GuardianConsentInput, { nullable: true, description: 'Required when the holder is under 14 (clause 7)' })
  @IsOptional()
  @ValidateNested()
  guardian?: GuardianConsentInput;
}

export enum VerificationDecision {
  APPROVE = 'APPROVE',
  REQUEST_RESUBMISSION = 'REQUEST_RESUBMISSION',
  REJECT = 'REJECT',
}
registerEnumType(VerificationDecision, { name: 'VerificationDecision', description: 'APPROVE, REQUEST_RESUBMISSION (retry) or REJECT (final)' });

@InputType()
export class DecideVerificationInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'The rowVersion the decider saw; a stale one gives CONFLICT' }) version: number;
  @Field(() => VerificationDecision) decision: VerificationDecision;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(10) reasonCodes: string[];
  @Field({ nullable: true, description: 'Shown to the merchant' }) @IsOptional() @MultiLine() @Length(1, 1000) applicantComment?: string;
  @Field({ nullable: true, description: 'Staff only' }) @IsOptional() @MultiLine() @Length(1, 2000) internalNote?: string;
}

@InputType()
export class VerificationQueueFilter {
  @Field(() => [String], { nullable: true }) @IsOptional() @IsIn(VERIFICATION_STATUSES as unknown as string[], { each: true }) statuses?: string[];
  @Field({ nullable: true }) @IsOptional() @IsIn(['individual', 'enterprise']) subjectType?: string;
  @Field(() => [String], { nullable: true, description: 'Cases carrying any of these flags' }) @IsOptional() @IsIn(VERIFICATION_FLAGS as unknown as string[], { each: true }) flags?: string[];
  @Field({ nullable: true, description: 'Only flagged (true) or unflagged (false) cases' }) @IsOptional() flagged?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsInstant('filter') submittedFrom?: Date;
  @Field({ nullable: true }) @IsOptional() @IsInstant('filter') submittedTo?: Date;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, { message: 'assigneeId must be an account id' }) assigneeId?: string;
  @Field({ nullable: true, description: 'Only cases nobody holds' }) @IsOptional() unassigned?: boolean;
  @Field({ nullable: true, description: 'Store name or nickname prefix, or store id' }) @IsOptional() @Length(1, 64) q?: string;
  @Field({ nullable: true, description: 'Exact ID number, matched by keyed hash (needs the look-up permission)' }) @IsOptional() @Length(5, 32) idNumber?: string;
}

@ArgsType()
export class VerificationQueueArgs extends PageArgs {
  @Field(() => VerificationQueueFilter, { nullable: true }) filter?: VerificationQueueFilter;
}

@ObjectType()
export class StaffRef {
  @Field(() => ID) id: string;
  @Field() displayName: string;
}

/** Another store whose submission carries the same ID number (the `duplicate_id` flag). */
@ObjectType()
export class DuplicateStoreRef {
  @Field(() => ID) storeId: string;
  @Field() storeName: string;
  @Field({ nullable: true, description: "That store's verification case, if it has one" }) caseId?: string;
}

@ObjectType()
export class ReasonCodeView {
  @Field() code: string;
  @Field() labelZh: string;
  @Field() labelEn: string;
  @Field({ description: '`retry` or `final`' }) outcome: string;
  @Field() active: boolean;
}

@ObjectType()
export class VerificationQueueItem {
  @Field(() => ID) id: string;
  @Field(() => ID) storeId: string;
  @Field() storeName: string;
  @Field() nickname: string;
  @Field() subjectType: string;
  @Field() status: string;
  @Field(() => [String]) flags: string[];
  @Field({ description: 'UTC instant of the current submission' }) submittedAt: Date;
  @Field({ description: 'SLA age in hours: from submission to the decision, or to now while undecided' }) ageHours: number;
  @Field(() => StaffRef, { nullable: true }) assignee?: StaffRef;
  @Field(() => Int) rowVersion: number;
}

export const VerificationQueue = ListOf(VerificationQueueItem, 'VerificationQueue');

@ObjectType()
export class StatusCount {
  @Field() status: string;
  @Field(() => Int, { description: 'Exact up to 10,000; 10,001 means "more"' }) count: number;
  @Field({ description: 'False when the count stopped at the cap' }) exact: boolean;
}

@ObjectType()
export class VerificationHistoryEntry {
  @Field() action: string;
  @Field({ nullable: true }) fromStatus?: string;
  @Field() toStatus: string;
  @Field(() => StaffRef, { nullable: true, description: 'Staff member (null for the merchant or the system)' }) actor?: StaffRef;
  @Field(() => [ReasonCodeView]) reasons: ReasonCodeView[];
  @Field({ nullable: true }) applicantComment?: string;
  @Field({ nullable: true, description: 'Staff only; null for merchants' }) internalNote?: string;
  @Field() at: Date;
}

@ObjectType()
export class MaskedSubmission {
  @Field() subjectType: string;
  @Field() realName: string;
  @Field() idDocType: string;
  @Field() idNumber: string;
  @Field({ nullable: true }) idValidUntil?: string;
  @Field(() => Int, { description: 'Age in whole years on the submission day (Asia/Shanghai)' }) ageAtSubmission: number;
  @Field({ nullable: true }) companyName?: string;
  @Field({ nullable: true }) uscc?: string;
  @Field({ nullable: true }) legalRepName?: string;
  @Field() contactName: string;
  @Field() contactMobile: string;
  @Field() contactAddress: string;
  @Field() csPhone: string;
  @Field() returnName: string;
  @Field() returnMobile: string;
  @Field() returnAddress: string;
  @Field({ nullable: true }) trademarkName?: string;
  @Field({ nullable: true }) trademarkIdNumber?: string;
  @Field({ nullable: true }) guardianName?: string;
  @Field({ nullable: true }) guardianRelation?: string;
  @Field(() => [String], { description: 'Images on file (idFront, idBack, handheld, licence, guardianConsent); reveal to view' }) images: string[];
  @Field() submittedAt: Date;
}

/** A case with masked personal data; reveal a field with `revealPersonalData(subject: "Verification", id, field)`. */
@ObjectType()
export class VerificationCaseView {
  @Field(() => ID) id: string;
  @Field(() => ID) storeId: string;
  @Field() storeName: string;
  @Field() nickname: string;
  @Field() storeStatus: string;
  @Field() status: string;
  @Field(() => [String]) flags: string[];
  @Field(() => [DuplicateStoreRef], { description: 'Staff only (empty for merchants): the other stores whose current submission has the same ID number' })
  duplicateStores: DuplicateStoreRef[];
  @Field() submittedAt: Date;
  @Field() ageHours: number;
  @Field(() => Int) submissionCount: number;
  @Field(() => StaffRef, { nullable: true }) assignee?: StaffRef;
  @Field(() => StaffRef, { nullable: true }) firstApprover?: StaffRef;
  @Field(() => [ReasonCodeView]) reasons: ReasonCodeView[];
  @Field({ nullable: true }) applicantComment?: string;
  @Field({ description: 'Whether the merchant may change and resubmit now' }) canResubmit: boolean;
  @Field(() => MaskedSubmission) submission: MaskedSubmission;
  @Field(() => [VerificationHistoryEntry]) history: VerificationHistoryEntry[];
  @Field(() => Int) rowVersion: number;
}

@ObjectType()
export class RevealLogEntry {
  @Field() at: Date;
  @Field({ nullable: true }) actorLabel?: string;
  @Field() field: string;
  @Field({ nullable: true }) purpose?: string;
  @Field() outcome: string;
}

@InputType()
export class ReasonCodeInput {
  @Field() @Matches(/^[A-Z][A-Z0-9_]{2,39}$/, { message: 'code: 3-40 upper-case letters, digits or _' }) code: string;
  @Field() @Length(1, 200) labelZh: string;
  @Field() @Length(1, 200) labelEn: string;
  @Field() @IsIn(['retry', 'final']) outcome: string;
  @Field({ defaultValue: true }) active: boolean;
}
