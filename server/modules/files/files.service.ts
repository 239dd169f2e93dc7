import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { readRepo, transaction } from '../../core/transaction';
import { IMAGE_TYPES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE_PX, readImage, readPdf } from './content-type';
import { FilesRepository } from './files.repository';
import type { FilePurpose, UploadedFile } from './uploaded-file.entity';
import { isUuid } from '../../core/ids';

/** Largest accepted upload, in bytes. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** How one kind of upload is checked and recorded (see FilesService.store). */
export interface UploadKind {
  /** The input field named by a refusal (`file`, `input.contentBase64`). */
  field: string;
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Whether a PDF is accepted beside JPEG, PNG and WebP images. */
  pdf: boolean;
  purpose?: FilePurpose | null;
  fileName?: string | null;
  /** The audit event's action and target type (default `file.upload` on `UploadedFile`). */
  audit?: { action: string; targetType: string };
}

/** The one upload pipeline: decoded by content, re-encoded, size-limited, encrypted at rest, owned by the uploader. */
export class FilesService {
  constructor(private readonly app: App) {}

  /**
   * Stores an uploaded image (`POST /uploads`), re-encoded from its pixels (see readImage).
   * @returns its key, content type and stored size in bytes.
   * @throws BAD_USER_INPUT `file` when empty, larger than 5 MiB, or not a well-formed JPEG/PNG/WebP by its content within the size limits (see readImage).
   */
  async upload(ctx: RequestContext, raw: Buffer): Promise<{ key: string; contentType: string; sizeBytes: number }> {
    const f = await this.store(ctx, raw, { field: 'file', maxBytes: MAX_UPLOAD_BYTES, pdf: false });
    return { key: f.key, contentType: f.contentType, sizeBytes: f.sizeBytes };
  }

  /**
   * Checks `raw` by its content and stores it: an image must be a whole JPEG, PNG or WebP within
   * the pixel limits and is stored re-encoded without metadata (readImage); with `kind.pdf`, a PDF
   * must parse with pdf-lib and is stored re-serialised (readPdf). The bytes are encrypted by the
   * FileStorage; the row (owner, store, purpose, SHA-256) and the audit event are written in one
   * transaction. Nothing is stored when a check fails.
   * @throws BAD_USER_INPUT `kind.field` when empty, larger than `kind.maxBytes`, or not a whole accepted file.
   */
  async store(ctx: RequestContext, raw: Buffer, kind: UploadKind): Promise<UploadedFile> {
    const actor = actorOf(ctx);
    if (!raw.length) throw badInput('the file is empty', kind.field);
    if (raw.length > kind.maxBytes) throw badInput(`the file is larger than ${kind.maxBytes / 1024 / 1024} MiB`, kind.field);
    const read = (await readImage(raw)) ?? (kind.pdf ? await readPdf(raw) : null);
    if (!read) {
      const types = kind.pdf ? 'JPEG, PNG, WebP images or PDF documents' : `${IMAGE_TYPES.join(', ')} images`;
      throw badInput(`only well-formed ${types} up to ${MAX_IMAGE_SIDE_PX} pixels a side and ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted (checked by content)`, kind.field);
    }
    const { contentType, bytes } = read;
    const key = await this.app.storage.put(bytes, { contentType });
    const row: Omit<UploadedFile, 'createdAt'> = {
      key,
      ownerAccountId: actor.accountId,
      storeId: actor.kind === 'staff' ? null : (actor.storeId ?? null),
      contentType,
      sizeBytes: bytes.length,
      purpose: kind.purpose ?? null,
      fileName: kind.fileName ?? null,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      attachedId: null,
    };
    await transaction(ctx, async (tx) => {
      await tx.repo(FilesRepository).insert(row);
      tx.audit({
        action: kind.audit?.action ?? 'file.upload',
        targetType: kind.audit?.targetType ?? 'UploadedFile',
        targetId: key,
        storeId: row.storeId,
        after: row.purpose ? { purpose: row.purpose, contentType, sizeBytes: row.sizeBytes, sha256: row.sha256 } : { contentType, sizeBytes: row.sizeBytes },
      });
    });
    return (await readRepo(this.app, FilesRepository).byKey(key))!;
  }

  /**
   * Stores a file sent as base64 in a GraphQL input (evidence, proofs): the name must be a plain
   * file name, the text base64; then as `store`.
   * @throws BAD_USER_INPUT `input.fileName` / `input.contentBase64`, or as `store`.
   */
  async storeBase64(ctx: RequestContext, input: { fileName: string; contentBase64: string }, kind: Omit<UploadKind, 'field' | 'fileName'>): Promise<UploadedFile> {
    if (/[\\/\p{Cc}]/u.test(input.fileName)) throw badInput('must be a plain file name', 'input.fileName');
    const field = 'input.contentBase64';
    const clean = input.contentBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw badInput('must be base64', field);
    return this.store(ctx, Buffer.from(clean, 'base64'), { ...kind, field, fileName: input.fileName });
  }

  /**
   * Checks that every key is a verification upload (no purpose) of the given store (or, without a
   * store, of the account), in the caller's transaction (`em`).
   * @throws BAD_USER_INPUT naming the first field whose key is unknown or someone else's.
   */
  async assertOwned(em: EntityManager, keys: { field: string; key: string }[], owner: { storeId?: string; accountId: string }): Promise<void> {
    const wanted = keys.filter((k) => k.key);
    const rows = await new FilesRepository(em).byKeys(wanted.filter((k) => isUuid(k.key)).map((k) => k.key));
    const mine = new Set(rows.filter((r) => r.purpose === null && (owner.storeId ? r.storeId === owner.storeId : r.ownerAccountId === owner.accountId)).map((r) => r.key));
    const bad = wanted.find((k) => !mine.has(k.key));
    if (bad) throw badInput('not one of your uploads', bad.field);
  }
}
