import { Length, Matches } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

// ---------------------------------------------------------------- inputs

@InputType({ description: "A new payout account: confirmed by the code sent to the owner's mobile" })
export class RequestPayoutAccountChangeInput {
  @Field({ description: 'Alipay login id: a mainland mobile number (1 + 10 digits) or an e-mail address' })
  @Length(3, 100)
  @Matches(/^(?:(?:\+?86)?1\d{10}|[^\s@]{1,64}@[^\s@]+\.[^\s@]+)$/, { message: 'alipayLogin must be a mainland mobile number or an e-mail address' })
  alipayLogin: string;

  @Field({ description: "The payee's real name on the Alipay account (1-50 characters): must match the verified identity's name, or the enterprise name" })
  @Length(1, 50)
  payeeName: string;
}

@InputType()
export class ConfirmPayoutAccountChangeInput {
  @Field({ description: 'The 6-digit code from the SMS' }) @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code: string;
}

// ---------------------------------------------------------------- views

@ObjectType({ description: 'A payout account change waiting for its code (values masked)' })
export class PendingPayoutAccountChange {
  @Field() alipayLogin: string;
  @Field() payeeName: string;
  @Field({ description: 'UTC instant the code was sent' }) requestedAt: Date;
  @Field({ description: 'UTC instant the code stops working (10 minutes after it was sent)' }) expiresAt: Date;
  @Field(() => Int) attemptsLeft: number;
  @Field({ description: 'The owner mobile the code went to, masked' }) sentTo: string;
}

@ObjectType({ description: "A store's Alipay payout account: login and payee name always masked (reveal with revealPersonalData, subject PayoutAccount)" })
export class PayoutAccountView {
  @Field(() => ID, { nullable: true, description: 'Null until the store has a payout account record; the id to reveal with' }) id?: string;
  @Field(() => ID) storeId: string;
  @Field({ description: 'not_set (no confirmed account yet) or active' }) status: string;
  @Field({ nullable: true, description: 'Alipay login id, masked' }) alipayLogin?: string;
  @Field({ nullable: true, description: 'Payee name, masked' }) payeeName?: string;
  @Field({ nullable: true, description: 'UTC instant the current account was confirmed' }) activatedAt?: Date;
  @Field({ nullable: true, description: 'Payouts are held until this UTC instant after a change (24 hours)' }) holdUntil?: Date;
  @Field({ nullable: true, description: "Whether the payee name matches the store's approved identity (checked now); null without an account" }) nameMatches?: boolean;
  @Field({ nullable: true, description: 'Why payouts are held now: no_account, change_pending, change_hold, name_mismatch; null when payouts can go out' }) payoutHold?: string;
  @Field({ nullable: true, description: 'When the hold ends by itself (UTC), for change_pending and change_hold' }) payoutHoldUntil?: Date;
  @Field(() => PendingPayoutAccountChange, { nullable: true }) pending?: PendingPayoutAccountChange;
  @Field(() => Int, { description: 'row_version' }) version: number;
}
