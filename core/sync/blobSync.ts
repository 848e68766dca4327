import { createHash } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Db } from '../db/openDatabase'
import { uuidv7 } from 'uuidv7'
import type { BlobStatus } from '../../shared/sync/protocol'
import { HqRefused, type HqClient } from './hqClient'
import { SYNC_SETTINGS } from './syncSettings'

/**
 * A kind of file the device holds by SHA-256 and HQ must receive (inspection photos, scanned PDFs). The
 * feature that stores the files registers where they are; sync finds new ones, uploads them and marks them.
 */
export interface BlobSource {
  name: string
  /** SHA-256 of every file of this source the device holds. */
  list(db: Db): Promise<string[]>
  /** Where the file with this hash is (it may be gone: then it is skipped and reported). */
  path(sha256: string): string
}

export interface Transfer {
  direction: 'upload' | 'download'
  sha256: string
  done: number
  total: number
}

export interface BlobUploadSummary {
  uploaded: number
  bytes: number
  missing: number
  rejected: number
}

export const DEFAULT_CHUNK = SYNC_SETTINGS.chunkSize
/**
 * Files uploaded at once (see uploadBlobs). A photo's upload is mostly waiting — HQ's row, the one fsync, the rename,
 * the answer — with HQ ~75 % idle meanwhile (a CPU profile of bench:sync's photo step), so more files in flight
 * keep the link and HQ's disk busier. bench:sync, photos after the contracts step, alternated (session 12): the
 * app's median 137–162 MB/s with 2 (0.48–0.60× the raw upload), 185–232 MB/s with 4 (0.64–0.90×). Each is a
 * stream from its file, so more in flight costs no memory; a cut loses nothing (every chunk resumes).
 */
const UPLOADS_IN_FLIGHT = 4
/** Uploaded files are marked on the device in one transaction per this many files or this long (see markUploaded). */
const MARK_EVERY_FILES = 32
const MARK_EVERY_MS = 2000
/** A chunk is never made smaller than this when HQ refuses one as too large. */
const MIN_CHUNK = 64 * 1024
/**
 * HQ's BLOB_CHUNK_MAX where it is smaller than the app's chunk, learnt from its refusal (per HQ address, for the
 * life of the process). HQ refuses a too-large chunk before reading it and closes the connection, so the refusal
 * itself can be lost in the reset (the run then fails as unreachable); remembered, the next run starts at the size
 * HQ takes instead of meeting the refusal again.
 */
const chunkLimits = new Map<string, number>()

/** Queues the sources' files HQ has not got yet. */
export async function enqueueBlobs(db: Db, sources: readonly BlobSource[], now: Date): Promise<void> {
  for (const source of sources) {
    const known = new Set(((await db('sync_blob').select('sha256')) as Array<{ sha256: string }>).map((r) => r.sha256))
    const fresh: Array<{ sha256: string; size: number; origin: string; source: string; created_at: string }> = []
    for (const sha256 of await source.list(db)) {
      if (known.has(sha256)) continue
      const path = source.path(sha256)
      if (!existsSync(path)) continue
      fresh.push({
        sha256,
        size: statSync(path).size,
        origin: 'local',
        source: source.name,
        created_at: now.toISOString(),
      })
      known.add(sha256)
    }
    // One transaction (one commit, one WAL sync) for a whole inspection's photos, not one per file.
    if (fresh.length > 0)
      await db.transaction(async (trx) => {
        for (const row of fresh) await trx('sync_blob').insert(row).onConflict('sha256').ignore()
      })
  }
}

export async function pendingBlobs(db: Db): Promise<{ count: number; bytes: number }> {
  const row = (await db('sync_blob')
    .whereNull('uploaded_at')
    .whereNull('rejected_reason')
    .where({ origin: 'local' })
    .count({ n: '*' })
    .sum({ bytes: 'size' })
    .first()) as { n: number; bytes: number | null }
  return { count: Number(row.n), bytes: Number(row.bytes ?? 0) }
}

