import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can, Public, SignedIn } from '../../graphql/authorize';
import { servicesOf } from '../services';
import {
  CreatePolicyDocumentInput,
  CreatePolicyDraftInput,
  ExportNonAcknowledgersInput,
  MyPolicyStatus,
  NonAcknowledgersExport,
  PolicyAcknowledgementStats,
  PolicyAcknowledgementView,
  PolicyDiffView,
  PolicyDocumentSummary,
  PolicyFanOutView,
  PolicyTransitionInput,
  PolicyVersionList,
  PolicyVersionListArgs,
  PolicyVersionView,
  PublicPolicyDocument,
  PublicPolicyVersion,
  SchedulePolicyVersionInput,
  UpdatePolicyDraftInput,
} from './policies.types';

/** Policy documents and versions: public pages, legal's workflow, merchants' acknowledgements (policy chapter 8). */
@Resolver()
export class PoliciesResolver {
  constructor(private readonly app: App) {}
  private get documents() {
    return servicesOf(this.app).policies;
  }
  private get versions() {
    return servicesOf(this.app).policyVersions;
  }
  private get acks() {
    return servicesOf(this.app).policyAcknowledgements;
  }

  // ---- public

  @Public()
  @Query(() => [PublicPolicyDocument], { description: 'Public: every policy document with its version in force and history (no sign-in).' })
  publicPolicyDocuments(): Promise<PublicPolicyDocument[]> {
    return this.documents.publicDocuments();
  }

  @Public()
  @Query(() => PublicPolicyDocument, { description: 'Public: one policy document by code, e.g. "merchant-privacy-policy".' })
  publicPolicy(@Arg('code') code: string): Promise<PublicPolicyDocument> {
    return this.documents.publicDocument(code);
  }

  @Public()
  @Query(() => PublicPolicyVersion, { description: 'Public: one published or superseded version (table of contents in `clauses`, changes in `whatChanged`). NOT_FOUND for drafts.' })
  publicPolicyVersion(@Arg('code') code: string, @Arg('versionNo', () => Int) versionNo: number): Promise<PublicPolicyVersion> {
    return this.versions.publicVersion(code, versionNo);
  }

  // ---- legal: read

  @Can('read', 'PolicyVersion')
  @Query(() => [PolicyDocumentSummary], { description: 'Every policy document with version counts and the version in force.' })
  policyDocuments(@Ctx() ctx: RequestContext): Promise<PolicyDocumentSummary[]> {
    return this.documents.documents(ctx);
  }

  @Can('read', 'PolicyVersion')
  @Query(() => PolicyVersionList, { description: 'Versions of a document, any status; sort fields: versionNo (default, DESC), createdAt, updatedAt, status.' })
  policyVersions(@Ctx() ctx: RequestContext, @Args() args: PolicyVersionListArgs) {
    return this.versions.versions(ctx, args.documentId, args.status, args);
  }

