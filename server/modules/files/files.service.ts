import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { transaction } from '../../core/transaction';
import { IMAGE_TYPES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE_PX, readImage } from './content-type';
import { UploadedFile } from './uploaded-file.entity';
import { isUuid } from '../../core/ids';

/** Largest accepted upload, in bytes. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Uploads: images only (checked by content), size-limited, encrypted at rest, owned by the uploader. */
export class FilesService {
  constructor(private readonly app: App) {}

  /**
   * Stores an uploaded image, re-encoded from its pixels (see readImage). @returns its key, content type and stored size in bytes.
   * @throws BAD_USER_INPUT `file` when empty, larger than 5 MiB, or not a well-formed JPEG/PNG/WebP by its content within the size limits (see readImage).
   */
  async upload(ctx: RequestContext, raw: Buffer): Promise<{ key: string; contentType: string; sizeBytes: number }> {
    const actor = actorOf(ctx);
    if (!raw.length) throw badInput('the file is empty', 'file');
    if (raw.length > MAX_UPLOAD_BYTES) throw badInput(`the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`, 'file');
    const image = await readImage(raw);
    if (!image) throw badInput(`only well-formed ${IMAGE_TYPES.join(', ')} images up to ${MAX_IMAGE_SIDE_PX} pixels a side and ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted (checked by content)`, 'file');
    const { contentType, bytes } = image;
    const key = await this.app.storage.put(bytes, { contentType });
    await transaction(ctx, async (tx) => {
      await tx.em.getRepository(UploadedFile).insert({ key, ownerAccountId: actor.accountId, storeId: actor.storeId ?? null, contentType, sizeBytes: bytes.length });
      tx.audit({ action: 'file.upload', targetType: 'UploadedFile', targetId: key, storeId: actor.storeId ?? null, after: { contentType, sizeBytes: bytes.length } });
    });
    return { key, contentType, sizeBytes: bytes.length };
  }

  /**
   * Checks that every key is an upload of the given store (or, without a store, of the account).
   * @throws BAD_USER_INPUT naming the first field whose key is unknown or someone else's.
   */
  async assertOwned(em: EntityManager, keys: { field: string; key: string }[], owner: { storeId?: string; accountId: string }): Promise<void> {
    const wanted = keys.filter((k) => k.key);
    const valid = wanted.filter((k) => isUuid(k.key));
    const rows = valid.length ? await em.getRepository(UploadedFile).find({ where: { key: In(valid.map((k) => k.key)) } }) : [];
    const mine = new Set(rows.filter((r) => (owner.storeId ? r.storeId === owner.storeId : r.ownerAccountId === owner.accountId)).map((r) => r.key));
    const bad = wanted.find((k) => !mine.has(k.key));
    if (bad) throw badInput('not one of your uploads', bad.field);
  }
}
