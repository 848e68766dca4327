import { createHash, type Hash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { appendFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { PHOTO_LIMITS } from '../../shared/inspection/photoLimits'
import { AppError } from '../app/appError'

/** What `begin` declared; checked against what arrived before anything is processed. */
export interface UploadDeclaration<M> {
  sizeBytes: number
  sha256: string
  /** Whatever the feature needs to attach the photo once it has arrived (its target, capture metadata). */
  meta: M
}

interface Upload<M> extends UploadDeclaration<M> {
  id: string
  /** The window and the user that began it: nobody else may add to it or finish it. */
  clientId: string
  userId: string
  path: string
  received: number
  nextIndex: number
  hash: Hash
  busy: boolean
  lastActivityMs: number
}

/** An upload nobody touched for this long is abandoned (the window closed, the laptop slept). */
const ABANDONED_MS = 15 * 60_000
const MAX_OPEN_PER_CLIENT = 8

const tooLarge = () =>
  new AppError(
    'VALIDATION',
    'photos.errors.tooLarge',
    { maxMb: PHOTO_LIMITS.maxBytes / 1024 / 1024 },
    { file: 'photos.errors.tooLarge' },
  )

/**
 * Photos arrive in base64 chunks (IPC payloads are capped at 2 MB). Each upload is a file in the staging folder
 * that grows chunk by chunk, in order, never past the size declared at the start, with its SHA-256 computed as
 * it grows. Finishing hands the bytes over only if size and hash match; the staging file is removed whatever
 * happens next.
 */
export class UploadRegistry<M> {
  private readonly uploads = new Map<string, Upload<M>>()

  constructor(
    private readonly stagingDir: string,
    private readonly now: () => number,
  ) {}

  async begin(
    declaration: UploadDeclaration<M>,
    who: { clientId: string; userId: string },
  ): Promise<{ uploadId: string; chunkChars: number }> {
    if (declaration.sizeBytes > PHOTO_LIMITS.maxBytes) throw tooLarge()
    this.dropAbandoned()
    const open = [...this.uploads.values()].filter((u) => u.clientId === who.clientId).length
    if (open >= MAX_OPEN_PER_CLIENT) throw new AppError('CONFLICT', 'photos.errors.tooManyUploads')
    const id = uuidv7()
    const path = join(this.stagingDir, `${id}.part`)
    await writeFile(path, new Uint8Array(0), { flag: 'wx' })
    this.uploads.set(id, {
      ...declaration,
      id,
      ...who,
      path,
      received: 0,
      nextIndex: 0,
      hash: createHash('sha256'),
      busy: false,
      lastActivityMs: this.now(),
    })
    return { uploadId: id, chunkChars: PHOTO_LIMITS.chunkChars }
  }

  async chunk(
    uploadId: string,
    index: number,
    base64: string,
    who: { clientId: string; userId: string },
  ): Promise<{ receivedBytes: number }> {
    const u = this.claim(uploadId, who)
    try {
      if (index !== u.nextIndex) throw new AppError('CONFLICT', 'photos.errors.outOfOrder', { expected: u.nextIndex })
      if (base64.length % 4 !== 0) throw new AppError('VALIDATION', 'photos.errors.badChunk')
      const bytes = Buffer.from(base64, 'base64')
      if (u.received + bytes.length > u.sizeBytes) {
        // More than declared: a lie or a different file. The upload is over.
        this.discard(u)
        throw tooLarge()
      }
      await appendFile(u.path, bytes)
      u.hash.update(bytes)
      u.received += bytes.length
      u.nextIndex++
      return { receivedBytes: u.received }
    } finally {
      u.busy = false
    }
  }

  /**
   * Checks size and hash, then gives the bytes to `consume` (which processes and stores them). The staging file
   * and the upload are gone afterwards, whether `consume` succeeded or threw.
   */
  async finish<T>(
    uploadId: string,
    who: { clientId: string; userId: string },
    consume: (bytes: Buffer, u: UploadDeclaration<M>, stagingPath: string) => Promise<T>,
  ): Promise<T> {
    const u = this.claim(uploadId, who)
    try {
      if (u.received !== u.sizeBytes)
        throw new AppError('CONFLICT', 'photos.errors.incomplete', { received: u.received, expected: u.sizeBytes })
      if (u.hash.digest('hex') !== u.sha256)
        throw new AppError('VALIDATION', 'photos.errors.hashMismatch', {}, { file: 'photos.errors.hashMismatch' })
      const bytes = await readFile(u.path)
      return await consume(bytes, u, u.path)
    } finally {
      this.discard(u)
    }
  }

  cancel(uploadId: string, who: { clientId: string; userId: string }): boolean {
    const u = this.uploads.get(uploadId)
    if (!u || u.clientId !== who.clientId || u.userId !== who.userId) return false
    this.discard(u)
    return true
  }

  /** Uploads still open (tests check that a refused one leaves nothing behind). */
  get openCount(): number {
    return this.uploads.size
  }

  private claim(uploadId: string, who: { clientId: string; userId: string }): Upload<M> {
    const u = this.uploads.get(uploadId)
    if (!u || u.clientId !== who.clientId || u.userId !== who.userId)
      throw new AppError('NOT_FOUND', 'photos.errors.noUpload')
    if (u.busy) throw new AppError('CONFLICT', 'photos.errors.busy')
    u.busy = true
    u.lastActivityMs = this.now()
    return u
  }

  private discard(u: Upload<M>): void {
    this.uploads.delete(u.id)
    rmSync(u.path, { force: true })
  }

  private dropAbandoned(): void {
    const now = this.now()
    for (const u of this.uploads.values()) if (!u.busy && now - u.lastActivityMs > ABANDONED_MS) this.discard(u)
  }
}
