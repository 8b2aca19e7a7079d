import type Sharp from 'sharp';
import { AppError } from '../http/errors';

export const maxPhotosPerIdea = 5;
// Against decompression bombs: a 50,000 × 50,000 header is refused before decoding.
const maxInputPixels = 40_000_000;
const acceptedFormats = new Set(['jpeg', 'png', 'webp']);
const thumbnailBox = 400;

/**
 * The thumbnail's size, from the large version's (the size a photo row keeps): pages give it as
 * the image's width and height, so nothing moves when it loads.
 */
export function thumbnailSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, thumbnailBox / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

let loadedSharp: Promise<typeof Sharp> | undefined;
/**
 * Loaded with the first photo (libvips is ~10 MB resident); without its operation cache, which
 * would keep up to 50 MB of decoded images, and one thread, as fits a small 1-2 core machine.
 */
function loadSharp(): Promise<typeof Sharp> {
  loadedSharp ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loadedSharp;
}

export interface ProcessedPhoto {
  large: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

export class PhotoRejectedError extends AppError {
  constructor(messageKey: string, readonly fileName: string) {
    super(422, 'photo_rejected', messageKey, { fileName });
  }
}

/**
 * Checks a photo by its content (not its name or declared type) and re-encodes it:
 * orientation applied, EXIF and GPS removed (sharp keeps no metadata unless asked),
 * a large version ≤ 1600 px and a thumbnail ≤ 400 px. The upload is decoded once, into the
 * large version's pixels (≤ 1600 × 1600, ~8 MB), and both files are encoded from those:
 * each pipeline from the upload would decode the whole image again.
 */
export async function processPhoto(content: Buffer, fileName: string): Promise<ProcessedPhoto> {
  const sharp = await loadSharp();
  let metadata: Sharp.Metadata;
  try {
    // The header only: no pixels are decoded to learn the format and size.
    metadata = await sharp(content, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoRejectedError('ideas:validation.photoType', fileName);
  }
  if (!metadata.format || !acceptedFormats.has(metadata.format)) {
    throw new PhotoRejectedError('ideas:validation.photoType', fileName);
  }
  if (!metadata.width || !metadata.height || metadata.width * metadata.height > maxInputPixels) {
    throw new PhotoRejectedError('ideas:validation.photoDimensions', fileName);
  }
  try {
    const { data: pixels, info } = await sharp(content, { limitInputPixels: maxInputPixels, failOn: 'error' })
      .rotate()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const decoded = () => sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const large = await decoded().jpeg({ quality: 82, mozjpeg: true }).toBuffer();
    const thumbnail = await decoded().resize({ width: thumbnailBox, height: thumbnailBox, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
    return { large, thumbnail, width: info.width, height: info.height };
  } catch {
    throw new PhotoRejectedError('ideas:validation.photoUnreadable', fileName);
  }
}

/** The form's photo problem: which file was refused, and why (an i18n key). */
export interface RefusedUpload {
  key: string;
  values: { file: string };
}

/** Decodes the uploads one by one; the first refused file stops it and is named in the answer. */
export async function processUploads(files: { buffer: Buffer; originalname: string }[]): Promise<{ photos: ProcessedPhoto[] } | { refused: RefusedUpload }> {
  const photos: ProcessedPhoto[] = [];
  for (const file of files) {
    try {
      photos.push(await processPhoto(file.buffer, file.originalname));
    } catch (error) {
      if (!(error instanceof PhotoRejectedError)) throw error;
      return { refused: { key: error.messageKey, values: { file: file.originalname.slice(0, 80) } } };
    }
  }
  return { photos };
}
