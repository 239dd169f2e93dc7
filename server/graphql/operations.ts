import { createMongoAbility } from '@casl/ability';
import { getMetadataStorage } from 'type-graphql';
import { PLATFORM_ROLES, defineAbilityFor, type Actor, type AccountKind, type AppAbility, type PlatformRole } from '../core/abilities';
import { installAllModules } from '../modules';
import { revealableKeys } from '../modules/personal-data/revealable';
import { GRANTABLE_LEAVES, STORE_PERMISSIONS, expandGrantable, rulesOf } from '../modules/sub-accounts/store-permissions';
import type { Requirement } from './authorize';

export interface OperationInfo {
  kind: 'Query' | 'Mutation' | 'FieldResolver';
  /** `Query.me`, `Mutation.signIn`, `Merchant.store` ... */
  name: string;
  /** What the operation declared (undefined = declared nothing: a defect the schema test catches). */
  requirements?: Requirement[];
}

/** Every Query, Mutation and field resolver of the resolvers registered in modules/index.ts, with its declared requirement. */
export function listOperations(): OperationInfo[] {
  installAllModules();
  const storage = getMetadataStorage();
  const declared = (target: Function, field: string) => storage.authorizedFields.find((a) => a.target === target && a.fieldName === field)?.roles as Requirement[] | undefined;
  return [
    ...storage.queries.map((q) => ({ kind: 'Query' as const, name: `Query.${q.schemaName}`, requirements: declared(q.target, q.methodName) })),
    ...storage.mutations.map((m) => ({ kind: 'Mutation' as const, name: `Mutation.${m.schemaName}`, requirements: declared(m.target, m.methodName) })),
    ...storage.fieldResolvers.map((f) => ({
      kind: 'FieldResolver' as const,
      name: `${String((f.getObjectType?.() as { name?: string } | undefined)?.name ?? '?')}.${f.schemaName}`,
      requirements: declared(f.target, f.methodName),
    })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** A sub-account of store 1 holding exactly the store permissions `leaves`. */
export function subAccountWith(leaves: string[]): Actor {
  return { accountId: '1', kind: 'sub_account', loginName: 'staff', roles: [], storeId: '1', storePermissions: leaves, sessionId: 's' };
}

/**
 * What a sub-account needs to pass `passes`: `none` when it passes with no store permission
 * (public or signed-in operations), else the grantable store permissions (leaves) each of which
 * alone lets it pass, swept one by one; `combined` when only several together do; [] when no
 * grantable permission does (a staff-only or owner-only operation).
 */
export function sweepSubAccount(passes: (actor: Actor) => boolean): 'none' | 'combined' | string[] {
  installAllModules();
  if (passes(subAccountWith([]))) return 'none';
  const single = GRANTABLE_LEAVES.filter((leaf) => passes(subAccountWith([leaf])));
  if (!single.length && passes(subAccountWith(GRANTABLE_LEAVES))) return 'combined';
  return single;
}

/**
 * Queries and mutations that no sub-account can call whatever store permissions it holds: the
 * staff-only (and owner-only) operations, from the declarations.
 */
export function operationsRefusedToSubAccounts(): OperationInfo[] {
  return listOperations().filter((o) => o.kind !== 'FieldResolver' && o.requirements?.some((r) => r.kind === 'can') && allowed(o.requirements, subAccountWith(GRANTABLE_LEAVES)) === 'no');
}

/** A representative actor of each kind of account, for the permission matrix. */
export const MATRIX_ACTORS: { label: string; actor: Actor }[] = [
  ...PLATFORM_ROLES.map((role: PlatformRole) => ({ label: role, actor: { accountId: '1', kind: 'staff' as AccountKind, loginName: role, roles: [role], sessionId: 's' } })),
  { label: 'store owner', actor: { accountId: '1', kind: 'merchant', loginName: 'owner', roles: [], merchantId: '1', storeId: '1', sessionId: 's' } },
  // The sub-account column is swept over the store permissions a sub-account can hold (see subAccountCell).
  { label: 'sub-account', actor: subAccountWith([]) },
];

const SWEPT = 'sub-account';

/** The sub-account column: ✘, or the store permissions with which a sub-account passes (own store only). */
function subAccountCell(passes: (actor: Actor) => boolean, mark: (a: Actor) => string): string {
  const swept = sweepSubAccount(passes);
  if (swept === 'none') return mark(subAccountWith([]));
  if (swept === 'combined') return 'own, with several store permissions';
  return swept.length ? `own with ${swept.map((k) => `\`${k}\``).join(' or ')}` : '✘';
}

/**
 * Whether an actor passes an operation's declared requirement: `yes`, `no`, or `own` when the
 * ability allows it only under row conditions (e.g. a store owner on its own records).
 */
export function allowed(requirements: Requirement[] | undefined, actor: Actor | undefined): 'yes' | 'no' | 'own' {
  installAllModules();
  if (!requirements) return 'no';
  const ability = defineAbilityFor(actor);
  let result: 'yes' | 'own' = 'yes';
  for (const r of requirements) {
    if (r.kind === 'public') continue;
    if (!actor) return 'no';
    if (r.kind === 'can') {
      if (!ability.can(r.action, r.subject)) return 'no';
      const rules = ability.rulesFor(r.action, r.subject);
      if (rules.every((rule) => rule.conditions)) result = 'own';
    }
  }
  return result;
}

function describe(requirements: Requirement[] | undefined): string {
  if (!requirements) return '**none declared**';
  return requirements.map((r) => (r.kind === 'can' ? `\`${r.action} ${r.subject}\`` : r.kind === 'public' ? 'public' : 'signed in')).join(', ');
}

