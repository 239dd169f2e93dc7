import type { EntityManager } from 'typeorm';
import type { App } from '../app';
import type { RequestContext } from '../context';
import { chainHash, lockChainHead, type ChainRow } from './audit-chain';

/**
 * What a service says about one audited step. Snapshots must already be masked
 * (use the masks in core/crypto/masking.ts): the audit log never holds personal data in clear.
 */
export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string | null;
  storeId?: string | null;
  purpose?: string | null;
  outcome?: 'success' | 'denied' | 'failed';
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Ids as the verifier reads them back (decimal strings). */
const str = (v: unknown) => (v === undefined || v === null ? null : String(v));

/** A snapshot as jsonb will hand it back (dates as strings, undefined dropped). */
const asStored = (v: Record<string, unknown> | null | undefined) => (v ? JSON.parse(JSON.stringify(v)) : null);

/**
 * Appends audit events through `em` (inside the caller's transaction): takes the chain's append
 * lock (held to commit), numbers the rows after the head and hashes each with AUDIT_CHAIN_KEY
 * (core/audit/audit-chain.ts); the insert trigger refuses a row that does not extend the head.
 */
export async function appendAuditEvents(em: EntityManager, app: App, ctx: RequestContext | undefined, events: AuditInput[]): Promise<void> {
  if (!events.length) return;
  const actor = ctx?.actor;
  const head = await lockChainHead(em);
  let prev = head.hash;
  const cols = 17;
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    const row: ChainRow = {
      chainSeq: (head.seq + BigInt(i + 1)).toString(),
      occurredAt: head.at,
      actorAccountId: str(actor?.accountId),
      actorKind: actor?.kind ?? (!ctx || ctx.system ? 'system' : 'anonymous'),
      actorLabel: actor?.loginName ?? null,
      action: e.action,
      outcome: e.outcome ?? 'success',
      targetType: e.targetType ?? null,
      targetId: str(e.targetId),
      storeId: str(e.storeId),
      purpose: e.purpose ?? null,
      requestId: ctx?.requestId ?? null,
      ip: ctx?.ip ?? null,
      before: asStored(e.before),
      after: asStored(e.after),
    };
    const hash = chainHash(app.config.auditChainKey, prev, row);
    values.push(
      row.chainSeq,
      row.occurredAt,
      row.actorAccountId,
      row.actorKind,
      row.actorLabel,
      row.action,
      row.outcome,
      row.targetType,
      row.targetId,
      row.storeId,
      row.purpose,
      row.requestId,
      row.ip,
      row.before === null ? null : JSON.stringify(row.before),
      row.after === null ? null : JSON.stringify(row.after),
      prev,
      hash,
    );
    prev = hash;
    const b = i * cols;
    return `(${Array.from({ length: cols }, (_, k) => `$${b + k + 1}`).join(', ')})`;
  });
  await em.query(
    `INSERT INTO audit_event (chain_seq, occurred_at, actor_account_id, actor_kind, actor_label, action, outcome, target_type, target_id, store_id, purpose, request_id, ip, before, after, prev_hash, hash)
     VALUES ${rows.join(', ')}`,
    values,
  );
}