/**
 * Uploads queued files in chunks. HQ says how much it already holds, so an upload cut at any point (the
 * connection dropped at 60 %, the app closed) continues from there; HQ checks the SHA-256 when the last byte
 * arrives.
 */
export async function uploadBlobs(
  db: Db,
  client: HqClient,
  sources: readonly BlobSource[],
  now: () => Date,
  opts: { chunkSize?: number; onProgress?: (t: Transfer | null) => void } = {},
): Promise<BlobUploadSummary> {
  let chunkSize = Math.min(opts.chunkSize ?? DEFAULT_CHUNK, chunkLimits.get(client.baseUrl) ?? Infinity)
  const summary: BlobUploadSummary = { uploaded: 0, bytes: 0, missing: 0, rejected: 0 }
  const queue = (await db('sync_blob')
    .whereNull('uploaded_at')
    .whereNull('rejected_reason')
    .where({ origin: 'local' })
    .orderBy('created_at')) as Array<{ sha256: string; size: number; source: string }>
  const ready: Array<{ blob: (typeof queue)[number]; path: string }> = []
  for (const blob of queue) {
    const path = sources.find((s) => s.name === blob.source)?.path(blob.sha256)
    if (!path || !existsSync(path)) summary.missing++
    else ready.push({ blob, path })
  }
  // Several files in flight: while HQ finishes one (hash check, its one fsync, rename, its row) and the device marks
  // it, the others' bytes are on the wire, so the link and HQ's disk stay busy between files. The first failure
  // stops every worker from taking more; the files in flight on the others finish or fail on their own.
  // A file's announcement (begin: where HQ stands) is asked while the file before it is still being sent, so a
  // photo that fits in one chunk costs the link one request's wait, not two.
  let next = 0
  let failure: { error: unknown } | null = null
  const uploaded: string[] = []
  let lastMark = performance.now()
  const begun = new Map<number, Promise<BlobStatus>>()
  const announce = (i: number) => {
    const item = ready[i]
    if (!item || begun.has(i)) return
    const answer = client.blobBegin(item.blob.sha256, item.blob.size)
    // Awaited by the worker that takes the file; if none does (a failure stopped them), it must not go unhandled.
    answer.catch(() => undefined)
    begun.set(i, answer)
  }
  const worker = async () => {
    while (!failure && next < ready.length) {
      const i = next++
      const { blob, path } = ready[i]!
      announce(i)
      announce(i + 1)
      try {
        await uploadAndMark(blob, path, begun.get(i)!)
      } catch (e) {
        failure ??= { error: e }
      } finally {
        begun.delete(i)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(UPLOADS_IN_FLIGHT, ready.length) }, worker))
  } finally {
    // Files HQ holds are marked also when a later one failed, so the next run does not announce them again.
    await markUploaded()
  }
  if (failure) throw (failure as { error: unknown }).error
  opts.onProgress?.(null)
  return summary

  /**
   * Files HQ confirmed complete are marked a few at a time, in one transaction: each commit of the device's
   * database is an fsync on the thread that also feeds the uploads (better-sqlite3 is synchronous), and one per
   * photo held the other upload's bytes back. A mark lost to a crash costs the next run one `begin`, which HQ
   * answers complete.
   */
  async function markUploaded(): Promise<void> {
    if (uploaded.length === 0) return
    const batch = uploaded.splice(0)
    const at = now().toISOString()
    await db.transaction(async (trx) => {
      for (let i = 0; i < batch.length; i += 500)
        await trx('sync_blob')
          .whereIn('sha256', batch.slice(i, i + 500))
          .update({ uploaded_at: at })
    })
    lastMark = performance.now()
  }

  async function uploadAndMark(
    blob: { sha256: string; size: number },
    path: string,
    begin: Promise<BlobStatus>,
  ): Promise<void> {
    try {
      await uploadOne(blob, path, await begin)
    } catch (e) {
      // The local file is not what its name says (damaged on disk, or changed size): retrying cannot help.
      if (!(e instanceof HqRefused) || !['blob-hash-mismatch', 'blob-size-mismatch', 'blob-too-large'].includes(e.code))
        throw e
      summary.rejected++
      const at = now().toISOString()
      await db.transaction(async (trx) => {
        await trx('sync_blob').where({ sha256: blob.sha256 }).update({ rejected_reason: e.code })
        await trx('sync_issue')
          .insert({
            id: uuidv7(),
            change_id: `file:${blob.sha256}`,
            kind: 'rejected',
            entity: 'file',
            entity_id: blob.sha256,
            reason_code: e.code,
            reason_params: JSON.stringify({ size: blob.size }),
            recorded_at: at,
          })
          .onConflict('change_id')
          .ignore()
      })
      return
    }
    uploaded.push(blob.sha256)
    summary.uploaded++
    summary.bytes += blob.size
    if (uploaded.length >= MARK_EVERY_FILES || performance.now() - lastMark >= MARK_EVERY_MS) await markUploaded()
  }

  async function uploadOne(blob: { sha256: string; size: number }, path: string, begun: BlobStatus): Promise<void> {
    let status = begun
    // The file must still be the size it was queued with: a chunk streamed from a shorter file would end early.
    if ((await stat(path)).size !== blob.size) throw new HqRefused(409, 'blob-size-mismatch', 'the file changed size')
    while (!status.complete) {
      opts.onProgress?.({ direction: 'upload', sha256: blob.sha256, done: status.received, total: status.size })
      const length = Math.min(chunkSize, status.size - status.received)
      try {
        // Streamed from the file into the request: no copy of the chunk is made on the device.
        status = await client.blobChunk(blob.sha256, status.received, length, path)
      } catch (e) {
        if (!(e instanceof HqRefused)) throw e
        // Another attempt (or a chunk whose answer was lost) moved HQ on: ask where it stands and go on from there.
        if (e.code === 'blob-offset-mismatch') status = await client.blobStatus(blob.sha256)
        // An HQ configured with a smaller BLOB_CHUNK_MAX than the app's chunk: its refusal names its limit (or, if
        // it does not, half of what it refused is tried); smaller chunks from now on.
        else if (e.code === 'blob-chunk-too-large' && length > MIN_CHUNK) {
          const limit = Number(e.message)
          chunkSize = Math.max(MIN_CHUNK, Number.isInteger(limit) && limit < length ? limit : length >> 1)
          chunkLimits.set(client.baseUrl, chunkSize)
        } else throw e
      }
    }
    opts.onProgress?.({ direction: 'upload', sha256: blob.sha256, done: status.size, total: status.size })
  }
}

