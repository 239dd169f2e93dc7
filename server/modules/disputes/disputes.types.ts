import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CLAIM_TYPES, DISCLOSURE_FIELDS, RESOLUTIONS } from '../../../rules/disputes/disputes';
import { ID_PATTERN, UUID_PATTERN } from '../../core/ids';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { MoneyScalar } from '../../graphql/money';
import { MultiLine } from '../../graphql/validators';
import { DISPUTE_STATUSES } from './dispute.entity';

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MOBILE = /^(\+?86)?1\d{10}$/;
const CLAIMS = CLAIM_TYPES.join(', ');

// ---------------------------------------------------------------- inputs

/**
 * A new dispute, from the after-sales integration (service account) or from support. Opening is
 * idempotent by `afterSalesNumber`: the same number again answers the existing dispute.
 */
@InputType()
export class OpenDisputeInput {
  @Field(() => ID) @Matches(ID_PATTERN, { message: 'storeId must be a store id' }) storeId: string;
  @Field({ description: 'Order number (letters, digits, - and _; up to 64)' }) @Matches(NUMBER, { message: 'orderNumber must be letters, digits, - or _ (up to 64)' }) orderNumber: string;
  @Field({ description: 'After-sales case number (售后单号): the idempotency key' })
  @Matches(NUMBER, { message: 'afterSalesNumber must be letters, digits, - or _ (up to 64)' })
  afterSalesNumber: string;
  @Field({ description: CLAIMS }) @IsIn(CLAIM_TYPES as unknown as string[]) claimType: string;
  @Field(() => MoneyScalar, { description: 'Amount claimed, integer fen, above 0' }) amountClaimed: number;
  @Field({ description: "The buyer's account of the problem (1-2000 characters)" }) @MultiLine() @Length(1, 2000) description: string;
  @Field({ description: "Buyer's name (personal data: stored encrypted, shown masked)" }) @Length(1, 50) buyerName: string;
  @Field({ description: "Buyer's mainland mobile number (the disclosure link and codes go to it)" }) @Matches(MOBILE, { message: 'buyerMobile must be a mainland mobile number' }) buyerMobile: string;
  @Field({ nullable: true, description: "Buyer's address" }) @IsOptional() @Length(5, 200) buyerAddress?: string;
}

@InputType()
export class BuyerMessageInput {
  @Field({ description: 'The after-sales number of the dispute' }) @Matches(NUMBER, { message: 'afterSalesNumber must be letters, digits, - or _ (up to 64)' }) afterSalesNumber: string;
  @Field({ description: '1-2000 characters' }) @MultiLine() @Length(1, 2000) body: string;
}

@InputType()
export class DisputeMessageInput {
  @Field(() => ID) @Matches(ID_PATTERN) disputeId: string;
  @Field({ description: '1-2000 characters' }) @MultiLine() @Length(1, 2000) body: string;
  @Field(() => [String], { defaultValue: [], description: 'Evidence upload ids (uploadDisputeEvidence), up to 10' })
  @ArrayMaxSize(10)
  @Matches(UUID_PATTERN, { each: true, message: 'each file id must be an upload id' })
  fileIds: string[];
  @Field({ defaultValue: false, description: 'Staff only: an internal note, never shown to the merchant or the buyer' }) @IsBoolean() internal: boolean;
}

/** The staff steps of the lifecycle (resolution has its own mutation). */
export const DISPUTE_STEPS = ['sendToMerchant', 'escalate', 'close', 'withdraw'] as const;

@InputType()
export class DisputeStepInput {
  @Field(() => ID) @Matches(ID_PATTERN) id: string;
  @Field(() => Int, { description: 'The version the actor saw; a stale one gives CONFLICT STALE_VERSION' }) version: number;
  @Field(() => String, { description: DISPUTE_STEPS.join(', ') }) @IsIn(DISPUTE_STEPS as unknown as string[]) step: (typeof DISPUTE_STEPS)[number];
  @Field({ nullable: true, description: 'Why (2-2000 characters); required to withdraw and escalate' }) @IsOptional() @MultiLine() @Length(2, 2000) reason?: string;
}

@InputType()
export class ResolveDisputeInput {
  @Field(() => ID) @Matches(ID_PATTERN) id: string;
  @Field(() => Int) version: number;
  @Field({ description: RESOLUTIONS.join(', ') }) @IsIn(RESOLUTIONS as unknown as string[]) resolution: string;
  @Field(() => MoneyScalar, { nullable: true, description: 'For refund_partial: integer fen, above 0 and at most the claim' }) @IsOptional() refundAmount?: number;
  @Field({ description: 'Told to both sides (2-2000 characters)' }) @MultiLine() @Length(2, 2000) reason: string;
}

