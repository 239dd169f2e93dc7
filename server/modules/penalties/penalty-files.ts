import { badInput } from '../../core/errors';
import { readImage, readPdf } from '../files/content-type';

/** Largest evidence or proof file, in bytes (1 MiB; the JSON body limit is 2 MB with base64). */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Decodes a base64 upload and reads it by its content (never the client's claim), through the
 * files module's readers, as verification uploads are: a JPEG, PNG or WebP must decode completely
 * and is stored re-encoded without metadata; a PDF must parse and is stored re-serialised.
 * @throws BAD_USER_INPUT `input.contentBase64` when not base64, empty, too large, or not a whole
 *         image or PDF (a real header followed by HTML, a truncated file, a renamed text file).
 */
export async function decodeUpload(base64: string): Promise<{ bytes: Buffer; contentType: string }> {
  const field = 'input.contentBase64';
  const clean = base64.replace(/\s+/g, '');
  if (!clean || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw badInput('must be base64', field);
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length === 0) throw badInput('file is empty', field);
  if (bytes.length > MAX_FILE_BYTES) throw badInput(`file is larger than ${MAX_FILE_BYTES} bytes`, field);
  const read = (await readImage(bytes)) ?? (await readPdf(bytes));
  if (!read) throw badInput('only whole JPEG, PNG, WebP or PDF files are accepted', field);
  return read;
}
