import { AbilityBuilder, createMongoAbility, subject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { ServiceScope } from '../../rules/service-accounts/scopes';

/** The platform roles of staff accounts (several per person). */
export const PLATFORM_ROLES = ['ops_reviewer', 'ops_lead', 'legal', 'support', 'finance', 'auditor', 'admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** `service`: a machine identity of an integration (modules/service-accounts), authenticated by an API key, never by password. */
export type AccountKind = 'staff' | 'merchant' | 'sub_account' | 'service';

/** Who is acting: derived from the session on every request. Ids are decimal strings. */
export interface Actor {
  accountId: string;
  kind: AccountKind;
  loginName: string;
  roles: PlatformRole[];
  /** Set for merchants (store owners). */
  merchantId?: string;
  /** The store a merchant owns or a sub-account works for. */
  storeId?: string;
  /** Sub-accounts: the leaf store permissions of their store roles (union, nodes expanded), loaded on every request (sub-accounts/store-permissions.ts). */
  storePermissions?: string[];
  /** Service accounts: the scopes of the API key the request was made with (`hasScope`); absent for every other kind. */
  scopes?: string[];
  /** The session's id (uuid); for a service account `key:<api key id>`, which is no session. */
  sessionId: string;
  /** Signed in with a temporary password set by an admin: every operation but changing it is refused (PASSWORD_CHANGE_REQUIRED). */
  mustChangePassword?: boolean;
}

/** Actions: CRUD plus workflow verbs. `reveal` reads a sensitive field unmasked (policy 5.1.2). */
export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'reveal' | 'export' | 'publish' | 'approve' | 'decide' | 'assign';
export type Subject = string;
export type AppAbility = MongoAbility<[Action, Subject | Record<string, unknown>]>;

export type RuleBuilder = AbilityBuilder<AppAbility>;
/** A module's contribution to the ability: adds rules for the actor (see `<module>.permissions.ts`). */
export type PermissionContributor = (builder: RuleBuilder, actor: Actor) => void;

const contributors: PermissionContributor[] = [];

/** @internal the composition root installs each module's permission rules once (modules/module.ts). */
export function addPermissions(list: readonly PermissionContributor[]): void {
  for (const c of list) if (!contributors.includes(c)) contributors.push(c);
}

/** Builds the one ability of a request from the actor's roles; no actor = no rules (everything denied). */
export function defineAbilityFor(actor: Actor | undefined): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (actor) for (const c of contributors) c(builder, actor);
  return builder.build();
}

/** The packed rules sent to the UI (`me { abilityRules }`), for @casl/react to hide what the actor cannot do. */
export function packAbility(ability: AppAbility): unknown[] {
  return packRules(ability.rules as RawRuleOf<AppAbility>[]);
}

export function hasRole(actor: Actor, ...roles: PlatformRole[]): boolean {
  return actor.kind === 'staff' && roles.some((r) => actor.roles.includes(r));
}

/**
 * Whether the actor is a service account whose API key holds `scope`. The only way a service account
 * gains a right: a module's permission contributor grants it under this check (it holds no roles and
 * no store, so `hasRole` and the store rules never match it).
 */
export function hasScope(actor: Actor, scope: ServiceScope): boolean {
  return actor.kind === 'service' && !!actor.scopes?.includes(scope);
}

/** A record to check an ability against: `ability.can('read', target('Verification', { storeId }))`. */
export function target(type: string, attributes: Record<string, unknown>): Record<string, unknown> {
  return subject(type, { ...attributes });
}
