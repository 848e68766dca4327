import { createHash, type Hash } from 'node:crypto'
import { constants, createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { BlobStatus } from '../shared/sync/protocol'
import type { HqDb } from './db'
import { HqHttpError } from './errors'

export const MAX_BLOB_SIZE = 2 ** 30
const MAX_RUNNING_HASHES = 1000
/**
 * Bytes gathered from the request before one write to the part file. 1 MB writes made the kernel's copy into the page
 * cache 3–4× dearer once HQ had taken a few hundred MB of new page cache (perf: `copy_folio_from_iter_atomic`; HQ's
 * kernel time 130 → 450–500 ms per 100 MB received, from bench:sync's second photo run on); 256 KB writes never
 * did, on this machine, in 6 × 200 MB (a plain server writing the same way, the bench's photo step). The
 * likely cause is the kernel's large page-cache folios for large writes drawn from memory the virtual machine's host
 * must fault in first. 4 × the system calls of 1 MB cost far less than that.
 */
const WRITE_BATCH = 256 * 1024
/** Open for writing without truncating: another instance may be writing the same chunk into the same file. */
const WRITE_NO_TRUNCATE = constants.O_RDWR | constants.O_CREAT

/**
 * Where HQ keeps photos and PDFs, content-addressed by SHA-256 per branch and uploaded in chunks. Every HQ
 * instance on one database sees the same blobs; the database row of a blob says how much of it HQ holds and
 * whether it is complete, the implementation keeps the bytes. `FolderBlobStore` keeps them in a folder all
 * instances share (a local disk for one instance, NFS/SMB for several); object storage (S3-compatible, multipart
 * uploads keyed by the same rows) is the next implementation — docs/scaling.md.
 */
export interface BlobStore {
  /** Where an upload stands, or null if it was never begun. */
  status(branchCode: string, sha256: string): Promise<BlobStatus | null>
  /** Announces an upload (idempotent): the answer says where to continue. */
  begin(branchCode: string, deviceId: string, sha256: string, size: number, now: Date): Promise<BlobStatus>
  /** A chunk already in memory (an offline bundle's file). */
  append(branchCode: string, sha256: string, offset: number, chunk: Buffer, now: Date): Promise<BlobStatus>
  /** `length` bytes from `body` (the request, streamed) at `offset`, where the store said the upload stands. */
  appendStream(
    branchCode: string,
    sha256: string,
    offset: number,
    length: number,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    now: Date,
  ): Promise<BlobStatus>
  /** A complete blob of the branch, for download (a file path: hq/ranges.ts serves byte ranges of it). */
  file(branchCode: string, sha256: string): Promise<{ path: string; size: number }>
}

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
  received: number | string
  complete: boolean | number
}

const isComplete = (row: BlobRow) => row.complete === true || row.complete === 1

/**
 * The shared-folder implementation. The row is the truth about how much arrived: a chunk's bytes are written
 * first, then the row moves forward to cover them — only forward, and only from where the chunk started, so two
 * instances writing the same chunk at once (a device retrying while the first attempt is still being read) both
 * write the same bytes at the same places and whichever commits first wins; the other's commit changes nothing.
 * A chunk cut anywhere keeps what arrived (written, then committed). HQ hashes the bytes as it writes them when
 * it saw the upload from its start; when the chunks of one upload went to different instances (or HQ restarted),
 * the file is hashed once when the last byte arrives. One fsync per file, at completion; a hash mismatch throws
 * the upload away and the device starts over.
 */
export class FolderBlobStore implements BlobStore {
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

