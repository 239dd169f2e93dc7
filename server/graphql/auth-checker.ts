import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { forbidden, unauthenticated } from '../core/errors';
import { auditNow } from '../core/transaction';
import { AccountErrors } from '../modules/accounts/accounts.errors';
import { ServiceAccountErrors } from '../modules/service-accounts/service-accounts.errors';
import type { Requirement } from './authorize';

/** What an actor on a temporary password may do (issue 10 item 6): read itself, change the password, sign out. */
const WHILE_PASSWORD_TEMPORARY = new Set(['me', 'changeMyPassword', 'signOut']);

/**
 * The signed-in operations (`@SignedIn`, one's own things) a service account (API key) may call:
 * reading itself. Inbox, sessions, password, policy status, verification and the rest are for
 * people; everything else a service account does needs a `@Can` its key's scopes grant.
 */
const FOR_SERVICE_ACCOUNTS = new Set(['me']);

/** The refusal while an admin-set temporary password is not changed yet (GraphQL and the upload endpoint). */
export const passwordChangeRequired = () => AccountErrors.PASSWORD_CHANGE_REQUIRED();

/**
 * type-graphql's guard: UNAUTHENTICATED without a session, FORBIDDEN when the ability denies or
 * the actor must first change its temporary password (errorCode PASSWORD_CHANGE_REQUIRED), FORBIDDEN
 * (NOT_FOR_SERVICE_ACCOUNTS) when a service account calls a signed-in operation meant for people.
 * Every refusal of a signed-in actor is audited (outcome `denied`): attempts to do or read what
 * one may not are evidence (policy 5.1.2 monitoring).
 */
export const authChecker: AuthChecker<RequestContext, Requirement> = async ({ context, info }, requirements) => {
  for (const req of requirements) {
    if (req.kind === 'public') continue;
    if (!context.actor) throw unauthenticated();
    if (context.actor.mustChangePassword && !WHILE_PASSWORD_TEMPORARY.has(info.fieldName)) throw passwordChangeRequired();
    const root = info.parentType.name === 'Query' || info.parentType.name === 'Mutation';
    if (req.kind === 'signedIn' && context.actor.kind === 'service' && root && !FOR_SERVICE_ACCOUNTS.has(info.fieldName)) {
      await auditNow(context, { action: `graphql.${info.fieldName}`, outcome: 'denied', after: { needs: 'a person (not a service account)' } });
      throw ServiceAccountErrors.NOT_FOR_SERVICE_ACCOUNTS();
    }
    if (req.kind === 'can' && !context.ability.can(req.action, req.subject)) {
      await auditNow(context, { action: `graphql.${info.fieldName}`, outcome: 'denied', targetType: req.subject, after: { needs: `${req.action} ${req.subject}` } });
      throw forbidden();
    }
  }
  return true;
};
