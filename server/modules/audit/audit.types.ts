import { IsOptional, Length, Matches } from 'class-validator';
import { ID_PATTERN } from '../../core/ids';
import { GraphQLJSON } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { IsInstant } from '../../graphql/validators';

@ObjectType()
export class AuditEventView {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Position in the hash chain' }) chainSeq: string;
  @Field({ description: 'UTC instant' }) occurredAt: Date;
  @Field(() => ID, { nullable: true }) actorAccountId?: string;
  @Field() actorKind: string;
  @Field({ nullable: true }) actorLabel?: string;
  @Field() action: string;
  @Field() outcome: string;
  @Field({ nullable: true }) targetType?: string;
  @Field({ nullable: true }) targetId?: string;
  @Field(() => ID, { nullable: true }) storeId?: string;
  @Field({ nullable: true }) purpose?: string;
  @Field({ nullable: true }) requestId?: string;
  @Field({ nullable: true }) ip?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Masked snapshot before the change' }) before?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Masked snapshot after the change' }) after?: unknown;
  @Field() hash: string;
}

export const AuditEventList = ListOf(AuditEventView, 'AuditEventList');

@InputType()
export class AuditFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, { message: 'actorAccountId must be an account id' }) actorAccountId?: string;
  @Field({ nullable: true, description: 'Exact action, or a prefix ending in "." (e.g. "account.")' }) @IsOptional() @Length(1, 64) action?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 64) targetType?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 64) targetId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 16) outcome?: string;
  @Field({ nullable: true, description: 'UTC instant, inclusive' }) @IsOptional() @IsInstant('filter') from?: Date;
  @Field({ nullable: true, description: 'UTC instant, exclusive' }) @IsOptional() @IsInstant('filter') to?: Date;
}

@ArgsType()
export class AuditListArgs extends PageArgs {
  @Field(() => AuditFilter, { nullable: true }) filter?: AuditFilter;
}

@ObjectType()
export class AuditExport {
  @Field({ description: 'File name suggestion' }) fileName: string;
  @Field({ description: 'CSV (UTF-8, header row), at most 50,000 rows' }) csv: string;
  @Field() rowCount: number;
}

@ObjectType({ description: 'A signed checkpoint of the chain head, kept outside the database' })
export class AuditChainAnchor {
  @Field(() => String, { description: 'chain_seq of the anchored head' }) seq: string;
  @Field() hash: string;
  @Field({ description: 'When it was written (UTC, ISO 8601)' }) at: string;
}

@ObjectType()
export class AuditChainStatus {
  @Field() ok: boolean;
  @Field() checked: number;
  @Field(() => String, { nullable: true, description: 'chain_seq of the first broken link' }) firstBrokenSeq?: string;
  @Field(() => String, { nullable: true, description: "Set when the log ends below a signed anchor: the anchor's chain_seq (rows were removed)" })
  truncatedBelowSeq?: string;
  @Field(() => AuditChainAnchor, { nullable: true, description: 'The newest signed anchor the chain still matches' }) lastAnchor?: AuditChainAnchor;
  @Field({ nullable: true, description: 'Why the chain is broken' }) reason?: string;
}
