import { IsIn, IsOptional, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ID_PATTERN } from '../../core/ids';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { MoneyScalar } from '../../graphql/money';
import { IsCalendarDate, MultiLine } from '../../graphql/validators';
import { PAYOUT_STATUSES } from './payout.entity';
import { REWARD_STATUSES } from './reward.entity';

const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

@InputType()
export class CreateProgrammeInput {
  @Field({ description: 'UPPER_SNAKE code, 2-48 characters' }) @Matches(CODE, { message: 'code must be UPPER_SNAKE (2-48)' }) code: string;
  @Field() @Length(1, 100) nameZh: string;
  @Field() @Length(1, 100) nameEn: string;
  @Field(() => MoneyScalar, { description: 'Budget, integer fen, above 0' }) budget: number;
}

@InputType()
export class ProposeRewardInput {
  @Field(() => ID) @Matches(ID_PATTERN) storeId: string;
  @Field({ description: 'Programme code' }) @Matches(CODE) programmeCode: string;
  @Field(() => MoneyScalar, { description: 'Integer fen, above 0' }) amount: number;
  @Field({ description: '2-500 characters, shown to the merchant' }) @MultiLine() @Length(2, 500) reason: string;
  @Field({ description: 'First day of the period rewarded (PRC date)' }) @IsCalendarDate('filter') periodStart: string;
  @Field({ description: 'Last day of the period rewarded (PRC date)' }) @IsCalendarDate('filter') periodEnd: string;
}

@InputType()
export class RewardDecisionInput {
  @Field(() => ID) @Matches(ID_PATTERN) id: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true, description: 'Required to reject (2-500 characters)' }) @IsOptional() @MultiLine() @Length(2, 500) reason?: string;
}

@InputType()
export class PayoutDecisionInput {
  @Field(() => ID, { description: 'The payout id' }) @Matches(ID_PATTERN) id: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true }) @IsOptional() @MultiLine() @Length(2, 500) reason?: string;
}

@InputType()
export class RewardFilter {
  @Field({ nullable: true, description: REWARD_STATUSES.join(', ') }) @IsOptional() @IsIn(REWARD_STATUSES as unknown as string[]) status?: string;
  @Field({ nullable: true, description: PAYOUT_STATUSES.join(', ') }) @IsOptional() @IsIn(PAYOUT_STATUSES as unknown as string[]) payoutStatus?: string;
  @Field(() => ID, { nullable: true, description: 'Staff only' }) @IsOptional() @Matches(ID_PATTERN) storeId?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(CODE) programmeCode?: string;
}

@ArgsType()
export class RewardListArgs extends PageArgs {
  @Field(() => RewardFilter, { nullable: true }) filter?: RewardFilter;
}

@ObjectType()
export class ProgrammeView {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field(() => MoneyScalar, { description: 'Integer fen' }) budget: number;
  @Field(() => MoneyScalar, { description: 'Approved so far, integer fen' }) approvedTotal: number;
  @Field(() => MoneyScalar, { description: 'Budget left, integer fen' }) remaining: number;
  @Field() active: boolean;
  @Field(() => Int) version: number;
}

@ObjectType()
export class PayoutView {
  @Field(() => ID) id: string;
  @Field() businessNumber: string;
  @Field() status: string;
  @Field({ nullable: true, description: 'Why it waits: store_not_verified, store_suspended, store_closed, no_account, change_pending, change_hold, name_mismatch' }) holdReason?: string;
  @Field({ nullable: true, description: 'UTC instant' }) heldUntil?: Date;
  @Field(() => Int) attempts: number;
  @Field({ nullable: true }) lastError?: string;
  @Field({ nullable: true, description: 'UTC instant' }) paidAt?: Date;
  @Field(() => Int) version: number;
}

@ObjectType()
export class RewardView {
  @Field(() => ID) id: string;
  @Field(() => ID) storeId: string;
  @Field() storeName: string;
  @Field() programmeCode: string;
  @Field() programmeNameZh: string;
  @Field() programmeNameEn: string;
  @Field(() => MoneyScalar, { description: 'Integer fen' }) amount: number;
  @Field() reason: string;
  @Field({ description: 'PRC date' }) periodStart: string;
  @Field({ description: 'PRC date' }) periodEnd: string;
  @Field() status: string;
  @Field({ nullable: true }) proposedByName?: string;
  @Field({ nullable: true }) firstApproverName?: string;
  @Field({ nullable: true }) approvedByName?: string;
  @Field({ nullable: true, description: 'UTC instant' }) approvedAt?: Date;
  @Field({ nullable: true }) decisionReason?: string;
  @Field(() => PayoutView, { nullable: true }) payout?: PayoutView;
  @Field({ description: 'UTC instant' }) createdAt: Date;
  @Field(() => Int) version: number;
}

export const RewardList = ListOf(RewardView, 'RewardList');

@ObjectType()
export class RewardTotal {
  @Field() status: string;
  @Field(() => Int) count: number;
  @Field(() => MoneyScalar, { description: 'Sum, integer fen (exact, summed in SQL)' }) amount: number;
}
