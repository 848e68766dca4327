import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../app/appError'
import { processImage } from './imageProcessing'
import type { PhotoStore, PhotoVariant } from './photoStore'

/** Where photos this device does not hold come from: HQ, through the sync engine (null when not enrolled). */
export interface RemoteFiles {
  /** Downloads the file with this SHA-256 into `dest`, resumable and hash-checked; throws an AppError for the user. */
  download(sha256: string, dest: string, onProgress: (done: number, total: number) => void): Promise<unknown>
  /** True when the device is enrolled with HQ, so a missing photo can be asked for. */
  available(): Promise<boolean>
}

export interface FetchProgress {
  sha256: string
  done: number
  total: number
}

/**
 * Brings photos recorded on another computer of the branch (an inspector's report pulled from HQ) onto this one
 * when somebody opens them: the original is downloaded by its SHA-256, its working copies are made here as at
 * upload, and the three files are published into the photo store together. One download at a time (a report's
 * thumbnails all ask at once; the link is shared with sync); asking again for a photo on its way joins it.
 */
export class PhotoFetcher {
  private queue: Promise<unknown> = Promise.resolve()
  private readonly inFlight = new Map<string, Promise<void>>()
  private current: FetchProgress | null = null

  constructor(
    private readonly store: PhotoStore,
    private readonly remote: RemoteFiles,
    private readonly downloadsDir: string,
  ) {}

  /** What is being downloaded now, for a progress bar. */
  progress(): FetchProgress | null {
    return this.current ? { ...this.current } : null
  }

  isFetching(sha256: string): boolean {
    return this.inFlight.has(sha256)
  }

  /** A photo's file, fetched first if this device does not hold it (printing a report made elsewhere). */
  async read(sha256: string, variant: PhotoVariant): Promise<Buffer> {
    await this.ensure(sha256)
    return this.store.read(sha256, variant)
  }

  /** Resolves once the photo's files are on this device; throws an AppError saying why they cannot be. */
  ensure(sha256: string): Promise<void> {
    if (this.store.has(sha256)) return Promise.resolve()
    const running = this.inFlight.get(sha256)
    if (running) return running
    const run = this.queue.catch(() => undefined).then(() => this.fetchOne(sha256))
    this.queue = run
    const tracked = run.finally(() => this.inFlight.delete(sha256))
    this.inFlight.set(sha256, tracked)
    return tracked
  }

  private async fetchOne(sha256: string): Promise<void> {
    if (this.store.has(sha256)) return
    if (!(await this.remote.available())) throw new AppError('NOT_FOUND', 'photos.errors.fileMissing')
    const dest = join(this.downloadsDir, `photo-${sha256}`)
    this.current = { sha256, done: 0, total: 0 }
    try {
      await mkdir(this.downloadsDir, { recursive: true })
      await this.remote.download(sha256, dest, (done, total) => {
        this.current = { sha256, done, total }
      })
      const image = await processImage(await readFile(dest))
      await this.store.put(sha256, { orig: { move: dest }, normal: image.normal, thumb: image.thumb }, (publish) =>
        publish(),
      )
    } catch (e) {
      // A download that arrived whole but does not decode is useless; a partial one stays to be resumed.
      if (e instanceof AppError && e.code === 'VALIDATION') await rm(dest, { force: true })
      throw e
    } finally {
      this.current = null
    }
  }
}
