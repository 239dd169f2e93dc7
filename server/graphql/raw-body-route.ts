import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { App } from '../core/app';
import type { RequestContext } from '../core/context';
import { AppError, type ErrorCode } from '../core/errors';
import { passwordChangeRequired } from './auth-checker';
import { bodyDeadline } from './body-deadline';
import { contextFromRequest } from './request-context';

/** One route taking a file as the raw request body (outside GraphQL, whose JSON body limit is 2 MiB). */
export interface RawBodyRoute {
  /** Largest accepted body, in bytes: a larger declared Content-Length is refused before a byte is read. */
  maxBytes: number;
  /** The refusal's message for a body over `maxBytes` (HTTP 413). */
  tooLargeMessage: string;
  /** Refuses from the headers alone, before the body is read (a missing permission, bad query parameters). */
  beforeBody?(ctx: RequestContext, req: Request): Promise<void>;
  /** Handles the whole body; its answer is sent as JSON. AppErrors are answered with their code. */
  handle(ctx: RequestContext, body: Buffer, req: Request): Promise<unknown>;
}

/** The HTTP status of each error code on these routes. */
const STATUS: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429, INTERNAL: 500 };

/** An AppError as these routes answer it: `{ error: { code, errorCode?, message, fields? } }`. */
function errorBody(e: AppError) {
  const { errorCode, fields } = e.extensions as { errorCode?: string; fields?: unknown };
  return { code: e.code, ...(errorCode ? { errorCode } : {}), message: e.message, ...(fields ? { fields } : {}) };
}

/**
 * The handlers of a raw-body route (`router.post(path, ...rawBodyRoute(app, route))`):
 * `Authorization: Bearer <token>` is checked, `beforeBody` run and a declared Content-Length over
 * the limit refused from the headers alone, before a byte of the body is read (answered with
 * `Connection: close`, so the body is never buffered); the body then has
 * `config.http.uploadBodyTimeoutMs` to arrive (408 otherwise). Answers JSON, or
 * `{ error: { code, errorCode?, message, fields? } }` with 400 / 401 / 403 / 404 / 408 / 409 / 413 / 429;
 * an unexpected failure is logged by its type only and answered 500 INTERNAL (no detail leaks).
 */
export function rawBodyRoute(app: App, route: RawBodyRoute): (RequestHandler | ErrorRequestHandler)[] {
  const tooLarge = { code: 'BAD_USER_INPUT', message: route.tooLargeMessage };
  const refuse = (res: Response, status: number, error: object) => {
    res.setHeader('Connection', 'close');
    res.status(status).json({ error });
  };
  return [
    async (req: Request, res: Response, next: NextFunction) => {
      const ctx = await contextFromRequest(app, req);
      if (!ctx.actor) return refuse(res, 401, { code: 'UNAUTHENTICATED', message: 'Sign in first' });
      if (ctx.actor.mustChangePassword) return refuse(res, 403, errorBody(passwordChangeRequired()));
      try {
        await route.beforeBody?.(ctx, req);
      } catch (e) {
        if (e instanceof AppError) return refuse(res, STATUS[e.code], errorBody(e));
        throw e;
      }
      if (Number(req.header('content-length')) > route.maxBytes) return refuse(res, 413, tooLarge);
      res.locals.ctx = ctx;
      next();
    },
    bodyDeadline(app.config.http.uploadBodyTimeoutMs, (res) => res.json({ error: { code: 'BAD_USER_INPUT', message: 'the upload took too long to arrive' } })),
    express.raw({ type: () => true, limit: route.maxBytes + 1 }),
    async (req: Request, res: Response) => {
      if (res.headersSent) return;
      const ctx = res.locals.ctx as RequestContext;
      try {
        res.json(await route.handle(ctx, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req));
      } catch (e) {
        if (e instanceof AppError) res.status(STATUS[e.code]).json({ error: errorBody(e) });
        else {
          ctx.log.error({ err: { type: (e as Error).constructor?.name } }, 'upload failed');
          res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal server error' } });
        }
      }
    },
    (err: { type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return;
      if (err?.type === 'entity.too.large') refuse(res, 413, tooLarge);
      else next(err);
    },
  ];
}
