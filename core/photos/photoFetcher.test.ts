import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../app/appError'
import { sha256, testJpeg } from '../inspection/testing/photos'
import { PhotoFetcher, type RemoteFiles } from './photoFetcher'
import { PhotoStore } from './photoStore'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-fetch-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** HQ's file shelf as the fetcher sees it: unit tests of the queueing; the real transport is tested in core/sync. */
function shelf(files: Map<string, Buffer>, opts: { enrolled?: boolean } = {}) {
  const calls: string[] = []
  let active = 0
  let maxActive = 0
  const remote: RemoteFiles = {
    available: async () => opts.enrolled ?? true,
    download: async (sha, dest, onProgress) => {
      calls.push(sha)
      active++
      maxActive = Math.max(maxActive, active)
      await new Promise((r) => setTimeout(r, 5))
      const bytes = files.get(sha)
      active--
      if (!bytes) throw new AppError('NOT_FOUND', 'sync.errors.fileUnknown')
      writeFileSync(dest, bytes)
      onProgress(bytes.length, bytes.length)
    },
  }
  return { remote, calls, maxActive: () => maxActive }
}

describe('PhotoFetcher', () => {
  it('brings a missing photo once, one download at a time, and stores all three files', async () => {
    const a = await testJpeg(1, { width: 320, height: 240 })
    const b = await testJpeg(2, { width: 200, height: 300 })
    const store = new PhotoStore(dir)
    const hq = shelf(
      new Map([
        [sha256(a), a],
        [sha256(b), b],
      ]),
    )
    const fetcher = new PhotoFetcher(store, hq.remote, join(dir, 'downloads'))
    await Promise.all([fetcher.ensure(sha256(a)), fetcher.ensure(sha256(a)), fetcher.ensure(sha256(b))])
    expect(hq.calls).toEqual([sha256(a), sha256(b)])
    expect(hq.maxActive()).toBe(1)
    expect(store.has(sha256(a)) && store.has(sha256(b))).toBe(true)
    expect(await fetcher.read(sha256(a), 'orig')).toEqual(a)
    expect(fetcher.progress()).toBeNull()
    await fetcher.ensure(sha256(a))
    expect(hq.calls).toHaveLength(2)
  })

  it('says the file is missing when the device has no HQ, and passes HQ refusals on', async () => {
    const a = await testJpeg(3)
    const store = new PhotoStore(dir)
    const offline = new PhotoFetcher(store, shelf(new Map(), { enrolled: false }).remote, join(dir, 'downloads'))
    await expect(offline.ensure(sha256(a))).rejects.toMatchObject({ messageKey: 'photos.errors.fileMissing' })
    const unknown = new PhotoFetcher(store, shelf(new Map()).remote, join(dir, 'downloads'))
    await expect(unknown.ensure(sha256(a))).rejects.toMatchObject({ messageKey: 'sync.errors.fileUnknown' })
    expect(unknown.isFetching(sha256(a))).toBe(false)
  })

  it('drops a download that does not decode, so the next attempt starts afresh', async () => {
    const garbage = Buffer.from('not a picture at all')
    const store = new PhotoStore(dir)
    const fetcher = new PhotoFetcher(store, shelf(new Map([[sha256(garbage), garbage]])).remote, join(dir, 'downloads'))
    await expect(fetcher.ensure(sha256(garbage))).rejects.toBeInstanceOf(AppError)
    expect(existsSync(join(dir, 'downloads', `photo-${sha256(garbage)}`))).toBe(false)
    expect(store.has(sha256(garbage))).toBe(false)
  })
})
