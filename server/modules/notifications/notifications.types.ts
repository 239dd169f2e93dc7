import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { ListOf, PageArgs } from '../../graphql/common.types';

@ObjectType()
export class NotificationView {
  @Field(() => ID) id: string;
  @Field({ description: 'rule_change, feature_update, reward_penalty_warning, policy_update, verification_result, security (policy 2.4), dispute' })
  kind: string;
  @Field() titleZh: string;
  @Field() titleEn: string;
  @Field() bodyZh: string;
  @Field() bodyEn: string;
  @Field({ nullable: true }) link?: string;
  @Field({ nullable: true }) readAt?: Date;
  @Field() createdAt: Date;
}

export const NotificationList = ListOf(NotificationView, 'NotificationList');

@ArgsType()
export class InboxArgs extends PageArgs {
  @Field({ defaultValue: false }) unreadOnly: boolean;
  @Field({ nullable: true }) kind?: string;
}
