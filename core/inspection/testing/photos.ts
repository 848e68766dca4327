import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract'
import type { InspectionPhoto, PhotoTarget } from '../../../shared/inspection/inspection'
import { PHOTO_LIMITS } from '../../../shared/inspection/photoLimits'
import type { Result } from '../../../shared/contract/result'
import type { Core } from '../../app/createCore'

/** As a trusted window calls (without testCore, which needs vitest's __dirname: the bench runs under tsx). */
function call<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
  clientId: string,
): Promise<Result<ChannelOutput<C>>> {
  return core.dispatch(channel, input, {
    clientId,
    senderUrl: 'app://branch-desk/index.html',
    isMainFrame: true,
  }) as Promise<Result<ChannelOutput<C>>>
}

/** A small JPEG whose colour depends on `seed`, so every generated photo has its own hash. */
export function testJpeg(
  seed: number,
  size: { width: number; height: number } = { width: 64, height: 48 },
): Promise<Buffer> {
  const c = (k: number) => (seed * k) % 256
  return sharp({ create: { ...size, channels: 3, background: { r: c(37), g: c(91), b: c(53) } } })
    .jpeg({ quality: 80 })
    .toBuffer()
}

/**
 * A photo-like JPEG: smooth gradients with grain, which compresses like a real photo (a flat colour would make
 * a 12-MP file of a few kilobytes and flatter every timing). `orientation` writes an EXIF orientation tag.
 */
export async function photoLikeJpeg(
  width: number,
  height: number,
  opts: { seed?: number; orientation?: number; quality?: number } = {},
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3)
  let s = opts.seed ?? 1
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s / 0x7fffffff)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const n = (rnd() * 36) | 0
      raw[i] = ((x * 255) / width + n) & 255
      raw[i + 1] = ((y * 255) / height + n) & 255
      raw[i + 2] = (((x + y) * 128) / (width + height) + n + (s & 31)) & 255
    }
  }
  const img = sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: opts.quality ?? 90 })
  return (opts.orientation ? img.withMetadata({ orientation: opts.orientation }) : img).toBuffer()
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

export interface UploadOptions {
  fileName?: string
  source?: 'camera' | 'file' | 'drawn'
  /** Overrides for what `begin` declares (to test a client that lies). */
  declare?: Partial<Pick<ChannelInput<'photos/begin-upload'>, 'sizeBytes' | 'sha256'>>
}

/** Uploads bytes the way the form does: begin, chunks of at most 1 000 000 base64 characters, finish. */
export async function uploadPhoto(
  core: Core,
  clientId: string,
  target: PhotoTarget,
  bytes: Buffer,
  opts: UploadOptions = {},
): Promise<Result<InspectionPhoto>> {
  const begin = await call(
    core,
    'photos/begin-upload',
    {
      target,
      sizeBytes: opts.declare?.sizeBytes ?? bytes.length,
      sha256: opts.declare?.sha256 ?? sha256(bytes),
      fileName: opts.fileName ?? 'photo.jpg',
      source: opts.source ?? 'file',
      capturedAt: '2026-11-21T10:15:00.000Z',
      device: 'test',
    },
    clientId,
  )
  if (!begin.ok) return begin
  for (let i = 0, index = 0; i < bytes.length; i += PHOTO_LIMITS.chunkBytes, index++) {
    const data = bytes.subarray(i, i + PHOTO_LIMITS.chunkBytes).toString('base64')
    const chunk = await call(core, 'photos/upload-chunk', { uploadId: begin.value.uploadId, index, data }, clientId)
    if (!chunk.ok) return chunk
  }
  return call(core, 'photos/finish-upload', { uploadId: begin.value.uploadId }, clientId)
}
