import type { App } from '../../core/app';
import { AuditCheckpoints } from '../../core/audit/checkpoints';
import type { RequestContext } from '../../core/context';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { readRepo, transaction } from '../../core/transaction';
import { badInput } from '../../core/errors';
import { isId } from '../../core/ids';
import type { AuditEvent } from './audit-event.entity';
import { AuditRepository } from './audit.repository';
import type { AuditChainStatus, AuditEventView, AuditExport, AuditFilter } from './audit.types';

const EXPORT_LIMIT = 50_000;
const CSV_COLUMNS: (keyof AuditEventView)[] = [
  'chainSeq',
  'occurredAt',
  'actorAccountId',
  'actorKind',
  'actorLabel',
  'action',
  'outcome',
  'targetType',
  'targetId',
  'storeId',
  'purpose',
  'requestId',
  'ip',
  'before',
  'after',
  'hash',
];

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}

/** The checkpoint store of a console (config AUDIT_CHECKPOINT_DIR, keyed by AUDIT_CHAIN_KEY). */
export const checkpointsOf = (app: App) => new AuditCheckpoints(app.config.auditCheckpointDir, app.config.auditChainKey);

/** Searching, exporting and verifying the audit log (policy 2.6.1, 5.1.2). */
export class AuditService {
  constructor(private readonly app: App) {}

  private get repo(): AuditRepository {
    return readRepo(this.app, AuditRepository);
  }

  /** @throws BAD_USER_INPUT `filter.actorAccountId` when it is not an account id. */
  private checked(filter: AuditFilter | undefined): AuditFilter | undefined {
    if (filter?.actorAccountId && !isId(filter.actorAccountId)) throw badInput('not an account id', 'filter.actorAccountId');
    return filter;
  }

  static view(e: AuditEvent): AuditEventView {
    return {
      ...e,
      actorAccountId: e.actorAccountId ?? undefined,
      actorLabel: e.actorLabel ?? undefined,
      targetType: e.targetType ?? undefined,
      targetId: e.targetId ?? undefined,
      storeId: e.storeId ?? undefined,
      purpose: e.purpose ?? undefined,
      requestId: e.requestId ?? undefined,
      ip: e.ip ?? undefined,
    };
  }

  async search(_ctx: RequestContext, filter: AuditFilter | undefined, page: PageRequest): Promise<Page<AuditEventView>> {
    return mapPage(await this.repo.list(this.checked(filter), page), AuditService.view);
  }

  /** Exports matching events as CSV; the export itself is audited with the stated purpose. */
  async export(ctx: RequestContext, filter: AuditFilter | undefined, purpose: string): Promise<AuditExport> {
    const rows = (await this.repo.forExport(this.checked(filter), EXPORT_LIMIT)).map(AuditService.view);
    const csv = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n');
    await transaction(ctx, async (tx) => tx.audit({ action: 'audit.export', targetType: 'AuditEvent', purpose, after: { filter: filter ?? {}, rowCount: rows.length } }));
    return { fileName: `audit-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}.csv`, csv, rowCount: rows.length };
  }

  /** Verifies the whole chain against the signed anchors (read-only: anchors are written by the job and the CLI). */
  async verify(): Promise<AuditChainStatus> {
    const r = await checkpointsOf(this.app).verifyAndAnchor(this.app.dataSource, this.app.config.auditChainKey, { anchor: false });
    return { ...r, lastAnchor: r.lastGoodAnchor };
  }
}
