import { conflict } from '../../core/errors';
import type { Tx } from '../../core/transaction';
import { PoliciesRepository } from './policies.repository';
import type { PolicyVersion, PolicyVersionStatus } from './policy-version.entity';

/**
 * The lifecycle of a policy version (policy chapter 8) as a transition table:
 *
 * | action   | from                                   | to         | who                  |
 * |----------|----------------------------------------|------------|----------------------|
 * | submit   | draft                                  | in_review  | legal                |
 * | return   | in_review, approved                    | draft      | legal (clears approval) |
 * | approve  | in_review                              | approved   | legal; material: not an author |
 * | schedule | approved, scheduled                    | scheduled  | legal                |
 * | publish  | scheduled                              | published  | system (job, at publishAt) |
 * | supersede| published                              | superseded | system (when the next publishes) |
 * | withdraw | draft, in_review, approved, scheduled  | withdrawn  | legal                |
 *
 * `create` and `edit` are recorded in the same history (draft -> draft). Every transition is one
 * conditional UPDATE on `row_version`: of two concurrent transitions exactly one wins, the other
 * gets CONFLICT.
 */
export type PolicyAction = 'submit' | 'return' | 'approve' | 'schedule' | 'publish' | 'supersede' | 'withdraw';

export const TRANSITIONS: Record<PolicyAction, { from: PolicyVersionStatus[]; to: PolicyVersionStatus }> = {
  submit: { from: ['draft'], to: 'in_review' },
  return: { from: ['in_review', 'approved'], to: 'draft' },
  approve: { from: ['in_review'], to: 'approved' },
  schedule: { from: ['approved', 'scheduled'], to: 'scheduled' },
  publish: { from: ['scheduled'], to: 'published' },
  supersede: { from: ['published'], to: 'superseded' },
  withdraw: { from: ['draft', 'in_review', 'approved', 'scheduled'], to: 'withdrawn' },
};

/** Whether `action` may be applied to a version in `status`. */
export function canApply(action: PolicyAction, status: PolicyVersionStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/**
 * Applies one transition: checks the table, updates the row only if nobody changed it since it
 * was read (`rowVersion`), writes the history row. Extra column changes go in `set`.
 * @throws CONFLICT when the transition is not allowed from the current status or the row changed.
 */
export async function applyTransition(
  tx: Tx,
  v: PolicyVersion,
  action: PolicyAction,
  opts: { set?: Record<string, unknown>; note?: string | null; actorAccountId?: string | null } = {},
): Promise<PolicyVersion> {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(v.status)) throw conflict(`Cannot ${action} a version that is ${v.status}`);
  const repo = new PoliciesRepository(tx.em);
  // What the public policy pages show changes with every transition.
  tx.emit({ type: 'publicContent.changed', module: 'policies' });
  const updated = await repo.updateIfVersion(v.id, v.rowVersion, { status: rule.to, ...opts.set });
  if (!updated) throw conflict('The version was changed by someone else; reload and try again');
  await repo.addTransition({
    versionId: v.id,
    action,
    fromStatus: v.status,
    toStatus: rule.to,
    actorAccountId: opts.actorAccountId !== undefined ? opts.actorAccountId : tx.ctx.actor?.accountId ?? null,
    note: opts.note ?? null,
  });
  return updated;
}
