import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { forbidden, unauthenticated } from '../core/errors';
import { auditNow } from '../core/transaction';
import type { Requirement } from './authorize';

/**
 * type-graphql's guard: UNAUTHENTICATED without a session, FORBIDDEN when the ability denies.
 * Every refusal of a signed-in actor is audited (outcome `denied`): attempts to do or read what
 * one may not are evidence (policy 5.1.2 monitoring).
 */
export const authChecker: AuthChecker<RequestContext, Requirement> = async ({ context, info }, requirements) => {
  for (const req of requirements) {
    if (req.kind === 'public') continue;
    if (!context.actor) throw unauthenticated();
    if (req.kind === 'can' && !context.ability.can(req.action, req.subject)) {
      await auditNow(context, { action: `graphql.${info.fieldName}`, outcome: 'denied', targetType: req.subject, after: { needs: `${req.action} ${req.subject}` } });
      throw forbidden();
    }
  }
  return true;
};
