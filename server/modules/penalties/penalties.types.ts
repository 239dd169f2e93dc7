import { ArrayMaxSize, IsIn, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { SANCTION_EFFECTS } from '../../../rules/penalties/sanctions';
import { ID_PATTERN } from '../../core/ids';
import { IsCalendarDate, IsInstant, MultiLine } from '../../graphql/validators';

const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;
const DATE_DOC = 'PRC calendar date YYYY-MM-DD';

// ---------------------------------------------------------------- catalogue (ops_lead)

/** A kind of sanction (处罚措施): data; `effect` is what it does to the store. */
@ObjectType()
export class SanctionTypeView {
  @Field(() => ID) id: string;
  @Field({ description: 'Stable code, e.g. SUSPENSION' }) code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field({ description: `One of: ${SANCTION_EFFECTS.join(', ')}. store_suspension and store_closure need a second person to issue.` }) effect: string;
  @Field() active: boolean;
  @Field(() => Int, { description: 'Pass back when updating (optimistic concurrency)' }) version: number;
}

/** A node of the violation-category tree (违规类型). Penalties cite leaves. */
@ObjectType()
export class ViolationCategoryView {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field({ nullable: true }) parentCode?: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field({ nullable: true, description: 'The platform rule this category enforces' }) ruleRef?: string;
  @Field({ nullable: true, description: 'Code of the default sanction type' }) defaultSanctionCode?: string;
  @Field(() => Int, { nullable: true, description: 'Default length of a period sanction, in days' }) defaultSanctionDays?: number;
  @Field(() => Int, { description: 'Default points deducted' }) defaultPoints: number;
  @Field() active: boolean;
  @Field(() => Int) sortOrder: number;
  @Field({ description: 'True when no category has this one as parent (penalties cite leaves)' }) leaf: boolean;
  @Field(() => Int) version: number;
}

@InputType()
export class CreateViolationCategoryInput {
  @Field({ description: 'Upper-case code, e.g. COUNTERFEIT' }) @Matches(CODE) code: string;
  @Field({ nullable: true }) @IsOptional() @Matches(CODE) parentCode?: string;
  @Field() @Length(1, 100) nameZh: string;
  @Field() @Length(1, 200) nameEn: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) ruleRef?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(CODE) defaultSanctionCode?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) defaultSanctionDays?: number;
  @Field(() => Int, { defaultValue: 0 }) @Min(0) @Max(1000) defaultPoints: number;
  @Field(() => Int, { defaultValue: 0 }) @Min(0) @Max(10000) sortOrder: number;
}

@InputType()
export class UpdateViolationCategoryInput {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) nameZh?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) nameEn?: string;
  @Field({ nullable: true, description: 'Empty string clears it' }) @IsOptional() @MaxLength(200) ruleRef?: string;
  @Field({ nullable: true, description: 'Empty string clears it' }) @IsOptional() @Matches(/^([A-Z][A-Z0-9_]{1,47})?$/) defaultSanctionCode?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) defaultSanctionDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(1000) defaultPoints?: number;
  @Field({ nullable: true }) @IsOptional() active?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(10000) sortOrder?: number;
}

@InputType()
export class CreateSanctionTypeInput {
  @Field() @Matches(CODE) code: string;
  @Field() @Length(1, 100) nameZh: string;
  @Field() @Length(1, 200) nameEn: string;
  @Field({ description: `One of: ${SANCTION_EFFECTS.join(', ')}` }) @IsIn(SANCTION_EFFECTS) effect: string;
}

@InputType()
export class UpdateSanctionTypeInput {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) nameZh?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) nameEn?: string;
  @Field({ nullable: true }) @IsOptional() active?: boolean;
}

// ---------------------------------------------------------------- penalties (staff and merchants)

@ObjectType()
export class PenaltyCategoryRef {
  @Field() code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
}

@ObjectType()
export class PenaltySanctionRef {
  @Field() code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field() effect: string;
}

