import { IsIn, IsOptional, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { IsInstant } from '../../graphql/validators';
import { LEGAL_GROUNDS } from '../../../rules/data-sharing/grounds';

/** A third party of the managed list (policy 4.1), with its contact for deletion requests (6.1 f). */
@ObjectType()
export class DataRecipientView {
  @Field() key: string;
  @Field() name: string;
  @Field({ description: 'payment_institution | insurer | affiliate | partner | buyer | authority' }) kind: string;
  @Field() deletionContact: string;
  @Field(() => [String], { description: 'The declared minimum set of fields it may receive' }) minimumFields: string[];
}

/** One share of a merchant's personal data (append-only register). */
@ObjectType()
export class DataSharingEntryView {
  @Field(() => ID) id: string;
  @Field(() => ID) storeId: string;
  @Field() recipientKey: string;
  @Field() recipientName: string;
  @Field() recipientKind: string;
  @Field() purpose: string;
  @Field({ description: 'Policy clause 4.1a-k / 4.4a-g' }) legalGround: string;
  @Field(() => [String]) fields: string[];
  @Field({ description: 'payout | disclosure | insurance_enrolment | authority_request' }) causeKind: string;
  @Field() causeId: string;
  @Field({ nullable: true, description: 'Who approved or made the share (null: the system, e.g. a payout job)' }) actorName?: string;
  @Field({ description: 'UTC instant' }) at: Date;
}

export const DataSharingEntryList = ListOf(DataSharingEntryView, 'DataSharingEntryList');

@InputType()
export class DataSharingFilter {
  @Field({ nullable: true }) @IsOptional() @Length(1, 40) recipientKey?: string;
  @Field({ nullable: true, description: '4.1a-k / 4.4a-g' }) @IsOptional() @IsIn(LEGAL_GROUNDS) legalGround?: string;
  @Field(() => ID, { nullable: true, description: 'Staff only: one store (ignored for a merchant: its own)' }) @IsOptional() storeId?: string;
  @Field({ nullable: true, description: 'UTC instant, inclusive' }) @IsOptional() @IsInstant('filter') from?: Date;
  @Field({ nullable: true, description: 'UTC instant, exclusive' }) @IsOptional() @IsInstant('filter') to?: Date;
}

@ArgsType()
export class DataSharingListArgs extends PageArgs {
  @Field(() => DataSharingFilter, { nullable: true }) filter?: DataSharingFilter;
}
