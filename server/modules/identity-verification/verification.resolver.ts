import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can, SignedIn } from '../../graphql/authorize';
import { servicesOf } from '../services';
import {
  DecideVerificationInput,
  ReasonCodeInput,
  ReasonCodeView,
  RevealLogEntry,
  StaffRef,
  StatusCount,
  SubmitVerificationInput,
  VerificationCaseView,
  VerificationQueue,
  VerificationQueueArgs,
  VerificationQueueFilter,
} from './verification.types';

@InputType()
class AssignVerificationsInput {
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(100) ids: string[];
  @Field(() => ID) assigneeId: string;
}

@Resolver()
export class VerificationResolver {
  constructor(private readonly app: App) {}
  private get services() {
    return servicesOf(this.app);
  }

  @Can('create', 'Verification')
  @Mutation(() => VerificationCaseView, { description: "Submits or resubmits the actor's store-opening details (policy 2.2.1, 2.2.2, 7)." })
  submitVerification(@Ctx() ctx: RequestContext, @Arg('input') input: SubmitVerificationInput) {
    return this.services.verificationSubmission.submit(ctx, input);
  }

  @SignedIn()
  @Query(() => VerificationCaseView, { nullable: true, description: "The actor's own store's case; null before the first submission or for actors without a store." })
  myVerification(@Ctx() ctx: RequestContext) {
    return this.services.verificationSubmission.mine(ctx);
  }

  @Can('read', 'Verification')
  @Query(() => VerificationQueue, { description: 'Review queue, oldest submission first; sort field: submittedAt.' })
  verificationQueue(@Ctx() ctx: RequestContext, @Args() args: VerificationQueueArgs) {
    return this.services.verificationQueue.queue(ctx, args.filter, args);
  }

  @Can('read', 'Verification')
  @Query(() => [StatusCount], { description: 'Cases per status under a filter (for the queue chips); counts stop at 10,001.' })
  verificationStatusCounts(@Ctx() ctx: RequestContext, @Arg('filter', () => VerificationQueueFilter, { nullable: true }) filter?: VerificationQueueFilter) {
    return this.services.verificationQueue.statusCounts(ctx, filter);
  }

  @Can('read', 'Verification')
  @Query(() => VerificationCaseView)
  verificationCase(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.services.verificationQueue.get(ctx, id);
  }

  @Can('read', 'AuditEvent')
  @Query(() => [RevealLogEntry], { description: 'Who viewed which personal field of a case, when and why.' })
  verificationRevealLog(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.services.verificationQueue.revealLog(ctx, id);
  }

  @Can('update', 'Verification')
  @Mutation(() => VerificationCaseView, { description: 'Takes a submitted case; others then see who holds it.' })
  claimVerification(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return this.services.verificationQueue.claim(ctx, id, version);
  }

  @Can('update', 'Verification')
  @Mutation(() => VerificationCaseView)
  releaseVerification(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return this.services.verificationQueue.release(ctx, id, version);
  }

  @Can('assign', 'Verification')
  @Mutation(() => [VerificationCaseView], { description: 'Bulk assignment to a reviewer (ops_lead).' })
  assignVerifications(@Ctx() ctx: RequestContext, @Arg('input') input: AssignVerificationsInput) {
    return this.services.verificationQueue.assign(ctx, input.ids, input.assigneeId);
  }

  @Can('assign', 'Verification')
  @Query(() => [StaffRef], { description: 'Active reviewers and leads, for assignment (ops_lead).' })
  verificationReviewers() {
    return this.services.verificationQueue.reviewers();
  }

  @Can('decide', 'Verification')
  @Mutation(() => VerificationCaseView, { description: 'Approve, request resubmission (retry) or reject (final); version-checked.' })
  decideVerification(@Ctx() ctx: RequestContext, @Arg('input') input: DecideVerificationInput) {
    return this.services.verificationDecisions.decide(ctx, input);
  }

  @Can('read', 'Verification')
  @Query(() => [ReasonCodeView], { description: 'The managed rejection reasons (both languages).' })
  verificationReasonCodes() {
    return this.services.verificationDecisions.reasonCodes();
  }

  @Can('update', 'VerificationReasonCode')
  @Mutation(() => ReasonCodeView, { description: 'Adds or edits a reason code (ops_lead).' })
  upsertVerificationReasonCode(@Ctx() ctx: RequestContext, @Arg('input') input: ReasonCodeInput) {
    return this.services.verificationDecisions.upsertReasonCode(ctx, input);
  }
}
