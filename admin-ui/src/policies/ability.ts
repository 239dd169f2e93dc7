import type { MongoAbility } from '@casl/ability';
import { useAbility } from '../abilities';

type PolicyAction = 'read' | 'create' | 'update' | 'approve' | 'publish' | 'export';
type PolicySubject = 'PolicyVersion' | 'PolicyDocument' | 'PolicyAcknowledgement';
/** The app's ability seen with the policy subjects (server/modules/policies/policies.permissions.ts). */
export type PolicyAbility = MongoAbility<[PolicyAction, PolicySubject]>;

export const asPolicyAbility = (ability: unknown): PolicyAbility => ability as PolicyAbility;
export const usePolicyAbility = (): PolicyAbility => asPolicyAbility(useAbility());
