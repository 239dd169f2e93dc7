import { defineAbilityFor } from '../core/abilities';
import type { App } from '../core/app';
import type { RequestContext } from '../core/context';

/** A context for work the system does itself (start-up import, seeding): audited as actor kind `system`. */
export function bootstrapContext(app: App, requestId = 'startup'): RequestContext {
  return { app, requestId, ip: '127.0.0.1', userAgent: 'system', actor: undefined, system: true, ability: defineAbilityFor(undefined), log: app.log };
}