  @Can('read', 'PolicyVersion')
  @Query(() => PolicyVersionView, { description: 'One version with body, recovered clause structure and lifecycle history.' })
  policyVersion(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PolicyVersionView> {
    return this.versions.version(ctx, id);
  }

  @Can('read', 'PolicyVersion')
  @Query(() => PolicyDiffView, { description: 'Clause-level diff between any two versions of one document: only added, removed and changed clauses, with inline and side-by-side character diffs.' })
  policyVersionDiff(@Ctx() ctx: RequestContext, @Arg('fromVersionId', () => ID) fromVersionId: string, @Arg('toVersionId', () => ID) toVersionId: string): Promise<PolicyDiffView> {
    return this.versions.diff(ctx, fromVersionId, toVersionId);
  }

  @Can('read', 'PolicyVersion')
  @Query(() => PolicyFanOutView, { nullable: true, description: 'Progress of the notification of a published version to every merchant (null before publication).' })
  policyFanOut(@Ctx() ctx: RequestContext, @Arg('versionId', () => ID) versionId: string): Promise<PolicyFanOutView | null> {
    return this.versions.fanOut(ctx, versionId);
  }

  @Can('read', 'PolicyAcknowledgement')
  @Query(() => PolicyAcknowledgementStats, { description: 'Acknowledgement rate of a published version, overall and per PRC day.' })
  policyAcknowledgementStats(@Ctx() ctx: RequestContext, @Arg('versionId', () => ID) versionId: string): Promise<PolicyAcknowledgementStats> {
    return this.acks.stats(ctx, versionId);
  }

  // ---- legal: write

  @Can('create', 'PolicyDocument')
  @Mutation(() => PolicyDocumentSummary, { description: 'A new policy document (no versions yet).' })
  createPolicyDocument(@Ctx() ctx: RequestContext, @Arg('input') input: CreatePolicyDocumentInput): Promise<PolicyDocumentSummary> {
    return this.documents.createDocument(ctx, input);
  }

  @Can('create', 'PolicyVersion')
  @Mutation(() => PolicyVersionView, { description: "A new draft, from an existing version's text (default: the version in force) or a new body." })
  createPolicyDraft(@Ctx() ctx: RequestContext, @Arg('input') input: CreatePolicyDraftInput): Promise<PolicyVersionView> {
    return this.versions.createDraft(ctx, input);
  }

  @Can('update', 'PolicyVersion')
  @Mutation(() => PolicyVersionView, { description: 'Edits a draft (structure recovered from the body on save).' })
  updatePolicyDraft(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePolicyDraftInput): Promise<PolicyVersionView> {
    return this.versions.updateDraft(ctx, input);
  }

  @Can('update', 'PolicyVersion')
  @Mutation(() => PolicyVersionView, { description: 'draft -> in_review.' })
  submitPolicyVersion(@Ctx() ctx: RequestContext, @Arg('input') input: PolicyTransitionInput): Promise<PolicyVersionView> {
    return this.versions.submit(ctx, input);
  }

  @Can('update', 'PolicyVersion')
  @Mutation(() => PolicyVersionView, { description: 'in_review or approved -> draft (changes requested; the approval is cleared).' })
  returnPolicyVersionToDraft(@Ctx() ctx: RequestContext, @Arg('input') input: PolicyTransitionInput): Promise<PolicyVersionView> {
    return this.versions.returnToDraft(ctx, input);
  }

  @Can('approve', 'PolicyVersion')
  @Mutation(() => PolicyVersionView, { description: 'in_review -> approved. Material versions need a second legal (not the author).' })
  approvePolicyVersion(@Ctx() ctx: RequestContext, @Arg('input') input: PolicyTransitionInput): Promise<PolicyVersionView> {
    return this.versions.approve(ctx, input);
  }

  @Can('publish', 'PolicyVersion')
  @Mutation(() => PolicyVersionView, { description: 'approved (or scheduled) -> scheduled: a job publishes it at publishAt and notifies every merchant.' })
  schedulePolicyVersion(@Ctx() ctx: RequestContext, @Arg('input') input: SchedulePolicyVersionInput): Promise<PolicyVersionView> {
    return this.versions.schedule(ctx, input);
  }

  @Can('update', 'PolicyVersion')
  @Mutation(() => PolicyVersionView, { description: 'Withdraws a version that is not published (draft, in_review, approved, scheduled).' })
  withdrawPolicyVersion(@Ctx() ctx: RequestContext, @Arg('input') input: PolicyTransitionInput): Promise<PolicyVersionView> {
    return this.versions.withdraw(ctx, input);
  }

  @Can('export', 'PolicyAcknowledgement')
  @Mutation(() => NonAcknowledgersExport, { description: 'CSV page of the stores that have not acknowledged a version (audited with the purpose).' })
  exportPolicyNonAcknowledgers(@Ctx() ctx: RequestContext, @Arg('input') input: ExportNonAcknowledgersInput): Promise<NonAcknowledgersExport> {
    return this.acks.exportNonAcknowledgers(ctx, input);
  }

  // ---- merchants

  @SignedIn()
  @Query(() => [MyPolicyStatus], { description: "Per document, whether the actor's store must acknowledge a material change (the banner); empty for staff." })
  myPolicyStatus(@Ctx() ctx: RequestContext): Promise<MyPolicyStatus[]> {
    return this.acks.myStatus(ctx);
  }

  @Can('create', 'PolicyAcknowledgement')
  @Mutation(() => PolicyAcknowledgementView, { description: "Records the store's acknowledgement of this exact version (published or superseded); idempotent." })
  acknowledgePolicyVersion(@Ctx() ctx: RequestContext, @Arg('versionId', () => ID) versionId: string): Promise<PolicyAcknowledgementView> {
    return this.acks.acknowledge(ctx, versionId);
  }
}

/** The public "what changed" section of a version page. */
@Resolver(() => PublicPolicyVersion)
export class PublicPolicyVersionResolver {
  constructor(private readonly app: App) {}

  @Public()
  @FieldResolver(() => PolicyDiffView, { nullable: true, description: 'Public: what changed against the version it replaced (null for a first version).' })
  whatChanged(@Root() v: PublicPolicyVersion): Promise<PolicyDiffView | null> {
    return servicesOf(this.app).policyVersions.whatChanged(v);
  }
}
