import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BlobStatus } from '../shared/sync/protocol'
import type { HqDb } from './db'
import { HqHttpError } from './errors'

export const MAX_BLOB_SIZE = 2 ** 30
const MAX_RUNNING_HASHES = 1000
/** Bytes gathered from the request before one write to the part file. */
const WRITE_BATCH = 1024 * 1024

interface RunningHash {
  hash: Hash
  received: number
}

/** The request body ended early because the connection was cut: everything written so far is good. */
function isCut(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || (e instanceof Error && e.message === 'aborted')
}

interface BlobRow {
  branch_code: string
  sha256: string
  size: number | string
  complete: boolean | number
}

/**
 * Photos and PDFs, content-addressed by SHA-256 and uploaded in chunks. The partial file on disk is the truth
 * about how much arrived: an upload cut anywhere (even mid-chunk, even by a crash) resumes from its length.
 * HQ hashes the bytes as it writes them (no read-back) and fsyncs the file once, when the last byte arrives; a
 * hash mismatch throws the upload away and the device starts over.
 */
export class HqBlobStore {
  private readonly locks = new Map<string, Promise<unknown>>()
  private readonly hashes = new Map<string, RunningHash>()

  constructor(
    private readonly db: HqDb,
    private readonly dir: string,
  ) {}

  private paths(branchCode: string, sha256: string) {
    const folder = join(this.dir, branchCode, sha256.slice(0, 2))
    return { folder, done: join(folder, sha256), part: join(folder, `${sha256}.part`) }
  }

