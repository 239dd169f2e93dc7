import type { Logger } from 'pino';
import { defineAbilityFor, type Actor, type AppAbility } from './abilities';
import type { App } from './app';

/**
 * Everything a request carries, built once per request and passed first to every service method:
 * `service.method(ctx, ...)`. Lists load their relations with joins in the same statement (see
 * core/pagination.ts), so no per-request loader cache is needed; if one is added, it must live here,
 * per request, never shared (a shared cache would leak what one actor may see to another).
 */
export interface RequestContext {
  app: App;
  requestId: string;
  ip: string;
  userAgent: string;
  actor?: Actor;
  /** True for work the system does itself (start-up import, seeding, jobs): audited as `system`. */
  system?: boolean;
  ability: AppAbility;
  log: Logger;
}

/** The actor of a context that passed authentication (guards in graphql/auth-checker.ts ensure it). */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Error('actorOf called on an unauthenticated context');
  return ctx.actor;
}

/** A context for work the system does itself (start-up import, seeding, jobs): no actor, audited as actor kind `system`. */
export function systemContext(app: App, requestId = 'startup'): RequestContext {
  return { app, requestId, ip: '127.0.0.1', userAgent: 'system', actor: undefined, system: true, ability: defineAbilityFor(undefined), log: app.log };
}