  /**
   * One operation at a time per blob in this process: asked right after a cut, `status` waits for the cut chunk
   * to be written and committed, so its answer is where the device must continue. Other instances are kept
   * consistent by the row's conditional updates, not by this.
   */
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
    return (await this.db('hq_blob')
      .where({ branch_code: branchCode, sha256 })
      .first('branch_code', 'sha256', 'size', 'received', 'complete')) as BlobRow | undefined
  }

  private statusOf(row: BlobRow): BlobStatus {
    const size = Number(row.size)
    if (isComplete(row)) return { sha256: row.sha256, size, received: size, complete: true }
    return { sha256: row.sha256, size, received: Number(row.received), complete: false }
  }

  async status(branchCode: string, sha256: string): Promise<BlobStatus | null> {
    return this.serial(`${branchCode}/${sha256}`, async () => {
      const row = await this.row(branchCode, sha256)
      return row ? this.statusOf(row) : null
    })
  }

  async begin(branchCode: string, deviceId: string, sha256: string, size: number, now: Date): Promise<BlobStatus> {
    if (size > MAX_BLOB_SIZE) throw new HqHttpError(413, 'blob-too-large')
    return this.serial(`${branchCode}/${sha256}`, async () => {
      let row = await this.row(branchCode, sha256)
      if (!row) {
        await mkdir(this.paths(branchCode, sha256).folder, { recursive: true })
        const fresh = { branch_code: branchCode, sha256, size, received: 0, complete: false }
        // Two instances may begin the same photo at once (two devices of the branch): one row, both answered —
        // the one whose insert lost reads the row the other made.
        const inserted = await this.db('hq_blob')
          .insert({ ...fresh, device_id: deviceId, created_at: now.toISOString() })
          .onConflict(['branch_code', 'sha256'])
          .ignore()
          .returning('sha256')
        row = inserted.length > 0 ? fresh : (await this.row(branchCode, sha256))!
      }
      if (Number(row.size) !== size) throw new HqHttpError(409, 'blob-size-mismatch')
      return this.statusOf(row)
    })
  }

  async append(branchCode: string, sha256: string, offset: number, chunk: Buffer, now: Date): Promise<BlobStatus> {
    return this.appendStream(branchCode, sha256, offset, chunk.length, [chunk], now)
  }

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
      const status = this.statusOf(row)
      if (status.complete) return status
      if (offset !== status.received) throw new HqHttpError(409, 'blob-offset-mismatch', String(status.received))
      if (offset + length > status.size) throw new HqHttpError(400, 'blob-chunk-too-long')
      const { part } = this.paths(branchCode, sha256)
      // The running hash is this request's alone while it writes: taken out of the map, put back at its new length.
      const running = this.takeHash(key, offset)
      const fh = await open(part, WRITE_NO_TRUNCATE)
      let received = offset
      let cut = false
      try {
        try {
          received = await this.writeBody(fh, body, offset, offset + length, running)
        } catch (e) {
          if (!(e instanceof BodyCut)) throw e
          received = e.received
          cut = true
        }
        if (!cut && received !== offset + length) throw new HqHttpError(400, 'blob-chunk-size')
        if (received === status.size) return await this.complete(row, fh, running, now)
      } finally {
        await fh.close().catch(() => undefined)
      }
      if (!(await this.commit(branchCode, sha256, offset, received))) {
        // Nothing moved: another instance completed the upload meanwhile (this chunk may then have written into a
        // fresh part file, which nobody needs), or moved it past this chunk. The row says where it stands.
        const latest = await this.row(branchCode, sha256)
        if (latest && isComplete(latest)) {
          await rm(part, { force: true })
          return this.statusOf(latest)
        }
      }
      if (running) this.keepHash(key, { hash: running, received })
      if (cut) throw new HqHttpError(400, 'blob-chunk-cut', `the chunk was cut at ${received}`)
      return { ...status, received }
    })
  }

  /**
   * Socket pieces (16–64 KB) are gathered into writes of about WRITE_BATCH bytes, in order, one in flight on the
   * thread pool while the next pieces arrive and are hashed on this thread: hashing adds no wait. Returns where the
   * bytes written end; a cut body is written out up to where it was cut (BodyCut).
   */
  private async writeBody(
    fh: FileHandle,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    offset: number,
    end: number,
    hash: Hash | null,
  ): Promise<number> {
    let received = offset
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
        if (received + piece.length > end) throw new HqHttpError(400, 'blob-chunk-size')
        hash?.update(piece)
        received += piece.length
        pending.push(piece)
        pendingBytes += piece.length
        if (pendingBytes >= WRITE_BATCH || pending.length >= 256) await flush()
      }
      await flush()
      await inFlight
      return received
    } catch (e) {
      // A refused piece or a failed write: nothing of this chunk is committed (the row stays where it was).
      if (!isCut(e)) throw e
      // A cut body (the device's connection dropped) keeps what arrived: written out, then committed.
      await flush()
      await inFlight
      throw new BodyCut(received)
    }
  }

  /** The row moves forward to `received` if it still stands anywhere from `offset` up (see the class comment). */
  private async commit(branchCode: string, sha256: string, offset: number, received: number): Promise<boolean> {
    if (received === offset) return true
    const moved = await this.db('hq_blob')
      .where({ branch_code: branchCode, sha256, complete: false })
      .where('received', '>=', offset)
      .where('received', '<', received)
      .update({ received })
    return moved > 0
  }

  /** The last byte arrived: check the hash, fsync once, give the file its name, mark the row complete. */
  private async complete(row: BlobRow, fh: FileHandle, running: Hash | null, now: Date): Promise<BlobStatus> {
    const { branch_code: branchCode, sha256 } = row
    const { part, done } = this.paths(branchCode, sha256)
    const size = Number(row.size)
    this.hashes.delete(`${branchCode}/${sha256}`)
    let digest: string
    try {
      // A running hash that saw every byte, or (chunks at other instances, HQ restarted) the file read once.
      digest = running?.digest('hex') ?? (await hashFile(part, size))
      // A running hash may have followed an attempt another instance threw away: the file decides.
      if (digest !== sha256 && running) digest = await hashFile(part, size)
    } catch (e) {
      // Another instance completed the same last chunk a moment ago and gave the file its name (its row may not say
      // so yet): the file under its name decides, and this request answers complete as that one does.
      if ((e as { code?: unknown }).code !== 'ENOENT' || (await hashFile(done, size).catch(() => null)) !== sha256)
        throw e
      await this.db('hq_blob')
        .where({ branch_code: branchCode, sha256, complete: false })
        .update({ complete: true, received: size, completed_at: now.toISOString() })
      return { sha256, size, received: size, complete: true }
    }
    if (digest !== sha256) {
      await rm(part, { force: true })
      // Another instance completed it while this request wrote the same last chunk into a fresh part file.
      const latest = await this.row(branchCode, sha256)
      if (latest && isComplete(latest)) return this.statusOf(latest)
      await this.db('hq_blob').where({ branch_code: branchCode, sha256, complete: false }).update({ received: 0 })
      throw new HqHttpError(422, 'blob-hash-mismatch')
    }
    // The one fsync of the file: chunks before were written without it. After a crash the row may be ahead of
    // what reached the disk; the hash check at completion catches that, and the device starts over.
    await fh.sync()
    await rename(part, done).catch(async (e: unknown) => {
      // Another instance completed the same upload a moment ago and renamed the part already.
      if (
        (e as { code?: unknown }).code !== 'ENOENT' ||
        !(await stat(done).then(
          () => true,
          () => false,
        ))
      )
        throw e
    })
    await this.db('hq_blob')
      .where({ branch_code: branchCode, sha256 })
      .update({ complete: true, received: size, completed_at: now.toISOString() })
    return { sha256, size, received: size, complete: true }
  }

  /** The running SHA-256 of the first `received` bytes, if this process saw them; null means hash at the end. */
  private takeHash(key: string, received: number): Hash | null {
    if (received === 0) {
      this.hashes.delete(key)
      return createHash('sha256')
    }
    const kept = this.hashes.get(key)
    this.hashes.delete(key)
    return kept && kept.received === received ? kept.hash : null
  }

  private keepHash(key: string, state: RunningHash): void {
    this.hashes.set(key, state)
    // Uploads abandoned half-way leave their state behind; a bounded number is kept, the oldest dropped first.
    while (this.hashes.size > MAX_RUNNING_HASHES) this.hashes.delete(this.hashes.keys().next().value!)
  }

  async file(branchCode: string, sha256: string): Promise<{ path: string; size: number }> {
    const row = await this.row(branchCode, sha256)
    if (!row || !isComplete(row)) throw new HqHttpError(404, 'blob-unknown')
    return { path: this.paths(branchCode, sha256).done, size: Number(row.size) }
  }
}

/** A name kept for callers written before the interface: the shared-folder store. */
export const HqBlobStore = FolderBlobStore

class BodyCut extends Error {
  constructor(readonly received: number) {
    super(`cut at ${received}`)
  }
}

async function hashFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256')
  if (size > 0) for await (const piece of createReadStream(path, { end: size - 1 })) hash.update(piece as Buffer)
  return hash.digest('hex')
}
