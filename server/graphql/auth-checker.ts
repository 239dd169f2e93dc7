import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { forbidden, unauthenticated } from '../core/errors';
import { auditNow } from '../core/transaction';
import type { Requirement } from './authorize';

/**
 * type-graphql's guard: UNAUTHENTICATED without a session, FORBIDDEN when the ability denies.
 * A refused mutation is audited (outcome `denied`): attempts to do what one may not are evidence.
 */
export const authChecker: AuthChecker<RequestContext, Requirement> = async ({ context, info }, requirements) => {
  for (const req of requirements) {
    if (req.kind === 'public') continue;
    if (!context.actor) throw unauthenticated();
    if (req.kind === 'can' && !context.ability.can(req.action, req.subject)) {
      if (info.parentType.name === 'Mutation') {
        await auditNow(context, { action: `graphql.${info.fieldName}`, outcome: 'denied', targetType: req.subject, after: { needs: `${req.action} ${req.subject}` } });
      }
      throw forbidden();
    }
  }
  return true;
};
