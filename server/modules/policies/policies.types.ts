import { IsDate, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { IsCalendarDate, IsInstant, MultiLine } from '../../graphql/validators';

/** Clause 8.2 of the merchant privacy policy: the six kinds of material change. */
export const MATERIAL_CATEGORIES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
const MATERIAL_DESCRIPTION =
  "Clause 8.2 categories: a service model / purposes / types / use; b control or ownership; c main recipients of sharing, transfer, disclosure; d users' rights or how to exercise them; e responsible department, contact, complaint channel; f high-risk impact assessment";
const BODY_MAX = 300_000;

@ObjectType()
export class PolicyListItemView {
  @Field({ description: 'Letter of a list item, e.g. "a"' }) label: string;
  @Field() text: string;
}

/** One clause in document order; `level` 1 = section ("2"), 2 = "2.3", 3 = "2.3.4". */
@ObjectType()
export class PolicyClauseView {
  @Field() number: string;
  @Field() title: string;
  @Field(() => Int) level: number;
  @Field({ description: "The clause's own text (children excluded); paragraphs separated by blank lines" }) text: string;
  @Field(() => [PolicyListItemView]) items: PolicyListItemView[];
}

// ---------------------------------------------------------------- diff

@ObjectType({ description: 'A run of text in a character diff: `equal`, `delete` (only in the old text) or `insert` (only in the new).' })
export class DiffSegmentView {
  @Field() op: string;
  @Field() text: string;
}

@ObjectType({ description: 'One added, removed or changed clause (unchanged clauses are never listed).' })
export class ClauseDiffView {
  @Field({ description: 'Clause number, e.g. "8.2"' }) number: string;
  @Field({ description: '`added`, `removed` or `changed`' }) change: string;
  @Field({ nullable: true }) oldTitle?: string;
  @Field({ nullable: true }) newTitle?: string;
  @Field({ nullable: true, description: 'Full old text (own text and lettered items)' }) oldText?: string;
  @Field({ nullable: true }) newText?: string;
  @Field(() => [DiffSegmentView], { description: 'Inline view: character diff of title + text in reading order' }) inline: DiffSegmentView[];
  @Field(() => [DiffSegmentView], { description: 'Side-by-side, left column: equal + delete segments' }) oldSegments: DiffSegmentView[];
  @Field(() => [DiffSegmentView], { description: 'Side-by-side, right column: equal + insert segments' }) newSegments: DiffSegmentView[];
}

@ObjectType({ description: 'Clause-level difference between two versions of one document (policy 8.1).' })
export class PolicyDiffView {
  @Field(() => ID) documentId: string;
  @Field(() => ID) fromVersionId: string;
  @Field(() => Int) fromVersionNo: number;
  @Field(() => ID) toVersionId: string;
  @Field(() => Int) toVersionNo: number;
  @Field() titleChanged: boolean;
  @Field(() => [DiffSegmentView], { nullable: true, description: 'Diff of the text before section 1, when it changed' }) preamble?: DiffSegmentView[];
  @Field(() => [ClauseDiffView]) clauses: ClauseDiffView[];
  @Field(() => Int) added: number;
  @Field(() => Int) removed: number;
  @Field(() => Int) changed: number;
}

// ---------------------------------------------------------------- public

@ObjectType()
export class PublicPolicyVersion {
  @Field(() => ID) id: string;
  @Field(() => ID) documentId: string;
  @Field(() => Int) versionNo: number;
  @Field({ description: '`published` (in force) or `superseded`' }) status: string;
  @Field({ nullable: true, description: 'PRC calendar date YYYY-MM-DD' }) effectiveDate?: string;
  @Field({ nullable: true, description: 'UTC instant' }) publishedAt?: Date;
  @Field({ nullable: true }) changeSummary?: string;
  @Field() isMaterial: boolean;
  @Field(() => [String], { description: MATERIAL_DESCRIPTION }) materialCategories: string[];
  @Field() title: string;
  @Field({ description: 'Text before section 1' }) preamble: string;
  @Field(() => [PolicyClauseView], { description: 'Every clause in document order (the table of contents is number + title + level)' })
  clauses: PolicyClauseView[];
  @Field({ description: 'The zh-CN body as stored (imported text or Markdown)' }) body: string;
  @Field({ nullable: true, description: 'English body (Markdown), when written' }) bodyEn?: string;
}

@ObjectType()
export class PublicPolicyDocument {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() titleZh: string;
  @Field() titleEn: string;
  @Field(() => PublicPolicyVersion, { nullable: true, description: 'The version in force' }) current?: PublicPolicyVersion;
  @Field(() => [PublicPolicyVersion], { description: 'Published and superseded versions, newest first' }) history: PublicPolicyVersion[];
}

// ---------------------------------------------------------------- legal: documents and versions

@ObjectType()
export class PolicyDocumentSummary {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() titleZh: string;
  @Field() titleEn: string;
  @Field(() => Int) versionCount: number;
  @Field(() => Int, { description: 'Versions not yet published nor withdrawn (draft, in_review, approved, scheduled)' }) openCount: number;
  @Field(() => ID, { nullable: true }) currentVersionId?: string;
  @Field(() => Int, { nullable: true }) currentVersionNo?: number;
}

@ObjectType()
export class PolicyTransitionView {
  @Field({ description: 'create, edit, submit, return, approve, schedule, publish, supersede, withdraw' }) action: string;
  @Field({ nullable: true }) fromStatus?: string;
  @Field() toStatus: string;
  @Field(() => ID, { nullable: true, description: 'Null for the system (publication job)' }) actorAccountId?: string;
  @Field({ nullable: true }) note?: string;
  @Field({ description: 'UTC instant' }) at: Date;
}

/** A version as legal sees it in lists (no body). */
@ObjectType()
export class PolicyVersionSummary {
  @Field(() => ID) id: string;
  @Field(() => ID) documentId: string;
  @Field(() => Int) versionNo: number;
  @Field({ description: 'draft, in_review, approved, scheduled, published, superseded, withdrawn' }) status: string;
  @Field({ nullable: true }) changeSummary?: string;
  @Field({ nullable: true, description: 'PRC calendar date YYYY-MM-DD' }) effectiveDate?: string;
  @Field({ nullable: true, description: 'UTC instant the publication job publishes it' }) publishAt?: Date;
  @Field({ nullable: true, description: 'UTC instant it was published' }) publishedAt?: Date;
  @Field() isMaterial: boolean;
  @Field(() => [String], { description: MATERIAL_DESCRIPTION }) materialCategories: string[];
  @Field(() => ID, { nullable: true }) createdBy?: string;
  @Field(() => ID, { nullable: true }) lastEditedBy?: string;
  @Field(() => ID, { nullable: true }) approvedBy?: string;
  @Field({ nullable: true }) approvedAt?: Date;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int, { description: 'Pass back as expectedRowVersion to detect concurrent changes' }) rowVersion: number;
}