/**
 * Downloads a file of the branch from HQ into `dest` (a supervisor's machine opening an inspection's photos).
 * A partial `<dest>.part` is continued from its length; the SHA-256 is checked before the file takes its name.
 */
export async function downloadBlob(
  client: HqClient,
  sha256: string,
  dest: string,
  onProgress?: (t: Transfer | null) => void,
): Promise<{ size: number }> {
  if (existsSync(dest)) return { size: statSync(dest).size }
  await mkdir(dirname(dest), { recursive: true })
  const part = `${dest}.part`
  const { size: total } = await client.blobStatus(sha256)
  let done = await stat(part).then(
    (s) => s.size,
    () => 0,
  )
  if (done > total) {
    await rm(part, { force: true })
    done = 0
  }
  if (done < total) {
    const fh = await open(part, 'a')
    try {
      await client.blobDownload(sha256, done, async (piece) => {
        await fh.write(piece)
        done += piece.length
        onProgress?.({ direction: 'download', sha256, done, total })
      })
      await fh.sync()
    } finally {
      await fh.close()
    }
  }
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer)
  if (hash.digest('hex') !== sha256) {
    await rm(part, { force: true })
    throw new Error(`downloaded file ${sha256} does not match its hash`)
  }
  await rename(part, dest)
  onProgress?.(null)
  return { size: total }
}
