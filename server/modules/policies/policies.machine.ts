import { applyAction, defineMachine, type ApplyOptions } from '../../core/state-machine';
import type { Tx } from '../../core/transaction';
import { PolicyVersionTransition } from './policy-version-transition.entity';
import { POLICY_VERSION_STATUSES, PolicyVersion, type PolicyVersionStatus } from './policy-version.entity';

/**
 * The lifecycle of a policy version (policy chapter 8). `create` and `edit` of a draft are recorded
 * in the same history (draft -> draft) by the versions service. Every action is one guarded UPDATE
 * on `row_version` (core applyAction): of two concurrent actions exactly one wins, the other gets
 * CONFLICT `STALE_VERSION`.
 */
export const POLICY_VERSION_MACHINE = defineMachine({
  name: 'policyVersion',
  subject: 'PolicyVersion',
  entity: PolicyVersion,
  states: POLICY_VERSION_STATUSES,
  actions: {
    submit: { from: ['draft'], to: 'in_review', who: 'legal' },
    return: { from: ['in_review', 'approved'], to: 'draft', who: 'legal (clears the approval)' },
    approve: { from: ['in_review'], to: 'approved', who: 'legal; a material version: not its creator nor last editor' },
    schedule: { from: ['approved', 'scheduled'], to: 'scheduled', who: 'legal' },
    publish: { from: ['scheduled'], to: 'published', who: 'system (job, at publishAt)' },
    supersede: { from: ['published'], to: 'superseded', who: 'system (when the next version publishes)' },
    withdraw: { from: ['draft', 'in_review', 'approved', 'scheduled'], to: 'withdrawn', who: 'legal' },
  },
  history: { entity: PolicyVersionTransition, subjectKey: 'versionId' },
});
export type PolicyAction = keyof typeof POLICY_VERSION_MACHINE.actions;

/**
 * Applies one action of the policy version machine to `v` (read or locked by the caller) in `tx`:
 * the core `applyAction` (version check, guarded UPDATE, history row, audit `policyVersion.<action>`
 * unless overridden (legal's actions are audited as `policy.<action>`), `transition` event) plus `updated_at`, and drops the cached public policy pages.
 * @throws CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`
 */
export async function changeVersionStatus(tx: Tx, v: PolicyVersion, action: PolicyAction, opts: Omit<ApplyOptions<PolicyVersionStatus>, 'storeId'> = {}): Promise<void> {
  await applyAction(tx, POLICY_VERSION_MACHINE, v, action, { ...opts, set: { ...opts.set, updatedAt: () => 'now()' } });
  // What the public policy pages show changes with every transition.
  tx.emit({ type: 'publicContent.changed', module: 'policies' });
}
