import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can, Public } from '../../graphql/authorize';
import { servicesOf } from '../services';
import {
  CreateSanctionTypeInput,
  CreateViolationCategoryInput,
  DecidePenaltyAppealInput,
  DraftPenaltyInput,
  PenaltyAppealList,
  PenaltyAppealListArgs,
  PenaltyAppealView,
  PenaltyFileContent,
  PenaltyFileView,
  PenaltyList,
  PenaltyListArgs,
  PenaltyTransitionInput,
  PenaltyView,
  PublicPenaltyNoticeArgs,
  PublicPenaltyNoticeList,
  PublicViolationCategory,
  SanctionTypeView,
  StorePenaltyPoints,
  SubmitPenaltyAppealInput,
  UpdatePenaltyDraftInput,
  UpdateSanctionTypeInput,
  UpdateViolationCategoryInput,
  UploadPenaltyFileInput,
  ViolationCategoryView,
} from './penalties.types';

@Resolver()
export class PenaltiesResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).penalties;
  }
  private get catalogue() {
    return servicesOf(this.app).penaltyCatalogue;
  }
  private get appeals() {
    return servicesOf(this.app).penaltyAppeals;
  }
  private get notices() {
    return servicesOf(this.app).penaltyNotices;
  }

  // ---------------------------------------------------------------- public (policy 4.3)

  @Public()
  @Query(() => PublicPenaltyNoticeList, {
    description:
      'Public (no sign-in): penalty notices, newest first (sort field: issuedOn). Each carries only the merchant ID, account nickname, violation category, sanction, dates and status (policy 4.3).',
  })
  publicPenaltyNotices(@Args() args: PublicPenaltyNoticeArgs) {
    return this.notices.publicNotices(args.filter, args);
  }

  @Public()
  @Query(() => [PublicViolationCategory], { description: 'Public: the active violation categories, for the notices board filter.' })
  publicViolationCategories(): Promise<PublicViolationCategory[]> {
    return this.catalogue.publicCategories();
  }

  // ---------------------------------------------------------------- catalogue

  @Can('read', 'ViolationCategory')
  @Query(() => [ViolationCategoryView], { description: 'The violation-category tree, flattened (parentCode), in display order.' })
  violationCategories(): Promise<ViolationCategoryView[]> {
    return this.catalogue.categories();
  }

  @Can('read', 'ViolationCategory')
  @Query(() => [SanctionTypeView], { description: 'Sanction types (处罚措施).' })
  sanctionTypes(): Promise<SanctionTypeView[]> {
    return this.catalogue.sanctionTypes();
  }

  @Can('create', 'ViolationCategory')
  @Mutation(() => ViolationCategoryView, { description: 'ops_lead: adds a violation category. Audited.' })
  createViolationCategory(@Ctx() ctx: RequestContext, @Arg('input') input: CreateViolationCategoryInput): Promise<ViolationCategoryView> {
    return this.catalogue.createCategory(ctx, input);
  }

  @Can('update', 'ViolationCategory')
  @Mutation(() => ViolationCategoryView, { description: 'ops_lead: edits a violation category (names, rule, defaults, active). Audited; CONFLICT on a stale version.' })
  updateViolationCategory(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateViolationCategoryInput): Promise<ViolationCategoryView> {
    return this.catalogue.updateCategory(ctx, input);
  }

  @Can('create', 'ViolationCategory')
  @Mutation(() => SanctionTypeView, { description: 'ops_lead: adds a sanction type on one of the fixed effects. Audited.' })
  createSanctionType(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSanctionTypeInput): Promise<SanctionTypeView> {
    return this.catalogue.createSanctionType(ctx, input);
  }

  @Can('update', 'ViolationCategory')
  @Mutation(() => SanctionTypeView, { description: 'ops_lead: renames or (de)activates a sanction type. Audited.' })
  updateSanctionType(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateSanctionTypeInput): Promise<SanctionTypeView> {
    return this.catalogue.updateSanctionType(ctx, input);
  }

  // ---------------------------------------------------------------- penalties

  @Can('read', 'Penalty')
  @Query(() => PenaltyList, { description: "Penalties the actor may read (a merchant: its store's issued and revoked ones). Sort fields: createdAt (default, DESC), issuedAt, id." })
  penalties(@Ctx() ctx: RequestContext, @Args() args: PenaltyListArgs) {
    return this.service.list(ctx, args.filter, args);
  }

  @Can('read', 'Penalty')
  @Query(() => PenaltyView, { description: "One penalty; NOT_FOUND for another store's." })
  penalty(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PenaltyView> {
    return this.service.get(ctx, id);
  }

  @Can('read', 'Penalty')
  @Query(() => StorePenaltyPoints, { description: 'Points deducted from a store (a merchant: its own, storeId optional; staff: storeId required).' })
  storePenaltyPoints(@Ctx() ctx: RequestContext, @Arg('storeId', () => ID, { nullable: true }) storeId?: string): Promise<StorePenaltyPoints> {
    return this.service.points(ctx, storeId);
  }

  @Can('read', 'Penalty')
  @Query(() => PenaltyFileContent, { description: 'An evidence file (staff) or appeal proof (staff; the merchant for its own store). Audited.' })
  penaltyFileContent(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PenaltyFileContent> {
    return this.service.fileContent(ctx, id);
  }

  @Can('create', 'Penalty')
  @Mutation(() => PenaltyFileView, { description: 'Uploads an evidence file (base64, up to 1 MiB; JPEG, PNG, WebP or PDF by magic bytes) to cite in a draft.' })
  uploadPenaltyEvidence(@Ctx() ctx: RequestContext, @Arg('input') input: UploadPenaltyFileInput): Promise<PenaltyFileView> {
    return this.service.uploadFile(ctx, 'evidence', input);
  }

  @Can('create', 'Penalty')
  @Mutation(() => PenaltyView, { description: "ops_reviewer: drafts a penalty. Sanction, days and points default to the category's. Audited." })
  draftPenalty(@Ctx() ctx: RequestContext, @Arg('input') input: DraftPenaltyInput): Promise<PenaltyView> {
    return this.service.draft(ctx, input);
  }

  @Can('update', 'Penalty')
  @Mutation(() => PenaltyView, { description: 'The drafter edits a draft. CONFLICT on a stale version.' })
  updatePenaltyDraft(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePenaltyDraftInput): Promise<PenaltyView> {
    return this.service.updateDraft(ctx, input);
  }

  @Can('update', 'Penalty')
  @Mutation(() => PenaltyView, { description: 'The drafter (or a lead) cancels a draft.' })
  cancelPenaltyDraft(@Ctx() ctx: RequestContext, @Arg('input') input: PenaltyTransitionInput): Promise<PenaltyView> {
    return this.service.cancelDraft(ctx, input);
  }

  @Can('approve', 'Penalty')
  @Mutation(() => PenaltyView, {
    description:
      'ops_lead: issues a draft: publishes the notice (policy 4.3), warns the merchant by inbox and SMS (policy 2.4), applies the store effect for its period, fixes the appeal deadline in PRC working days. Suspension and closure: FORBIDDEN (errorCode MAKER_CHECKER) for their drafter.',
  })
  issuePenalty(@Ctx() ctx: RequestContext, @Arg('input') input: PenaltyTransitionInput): Promise<PenaltyView> {
    return this.service.issue(ctx, input);
  }

  @Can('decide', 'Penalty')
  @Mutation(() => PenaltyView, { description: 'ops_lead: revokes an issued penalty with a reason: lifts the sanction, withdraws the notice. CONFLICT (APPEAL_PENDING) while an appeal is pending.' })
  revokePenalty(@Ctx() ctx: RequestContext, @Arg('input') input: PenaltyTransitionInput): Promise<PenaltyView> {
    return this.service.revoke(ctx, input);
  }

  // ---------------------------------------------------------------- appeals

  @Can('read', 'PenaltyAppeal')
  @Query(() => PenaltyAppealList, { description: 'Appeals the actor may read. Sort fields: submittedAt (default, DESC), id.' })
  penaltyAppeals(@Ctx() ctx: RequestContext, @Args() args: PenaltyAppealListArgs) {
    return this.appeals.listAppeals(ctx, args.filter, args);
  }

  @Can('read', 'PenaltyAppeal')
  @Query(() => PenaltyAppealView)
  penaltyAppeal(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PenaltyAppealView> {
    return this.appeals.getAppeal(ctx, id);
  }

  @Can('create', 'PenaltyAppeal')
  @Mutation(() => PenaltyFileView, { description: 'Uploads an appeal proof (base64, up to 1 MiB; JPEG, PNG, WebP or PDF).' })
  uploadAppealProof(@Ctx() ctx: RequestContext, @Arg('input') input: UploadPenaltyFileInput): Promise<PenaltyFileView> {
    return this.service.uploadFile(ctx, 'appeal_proof', input);
  }

  @Can('create', 'PenaltyAppeal')
  @Mutation(() => PenaltyAppealView, {
    description:
      "The store appeals its issued penalty within the window (PRC working days after issue) and the per-penalty limit. CONFLICT errorCode APPEAL_WINDOW_CLOSED / APPEAL_LIMIT_REACHED / APPEAL_PENDING; NOT_FOUND for another store's penalty.",
  })
  submitPenaltyAppeal(@Ctx() ctx: RequestContext, @Arg('input') input: SubmitPenaltyAppealInput): Promise<PenaltyAppealView> {
    return this.appeals.submitAppeal(ctx, input);
  }

  @Can('decide', 'PenaltyAppeal')
  @Mutation(() => PenaltyAppealView, {
    description: 'ops_lead: upholds or revokes (lifting the sanction, withdrawing the notice), with a reason told to the merchant. Concurrent decisions: one wins, the other CONFLICT.',
  })
  decidePenaltyAppeal(@Ctx() ctx: RequestContext, @Arg('input') input: DecidePenaltyAppealInput): Promise<PenaltyAppealView> {
    return this.appeals.decideAppeal(ctx, input);
  }
}
