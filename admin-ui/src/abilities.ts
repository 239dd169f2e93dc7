import { createMongoAbility, type ForcedSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { useAbility as useCaslAbility } from '@casl/react';

export { AbilityProvider, Can } from '@casl/react';
export { subject } from '@casl/ability';

export type Action = 'read' | 'create' | 'update' | 'export' | 'reveal' | 'decide' | 'approve' | 'assign';
export type Subject =
  | 'Merchant'
  | 'StaffAccount'
  | 'StaffRoleGrant'
  | 'ServiceAccount'
  | 'AuditEvent'
  | 'Verification'
  | 'VerificationReasonCode'
  | 'VerificationByIdNumber'
  | 'Penalty'
  | 'PenaltyAppeal'
  | 'ViolationCategory';
/** A subject is a type name, or a record tagged with `subject('Merchant', record)`. */
export type AppAbility = MongoAbility<[Action, Subject | ForcedSubject<Subject>]>;

/**
 * The signed-in actor's ability, one instance for the whole app: the auth provider fills it from
 * `me.abilityRules` (packed on the server with packRules) and empties it at sign-out; components
 * using `useAbility`/`Can` re-render when it changes.
 */
export const ability: AppAbility = createMongoAbility<AppAbility>([]);

export function setPackedRules(packed: unknown): void {
  ability.update(unpackRules(packed as PackRule<RawRuleOf<AppAbility>>[]));
}

export const useAbility = (): AppAbility => useCaslAbility<AppAbility>();

/** True when a rule grants `action` on every `subjectType` record (no conditions): staff-wide access, not "one's own". */
export function canOnAny(a: AppAbility, action: Action, subjectType: Subject): boolean {
  return a.rulesFor(action, subjectType).some((r) => !r.inverted && !r.conditions);
}
