import type { Metadata } from 'sharp'
import { ACCEPTED_FORMATS, PHOTO_LIMITS } from '../../shared/inspection/photoLimits'
import { AppError } from '../app/appError'

/** A photo ready to be stored: the derived images are made before anything touches the disk. */
export interface ProcessedImage {
  /** What the content is (sharp's reading of the bytes), not what the file name says. */
  format: (typeof ACCEPTED_FORMATS)[number]
  /** Size after EXIF orientation is applied. */
  width: number
  height: number
  /** Long side ≤ 2560 px, JPEG, orientation applied, metadata stripped (no GPS in the copies people see). */
  normal: Buffer
  normalWidth: number
  normalHeight: number
  thumb: Buffer
}

type Sharp = (typeof import('sharp'))['default']
let loadingSharp: Promise<Sharp> | null = null

/**
 * sharp is loaded on the first photo, not with the app: its native part comes from a per-platform package
 * (@img/sharp-<os>-<arch>), and an installer built without the right one must lose photos — with a message
 * saying so — not the whole app at start.
 */
export function loadSharp(importer: () => Promise<{ default: Sharp }> = () => import('sharp')): Promise<Sharp> {
  loadingSharp ??= importer().then(
    ({ default: sharp }) => {
      // libvips caches decoded images by default; photos are processed once, so the cache only holds memory.
      sharp.cache(false)
      return sharp
    },
    (e: unknown) => {
      loadingSharp = null
      throw Object.assign(
        new AppError('INTERNAL', 'photos.errors.imageLibraryMissing', {
          platform: `${process.platform}-${process.arch}`,
        }),
        { cause: e },
      )
    },
  )
  return loadingSharp
}

const refuse = (key: string, params: Record<string, string | number> = {}) =>
  new AppError('VALIDATION', key, params, { file: key })

/**
 * Checks what a photo really is and makes its working copies. Refuses, with a message, anything that is not a
 * JPEG, PNG or WebP by content, a picture too large to decode safely, and a file that does not decode to the end
 * (a truncated or damaged JPEG). Nothing is written here.
 */
export async function processImage(original: Buffer): Promise<ProcessedImage> {
  if (original.length > PHOTO_LIMITS.maxBytes)
    throw refuse('photos.errors.tooLarge', { maxMb: PHOTO_LIMITS.maxBytes / 1024 / 1024 })
  const sharp = await loadSharp()
  const open = () => sharp(original, { failOn: 'error', limitInputPixels: PHOTO_LIMITS.maxPixels })
  let meta: Metadata
  try {
    meta = await open().metadata()
  } catch (e) {
    throw /unsupported image format/i.test(String(e))
      ? refuse('photos.errors.unsupported')
      : /pixel limit/i.test(String(e))
        ? refuse('photos.errors.tooManyPixels', { maxMp: PHOTO_LIMITS.maxPixels / 1_000_000 })
        : refuse('photos.errors.corrupt')
  }
  const format = ACCEPTED_FORMATS.find((f) => f === meta.format)
  if (!format) throw refuse('photos.errors.unsupported')
  if (!meta.width || !meta.height) throw refuse('photos.errors.corrupt')
  if (meta.width * meta.height > PHOTO_LIMITS.maxPixels)
    throw refuse('photos.errors.tooManyPixels', { maxMp: PHOTO_LIMITS.maxPixels / 1_000_000 })

  const side = PHOTO_LIMITS.normalLongSide
  const thumbSide = PHOTO_LIMITS.thumbLongSide
  let normal: Buffer
  let thumb: Buffer
  let size: { width: number; height: number }
  try {
    let pipeline = open().rotate()
    // Signatures and screenshots come with transparency; a JPEG has none, so it goes onto white paper.
    if (meta.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' })
    // Decoded once: the normalised pixels feed both the normalised JPEG and the thumbnail.
    const pixels = await pipeline
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true })
    size = { width: pixels.info.width, height: pixels.info.height }
    const raw = { raw: { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels } }
    ;[normal, thumb] = await Promise.all([
      sharp(pixels.data, raw).jpeg({ quality: 85 }).toBuffer(),
      sharp(pixels.data, raw)
        .resize({ width: thumbSide, height: thumbSide, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 78 })
        .toBuffer(),
    ])
  } catch (e) {
    if (/pixel limit/i.test(String(e)))
      throw refuse('photos.errors.tooManyPixels', { maxMp: PHOTO_LIMITS.maxPixels / 1_000_000 })
    throw refuse('photos.errors.corrupt')
  }

  const swapped = (meta.orientation ?? 1) >= 5
  return {
    format,
    width: swapped ? meta.height : meta.width,
    height: swapped ? meta.width : meta.height,
    normal,
    normalWidth: size.width,
    normalHeight: size.height,
    thumb,
  }
}