@InputType()
export class AssignDisputeInput {
  @Field(() => ID) @Matches(ID_PATTERN) id: string;
  @Field(() => Int) version: number;
  @Field(() => ID, { nullable: true, description: 'A staff account working disputes; null unassigns' }) @IsOptional() @Matches(ID_PATTERN) assigneeId?: string;
}

@InputType()
export class UploadDisputeEvidenceInput {
  @Field({ description: 'Original file name (1-120 characters)' }) @Length(1, 120) fileName: string;
  @Field({ description: 'File bytes, base64; up to 1 MiB decoded; JPEG, PNG, WebP or PDF (checked by content)' }) @MaxLength(1_400_000) contentBase64: string;
}

@InputType()
export class RequestDisclosureInput {
  @Field(() => ID) @Matches(ID_PATTERN) disputeId: string;
  @Field(() => [String], { description: `Fields the buyer asks for: ${DISCLOSURE_FIELDS.join(', ')}` })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(DISCLOSURE_FIELDS as unknown as string[], { each: true })
  fields: string[];
  @Field({ defaultValue: '4.1i', description: 'Policy clause (4.1 a-k, 4.4 a-g) fitting a buyer: 4.1i' }) @Matches(/^4\.[14][a-k]$/) legalGround: string;
  @Field({ description: "The buyer's request and why the platform must answer it (10-2000 characters)" }) @MultiLine() @Length(10, 2000) reason: string;
}

