import { AppError, conflict } from '../../core/errors';
import type { Tx } from '../../core/transaction';
import { actorOf } from '../../core/context';
import { PenaltyHistory } from './penalty-history.entity';
import type { AppealStatus } from './penalty-appeal.entity';
import { updateRows } from '../../core/sql';
import type { PenaltyStatus } from './penalty.entity';

/** The penalty lifecycle: one row per transition, `from` -> `to`. */
export const PENALTY_TRANSITIONS = {
  issue: { from: ['draft'], to: 'issued' },
  cancel: { from: ['draft'], to: 'cancelled' },
  revoke: { from: ['issued'], to: 'revoked' },
} as const satisfies Record<string, { from: readonly PenaltyStatus[]; to: PenaltyStatus }>;
export type PenaltyTransition = keyof typeof PENALTY_TRANSITIONS;

/** The appeal lifecycle. */
export const APPEAL_TRANSITIONS = {
  uphold: { from: ['pending'], to: 'upheld' },
  revoke: { from: ['pending'], to: 'revoked' },
} as const satisfies Record<string, { from: readonly AppealStatus[]; to: AppealStatus }>;
export type AppealTransition = keyof typeof APPEAL_TRANSITIONS;

/** A business refusal with a stable `errorCode` in the extensions (CONFLICT). */
export function refused(errorCode: string, message: string): AppError {
  return conflict(message, errorCode);
}

interface Versioned {
  id: string;
  status: string;
  version: number;
}

/**
 * Applies one transition to a row locked by the caller (`SELECT ... FOR UPDATE`): checks the
 * version the client read and that the transition is allowed from the current status, updates
 * status, version and `changes` in one guarded UPDATE, writes the history row and the audit event.
 * Of two concurrent decisions exactly one wins; the other gets CONFLICT (`STALE_VERSION` or
 * `INVALID_TRANSITION`).
 */
export async function applyTransition<S extends string>(
  tx: Tx,
  opts: {
    table: 'penalty' | 'penalty_appeal';
    row: Versioned;
    expectedVersion: number;
    name: string;
    from: readonly S[];
    to: S;
    changes?: Record<string, unknown>;
    penaltyId: string;
    appealId?: string | null;
    reason?: string | null;
    storeId: string;
  },
): Promise<void> {
  const { row } = opts;
  if (row.version !== opts.expectedVersion) throw conflict('This record was changed meanwhile; reload it and try again', 'STALE_VERSION');
  if (!opts.from.includes(row.status as S)) throw refused('INVALID_TRANSITION', `cannot ${opts.name} when the status is ${row.status}`);
  const changes = { ...(opts.changes ?? {}), status: opts.to };
  const cols = Object.keys(changes);
  const sets = cols.map((c, i) => `"${c}" = $${i + 3}`).join(', ');
  const { count } = await updateRows(
    tx.em,
    `UPDATE ${opts.table} SET ${sets}, version = version + 1${opts.table === 'penalty' ? ', updated_at = now()' : ''} WHERE id = $1 AND version = $2`,
    [row.id, opts.expectedVersion, ...cols.map((c) => changes[c as keyof typeof changes])],
  );
  if (count !== 1) throw conflict('This record was changed meanwhile; reload it and try again', 'STALE_VERSION');
  const actor = tx.ctx.actor ? actorOf(tx.ctx) : undefined;
  await tx.em.getRepository(PenaltyHistory).insert({
    penaltyId: opts.penaltyId,
    appealId: opts.appealId ?? null,
    subject: opts.table === 'penalty' ? 'penalty' : 'appeal',
    transition: opts.name,
    fromStatus: row.status,
    toStatus: opts.to,
    actorAccountId: actor?.accountId ?? null,
    actorKind: actor?.kind ?? 'system',
    reason: opts.reason ?? null,
  });
  tx.audit({
    action: `${opts.table === 'penalty' ? 'penalty' : 'penaltyAppeal'}.${opts.name}`,
    targetType: opts.table === 'penalty' ? 'Penalty' : 'PenaltyAppeal',
    targetId: row.id,
    storeId: opts.storeId,
    before: { status: row.status, version: row.version },
    after: { status: opts.to, version: row.version + 1, ...(opts.reason ? { reason: opts.reason } : {}) },
  });
  row.status = opts.to;
  row.version += 1;
}
