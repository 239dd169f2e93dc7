import { imageSize } from 'image-size';

/** Image types accepted for identity documents and evidence. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Largest accepted width or height, in pixels (a phone photo is ~4,000; more is a decompression bomb). */
export const MAX_IMAGE_SIDE_PX = 10_000;

const BY_FORMAT: Record<string, ImageType> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/**
 * The type of an uploaded image, read from its content by `image-size`, which parses the format's
 * header structure (JPEG segments, PNG IHDR, WebP chunks) rather than trusting a file name or the
 * first few bytes: a file that merely starts like a JPEG, a truncated PNG or a GIF is refused.
 * @returns null for anything that is not a well-formed JPEG, PNG or WebP of 1..MAX_IMAGE_SIDE_PX pixels a side.
 */
export function detectImageType(bytes: Buffer): ImageType | null {
  try {
    const { type, width, height } = imageSize(bytes);
    const contentType = type ? BY_FORMAT[type] : undefined;
    if (!contentType || !width || !height || width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX) return null;
    return contentType;
  } catch {
    return null;
  }
}
