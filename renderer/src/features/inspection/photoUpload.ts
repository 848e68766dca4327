import type { InspectionPhoto, PhotoSource, PhotoTarget } from '@shared/inspection/inspection'
import { PHOTO_LIMITS } from '@shared/inspection/photoLimits'
import type { ApiError, Result } from '@shared/contract/result'
import { call } from '../../api/client'

export interface PhotoBlob {
  blob: Blob
  fileName: string
  source: PhotoSource
  /** When the shot was taken: now for the camera, the file's modification time for an import. */
  capturedAt: Date
  device: string
}

/** The renderer's copy of the core's first checks, so a 200 MB video is refused before a byte is read. */
export function precheck(blob: Blob): { key: string; params: Record<string, number> } | null {
  if (blob.size === 0) return { key: 'photos.errors.empty', params: {} }
  if (blob.size > PHOTO_LIMITS.maxBytes)
    return { key: 'photos.errors.tooLarge', params: { maxMb: PHOTO_LIMITS.maxBytes / 1024 / 1024 } }
  return null
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // String.fromCharCode takes arguments: in slices, or a 750 kB chunk overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * Sends one photo to the core: begin (size and SHA-256 declared, target checked), chunks of 750 000 bytes
 * (1 000 000 base64 characters, under the IPC payload limit), finish (the core verifies, processes, records).
 * A failure part-way cancels the upload, so nothing stays staged in the core.
 */
export async function uploadPhoto(
  target: PhotoTarget,
  photo: PhotoBlob,
  translate: (key: string, params: Record<string, number>) => string,
  onProgress?: (fraction: number) => void,
): Promise<Result<InspectionPhoto>> {
  const local = precheck(photo.blob)
  if (local)
    return { ok: false, error: { code: 'VALIDATION', message: translate(local.key, local.params) } satisfies ApiError }
  const bytes = new Uint8Array(await photo.blob.arrayBuffer())
  const begin = await call('photos/begin-upload', {
    // Copied field by field: the target may come from reactive state, and IPC cannot clone a proxy.
    target: {
      inspectionId: target.inspectionId,
      shot: target.shot,
      ...(target.damageId ? { damageId: target.damageId } : {}),
    },
    sizeBytes: bytes.length,
    sha256: await sha256Hex(bytes.buffer as ArrayBuffer),
    fileName: photo.fileName.slice(0, 255),
    source: photo.source,
    capturedAt: photo.capturedAt.toISOString(),
    device: photo.device.slice(0, 200),
  })
  if (!begin.ok) return begin
  const { uploadId } = begin.value
  for (let offset = 0, index = 0; offset < bytes.length; offset += PHOTO_LIMITS.chunkBytes, index++) {
    const chunk = await call('photos/upload-chunk', {
      uploadId,
      index,
      data: toBase64(bytes.subarray(offset, offset + PHOTO_LIMITS.chunkBytes)),
    })
    if (!chunk.ok) {
      await call('photos/cancel-upload', { uploadId })
      return chunk
    }
    onProgress?.(chunk.value.receivedBytes / bytes.length)
  }
  return call('photos/finish-upload', { uploadId })
}

/** A picked or dropped file as the upload takes it. */
export function fromFile(file: File): PhotoBlob {
  return {
    blob: file,
    fileName: file.name,
    source: 'file',
    capturedAt: new Date(file.lastModified || Date.now()),
    device: '',
  }
}
