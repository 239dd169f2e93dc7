import type { Request } from 'express';
import { defineAbilityFor } from '../core/abilities';
import type { App } from '../core/app';
import type { RequestContext } from '../core/context';
import { servicesOf } from '../modules/services';

/** The RequestContext of an HTTP request: actor from the bearer token (if valid), its ability, request id, IP. */
export async function contextFromRequest(app: App, req: Request): Promise<RequestContext> {
  const auth = req.header('authorization');
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  const actor = (await servicesOf(app).accounts.authenticate(token)) ?? undefined;
  return {
    app,
    requestId: req.requestId,
    ip: req.ip ?? 'unknown',
    userAgent: req.header('user-agent') ?? '',
    actor,
    ability: defineAbilityFor(actor),
    // Lines carry the request id from the request's log scope (core/logger.ts, entered in http.ts).
    log: app.log,
  };
}
