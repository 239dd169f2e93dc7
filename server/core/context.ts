import type { Logger } from 'pino';
import type { Actor, AppAbility } from './abilities';
import type { App } from './app';

/**
 * Everything a request carries, built once per request and passed first to every service method:
 * `service.method(ctx, ...)`. Loaders are per request and never shared (a shared cache would leak
 * what one actor may see to another).
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
  /** Per-request DataLoaders, created lazily by modules (see `loader`). */
  loaders: Map<string, unknown>;
}

/** The actor of a context that passed authentication (guards in graphql/auth-checker.ts ensure it). */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Error('actorOf called on an unauthenticated context');
  return ctx.actor;
}

/** A per-request loader, made on first use. */
export function loader<T>(ctx: RequestContext, key: string, make: () => T): T {
  let l = ctx.loaders.get(key) as T | undefined;
  if (!l) {
    l = make();
    ctx.loaders.set(key, l);
  }
  return l;
}