/** A version with its body, recovered structure and lifecycle history. */
@ObjectType()
export class PolicyVersionView extends PolicyVersionSummary {
  @Field() documentCode: string;
  @Field({ description: 'zh-CN body (Markdown)' }) bodyZh: string;
  @Field({ nullable: true, description: 'English body (Markdown), optional' }) bodyEn?: string;
  @Field({ description: 'Title recovered from the body' }) title: string;
  @Field() preamble: string;
  @Field(() => [PolicyClauseView], { description: 'Clause structure recovered on every save' }) clauses: PolicyClauseView[];
  @Field(() => [PolicyTransitionView], { description: 'Lifecycle history, oldest first' }) transitions: PolicyTransitionView[];
}

export const PolicyVersionList = ListOf(PolicyVersionSummary, 'PolicyVersionList');

@ArgsType()
export class PolicyVersionListArgs extends PageArgs {
  @Field(() => ID) documentId: string;
  @Field(() => [String], { nullable: true, description: 'Only these statuses' }) status?: string[];
}

@InputType()
export class CreatePolicyDocumentInput {
  @Field({ description: 'Slug: lower-case letters, digits and dashes, 3-64 characters' })
  @Matches(/^[a-z][a-z0-9-]{2,63}$/, { message: 'lower-case letters, digits and dashes, 3-64 characters, starting with a letter' })
  code: string;

  @Field() @Length(1, 200) titleZh: string;
  @Field() @Length(1, 200) titleEn: string;
}

@InputType()
export class CreatePolicyDraftInput {
  @Field(() => ID) documentId: string;

  @Field(() => ID, { nullable: true, description: "Start from this version's text (same document); default: the version in force" })
  fromVersionId?: string;

  @Field({ nullable: true, description: 'zh-CN Markdown body; default: the text of fromVersionId' })
  @IsOptional()
  @MultiLine()
  @Length(1, BODY_MAX)
  bodyZh?: string;

  @Field({ nullable: true }) @IsOptional() @MultiLine() @Length(0, BODY_MAX) bodyEn?: string;
  @Field({ nullable: true }) @IsOptional() @MultiLine() @Length(0, 4000) changeSummary?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) @IsOptional() @IsCalendarDate('effective') effectiveDate?: string;
  @Field({ nullable: true }) isMaterial?: boolean;
  @Field(() => [String], { nullable: true, description: MATERIAL_DESCRIPTION }) materialCategories?: string[];
}