@ObjectType()
export class PenaltyStoreRef {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: '`pending_verification`, `open`, `suspended` or `closed`' }) status: string;
  @Field({ description: 'Merchant ID (platform account ID), public in notices (policy 4.3)' }) platformAccountId: string;
  @Field() nickname: string;
}

/** An evidence file or appeal proof (metadata; content via `penaltyFileContent`). */
@ObjectType()
export class PenaltyFileView {
  @Field(() => ID) id: string;
  @Field({ description: '`evidence` or `appeal_proof`' }) purpose: string;
  @Field() fileName: string;
  @Field({ description: 'Detected from the file bytes: image/jpeg, image/png, image/webp or application/pdf' }) contentType: string;
  @Field(() => Int) sizeBytes: number;
  @Field({ description: 'SHA-256 of the bytes, hex' }) sha256: string;
  @Field({ description: 'UTC instant' }) createdAt: Date;
}

@ObjectType()
export class PenaltyFileContent {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field() contentType: string;
  @Field() contentBase64: string;
}

/** A penalty (处罚). Merchants see their own issued and revoked penalties; staff see all. */
@ObjectType()
export class PenaltyView {
  @Field(() => ID) id: string;
  @Field(() => PenaltyStoreRef) store: PenaltyStoreRef;
  @Field(() => PenaltyCategoryRef) category: PenaltyCategoryRef;
  @Field(() => PenaltySanctionRef) sanction: PenaltySanctionRef;
  @Field(() => Int, { nullable: true, description: 'Length of a period sanction, days' }) sanctionDays?: number;
  @Field(() => Int, { description: 'Points deducted' }) points: number;
  @Field({ description: 'Facts found (shown to the merchant)' }) facts: string;
  @Field({ nullable: true, description: 'UTC instant the sanction starts (requested, for a draft)' }) startsAt?: Date;
  @Field({ nullable: true, description: 'UTC instant the sanction ends (exclusive); none for warning, points, closure' }) endsAt?: Date;
  @Field({ description: '`draft`, `issued`, `revoked` or `cancelled`' }) status: string;
  @Field({ description: 'Effect on the store: `none`, `pending` (not started), `applied`, `lifted`' }) effectState: string;
  @Field(() => ID, { nullable: true, description: 'Staff only' }) draftedBy?: string;
  @Field(() => ID, { nullable: true, description: 'Staff only' }) issuedBy?: string;
  @Field({ nullable: true, description: 'UTC instant of issue' }) issuedAt?: Date;
  @Field({ nullable: true, description: `${DATE_DOC}: day of issue` }) issuedOn?: string;
  @Field({ nullable: true, description: `${DATE_DOC}: last day an appeal is accepted (PRC working days after issue)` }) appealDeadline?: string;
  @Field(() => Int, { description: 'Appeals filed so far' }) appealCount: number;
  @Field(() => Int, { description: 'Appeals allowed per penalty' }) appealsAllowed: number;
  @Field({ nullable: true, description: 'UTC instant' }) revokedAt?: Date;
  @Field({ nullable: true }) revokeReason?: string;
  @Field(() => ID, { nullable: true, description: 'The public notice published on issue' }) noticeId?: string;
  @Field(() => [PenaltyFileView]) evidence: PenaltyFileView[];
  @Field(() => Int, { description: 'Pass back with transitions and edits (optimistic concurrency)' }) version: number;
  @Field({ description: 'UTC instant' }) createdAt: Date;
}
export const PenaltyList = ListOf(PenaltyView, 'PenaltyList');

@InputType()
export class PenaltyFilter {
  @Field({ nullable: true, description: '`draft`, `issued`, `revoked` or `cancelled`' }) @IsOptional() @IsIn(['draft', 'issued', 'revoked', 'cancelled']) status?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN) storeId?: string;
  @Field({ nullable: true, description: 'A category code; a parent includes its children' }) @IsOptional() @Matches(CODE) categoryCode?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(CODE) sanctionCode?: string;
  @Field({ nullable: true, description: `Issued on or after (${DATE_DOC})` }) @IsOptional() @IsCalendarDate('filter') issuedFrom?: string;
  @Field({ nullable: true, description: `Issued on or before (${DATE_DOC})` }) @IsOptional() @IsCalendarDate('filter') issuedTo?: string;
}

