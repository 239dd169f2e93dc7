import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can } from '../../graphql/authorize';
import { PageArgs } from '../../graphql/common.types';
import { servicesOf } from '../services';
import { CreateServiceAccountInput, IssuedServiceAccountKey, ServiceAccountList, ServiceAccountView } from './service-accounts.types';

@Resolver()
export class ServiceAccountsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).serviceAccounts;
  }

  @Can('read', 'ServiceAccount')
  @Query(() => ServiceAccountList, { description: 'Service accounts (API keys of integrations), newest first; sort fields: name, createdAt.' })
  serviceAccounts(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return this.service.list(ctx, args);
  }

  @Can('create', 'ServiceAccount')
  @Mutation(() => IssuedServiceAccountKey, {
    description:
      'Creates a service account with an API key holding `scopes`; the key is in the answer and never shown again. Errors: BAD_USER_INPUT (SERVICE_ACCOUNT_NAME_LENGTH, NO_SCOPE, UNKNOWN_SCOPE), CONFLICT (ALREADY_EXISTS).',
  })
  createServiceAccount(@Ctx() ctx: RequestContext, @Arg('input') input: CreateServiceAccountInput): Promise<IssuedServiceAccountKey> {
    return this.service.create(ctx, input);
  }

  @Can('update', 'ServiceAccount')
  @Mutation(() => ServiceAccountView, { description: "Revokes the service account's active key: its next request is UNAUTHENTICATED. Errors: NOT_FOUND, CONFLICT (KEY_ALREADY_REVOKED)." })
  revokeServiceAccountKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ServiceAccountView> {
    return this.service.revokeKey(ctx, id);
  }

  @Can('update', 'ServiceAccount')
  @Mutation(() => IssuedServiceAccountKey, {
    description: 'Issues a new key (same scopes) and revokes the active one, at once; the new key is in the answer and never shown again. Errors: NOT_FOUND, CONFLICT (SERVICE_ACCOUNT_DISABLED).',
  })
  rotateServiceAccountKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<IssuedServiceAccountKey> {
    return this.service.rotateKey(ctx, id);
  }
}
