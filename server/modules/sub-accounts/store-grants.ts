import type { AuditInput } from '../../core/audit/audit-writer';
import { actorOf, type RequestContext } from '../../core/context';
import { alreadyExists, forbidden, isUniqueViolation, type ErrorFactory } from '../../core/errors';
import { auditNow } from '../../core/transaction';
import type { StoreRole } from './store-role.entity';
import { effectiveStorePermissions, expandGrantable, isOwnerOnly } from './store-permissions';
import { SubAccountErrors } from './sub-accounts.errors';

/**
 * The grant rules store roles, sub-accounts and invitations share (policy 2.3.4): nobody grants
 * what they do not hold, owner-only permissions are never grantable, and every refusal is audited
 * (`denied`, with its reason).
 */

/** The actor's store. @throws FORBIDDEN for an actor without one (staff). */
export function storeOf(ctx: RequestContext): string {
  const storeId = actorOf(ctx).storeId;
  if (!storeId) throw forbidden();
  return storeId;
}

/** Audits a refusal (`denied`, `after.reason`) in its own transaction, then raises `error`. */
export async function refuse(ctx: RequestContext, event: Omit<AuditInput, 'outcome'> & { reason: string }, error: ErrorFactory): Promise<never> {
  const { reason, ...rest } = event;
  await auditNow(ctx, { ...rest, storeId: rest.storeId ?? ctx.actor?.storeId ?? null, outcome: 'denied', after: { ...(rest.after ?? {}), reason } });
  throw error();
}

/**
 * Refuses owner-only keys (FORBIDDEN `OWNER_ONLY_PERMISSION`) and keys beyond the actor's own
 * permissions (FORBIDDEN `EXCEEDS_OWN_PERMISSIONS`), audited. `keys` are the keys AS SENT: an
 * owner-only key listed next to its parent is refused too, not dropped by normaliseKeys as
 * "covered by the parent".
 */
export async function checkGrantable(ctx: RequestContext, keys: string[], event: Omit<AuditInput, 'outcome'>): Promise<void> {
  const ownerOnly = keys.filter(isOwnerOnly);
  if (ownerOnly.length) await refuse(ctx, { ...event, reason: 'owner_only', after: { ...(event.after ?? {}), permissions: ownerOnly } }, SubAccountErrors.OWNER_ONLY_PERMISSION);
  const mine = effectiveStorePermissions(ctx.actor);
  const beyond = [...expandGrantable(keys)].filter((k) => !mine.has(k));
  if (beyond.length) await refuse(ctx, { ...event, reason: 'exceeds_own', after: { permissions: beyond } }, SubAccountErrors.EXCEEDS_OWN_PERMISSIONS);
}

/** The grantable leaves the roles give together. */
export function roleLeaves(roles: StoreRole[]): Set<string> {
  return expandGrantable(roles.flatMap((r) => r.permissions));
}

/** True when everything in `leaves` is within the actor's own permissions. */
export function within(ctx: RequestContext, leaves: Set<string>): boolean {
  const mine = effectiveStorePermissions(ctx.actor);
  return [...leaves].every((k) => mine.has(k));
}

/** Runs a write; a unique-index violation (a concurrent request won the race) becomes `taken(message)` (default CONFLICT `ALREADY_EXISTS`). */
export async function orConflict<T>(write: () => Promise<T>, message: string, taken: (message: string) => Error = alreadyExists): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw taken(message);
    throw e;
  }
}
