import { createMongoAbility, type ForcedSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { useAbility as useCaslAbility } from '@casl/react';

export { AbilityProvider, Can } from '@casl/react';
export { subject } from '@casl/ability';

export type Action = 'read' | 'create' | 'update' | 'export' | 'reveal';
export type Subject = 'Merchant' | 'StaffAccount' | 'AuditEvent';
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