@InputType()
export class UpdatePolicyDraftInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedRowVersion?: number;
  @Field({ nullable: true }) @IsOptional() @MultiLine() @Length(1, BODY_MAX) bodyZh?: string;
  @Field({ nullable: true, description: 'Empty string removes the English body' }) @IsOptional() @MultiLine() @Length(0, BODY_MAX) bodyEn?: string;
  @Field({ nullable: true }) @IsOptional() @MultiLine() @Length(0, 4000) changeSummary?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) @IsOptional() @IsCalendarDate('effective') effectiveDate?: string;
  @Field({ nullable: true }) isMaterial?: boolean;
  @Field(() => [String], { nullable: true, description: MATERIAL_DESCRIPTION }) materialCategories?: string[];
}

@InputType()
export class PolicyTransitionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT when the version changed since it was read' }) expectedRowVersion?: number;
  @Field({ nullable: true }) @IsOptional() @MultiLine() @Length(1, 2000) note?: string;
}

@InputType()
export class SchedulePolicyVersionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedRowVersion?: number;
  @Field({ description: 'UTC instant to publish at (now or later)' }) @IsDate() @IsInstant('effective') publishAt: Date;
  @Field({ description: 'PRC calendar date YYYY-MM-DD the version takes effect, not before the publication date' })
  @IsCalendarDate('effective')
  effectiveDate: string;
}

// ---------------------------------------------------------------- fan-out, acknowledgements

@ObjectType({ description: 'Progress of the notification of one published version to every merchant account.' })
export class PolicyFanOutView {
  @Field(() => ID) versionId: string;
  @Field({ description: '`pending`, `running` or `completed`' }) status: string;
  @Field({ description: 'SMS copies go out too (material versions)' }) withSms: boolean;
  @Field(() => Int) total: number;
  @Field(() => Int) done: number;
  @Field(() => Float, { description: 'done / total, 0..1' }) progress: number;
  @Field(() => Int) chunks: number;
  @Field({ nullable: true }) startedAt?: Date;
  @Field({ nullable: true }) finishedAt?: Date;
  @Field() updatedAt: Date;
}

@ObjectType()
export class MyPolicyStatus {
  @Field(() => ID) documentId: string;
  @Field() code: string;
  @Field() titleZh: string;
  @Field() titleEn: string;
  @Field(() => ID, { nullable: true }) currentVersionId?: string;
  @Field(() => Int, { nullable: true }) currentVersionNo?: number;
  @Field({ description: 'Show the banner: a material change was published that this store has not acknowledged (acknowledge the current version)' })
  mustAcknowledge: boolean;
  @Field(() => Int, { nullable: true, description: 'The material version that requires the acknowledgement' }) materialVersionNo?: number;
  @Field({ nullable: true, description: 'When the store acknowledged the current version (UTC)' }) acknowledgedCurrentAt?: Date;
  @Field({ description: 'Whether this actor may acknowledge for the store' }) canAcknowledge: boolean;
}

@ObjectType()
export class PolicyAcknowledgementView {
  @Field(() => ID) versionId: string;
  @Field(() => ID) merchantId: string;
  @Field(() => ID, { description: 'Who acknowledged (owner or sub-account)' }) accountId: string;
  @Field({ description: 'UTC instant' }) acknowledgedAt: Date;
  @Field({ description: 'False when the store had already acknowledged this version (nothing new recorded)' }) newlyRecorded: boolean;
}

@ObjectType()
export class AcknowledgementDay {
  @Field({ description: 'PRC calendar date YYYY-MM-DD' }) date: string;
  @Field(() => Int) count: number;
  @Field(() => Int) cumulative: number;
  @Field(() => Float, { description: 'cumulative / merchants' }) rate: number;
}

@ObjectType()
export class PolicyAcknowledgementStats {
  @Field(() => ID) versionId: string;
  @Field(() => Int) versionNo: number;
  @Field() isMaterial: boolean;
  @Field(() => Int, { description: 'Merchant accounts (active) now' }) merchants: number;
  @Field(() => Int) acknowledged: number;
  @Field(() => Float) rate: number;
  @Field(() => [AcknowledgementDay], { description: 'Per PRC day from publication (at most 366 days)' }) daily: AcknowledgementDay[];
}

@InputType()
export class ExportNonAcknowledgersInput {
  @Field(() => ID) versionId: string;
  @Field({ description: 'Why the list is exported (audited)' }) @Length(4, 500) purpose: string;
  @Field(() => ID, { nullable: true, description: 'Keyset: continue after this merchant id (nextAfter of the previous page)' }) after?: string;
  @Field(() => Int, { defaultValue: 10000 }) @IsInt() @Min(1) @Max(50000) limit: number;
}

@ObjectType()
export class NonAcknowledgersExport {
  @Field({ description: 'CSV (UTF-8, header row): merchant_id, platform_account_id, nickname, store_name, store_status' }) csv: string;
  @Field(() => Int) rowCount: number;
  @Field(() => ID, { nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) nextAfter?: string;
}