  /** One operation at a time per blob: two devices of a branch may upload the same photo at once. */
  private async serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(key) ?? Promise.resolve()
    const next = prev.then(fn, fn)
    this.locks.set(
      key,
      next.catch(() => undefined),
    )
    try {
      return await next
    } finally {
      if (this.locks.get(key) === next) this.locks.delete(key)
    }
  }

  private async row(branchCode: string, sha256: string): Promise<BlobRow | undefined> {
    return (await this.db('hq_blob').where({ branch_code: branchCode, sha256 }).first()) as BlobRow | undefined
  }

  private async statusOf(row: BlobRow): Promise<BlobStatus> {
    const size = Number(row.size)
    if (row.complete === true || row.complete === 1) return { sha256: row.sha256, size, received: size, complete: true }
    const { part } = this.paths(row.branch_code, row.sha256)
    const received = await stat(part).then(
      (s) => s.size,
      () => 0,
    )
    return { sha256: row.sha256, size, received, complete: false }
  }

  /**
   * In turn with the blob's appends: asked right after a cut, it waits for the cut chunk to write out what arrived,
   * so the answer is where the device must continue (begin, the device's usual question, is in turn too).
   */
  async status(branchCode: string, sha256: string): Promise<BlobStatus | null> {
    return this.serial(`${branchCode}/${sha256}`, async () => {
      const row = await this.row(branchCode, sha256)
      return row ? this.statusOf(row) : null
    })
  }

  /** Announces an upload (idempotent): the answer says where to continue. */
  async begin(branchCode: string, deviceId: string, sha256: string, size: number, now: Date): Promise<BlobStatus> {
    if (size > MAX_BLOB_SIZE) throw new HqHttpError(413, 'blob-too-large')
    return this.serial(`${branchCode}/${sha256}`, async () => {
      const row = await this.row(branchCode, sha256)
      if (row) {
        if (Number(row.size) !== size) throw new HqHttpError(409, 'blob-size-mismatch')
        return this.statusOf(row)
      }
      await mkdir(this.paths(branchCode, sha256).folder, { recursive: true })
      const created: BlobRow = { branch_code: branchCode, sha256, size, complete: false }
      await this.db('hq_blob').insert({ ...created, device_id: deviceId, created_at: now.toISOString() })
      return this.statusOf(created)
    })
  }

  /** A chunk already in memory (an offline bundle's file). */
  async append(branchCode: string, sha256: string, offset: number, chunk: Buffer, now: Date): Promise<BlobStatus> {
    return this.appendStream(branchCode, sha256, offset, chunk.length, [chunk], now)
  }

  /**
   * Writes `length` bytes from `body` (the request, streamed) at `offset`, hashing each piece as it lands. A body
   * cut short keeps what arrived, and the hash state follows the file, so the next chunk continues both.
   */
  async appendStream(
    branchCode: string,
    sha256: string,
    offset: number,
    length: number,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    now: Date,
  ): Promise<BlobStatus> {
    const key = `${branchCode}/${sha256}`
    return this.serial(key, async () => {
      const row = await this.row(branchCode, sha256)
      if (!row) throw new HqHttpError(404, 'blob-unknown')
      const status = await this.statusOf(row)
      if (status.complete) return status
      if (offset !== status.received) throw new HqHttpError(409, 'blob-offset-mismatch', String(status.received))
      if (offset + length > status.size) throw new HqHttpError(400, 'blob-chunk-too-long')
      const { part, done } = this.paths(branchCode, sha256)
      const hash = await this.hashAt(key, part, offset)
      let received = offset
      const fh = await open(part, offset === 0 ? 'w' : 'r+')
      let complete = false
      try {
        // Socket pieces (16–64 KB) are gathered into writes of about WRITE_BATCH bytes, in order, one in flight on
        // the thread pool while the next pieces arrive and are hashed on this thread: hashing adds no wait.
        let pending: Uint8Array[] = []
        let pendingBytes = 0
        let written = offset
        let inFlight: Promise<unknown> = Promise.resolve()
        const flush = async () => {
          await inFlight
          if (pendingBytes === 0) return
          const batch = pending
          const at = written
          pending = []
          written += pendingBytes
          pendingBytes = 0
          inFlight = fh.writev(batch, at)
          // Awaited at the next flush; until then a failure must not count as unhandled.
          inFlight.catch(() => undefined)
        }
        try {
          for await (const piece of body) {
            if (received + piece.length > offset + length) throw new HqHttpError(400, 'blob-chunk-size')
            hash.hash.update(piece)
            received += piece.length
            pending.push(piece)
            pendingBytes += piece.length
            if (pendingBytes >= WRITE_BATCH || pending.length >= 256) await flush()
          }
          await flush()
          await inFlight
          hash.received = received
        } catch (e) {
          // A failed write or a refused piece leaves the file and the hash state apart: forget the state, the next
          // chunk rebuilds it from the file. A cut body (the device's connection dropped) keeps what arrived:
          // written out, file and hash agree at `received`.
          if (!isCut(e)) {
            this.hashes.delete(key)
            throw e
          }
          try {
            await flush()
            await inFlight
            hash.received = received
          } catch (w) {
            this.hashes.delete(key)
            throw w
          }
          throw new HqHttpError(400, 'blob-chunk-cut', `the chunk was cut at ${received}`)
        }
        if (received !== offset + length) throw new HqHttpError(400, 'blob-chunk-size')
        if (received === status.size) {
          this.hashes.delete(key)
          if (hash.hash.digest('hex') !== sha256) {
            await rm(part, { force: true })
            throw new HqHttpError(422, 'blob-hash-mismatch')
          }
          // The one fsync of the file: chunks before were written without it. After a crash the part file is as
          // long as what reached the disk; the device asks, and resumes from there.
          await fh.sync()
          complete = true
        }
      } finally {
        await fh.close().catch(() => undefined)
      }
      if (!complete) return { ...status, received }
      await rename(part, done)
      await this.db('hq_blob')
        .where({ branch_code: branchCode, sha256 })
        .update({ complete: true, completed_at: now.toISOString() })
      return { ...status, received, complete: true }
    })
  }

  /**
   * The running SHA-256 of the first `received` bytes of the part file. Kept between chunks, so the file is
   * never read back; only after HQ restarted (or a write failed) is the part hashed once to catch up.
   */
  private async hashAt(key: string, part: string, received: number): Promise<RunningHash> {
    const kept = this.hashes.get(key)
    if (kept && kept.received === received) {
      // Refresh its place in the insertion order the eviction below follows.
      this.hashes.delete(key)
      this.hashes.set(key, kept)
      return kept
    }
    const hash = createHash('sha256')
    if (received > 0)
      for await (const piece of createReadStream(part, { end: received - 1 })) hash.update(piece as Buffer)
    const state = { hash, received }
    this.hashes.set(key, state)
    // Uploads abandoned half-way leave their state behind; a bounded number is kept, the oldest dropped first.
    while (this.hashes.size > MAX_RUNNING_HASHES) this.hashes.delete(this.hashes.keys().next().value!)
    return state
  }

  /** A complete blob of the branch, for download. */
  async file(branchCode: string, sha256: string): Promise<{ path: string; size: number }> {
    const row = await this.row(branchCode, sha256)
    if (!row || !(row.complete === true || row.complete === 1)) throw new HqHttpError(404, 'blob-unknown')
    return { path: this.paths(branchCode, sha256).done, size: Number(row.size) }
  }
}
