import type { Request } from 'express';
import { defineAbilityFor } from '../core/abilities';
import type { App } from '../core/app';
import type { RequestContext } from '../core/context';
import { servicesOf } from '../modules/services';
import { API_KEY_PREFIX } from '../../rules/service-accounts/scopes';

/**
 * The RequestContext of an HTTP request: actor from the bearer token (if valid), its ability, request id, IP.
 * A token starting `mcsk_` is a service account's API key (modules/service-accounts); any other is a session token.
 */
export async function contextFromRequest(app: App, req: Request): Promise<RequestContext> {
  const auth = req.header('authorization');
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  const services = servicesOf(app);
  const key = token?.startsWith(API_KEY_PREFIX) ? await services.serviceAccounts.authenticate(token) : null;
  // A session token may start with the prefix by chance (1 in 2^30): an unknown key is tried as a session too.
  const actor = key ?? (await services.accounts.authenticate(token)) ?? undefined;
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
