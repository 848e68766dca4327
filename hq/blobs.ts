import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BlobStatus } from '../shared/sync/protocol'
import type { HqDb } from './db'
import { HqHttpError } from './errors'

export const MAX_BLOB_SIZE = 2 ** 30

interface BlobRow {
  branch_code: string
  sha256: string
  size: number | string
  complete: boolean | number
}

/**
 * Photos and PDFs, content-addressed by SHA-256 and uploaded in chunks. The partial file on disk is the truth
 * about how much arrived: an upload cut anywhere (even mid-chunk, even by a crash) resumes from its length.
 * When the last byte arrives HQ hashes the file; a mismatch throws the upload away and the device starts over.
 */
export class HqBlobStore {
  private readonly locks = new Map<string, Promise<unknown>>()

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

  async status(branchCode: string, sha256: string): Promise<BlobStatus | null> {
    const row = await this.row(branchCode, sha256)
    return row ? this.statusOf(row) : null
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

  async append(branchCode: string, sha256: string, offset: number, chunk: Buffer, now: Date): Promise<BlobStatus> {
    return this.serial(`${branchCode}/${sha256}`, async () => {
      const row = await this.row(branchCode, sha256)
      if (!row) throw new HqHttpError(404, 'blob-unknown')
      const status = await this.statusOf(row)
      if (status.complete) return status
      if (offset !== status.received) throw new HqHttpError(409, 'blob-offset-mismatch', String(status.received))
      if (offset + chunk.length > status.size) throw new HqHttpError(400, 'blob-chunk-too-long')
      const { part, done } = this.paths(branchCode, sha256)
      // No fsync per chunk: after a crash the file is as long as what reached the disk, the device's next chunk
      // then meets an offset mismatch, asks, and resumes from there. The whole file is synced once, below.
      const fh = await open(part, 'a')
      try {
        await fh.write(chunk, 0, chunk.length, offset)
        if (offset + chunk.length === status.size) await fh.sync()
      } finally {
        await fh.close()
      }
      const received = offset + chunk.length
      if (received < status.size) return { ...status, received }
      if ((await hashFile(part)) !== sha256) {
        await rm(part, { force: true })
        throw new HqHttpError(422, 'blob-hash-mismatch')
      }
      await rename(part, done)
      await this.db('hq_blob')
        .where({ branch_code: branchCode, sha256 })
        .update({ complete: true, completed_at: now.toISOString() })
      return { ...status, received, complete: true }
    })
  }

  /** A complete blob of the branch, for download. */
  async file(branchCode: string, sha256: string): Promise<{ path: string; size: number }> {
    const row = await this.row(branchCode, sha256)
    if (!row || !(row.complete === true || row.complete === 1)) throw new HqHttpError(404, 'blob-unknown')
    return { path: this.paths(branchCode, sha256).done, size: Number(row.size) }
  }
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
