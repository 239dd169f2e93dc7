import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context';

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

/**
 * Appends audit events through `em` (inside the caller's transaction). Triggers fill the chain
 * columns; see migrations for `audit_event_chain`.
 */
export async function appendAuditEvents(em: EntityManager, ctx: RequestContext | undefined, events: AuditInput[]): Promise<void> {
  if (!events.length) return;
  const actor = ctx?.actor;
  const cols = 14;
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    values.push(
      actor?.accountId ?? null,
      actor?.kind ?? (!ctx || ctx.system ? 'system' : 'anonymous'),
      actor?.loginName ?? null,
      e.action,
      e.outcome ?? 'success',
      e.targetType ?? null,
      e.targetId ?? null,
      e.storeId ?? null,
      e.purpose ?? null,
      ctx?.requestId ?? null,
      ctx?.ip ?? null,
      e.before ? JSON.stringify(e.before) : null,
      e.after ? JSON.stringify(e.after) : null,
      '',
    );
    const b = i * cols;
    return `(${Array.from({ length: cols - 1 }, (_, k) => `$${b + k + 1}`).join(', ')}, $${b + cols})`;
  });
  await em.query(
    `INSERT INTO audit_event (actor_account_id, actor_kind, actor_label, action, outcome, target_type, target_id, store_id, purpose, request_id, ip, before, after, hash)
     VALUES ${rows.join(', ')}`,
    values,
  );
}