@ArgsType()
export class PenaltyListArgs extends PageArgs {
  @Field(() => PenaltyFilter, { nullable: true }) filter?: PenaltyFilter;
}

@InputType()
export class DraftPenaltyInput {
  @Field(() => ID) @Matches(ID_PATTERN) storeId: string;
  @Field({ description: 'A leaf violation category code' }) @Matches(CODE) categoryCode: string;
  @Field({ description: 'Facts found, 10-5000 characters' }) @MultiLine() @Length(10, 5000) facts: string;
  @Field({ nullable: true, description: "Sanction type code; default: the category's" }) @IsOptional() @Matches(CODE) sanctionCode?: string;
  @Field(() => Int, { nullable: true, description: "Days, for period sanctions (1-3650); default: the category's" }) @IsOptional() @Min(1) @Max(3650) sanctionDays?: number;
  @Field(() => Int, { nullable: true, description: "Points deducted (0-1000); default: the category's" }) @IsOptional() @Min(0) @Max(1000) points?: number;
  @Field({ nullable: true, description: 'UTC instant the sanction starts; default (or if past at issue): the moment of issue' }) @IsOptional() @IsInstant('sanctionStart') startsAt?: Date;
  @Field(() => [ID], { defaultValue: [], description: 'Files from uploadPenaltyEvidence (up to 20)' }) @ArrayMaxSize(20) evidenceFileIds: string[];
}

@InputType()
export class UpdatePenaltyDraftInput {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true }) @IsOptional() @Matches(CODE) categoryCode?: string;
  @Field({ nullable: true }) @IsOptional() @MultiLine() @Length(10, 5000) facts?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(CODE) sanctionCode?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) sanctionDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(1000) points?: number;
  @Field({ nullable: true }) @IsOptional() @IsInstant('sanctionStart') startsAt?: Date;
  @Field(() => [ID], { nullable: true, description: 'Replaces the evidence list' }) @IsOptional() @ArrayMaxSize(20) evidenceFileIds?: string[];
}

/** A transition on a penalty: the version read, and a reason where the transition needs one. */
@InputType()
export class PenaltyTransitionInput {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true, description: 'Required to revoke; optional otherwise (2-2000 characters)' }) @IsOptional() @MultiLine() @Length(2, 2000) reason?: string;
}

@InputType()
export class UploadPenaltyFileInput {
  @Field({ description: 'Original file name (1-120 characters)' }) @Length(1, 120) fileName: string;
  @Field({ description: 'File bytes, base64; up to 1 MiB decoded; JPEG, PNG, WebP or PDF (checked by magic bytes)' })
  @MaxLength(1_400_000)
  contentBase64: string;
}

/** Points deducted from a store by its issued, unrevoked penalties. */
@ObjectType()
export class StorePenaltyPoints {
  @Field(() => ID) storeId: string;
  @Field(() => Int, { description: 'All issued, unrevoked penalties' }) totalPoints: number;
  @Field(() => Int, { description: 'Those issued in the current PRC calendar year' }) pointsThisYear: number;
  @Field(() => Int) year: number;
}

// ---------------------------------------------------------------- appeals

@ObjectType()
export class PenaltyAppealView {
  @Field(() => ID) id: string;
  @Field(() => ID) penaltyId: string;
  @Field(() => ID) storeId: string;
  @Field() reason: string;
  @Field({ description: '`pending`, `upheld` or `revoked`' }) status: string;
  @Field({ description: 'UTC instant' }) submittedAt: Date;
  @Field({ description: `${DATE_DOC}: answer due, 15 PRC working days after receipt (policy 6.5)` }) respondBy: string;
  @Field({ nullable: true, description: 'UTC instant' }) decidedAt?: Date;
  @Field({ nullable: true }) decisionReason?: string;
  @Field(() => [PenaltyFileView]) proofs: PenaltyFileView[];
  @Field(() => Int) version: number;
}
export const PenaltyAppealList = ListOf(PenaltyAppealView, 'PenaltyAppealList');

