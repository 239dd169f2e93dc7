import { passwordChangeRequired } from '../../graphql/auth-checker';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { bodyDeadline } from '../../graphql/body-deadline';
import { contextFromRequest } from '../../graphql/request-context';
import { servicesOf } from '../services';
import { MAX_UPLOAD_BYTES } from './files.service';

const TOO_LARGE = { code: 'BAD_USER_INPUT', message: `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB` };

/**
 * `POST /uploads`: the raw file as the request body (any Content-Type; the type is detected from
 * the bytes), `Authorization: Bearer <token>`. Answers `{ key, contentType, sizeBytes }`, or
 * `{ error: { code, message } }` with 400 / 401 / 408 / 413. The UI shows upload progress with XHR.
 *
 * The token is checked, and a declared Content-Length over the limit refused, from the headers
 * alone, before a byte of the body is read (answered with `Connection: close`, so the body is never
 * buffered); the body then has `config.http.uploadBodyTimeoutMs` to arrive (408 otherwise).
 */
export function filesRouter(app: App): Router {
  const router = express.Router();
  const refuse = (res: Response, status: number, error: { code: string; errorCode?: string; message: string }) => {
    res.setHeader('Connection', 'close');
    res.status(status).json({ error });
  };
  router.post(
    '/uploads',
    async (req: Request, res: Response, next: NextFunction) => {
      const ctx = await contextFromRequest(app, req);
      if (!ctx.actor) return refuse(res, 401, { code: 'UNAUTHENTICATED', message: 'Sign in first' });
      if (ctx.actor.mustChangePassword) {
        const e = passwordChangeRequired();
        return refuse(res, 403, { code: e.code, errorCode: e.extensions.errorCode as string | undefined, message: e.message });
      }
      if (Number(req.header('content-length')) > MAX_UPLOAD_BYTES) return refuse(res, 413, TOO_LARGE);
      res.locals.ctx = ctx;
      next();
    },
    bodyDeadline(app.config.http.uploadBodyTimeoutMs, (res) => res.json({ error: { code: 'BAD_USER_INPUT', message: 'the upload took too long to arrive' } })),
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES + 1 }),
    async (req: Request, res: Response) => {
      if (res.headersSent) return;
      const ctx = res.locals.ctx as RequestContext;
      try {
        res.json(await servicesOf(app).files.upload(ctx, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)));
      } catch (e) {
        if (e instanceof AppError) res.status(400).json({ error: { code: e.code, message: e.message } });
        else {
          ctx.log.error({ err: { type: (e as Error).constructor?.name } }, 'upload failed');
          res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal server error' } });
        }
      }
    },
    (err: { type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return;
      if (err?.type === 'entity.too.large') refuse(res, 413, TOO_LARGE);
      else next(err);
    },
  );
  return router;
}
