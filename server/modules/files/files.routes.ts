import express, { type Router } from 'express';
import type { App } from '../../core/app';
import { rawBodyRoute } from '../../graphql/raw-body-route';
import { servicesOf } from '../services';
import { MAX_UPLOAD_BYTES } from './files.service';

/**
 * `POST /uploads`: the raw file as the request body (any Content-Type; the type is detected from
 * the bytes), `Authorization: Bearer <token>`. Answers `{ key, contentType, sizeBytes }`, or
 * `{ error: { code, message } }` with 400 / 401 / 403 / 408 / 413 (see rawBodyRoute: the token and
 * the declared length are checked before the body is read). The UI shows upload progress with XHR.
 */
export function filesRouter(app: App): Router {
  const router = express.Router();
  router.post(
    '/uploads',
    ...rawBodyRoute(app, {
      maxBytes: MAX_UPLOAD_BYTES,
      tooLargeMessage: `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`,
      handle: (ctx, body) => servicesOf(app).files.upload(ctx, body),
    }),
  );
  return router;
}