@InputType()
export class PenaltyAppealFilter {
  @Field({ nullable: true }) @IsOptional() @IsIn(['pending', 'upheld', 'revoked']) status?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN) penaltyId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN) storeId?: string;
}

@ArgsType()
export class PenaltyAppealListArgs extends PageArgs {
  @Field(() => PenaltyAppealFilter, { nullable: true }) filter?: PenaltyAppealFilter;
}

@InputType()
export class SubmitPenaltyAppealInput {
  @Field(() => ID) penaltyId: string;
  @Field({ description: '10-2000 characters' }) @MultiLine() @Length(10, 2000) reason: string;
  @Field(() => [ID], { defaultValue: [], description: 'Files from uploadAppealProof (up to 10)' }) @ArrayMaxSize(10) proofFileIds: string[];
}

@InputType()
export class DecidePenaltyAppealInput {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field({ description: '`uphold` (the penalty stands) or `revoke` (lifts the sanction, withdraws the notice)' }) @IsIn(['uphold', 'revoke']) decision: string;
  @Field({ description: '2-2000 characters, shown to the merchant' }) @MultiLine() @Length(2, 2000) reason: string;
}

// ---------------------------------------------------------------- public notices (policy 4.3)

/** Violation category as published: code and names only. */
@ObjectType()
export class PublicNoticeCategory {
  @Field() code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
}

/** Sanction as published: kind and length. */
@ObjectType()
export class PublicNoticeSanction {
  @Field({ description: 'Sanction type code' }) code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field(() => Int, { nullable: true, description: 'Length in days, for period sanctions' }) days?: number;
}

/**
 * A public penalty notice (处罚公示). Policy 4.3: it discloses the violating account's merchant ID
 * and nickname, and nothing else about the merchant. This type has no relations and is built from
 * the `penalty_notice` table only; a test compares everything reachable from it with this list.
 */
@ObjectType()
export class PublicPenaltyNotice {
  @Field(() => ID) id: string;
  @Field({ description: 'Merchant ID (platform account ID)' }) platformAccountId: string;
  @Field({ description: 'Account nickname at publication' }) nickname: string;
  @Field(() => PublicNoticeCategory) category: PublicNoticeCategory;
  @Field(() => PublicNoticeSanction) sanction: PublicNoticeSanction;
  @Field({ description: `${DATE_DOC}: day the penalty was issued` }) issuedOn: string;
  @Field({ description: `${DATE_DOC}: first day of the sanction` }) startsOn: string;
  @Field({ nullable: true, description: `${DATE_DOC}: day the sanction ends` }) endsOn?: string;
  @Field({ description: '`published` or `withdrawn` (the penalty was revoked)' }) status: string;
  @Field({ nullable: true, description: `${DATE_DOC}: day of withdrawal` }) withdrawnOn?: string;
}
export const PublicPenaltyNoticeList = ListOf(PublicPenaltyNotice, 'PublicPenaltyNoticeList');

@InputType()
export class PublicPenaltyNoticeFilter {
  @Field({ nullable: true, description: 'A category code; a parent includes its children' }) @IsOptional() @Matches(CODE) categoryCode?: string;
  @Field({ nullable: true, description: `Issued on or after (${DATE_DOC})` }) @IsOptional() @IsCalendarDate('filter') issuedFrom?: string;
  @Field({ nullable: true, description: `Issued on or before (${DATE_DOC})` }) @IsOptional() @IsCalendarDate('filter') issuedTo?: string;
}

@ArgsType()
export class PublicPenaltyNoticeArgs extends PageArgs {
  @Field(() => PublicPenaltyNoticeFilter, { nullable: true }) filter?: PublicPenaltyNoticeFilter;
}

/** A violation category for the public board's filter: code, names and place in the tree. */
@ObjectType()
export class PublicViolationCategory {
  @Field() code: string;
  @Field({ nullable: true }) parentCode?: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
}
