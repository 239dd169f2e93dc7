import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can, Public } from '../../graphql/authorize';
import { servicesOf } from '../services';
import {
  AssignDisputeInput,
  BuyerMessageInput,
  DecideDisclosureInput,
  DisclosedIdentity,
  DisclosureCodeSent,
  DisputeFileContent,
  DisputeFileView,
  DisputeIntakeResult,
  DisputeList,
  DisputeListArgs,
  DisputeMessageInput,
  DisputeStepInput,
  DisputeView,
  OpenDisputeInput,
  RequestDisclosureInput,
  ResolveDisputeInput,
  UploadDisputeEvidenceInput,
} from './disputes.types';

@Resolver()
export class DisputesResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).disputes;
  }
  private get disclosures() {
    return servicesOf(this.app).disputeDisclosures;
  }

  @Can('read', 'Dispute')
  @Query(() => DisputeList, {
    description: 'Disputes the actor may read (a store: its own). Sort fields: latestMessageAt (default DESC), createdAt, id. Buyer details masked.',
  })
  disputes(@Ctx() ctx: RequestContext, @Args() args: DisputeListArgs) {
    return this.service.list(ctx, args.filter, args);
  }

  @Can('read', 'Dispute')
  @Query(() => DisputeView, { description: "One dispute with its thread (staff also see internal notes), disclosures and (staff) history; NOT_FOUND for another store's." })
  dispute(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<DisputeView> {
    return this.service.get(ctx, id);
  }

  @Can('read', 'Dispute')
  @Query(() => DisputeFileContent, { description: 'An evidence file of a message the actor may see. Audited.' })
  disputeFileContent(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<DisputeFileContent> {
    return this.service.fileContent(ctx, id);
  }

  @Can('create', 'Dispute')
  @Mutation(() => DisputeIntakeResult, {
    description:
      'support, or a service account with dispute.intake: opens a dispute; idempotent by afterSalesNumber (created: false when it existed). CONFLICT AFTER_SALES_NUMBER_TAKEN for another store or order.',
  })
  openDispute(@Ctx() ctx: RequestContext, @Arg('input') input: OpenDisputeInput): Promise<DisputeIntakeResult> {
    return this.service.open(ctx, input);
  }

  @Can('create', 'DisputeBuyerMessage')
  @Mutation(() => DisputeIntakeResult, { description: "Service account (dispute.intake): relays a buyer's message to the dispute of an after-sales number." })
  addBuyerMessage(@Ctx() ctx: RequestContext, @Arg('input') input: BuyerMessageInput): Promise<DisputeIntakeResult> {
    return this.service.buyerMessage(ctx, input);
  }

  @Can('create', 'DisputeMessage')
  @Mutation(() => DisputeFileView, { description: 'Staff working disputes, or a store that may answer them: uploads evidence (base64, up to 1 MiB; JPEG, PNG, WebP or PDF) to cite in a message.' })
  uploadDisputeEvidence(@Ctx() ctx: RequestContext, @Arg('input') input: UploadDisputeEvidenceInput): Promise<DisputeFileView> {
    return this.service.uploadEvidence(ctx, input);
  }

  @Can('create', 'DisputeMessage')
  @Mutation(() => DisputeView, {
    description:
      "Adds a message: staff (replies or internal notes), or the store (owner, or a sub-account with disputes.respond) whose first reply while awaiting it answers the dispute. NOT_FOUND for another store's; FORBIDDEN without disputes.respond.",
  })
  addDisputeMessage(@Ctx() ctx: RequestContext, @Arg('input') input: DisputeMessageInput): Promise<DisputeView> {
    return this.service.addMessage(ctx, input);
  }

  @Can('decide', 'Dispute')
  @Mutation(() => DisputeView, {
    description: 'support / ops_lead: send to the merchant (deadline in PRC working days), escalate, close or withdraw. CONFLICT on a stale version or a step not allowed now.',
  })
  disputeStep(@Ctx() ctx: RequestContext, @Arg('input') input: DisputeStepInput): Promise<DisputeView> {
    return this.service.step(ctx, input);
  }

  @Can('decide', 'Dispute')
  @Mutation(() => DisputeView, { description: 'support / ops_lead (escalated: ops_lead only): refund in full, in part (integer fen <= the claim) or reject; both sides told.' })
  resolveDispute(@Ctx() ctx: RequestContext, @Arg('input') input: ResolveDisputeInput): Promise<DisputeView> {
    return this.service.resolve(ctx, input);
  }

  @Can('decide', 'Dispute')
  @Mutation(() => DisputeView, { description: 'support / ops_lead: assigns the dispute to a staff member who works disputes, or unassigns (assigneeId null).' })
  assignDispute(@Ctx() ctx: RequestContext, @Arg('input') input: AssignDisputeInput): Promise<DisputeView> {
    return this.service.assign(ctx, input);
  }

  @Can('create', 'DisputeDisclosure')
  @Mutation(() => DisputeView, { description: "support: records a buyer's request to learn the merchant's identity (policy 4.1 i): fields, legal ground, reason. A second person decides." })
  requestDisclosure(@Ctx() ctx: RequestContext, @Arg('input') input: RequestDisclosureInput): Promise<DisputeView> {
    return this.disclosures.request(ctx, input);
  }

  @Can('decide', 'DisputeDisclosure')
  @Mutation(() => DisputeView, {
    description:
      'ops_lead / legal, never the requester: approves (possibly fewer fields) or refuses. Approval registers the share, tells the merchant and sends the buyer a one-time link. FORBIDDEN DISCLOSURE_OWN_REQUEST.',
  })
  decideDisclosure(@Ctx() ctx: RequestContext, @Arg('input') input: DecideDisclosureInput): Promise<DisputeView> {
    return this.disclosures.decide(ctx, input);
  }

  @Public()
  @Mutation(() => DisclosureCodeSent, {
    description: "Public (the buyer's link): sends a one-time code to the buyer's mobile. NOT_FOUND DISCLOSURE_LINK_DEAD; TOO_MANY_REQUESTS DISCLOSURE_CODE_LIMIT.",
  })
  sendDisclosureCode(@Ctx() ctx: RequestContext, @Arg('token') token: string): Promise<DisclosureCodeSent> {
    return this.disclosures.sendCode(ctx, token);
  }

  @Public()
  @Mutation(() => DisclosedIdentity, {
    description:
      "Public (the buyer's link): with the code, shows exactly the approved fields; each view counted and audited, the link dies at its view limit or expiry. BAD_USER_INPUT DISCLOSURE_CODE_WRONG.",
  })
  viewDisclosure(@Ctx() ctx: RequestContext, @Arg('token') token: string, @Arg('code') code: string): Promise<DisclosedIdentity> {
    return this.disclosures.view(ctx, token, code);
  }
}
