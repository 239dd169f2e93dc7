import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { AuditInput } from './audit/audit-writer';
import { actorOf } from './context';
import { CoreErrors } from './errors';
import type { TransitionRecord } from './transition-record';
import type { Tx } from './transaction';

/**
 * One state machine for every module. A module declares its machine as data (`defineMachine`, in
 * `<module>.machine.ts`); `applyAction` applies an action to a row in the caller's transaction.
 * Who may take an action is enforced by the module's permissions (CASL) and service; `who` here
 * documents it (docs/state-machines.md is generated from these declarations).
 */
export interface ActionSpec<S extends string> {
  /** The statuses the action may start from; `null` = the row does not exist yet (its creation). */
  from: readonly (S | null)[];
  /** The status it leads to; a list when the service picks one (e.g. approve -> approved | pending_second_approval). */
  to: S | readonly S[];
  /** Who may take it, for the docs: roles, `merchant`, `system (job)`. */
  who: string;
}

/** A versioned row a machine moves: `status` plus the optimistic-lock column `row_version` (`rowVersion`). */
export interface MachineRow {
  id: string;
  status: string;
  rowVersion: number;
}

export interface MachineSpec<S extends string, A extends string> {
  /** Event and audit prefix: audit action `<name>.<action>`, event `transition` with `machine: name`. */
  name: string;
  /** The audit target type, e.g. `Penalty`. */
  subject: string;
  /** The row's entity: its table has `status` and `row_version`. */
  entity: EntityTarget<ObjectLiteral>;
  states: readonly S[];
  actions: Record<A, ActionSpec<S>>;
  /** The history table (a TransitionRecord) and the property naming the row in it. */
  history: { entity: EntityTarget<TransitionRecord>; subjectKey: string };
}

export interface Machine<S extends string, A extends string> extends MachineSpec<S, A> {
  /** Whether `action` may start from `status`. */
  can(action: A, status: S | null): boolean;
  /** The statuses `action` may lead to. */
  targets(action: A): readonly S[];
}

export function defineMachine<const S extends string, const A extends string>(spec: MachineSpec<S, A>): Machine<S, A> {
  return {
    ...spec,
    can: (action, status) => (spec.actions[action].from as readonly (S | null)[]).includes(status),
    targets: (action) => {
      const to = spec.actions[action].to;
      return typeof to === 'string' ? [to as S] : (to as readonly S[]);
    },
  };
}

export interface ApplyOptions<S extends string> {
  /** The `rowVersion` the client read; omitted for system actions (the row is then only checked by the guarded UPDATE). */
  expectedVersion?: number;
  /** The target when the action has several (must be one of them). */
  to?: S;
  /** Other columns changed with the status (entity property names). */
  set?: Record<string, unknown>;
  reason?: string | null;
  note?: string | null;
  /** Module-specific history columns (e.g. `reasonCodes`). */
  history?: Record<string, unknown>;
  /** The store the row belongs to (audit scope, event). */
  storeId?: string | null;
  /** Overrides or extends the audit event (e.g. a different action name or more `after` detail); `false` writes none. */
  audit?: Partial<AuditInput> | false;
}

/**
 * Applies `action` to `row` (locked or read by the caller) in the caller's transaction: checks the
 * version the client read (`STALE_VERSION`), checks the transition (`INVALID_TRANSITION`), updates
 * status, the `set` columns and `row_version` in one guarded UPDATE (`WHERE row_version = read`: of
 * two concurrent actions exactly one wins, the other gets `STALE_VERSION`), writes the history row,
 * records the audit event and emits the `transition` event (delivered after commit). `row` is
 * updated in place (status, rowVersion, `set`).
 * @throws CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`
 */
export async function applyAction<S extends string, A extends string>(tx: Tx, machine: Machine<S, A>, row: MachineRow, action: A, opts: ApplyOptions<S> = {}): Promise<void> {
  if (opts.expectedVersion !== undefined && row.rowVersion !== opts.expectedVersion) throw CoreErrors.STALE_VERSION();
  const from = row.status as S;
  if (!machine.can(action, from)) throw CoreErrors.INVALID_TRANSITION(`cannot ${action} when the status is ${from}`, { status: from });
  const targets = machine.targets(action);
  const to = opts.to ?? targets[0];
  if (!targets.includes(to)) throw new Error(`${machine.name}.${action} cannot lead to ${to}`);
  const set = opts.set ?? {};
  const result = await tx.em
    .createQueryBuilder()
    .update(machine.entity)
    .set({ ...set, status: to, rowVersion: () => 'row_version + 1' })
    .where('id = :id AND row_version = :read', { id: row.id, read: row.rowVersion })
    .execute();
  if (result.affected !== 1) throw CoreErrors.STALE_VERSION();
  const actor = tx.ctx.actor ? actorOf(tx.ctx) : undefined;
  await tx.em.getRepository(machine.history.entity).insert({
    [machine.history.subjectKey]: row.id,
    action,
    fromStatus: from,
    toStatus: to,
    actorAccountId: actor?.accountId ?? null,
    actorKind: actor?.kind ?? 'system',
    reason: opts.reason ?? null,
    note: opts.note ?? null,
    ...opts.history,
  });
  if (opts.audit !== false) {
    tx.audit({
      action: `${machine.name}.${action}`,
      targetType: machine.subject,
      targetId: row.id,
      storeId: opts.storeId ?? null,
      before: { status: from, version: row.rowVersion },
      after: { status: to, version: row.rowVersion + 1, ...(opts.reason ? { reason: opts.reason } : {}) },
      ...opts.audit,
    });
  }
  tx.emit({ type: 'transition', machine: machine.name, action, id: row.id, from, to, storeId: opts.storeId ?? null });
  for (const [k, v] of Object.entries(set)) if (typeof v !== 'function') (row as unknown as Record<string, unknown>)[k] = v;
  row.status = to;
  row.rowVersion += 1;
}

/** A machine as a Markdown table and a Mermaid state diagram (for docs/state-machines.md). */
export function describeMachine(m: Machine<string, string>): string {
  const rows = Object.entries(m.actions).map(([a, s]) => {
    const spec = s as ActionSpec<string>;
    return `| ${a} | ${spec.from.map((f) => f ?? '(new)').join(', ')} | ${m.targets(a).join(' or ')} | ${spec.who} |`;
  });
  const edges = Object.entries(m.actions).flatMap(([a, s]) => (s as ActionSpec<string>).from.flatMap((f) => m.targets(a).map((t) => `  ${f ?? '[*]'} --> ${t}: ${a}`)));
  return [
    `## ${m.name} (${m.subject})`,
    '',
    `States: ${m.states.join(', ')}.`,
    '',
    '| action | from | to | who |',
    '|---|---|---|---|',
    ...rows,
    '',
    '```mermaid',
    'stateDiagram-v2',
    ...edges,
    '```',
    '',
  ].join('\n');
}
