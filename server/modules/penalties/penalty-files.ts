import { badInput } from '../../core/errors';

/** Largest evidence or proof file, in bytes (1 MiB; the JSON body limit is 2 MB with base64). */
export const MAX_FILE_BYTES = 1024 * 1024;

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/webp', test: (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  { type: 'application/pdf', test: (b) => b.length > 5 && b.toString('latin1', 0, 5) === '%PDF-' },
];

/**
 * Decodes a base64 upload and detects its type from its first bytes (never from the client's
 * claim). @throws BAD_USER_INPUT `input.contentBase64` when not base64, empty, too large or of
 * another type.
 */
export function decodeUpload(base64: string): { bytes: Buffer; contentType: string } {
  const field = 'input.contentBase64';
  const clean = base64.replace(/\s+/g, '');
  if (!clean || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw badInput('must be base64', field);
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length === 0) throw badInput('file is empty', field);
  if (bytes.length > MAX_FILE_BYTES) throw badInput(`file is larger than ${MAX_FILE_BYTES} bytes`, field);
  const sig = SIGNATURES.find((s) => s.test(bytes));
  if (!sig) throw badInput('only JPEG, PNG, WebP or PDF files are accepted', field);
  return { bytes, contentType: sig.type };
}
