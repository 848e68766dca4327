import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { SHA256_HEX } from '../../shared/inspection/photoLimits'

export const PHOTO_VARIANTS = ['orig', 'normal', 'thumb'] as const
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number]

const SUFFIX: Record<PhotoVariant, string> = { orig: '.orig', normal: '.jpg', thumb: '.thumb.jpg' }
const TEMP_MARK = '.tmp-'

export interface PhotoFiles {
  /** The file as received, byte for byte: its SHA-256 is the photo's name. */
  orig: { move: string } | { data: Buffer }
  normal: Buffer
  thumb: Buffer
}

/** Publishes the files under their final names; the caller runs it as the last step of its transaction. */
export type Publish = () => Promise<void>

/**
 * Photo files in the data folder, named by the SHA-256 of the original:
 * `photos/<sha[0:2]>/<sha>.orig` (kept as received), `<sha>.jpg` (normalised) and `<sha>.thumb.jpg`.
 *
 * A photo is stored together with its database row or not at all: files are written under temporary names,
 * the caller's transaction inserts the row and, as its last step, renames them into place; if anything fails
 * the temporaries and any file this call renamed are removed. A crash between the rename and the commit can
 * leave files without a row; `sweep()` at start-up removes those, along with temporaries and upload leftovers.
 */
export class PhotoStore {
  readonly root: string
  readonly stagingDir: string
  private readonly locks = new Map<string, Promise<unknown>>()

  constructor(dataDir: string) {
    this.root = join(dataDir, 'photos')
    this.stagingDir = join(this.root, '.staging')
    mkdirSync(this.stagingDir, { recursive: true })
  }

  path(sha256: string, variant: PhotoVariant): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`)
    return join(this.root, sha256.slice(0, 2), `${sha256}${SUFFIX[variant]}`)
  }

  has(sha256: string): boolean {
    return PHOTO_VARIANTS.every((v) => existsSync(this.path(sha256, v)))
  }

  read(sha256: string, variant: PhotoVariant): Promise<Buffer> {
    return readFile(this.path(sha256, variant))
  }

  /**
   * Stores the files of one photo with `commit`, which must call `publish` as its last step inside the
   * transaction that records the photo. Returns what `commit` returns; throws what it throws, leaving nothing.
   */
  async put<T>(sha256: string, files: PhotoFiles, commit: (publish: Publish) => Promise<T>): Promise<T> {
    // Two uploads of the same picture must not race on the same names (one could remove what the other uses).
    return this.serialised(sha256, async () => {
      mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true })
      const pending: Array<{ temp: string; final: string }> = []
      const published: string[] = []
      try {
        for (const variant of PHOTO_VARIANTS) {
          const final = this.path(sha256, variant)
          // Content-addressed: a file already there has these very bytes (it was made from the same original).
          if (existsSync(final)) continue
          const temp = `${final}${TEMP_MARK}${randomUUID()}`
          const source = variant === 'orig' ? files.orig : { data: variant === 'normal' ? files.normal : files.thumb }
          if ('move' in source) await rename(source.move, temp)
          else await writeDurably(temp, source.data)
          pending.push({ temp, final })
        }
        return await commit(async () => {
          for (const p of pending) {
            await rename(p.temp, p.final)
            published.push(p.final)
          }
        })
      } catch (e) {
        await Promise.all([
          ...pending.map((p) => rm(p.temp, { force: true })),
          ...published.map((f) => rm(f, { force: true })),
        ])
        throw e
      }
    })
  }

  /**
   * Start-up clean-up: upload leftovers, temporaries, and photo files no row refers to (a crash between the
   * rename and the commit). Runs before any upload can start, so nothing in flight is touched.
   */
  sweep(referenced: ReadonlySet<string>): { removed: number } {
    let removed = 0
    const remove = (p: string) => {
      rmSync(p, { force: true, recursive: true })
      removed++
    }
    for (const name of readdirSync(this.stagingDir)) remove(join(this.stagingDir, name))
    for (const dir of readdirSync(this.root)) {
      const full = join(this.root, dir)
      if (dir === '.staging' || !statSync(full).isDirectory()) continue
      for (const name of readdirSync(full)) {
        const sha = name.slice(0, 64)
        if (name.includes(TEMP_MARK) || !SHA256_HEX.test(sha) || !referenced.has(sha)) remove(join(full, name))
      }
    }
    return { removed }
  }

  private async serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(fn)
    this.locks.set(key, run)
    try {
      return await run
    } finally {
      if (this.locks.get(key) === run) this.locks.delete(key)
    }
  }
}

/** Written and flushed to the disk before it is renamed into place (the database is synchronous=FULL too). */
async function writeDurably(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, 'wx')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
