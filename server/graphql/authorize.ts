import { Authorized } from 'type-graphql';
import type { Action, Subject } from '../core/abilities';

/**
 * What an operation needs. Every Query, Mutation and field resolver declares exactly one of these
 * (test/integration/schema-permissions.test.ts fails otherwise):
 * - `@Public()`: anyone, signed in or not (sign-in, public policy and notice pages);
 * - `@SignedIn()`: any signed-in actor, for their own things (me, own sessions, own inbox);
 * - `@Can(action, subject)`: the actor's ability must allow the action on some `subject`; row
 *   conditions are then applied by the service (instances) or in SQL (lists).
 */
export type Requirement = { kind: 'public' } | { kind: 'signedIn' } | { kind: 'can'; action: Action; subject: Subject };

export const Public = () => Authorized<Requirement>({ kind: 'public' });
export const SignedIn = () => Authorized<Requirement>({ kind: 'signedIn' });
export const Can = (action: Action, subject: Subject) => Authorized<Requirement>({ kind: 'can', action, subject });
