import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { PROJECT_ROOT } from '../config';
import type { App } from '../core/app';
import { MODULES } from '../modules';
import type { RequestContext } from '../core/context';
import { inLogScope } from '../core/logger';
import { KnownOperationTypes, refuseDeepBodies } from './client-input';
import { makeFormatError } from './errors';
import { bodyDeadline } from './body-deadline';
import { publicCacheListener, publicResponseCachePlugin } from './public-response-cache';
import { addListeners } from '../core/events';
import { ANONYMOUS_LIMITS, LIMITS, anonymousLimitsPlugin, armorFor, noDuplicateFieldsRule, responseSizeBound } from './query-limits';
import { readiness } from './readiness';
import { contextFromRequest } from './request-context';
import { buildAppSchema } from './schema';

/** Paths that answer JSON (not pages): they get API_HEADERS instead of helmet's page headers. */
const API_PATH = /^\/(graphql|healthz|readyz)(\/|$)/;
const API_HEADERS: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Frame-Options', 'DENY'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cache-Control', 'no-store'],
];

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}

function requestIdPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, contextValue: ctx }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, requestId: ctx.requestId };
          }
        },
        async didEncounterErrors({ errors, operationName }) {
          contextValue.log.info({ operationName, codes: errors.map((e) => e.extensions?.code ?? 'INTERNAL') }, 'graphql errors');
        },
        async willSendSubsequentPayload() {},
        async executionDidStart() {
          return {
            async executionDidEnd() {
              contextValue.log.debug({ ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'graphql executed');
            },
          };
        },
      };
    },
  };
}

/**
 * The HTTP application: `/graphql`, `/healthz`, `/readyz`, and the built admin UI (with public
 * pages) from admin-ui/dist. Every response carries `x-request-id`.
 */
export async function createHttpApp(app: App): Promise<{ express: Express; apollo: ApolloServer<RequestContext> }> {
  const schema = await buildAppSchema(app);
  addListeners([publicCacheListener]);
  const protection = armorFor(LIMITS).protect();
  const production = app.config.env === 'production';
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !production,
    // The UI sends one operation per request (admin-ui/src/graphql.ts): batches are refused below.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError(app.log),
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [...protection.validationRules, KnownOperationTypes, noDuplicateFieldsRule],
    validationOptions: { maxErrors: LIMITS.maxErrors },
    // No cache hints are used: without the default cache-control plugin no field resolver is wrapped for it.
    plugins: [
      ...protection.plugins,
      anonymousLimitsPlugin(),
      requestIdPlugin(),
      publicResponseCachePlugin(app.config.publicCacheTtlMs),
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const signedInJson = express.json({ limit: LIMITS.bodyBytes });
  const anonymousJson = express.json({ limit: ANONYMOUS_LIMITS.bodyBytes });
  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
  web.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    req.requestId = incoming && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.requestId);
    // Every log line written while serving the request carries its id (core/logger.ts).
    inLogScope({ requestId: req.requestId }, next);
  });
  // JSON responses are never cached by ETag (a GraphQL POST is not revalidated): no hash of every body.
  web.set('etag', false);
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:', 'blob:'], 'style-src': ["'self'", "'unsafe-inline'"] },
    },
  });
  web.use((req: Request, res: Response, next: NextFunction) => {
    if (!API_PATH.test(req.path)) return pageHeaders(req, res, next);
    // The API answers JSON only: the short header set OWASP gives for REST/JSON APIs, instead of the
    // full page set (CSP for scripts, COOP, ...) that only matters for HTML.
    for (const [name, value] of API_HEADERS) res.setHeader(name, value);
    next();
  });

  web.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Until start-up has finished (demo data seeded) the process is live but not ready, and the API
  // answers 503: an early sign-in would otherwise fail and count towards the lock-out.
  web.use(/^\/(readyz|graphql|uploads)(\/|$)/, (req: Request, res: Response, next: NextFunction) => {
    if (!app.starting) return next();
    res.status(503).setHeader('Retry-After', '1');
    if (req.originalUrl.startsWith('/readyz')) res.json({ status: 'starting' });
    else res.json({ errors: [{ message: 'The console is starting; try again in a moment', extensions: { code: 'UNAVAILABLE', requestId: req.requestId } }] });
  });
  web.get('/readyz', async (_req, res) => {
    const { ready, status } = await readiness(app);
    res.status(ready ? 200 : 503).json({ status });
  });

  web.use(
    '/graphql',
    // The session is read from the headers before the body: a caller without one gets the small body limit.
    async (req: Request, res: Response, next: NextFunction) => {
      res.locals.ctx = await contextFromRequest(app, req);
      next();
    },
    bodyDeadline(app.config.http.bodyTimeoutMs, (res) => res.json({ errors: [{ message: 'The request body took too long to arrive', extensions: { code: 'BAD_USER_INPUT' } }] })),
    (req: Request, res: Response, next: NextFunction) => ((res.locals.ctx as RequestContext).actor ? signedInJson : anonymousJson)(req, res, next),
    refuseDeepBodies,
    (req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return;
      if (Array.isArray(req.body)) {
        res.status(400).json({ errors: [{ message: 'Batched operations are not accepted: send one operation per request', extensions: { code: 'BAD_USER_INPUT', requestId: req.requestId } }] });
        return;
      }
      next();
    },
    responseSizeBound({ signedIn: app.config.http.maxResponseBytes, anonymous: app.config.http.maxAnonymousResponseBytes }),
    expressMiddleware(apollo, { context: async ({ res }) => res.locals.ctx as RequestContext }),
  );
  for (const m of MODULES) if (m.routes) web.use(m.routes(app));

  web.all(/^\/(graphql|uploads|healthz|readyz)(\/.*)?$/, (req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `No ${req.method} ${req.path}`, requestId: req.requestId } });
  });
  const ui = path.join(PROJECT_ROOT, 'admin-ui', 'dist');
  if (existsSync(ui)) {
    web.use(express.static(ui, { index: false, maxAge: '1h' }));
    web.get(/^\/(?!graphql|healthz|readyz|uploads).*/, (_req, res) => res.sendFile(path.join(ui, 'index.html')));
  }
  // Anything that escaped the handlers above (malformed JSON, oversized bodies): JSON, never a stack page.
  web.use((err: { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    // Already answered (a body deadline passed, then the parser saw the connection close).
    if (res.headersSent) return;
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : err.type === 'entity.too.large'
          ? 'The request body is too large'
          : status < 500
            ? 'The request is not valid'
            : 'Internal server error';
    if (status >= 500) app.log.error({ err: { type: err.type ?? 'unknown' } }, 'http error');
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL', requestId: req.requestId } }] });
  });
  return { express: web, apollo };
}