@InputType()
export class DecideDisclosureInput {
  @Field(() => ID) @Matches(ID_PATTERN) id: string;
  @Field(() => Int) version: number;
  @Field() @IsBoolean() approve: boolean;
  @Field(() => [String], { nullable: true, description: 'Approve: the fields to disclose, a subset of those requested (default: all requested)' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(DISCLOSURE_FIELDS as unknown as string[], { each: true })
  fields?: string[];
  @Field({ description: '2-2000 characters; told to the merchant on approval' }) @MultiLine() @Length(2, 2000) reason: string;
}

@InputType()
export class DisputeFilter {
  @Field({ nullable: true, description: DISPUTE_STATUSES.join(', ') }) @IsOptional() @IsIn(DISPUTE_STATUSES as unknown as string[]) status?: string;
  @Field(() => ID, { nullable: true, description: 'Staff only' }) @IsOptional() @Matches(ID_PATTERN) storeId?: string;
  @Field({ nullable: true }) @IsOptional() @IsIn(CLAIM_TYPES as unknown as string[]) claimType?: string;
  @Field(() => ID, { nullable: true, description: 'Staff only' }) @IsOptional() @Matches(ID_PATTERN) assigneeId?: string;
  @Field({ nullable: true, description: 'Awaiting the merchant past the deadline' }) @IsOptional() @IsBoolean() overdue?: boolean;
  @Field({ nullable: true, description: 'An order or after-sales number (exact)' }) @IsOptional() @Matches(NUMBER) number?: string;
}

@ArgsType()
export class DisputeListArgs extends PageArgs {
  @Field(() => DisputeFilter, { nullable: true }) filter?: DisputeFilter;
}

// ---------------------------------------------------------------- views

@ObjectType()
export class DisputeFileView {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field({ description: 'Detected from the bytes' }) contentType: string;
  @Field(() => Int) sizeBytes: number;
  @Field({ description: 'UTC instant' }) createdAt: Date;
}

@ObjectType()
export class DisputeMessageView {
  @Field(() => ID) id: string;
  @Field({ description: 'buyer, merchant, staff or system' }) authorKind: string;
  @Field({ nullable: true, description: "The author's display name (staff and merchants; null for the buyer and the system)" }) authorName?: string;
  @Field() body: string;
  @Field({ description: 'Staff: an internal note. Never true for a merchant: notes are not in its thread.' }) internal: boolean;
  @Field(() => [DisputeFileView]) files: DisputeFileView[];
  @Field({ description: 'UTC instant' }) at: Date;
}

@ObjectType()
export class DisputeHistoryView {
  @Field(() => ID) id: string;
  @Field() action: string;
  @Field({ nullable: true }) fromStatus?: string;
  @Field() toStatus: string;
  @Field({ description: 'dispute or disclosure' }) subject: string;
  @Field({ nullable: true }) actorName?: string;
  @Field() actorKind: string;
  @Field({ nullable: true }) reason?: string;
  @Field({ description: 'UTC instant' }) at: Date;
}

/** A disclosure request; staff see every request of the dispute, the store owner its approved ones. */
@ObjectType()
export class DisclosureView {
  @Field(() => ID) id: string;
  @Field(() => ID) disputeId: string;
  @Field() status: string;
  @Field(() => [String]) requestedFields: string[];
  @Field(() => [String], { nullable: true }) approvedFields?: string[];
  @Field() legalGround: string;
  @Field() reason: string;
  @Field(() => ID, { nullable: true, description: 'Staff only: the requester (who may not decide it)' }) requestedById?: string;
  @Field({ nullable: true }) requestedByName?: string;
  @Field({ nullable: true }) decidedByName?: string;
  @Field({ nullable: true, description: 'UTC instant' }) decidedAt?: Date;
  @Field({ nullable: true }) decisionReason?: string;
  @Field({ nullable: true, description: "End of the buyer link's life (UTC instant)" }) expiresAt?: Date;
  @Field(() => Int) maxViews: number;
  @Field(() => Int) viewCount: number;
  @Field({ description: 'UTC instant' }) createdAt: Date;
  @Field(() => Int) version: number;
}

@ObjectType()
export class DisputeView {
  @Field(() => ID) id: string;
  @Field(() => ID) storeId: string;
  @Field() storeName: string;
  @Field() orderNumber: string;
  @Field() afterSalesNumber: string;
  @Field() claimType: string;
  @Field(() => MoneyScalar, { description: 'Integer fen' }) amountClaimed: number;
  @Field() status: string;
  @Field({ nullable: true, description: 'Masked; reveal with revealPersonalData(subject: "Dispute", field: "buyerName")' }) buyerName?: string;
  @Field({ nullable: true, description: 'Masked (buyerMobile)' }) buyerMobile?: string;
  @Field({ nullable: true, description: 'Masked (buyerAddress); detail only' }) buyerAddress?: string;
  @Field({ nullable: true, description: 'Detail only' }) description?: string;
  @Field({ nullable: true, description: 'Last PRC date (YYYY-MM-DD) for the merchant to answer' }) responseDueOn?: string;
  @Field(() => Int, { nullable: true, description: 'Working days from today (PRC) to the deadline; negative when overdue; null when not awaiting the merchant' })
  workingDaysLeft?: number;
  @Field({ description: 'Awaiting the merchant past its deadline' }) overdue: boolean;
  @Field() deadlineMissed: boolean;
  @Field({ nullable: true }) proposedResolution?: string;
  @Field({ nullable: true }) resolution?: string;
  @Field(() => MoneyScalar, { nullable: true, description: 'Integer fen' }) refundAmount?: number;
  @Field({ nullable: true }) resolutionReason?: string;
  @Field({ nullable: true, description: 'UTC instant' }) resolvedAt?: Date;
  @Field(() => ID, { nullable: true }) assigneeId?: string;
  @Field({ nullable: true }) assigneeName?: string;
  @Field({ description: 'UTC instant of the latest message both sides see (the opening counts)' }) latestMessageAt: Date;
  @Field(() => Int) messageCount: number;
  @Field({ nullable: true, description: 'intake or support (staff only)' }) source?: string;
  @Field({ description: 'UTC instant' }) createdAt: Date;
  @Field(() => Int) version: number;
  @Field(() => [DisputeMessageView], { nullable: true, description: 'Detail only: the thread (staff also see internal notes)' }) messages?: DisputeMessageView[];
  @Field(() => [DisclosureView], { nullable: true, description: 'Detail only' }) disclosures?: DisclosureView[];
  @Field(() => [DisputeHistoryView], { nullable: true, description: 'Detail only, staff' }) history?: DisputeHistoryView[];
}

export const DisputeList = ListOf(DisputeView, 'DisputeList');

@ObjectType()
export class DisputeIntakeResult {
  @Field(() => ID) disputeId: string;
  @Field() afterSalesNumber: string;
  @Field() status: string;
  @Field({ description: 'False when the after-sales number had already opened this dispute' }) created: boolean;
}

// ---------------------------------------------------------------- buyer's public page

@ObjectType()
export class DisclosureCodeSent {
  @Field({ description: "The buyer's mobile, masked, where the code went" }) sentTo: string;
  @Field({ description: 'UTC instant the code stops working' }) codeExpiresAt: Date;
}

@ObjectType()
export class DisclosedIdentity {
  @Field({ nullable: true, description: "Merchant's name (the enterprise name for an enterprise), if approved" }) name?: string;
  @Field({ nullable: true }) idNumber?: string;
  @Field({ nullable: true }) address?: string;
  @Field({ nullable: true, description: 'Contact mobile' }) contact?: string;
  @Field(() => Int) viewsLeft: number;
  @Field({ description: 'UTC instant' }) expiresAt: Date;
}

@ObjectType()
export class DisputeFileContent {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field() contentType: string;
  @Field() contentBase64: string;
}
