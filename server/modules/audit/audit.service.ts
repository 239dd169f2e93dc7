import type { App } from '../../core/app';
import { AuditCheckpoints } from '../../core/audit/checkpoints';
import { defineQueue } from '../../core/jobs/jobs';
import type { RequestContext } from '../../core/context';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { transaction } from '../../core/transaction';
import type { AuditEvent } from './audit-event.entity';
import { AuditRepository } from './audit.repository';
import type { AuditChainStatus, AuditEventView, AuditExport, AuditFilter } from './audit.types';

const EXPORT_LIMIT = 50_000;
const CSV_COLUMNS: (keyof AuditEventView)[] = [
  'chainSeq', 'occurredAt', 'actorAccountId', 'actorKind', 'actorLabel', 'action', 'outcome', 'targetType', 'targetId', 'storeId', 'purpose', 'requestId', 'ip', 'before', 'after', 'hash',
];

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}

/** The checkpoint store of a console (config AUDIT_CHECKPOINT_DIR, keyed by AUDIT_CHAIN_KEY). */
export const checkpointsOf = (app: App) => new AuditCheckpoints(app.config.auditCheckpointDir, app.config.auditChainKey);

/**
 * Every 5 minutes (pg-boss cron, one run across replicas): verify the chain and anchor its head
 * outside the database. A broken chain is logged as an error and not anchored.
 */
export const AUDIT_CHECKPOINT_QUEUE = defineQueue<Record<string, never>>(
  'audit-checkpoint',
  async (app) => {
    const res = await checkpointsOf(app).verifyAndAnchor(app.dataSource, app.config.auditChainKey, { anchor: true });
    if (!res.ok) app.log.error({ firstBrokenSeq: res.firstBrokenSeq, reason: res.reason }, 'audit chain broken: not anchored');
  },
  { cron: '*/5 * * * *', retryLimit: 0 },
);

/** Searching, exporting and verifying the audit log (policy 2.6.1, 5.1.2). */
export class AuditService {
  readonly repo: AuditRepository;
  constructor(private readonly app: App) {
    this.repo = new AuditRepository(app.dataSource);
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
    return mapPage(await this.repo.list(filter, page), AuditService.view);
  }

  /** Exports matching events as CSV; the export itself is audited with the stated purpose. */
  async export(ctx: RequestContext, filter: AuditFilter | undefined, purpose: string): Promise<AuditExport> {
    const rows = (await this.repo.forExport(filter, EXPORT_LIMIT)).map(AuditService.view);
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
