import { Arg, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import { Public } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { PublicPolicyDocument } from './policies.types';

@Resolver()
export class PoliciesResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).policies;
  }

  @Public()
  @Query(() => [PublicPolicyDocument], { description: 'Public: every policy document with its version in force and history (no sign-in).' })
  publicPolicyDocuments(): Promise<PublicPolicyDocument[]> {
    return this.service.publicDocuments();
  }

  @Public()
  @Query(() => PublicPolicyDocument, { description: 'Public: one policy document by code, e.g. "merchant-privacy-policy".' })
  publicPolicy(@Arg('code') code: string): Promise<PublicPolicyDocument> {
    return this.service.publicDocument(code);
  }
}
