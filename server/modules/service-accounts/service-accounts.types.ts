import { ArrayMaxSize } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ListOf } from '../../graphql/common.types';
import { SERVICE_SCOPES } from '../../../rules/service-accounts/scopes';

/** A service account (machine credential of an integration) with its current API key; the key itself is never shown again. */
@ObjectType()
export class ServiceAccountView {
  @Field(() => ID) id: string;
  @Field({ description: 'Its name (the display name in the audit log and on the records it makes)' }) name: string;
  @Field({ description: 'Generated login name (`svc-...`); it can never sign in with a password' }) loginName: string;
  @Field(() => [String], { description: `Scopes of its current key: ${SERVICE_SCOPES.join(', ')}` }) scopes: string[];
  @Field({ description: '`active` (has a usable key), `revoked` (its key was revoked) or `disabled` (the account is)' }) status: string;
  @Field({ nullable: true, description: 'First characters of the current key (`mcsk_...`), to recognise it' }) keyPrefix?: string;
  @Field({ nullable: true, description: 'UTC instant the current key was issued' }) keyCreatedAt?: Date;
  @Field({ nullable: true, description: 'Login name of the admin who issued the current key' }) keyCreatedBy?: string;
  @Field({ nullable: true, description: 'UTC instant of the last request with the current key, to the minute' }) lastUsedAt?: Date;
  @Field({ nullable: true, description: 'UTC instant the current key was revoked' }) revokedAt?: Date;
  @Field({ description: 'UTC instant' }) createdAt: Date;
}

export const ServiceAccountList = ListOf(ServiceAccountView, 'ServiceAccountList');

/** A newly issued API key: `apiKey` is shown this once (only its SHA-256 is stored). */
@ObjectType()
export class IssuedServiceAccountKey {
  @Field(() => ServiceAccountView) serviceAccount: ServiceAccountView;
  @Field({ description: 'The API key (`mcsk_...`), for `Authorization: Bearer <key>`. Shown once: store it in the integration now.' }) apiKey: string;
}

@InputType()
export class CreateServiceAccountInput {
  @Field({ description: 'Name of the integration, 2-64 characters (trimmed)' })
  name: string;

  @Field(() => [String], { description: `Scopes of its key, from: ${SERVICE_SCOPES.join(', ')}` })
  @ArrayMaxSize(20)
  scopes: string[];
}
