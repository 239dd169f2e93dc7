import pLimit from 'p-limit';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

/** Image types accepted for identity documents and evidence. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Largest accepted width or height, in pixels (a phone photo is ~4,000; more is a decompression bomb). */
export const MAX_IMAGE_SIDE_PX = 10_000;

/**
 * Largest accepted width x height (25 megapixels: a 12 MP phone photo or a 24 MP camera fits).
 * Decoded, that is at most ~100 MB (4 bytes a pixel); a 10,000 x 10,000 image would be 400 MB
 * from a file of a few hundred KB.
 */
export const MAX_IMAGE_PIXELS = 25_000_000;

/** Images decoded at once in this process (a small semaphore; uploads beyond it wait their turn). */
export const MAX_CONCURRENT_DECODES = 2;
/** The decode semaphore (p-limit); `activeCount` / `pendingCount` show its use. */
export const decodeSlots = pLimit(MAX_CONCURRENT_DECODES);

const FORMATS = {
  jpeg: { contentType: 'image/jpeg', options: { quality: 90 } },
  png: { contentType: 'image/png', options: {} },
  webp: { contentType: 'image/webp', options: { quality: 90 } },
} as const;

/**
 * Reads an uploaded image by its content (never its name or declared type) with `sharp` (libvips):
 * the header must be a JPEG, PNG or WebP of 1..MAX_IMAGE_SIDE_PX pixels a side and at most
 * MAX_IMAGE_PIXELS in all (read from the header, before any decoding), and the whole image must
 * decode (at most MAX_CONCURRENT_DECODES at once), so a truncated or corrupt file, or a header followed by something else (HTML, a
 * script), is refused. What is stored is the image re-encoded from its pixels (EXIF orientation
 * applied): nothing appended to the file survives, and neither does its metadata (e.g. the GPS
 * position a phone writes into a photo of an ID card).
 * @returns the type and the re-encoded bytes; null for anything else.
 */
export async function readImage(bytes: Buffer): Promise<{ contentType: ImageType; bytes: Buffer } | null> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS });
    const { format, width, height } = await image.metadata();
    const target = format && format in FORMATS ? FORMATS[format as keyof typeof FORMATS] : undefined;
    if (!target || !width || !height || width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX || width * height > MAX_IMAGE_PIXELS) return null;
    const clean = await decodeSlots(() =>
      image
        .rotate()
        .toFormat(format as keyof typeof FORMATS, target.options)
        .toBuffer(),
    );
    return { contentType: target.contentType, bytes: clean };
  } catch {
    return null;
  }
}

/**
 * Reads an uploaded PDF with a maintained parser (`pdf-lib`): it must start with `%PDF-`, parse
 * without an invalid object, not be encrypted, and hold at least one page, so a PDF header
 * followed by HTML, a truncated file or a renamed text file is refused. What is stored is the
 * document re-serialised by the parser (bytes appended after the last `%%EOF` do not survive).
 * @returns the re-serialised bytes; null for anything else.
 */
export async function readPdf(bytes: Buffer): Promise<{ contentType: 'application/pdf'; bytes: Buffer } | null> {
  if (bytes.toString('latin1', 0, 5) !== '%PDF-') return null;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    if (doc.getPageCount() < 1) return null;
    return { contentType: 'application/pdf', bytes: Buffer.from(await doc.save()) };
  } catch {
    return null;
  }
}
