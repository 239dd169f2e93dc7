import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { SignedIn } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { RevealedValue, RevealInput } from './personal-data.types';

@Resolver()
export class PersonalDataResolver {
  constructor(private readonly app: App) {}

  // The per-record, per-field `reveal` rule is checked by the service (it needs the record).
  @SignedIn()
  @Mutation(() => RevealedValue, { description: 'Shows one sensitive field unmasked; needs the reveal permission and a purpose; audited.' })
  revealPersonalData(@Ctx() ctx: RequestContext, @Arg('input') input: RevealInput): Promise<RevealedValue> {
    return servicesOf(this.app).personalData.reveal(ctx, input);
  }
}
