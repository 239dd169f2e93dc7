import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../core/context';
import { forbidden, unauthenticated } from '../core/errors';
import type { Requirement } from './authorize';

/** type-graphql's guard: UNAUTHENTICATED without a session, FORBIDDEN when the ability denies. */
export const authChecker: AuthChecker<RequestContext, Requirement> = ({ context }, requirements) => {
  for (const req of requirements) {
    if (req.kind === 'public') continue;
    if (!context.actor) throw unauthenticated();
    if (req.kind === 'can' && !context.ability.can(req.action, req.subject)) throw forbidden();
  }
  return true;
};
