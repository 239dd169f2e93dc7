import { passwordChangeRequired } from '../../graphql/auth-checker';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { App } from '../../core/app';
import { AppError } from '../../core/errors';
import { contextFromRequest } from '../../graphql/request-context';
import { servicesOf } from '../services';
import { MAX_UPLOAD_BYTES } from './files.service';

/**
 * `POST /uploads`: the raw file as the request body (any Content-Type; the type is detected from
 * the bytes), `Authorization: Bearer <token>`. Answers `{ key, contentType, sizeBytes }`, or
 * `{ error: { code, message } }` with 400 / 401 / 413. The UI shows upload progress with XHR.
 */
export function filesRouter(app: App): Router {
  const router = express.Router();
  router.post(
    '/uploads',
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES + 1 }),
    async (req: Request, res: Response) => {
      const ctx = await contextFromRequest(app, req);
      if (!ctx.actor) {
        res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
        return;
      }
      if (ctx.actor.mustChangePassword) {
        const e = passwordChangeRequired();
        res.status(403).json({ error: { code: e.code, errorCode: e.extensions.errorCode, message: e.message } });
        return;
      }
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
      if (err?.type === 'entity.too.large') res.status(413).json({ error: { code: 'BAD_USER_INPUT', message: `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB` } });
      else next(err);
    },
  );
  return router;
}
