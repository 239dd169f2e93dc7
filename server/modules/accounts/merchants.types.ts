import { IsIn, IsOptional, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { IsInstant } from '../../graphql/validators';

@ObjectType()
export class StoreSummary {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: '`pending_verification`, `open`, `suspended` or `closed`' }) status: string;
  @Field({ nullable: true, description: 'UTC instant the store opened' }) openedAt?: Date;
}

/** A merchant (store owner), policy 2.1. The mobile number is masked; `revealPersonalData` shows it, audited. */
@ObjectType()
export class MerchantView {
  @Field(() => ID) id: string;
  @Field({ description: 'Platform account id (public in penalty notices, policy 4.3)' }) platformAccountId: string;
  @Field() accountName: string;
  @Field({ description: 'Defaults to the account name (policy 2.1)' }) nickname: string;
  @Field({ description: 'Masked mobile, e.g. 138****5678' }) mobileMasked: string;
  @Field() createdAt: Date;
  @Field(() => StoreSummary, { nullable: true }) store?: StoreSummary;
}

export const MerchantList = ListOf(MerchantView, 'MerchantList');

@InputType()
export class MerchantFilter {
  @Field({ nullable: true, description: 'Nickname prefix or exact platform account id' })
  @IsOptional()
  @Length(1, 64)
  q?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsIn(['pending_verification', 'open', 'suspended', 'closed'])
  storeStatus?: string;

  @Field({ nullable: true, description: 'Created at or after (UTC instant)' })
  @IsOptional()
  @IsInstant('filter')
  createdFrom?: Date;

  @Field({ nullable: true, description: 'Created before (UTC instant)' })
  @IsOptional()
  @IsInstant('filter')
  createdTo?: Date;
}

@ArgsType()
export class MerchantListArgs extends PageArgs {
  @Field(() => MerchantFilter, { nullable: true })
  filter?: MerchantFilter;
}
