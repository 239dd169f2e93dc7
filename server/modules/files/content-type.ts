import sharp from 'sharp';

/** Image types accepted for identity documents and evidence. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Largest accepted width or height, in pixels (a phone photo is ~4,000; more is a decompression bomb). */
export const MAX_IMAGE_SIDE_PX = 10_000;

const FORMATS = {
  jpeg: { contentType: 'image/jpeg', options: { quality: 90 } },
  png: { contentType: 'image/png', options: {} },
  webp: { contentType: 'image/webp', options: { quality: 90 } },
} as const;

/**
 * Reads an uploaded image by its content (never its name or declared type) with `sharp` (libvips):
 * the header must be a JPEG, PNG or WebP of 1..MAX_IMAGE_SIDE_PX pixels a side, and the whole image
 * must decode, so a truncated or corrupt file, or a header followed by something else (HTML, a
 * script), is refused. What is stored is the image re-encoded from its pixels (EXIF orientation
 * applied): nothing appended to the file survives, and neither does its metadata (e.g. the GPS
 * position a phone writes into a photo of an ID card).
 * @returns the type and the re-encoded bytes; null for anything else.
 */
export async function readImage(bytes: Buffer): Promise<{ contentType: ImageType; bytes: Buffer } | null> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_SIDE_PX * MAX_IMAGE_SIDE_PX });
    const { format, width, height } = await image.metadata();
    const target = format && format in FORMATS ? FORMATS[format as keyof typeof FORMATS] : undefined;
    if (!target || !width || !height || width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX) return null;
    const clean = await image
      .rotate()
      .toFormat(format as keyof typeof FORMATS, target.options)
      .toBuffer();
    return { contentType: target.contentType, bytes: clean };
  } catch {
    return null;
  }
}
