import express, { type Request, type Router } from 'express';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { badInput, forbidden } from '../../core/errors';
import { auditNow } from '../../core/transaction';
import { rawBodyRoute } from '../../graphql/raw-body-route';
import { servicesOf } from '../services';
import { IMPORT_MAX_BYTES } from './rewards.import';

/** The query parameters of the route, checked before the body is read. */
function paramsOf(req: Request): { fileName: string; skipInvalidRows: boolean } {
  const { fileName, skipInvalidRows = 'false' } = req.query;
  if (typeof fileName !== 'string') throw badInput('required: the file name as chosen', 'fileName');
  if (skipInvalidRows !== 'true' && skipInvalidRows !== 'false') throw badInput('must be true or false', 'skipInvalidRows');
  return { fileName, skipInvalidRows: skipInvalidRows === 'true' };
}

/** ops_reviewer / finance only (create Reward), as GraphQL's `importRewards`; a refusal is audited like GraphQL's. */
async function mayImport(ctx: RequestContext): Promise<void> {
  if (ctx.ability.can('create', 'Reward')) return;
  await auditNow(ctx, { action: 'http.rewardImport', outcome: 'denied', targetType: 'Reward', after: { needs: 'create Reward' } });
  throw forbidden();
}

/**
 * `POST /uploads/reward-import?fileName=<name>&skipInvalidRows=<true|false>`: the CSV of reward
 * proposals as the raw request body (up to 5 MiB, 200,000 rows: a file GraphQL's 2 MiB JSON body
 * cannot carry), `Authorization: Bearer <token>`. Answers the import as GraphQL's `rewardImport`
 * does (`status` `validating`, then poll `rewardImport(id)`), or `{ error: { code, errorCode?,
 * message, fields? } }` (rawBodyRoute). The permission and the parameters are checked before the
 * body is read. The UI sends it with XHR and shows the upload's progress.
 */
export function rewardImportRouter(app: App): Router {
  const router = express.Router();
  router.post(
    '/uploads/reward-import',
    ...rawBodyRoute(app, {
      maxBytes: IMPORT_MAX_BYTES,
      tooLargeMessage: `the file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB`,
      beforeBody: async (ctx, req) => {
        await mayImport(ctx);
        paramsOf(req);
      },
      handle: (ctx, bytes, req) => servicesOf(app).rewardImports.importCsv(ctx, { ...paramsOf(req), bytes }, { fileName: 'fileName', content: 'file' }),
    }),
  );
  return router;
}
