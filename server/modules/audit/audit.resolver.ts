import { Length } from 'class-validator';
import { Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { AuditChainStatus, AuditEventList, AuditExport, AuditFilter, AuditListArgs } from './audit.types';

@ArgsType()
class ExportArgs {
  @Field(() => AuditFilter, { nullable: true }) filter?: AuditFilter;
  @Field({ description: 'Why the export is needed (kept in the audit log)' }) @Length(5, 500) purpose: string;
}

@Resolver()
export class AuditResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).audit;
  }

  @Can('read', 'AuditEvent')
  @Query(() => AuditEventList, { description: 'Search the audit log; sort fields: occurredAt (default, DESC), chainSeq.' })
  auditEvents(@Ctx() ctx: RequestContext, @Args() args: AuditListArgs) {
    return this.service.search(ctx, args.filter, args);
  }

  @Can('export', 'AuditEvent')
  @Mutation(() => AuditExport, { description: 'CSV export of matching events; audited with its purpose.' })
  exportAuditEvents(@Ctx() ctx: RequestContext, @Args() args: ExportArgs): Promise<AuditExport> {
    return this.service.export(ctx, args.filter, args.purpose);
  }

  @Can('read', 'AuditEvent')
  @Query(() => AuditChainStatus, { description: 'Recomputes the hash chain of the whole log.' })
  auditChainStatus(): Promise<AuditChainStatus> {
    return this.service.verify();
  }
}