/** The CASL ability the leaves of a store permission (a catalogue node) give on store 1. */
function abilityOfStorePermission(key: string): AppAbility | undefined {
  const node = STORE_PERMISSIONS.find((p) => p.key === key);
  if (!node) return undefined;
  const leaves = node.children?.length ? [...expandGrantable([key])] : [key];
  // The leaves' own rules, as the store-permission contributor builds them for a store.
  return createMongoAbility<AppAbility>(leaves.flatMap((leaf) => rulesOf(leaf).map(([action, subject, conditions]) => ({ action, subject, conditions: { ...conditions, storeId: '1' } }))));
}

/** The personal-data fields (`Subject.field`) a store permission lets its holder reveal on its store. */
export function revealsOfStorePermission(key: string): string[] {
  installAllModules();
  const ability = abilityOfStorePermission(key);
  return ability ? revealableKeys().filter((k) => ability.can('reveal', k.split('.')[0] as never, k.split('.')[1])) : [];
}

/**
 * The operations a store permission (a catalogue node: its leaves, owner-only ones included for
 * owner-only nodes) opens, from the resolvers' `@Can` declarations and the leaves' CASL rules.
 */
export function operationsOfStorePermission(key: string): string[] {
  installAllModules();
  const ability = abilityOfStorePermission(key);
  if (!ability) return [];
  return listOperations()
    .filter((o) => o.requirements?.some((r) => r.kind === 'can') && o.requirements.every((r) => r.kind !== 'can' || ability.can(r.action, r.subject)))
    .map((o) => o.name);
}

function storePermissionsMarkdown(): string[] {
  const yes = (b?: boolean) => (b ? '✔' : '');
  return [
    '## Store permissions × operations (policy 2.3.4)',
    '',
    'The store permission catalogue (`storePermissionCatalogue`). The store owner holds every store permission on its own store;',
    "a sub-account holds the union of its store roles' permissions. Granting a node grants its children, except owner-only ones,",
    "which are never grantable. Every rule is conditioned on the actor's store: another store's records answer `NOT_FOUND`.",
    'Operations of modules not built yet list nothing; their subjects are in `server/modules/sub-accounts/store-permissions.ts`.',
    '',
    '| store permission | 中文 | English | sensitive | owner only | operations it opens | personal data it reveals |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...STORE_PERMISSIONS.map((p) => {
      const ops = operationsOfStorePermission(p.key);
      return `| ${'&nbsp;&nbsp;'.repeat(p.depth)}\`${p.key}\` | ${p.labelZh} | ${p.labelEn} | ${yes(p.sensitive)} | ${yes(p.ownerOnly)} | ${ops.map((o) => `\`${o}\``).join(', ') || '—'} | ${revealsOfStorePermission(p.key).join(', ') || '—'} |`;
    }),
    '',
  ];
}

/** docs/permissions.md, generated from the resolvers' declarations and the modules' CASL rules. */
export function permissionsMarkdown(): string {
  installAllModules();
  const ops = listOperations();
  const head = `| operation | needs | anonymous | ${MATRIX_ACTORS.map((a) => a.label).join(' | ')} |`;
  const sep = `|${' --- |'.repeat(MATRIX_ACTORS.length + 3)}`;
  const mark = { yes: '✔', no: '✘', own: 'own' } as const;
  const cell = (o: OperationInfo, a: (typeof MATRIX_ACTORS)[number]) =>
    a.label === SWEPT
      ? subAccountCell(
          (actor) => allowed(o.requirements, actor) !== 'no',
          (actor) => mark[allowed(o.requirements, actor)],
        )
      : mark[allowed(o.requirements, a.actor)];
  const rows = ops.map((o) => `| \`${o.name}\` | ${describe(o.requirements)} | ${mark[allowed(o.requirements, undefined)]} | ${MATRIX_ACTORS.map((a) => cell(o, a)).join(' | ')} |`);
  return [
    '# Permission matrix (generated)',
    '',
    'Generated from the code by `npm run schema:print` (a test fails when this file is stale).',
    "✔ allowed · ✘ refused (`UNAUTHENTICATED` / `FORBIDDEN`) · own: allowed on the actor's own records only (others: `NOT_FOUND`).",
    'The sub-account column is swept over every grantable store permission: "own with `x`" means a sub-account holding `x` passes',
    '(on its own store); ✘ means no store permission a sub-account can hold lets it (a test calls each such operation with a sub-account).',
    'Sensitive fields need the separate `reveal` permission, checked per record and field by `revealPersonalData` (see below).',
    '',
    head,
    sep,
    ...rows,
    '',
    '## Reveal permissions (unmasked personal data, policy 5.1.2)',
    '',
    '| field | ' + MATRIX_ACTORS.map((a) => a.label).join(' | ') + ' |',
    `|${' --- |'.repeat(MATRIX_ACTORS.length + 1)}`,
    ...revealableKeys().map((key) => {
      const [subject, field] = key.split('.');
      const revealMark = (actor: Actor) => {
        const ab = defineAbilityFor(actor);
        if (!ab.can('reveal', subject, field)) return mark.no;
        return ab.rulesFor('reveal', subject, field).every((r) => r.conditions) ? mark.own : mark.yes;
      };
      return `| ${key} | ${MATRIX_ACTORS.map((a) => (a.label === SWEPT ? subAccountCell((actor) => defineAbilityFor(actor).can('reveal', subject, field), revealMark) : revealMark(a.actor))).join(
        ' | ',
      )} |`;
    }),
    '',
    ...storePermissionsMarkdown(),
  ].join('\n');
}
