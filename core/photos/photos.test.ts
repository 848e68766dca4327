import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PHOTO_LIMITS } from '../../shared/inspection/photoLimits'
import { photoLikeJpeg, sha256, testJpeg } from '../inspection/testing/photos'
import { processImage } from './imageProcessing'
import { PhotoStore } from './photoStore'
import { UploadRegistry } from './uploads'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-photos-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Every file under the photo folder except the (empty) staging folder itself. */
function photoFiles(store: PhotoStore): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      if (name.isDirectory()) walk(join(d, name.name))
      else out.push(join(d, name.name))
    }
  }
  walk(store.root)
  return out
}

async function pixel(jpeg: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })
  const i = (y * info.width + x) * info.channels
  return [data[i]!, data[i + 1]!, data[i + 2]!]
}

describe('processImage', () => {
  it('makes a normalised JPEG (long side 2560) and a thumbnail from a 12-MP photo', async () => {
    const original = await photoLikeJpeg(4000, 3000)
    const image = await processImage(original)
    expect(image).toMatchObject({ format: 'jpeg', width: 4000, height: 3000, normalWidth: 2560, normalHeight: 1920 })
    expect(await sharp(image.normal).metadata()).toMatchObject({ format: 'jpeg', width: 2560, height: 1920 })
    expect(await sharp(image.thumb).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 300 })
  })

  it('applies EXIF orientation 6 (rotate 90° clockwise) to the copies and reports the upright size', async () => {
    // Stored sideways: left half red, right half blue. Upright, red is on top.
    const w = 600,
      h = 400
    const raw = Buffer.alloc(w * h * 3)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) raw.set(x < w / 2 ? [220, 20, 20] : [20, 20, 220], (y * w + x) * 3)
    const original = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer()
    expect((await sharp(original).metadata()).orientation).toBe(6)
    const image = await processImage(original)
    expect([image.width, image.height]).toEqual([400, 600])
    const meta = await sharp(image.normal).metadata()
    expect([meta.width, meta.height]).toEqual([400, 600])
    // The tag is gone from the copy (a viewer must not rotate it a second time).
    expect(meta.orientation ?? 1).toBe(1)
    const top = await pixel(image.normal, 200, 100)
    const bottom = await pixel(image.normal, 200, 500)
    expect(top[0]).toBeGreaterThan(150)
    expect(top[2]).toBeLessThan(100)
    expect(bottom[2]).toBeGreaterThan(150)
    expect(bottom[0]).toBeLessThan(100)
    const thumb = await sharp(image.thumb).metadata()
    expect([thumb.width, thumb.height]).toEqual([267, 400])
  })

  it('keeps a small photo its size and puts a transparent PNG (a signature) on white', async () => {
    const png = await sharp({
      create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer()
    const image = await processImage(png)
    expect(image).toMatchObject({ format: 'png', width: 300, height: 120, normalWidth: 300, normalHeight: 120 })
    expect(await pixel(image.normal, 150, 60)).toEqual([255, 255, 255])
  })

  it('judges the type by content, not by name: a PNG is a PNG, text and GIF are refused as unsupported', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#336699' } })
      .png()
      .toBuffer()
    expect((await processImage(png)).format).toBe('png')
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#336699' } })
      .gif()
      .toBuffer()
    await expect(processImage(gif)).rejects.toMatchObject({
      code: 'VALIDATION',
      messageKey: 'photos.errors.unsupported',
    })
    await expect(processImage(Buffer.from('this is not a photo, whatever the .jpg says'))).rejects.toMatchObject({
      messageKey: 'photos.errors.unsupported',
    })
  })

  it('refuses a truncated JPEG, a JPEG with only a header, and a file over the size limit', async () => {
    const jpeg = await photoLikeJpeg(800, 600)
    await expect(processImage(jpeg.subarray(0, jpeg.length / 2))).rejects.toMatchObject({
      messageKey: 'photos.errors.corrupt',
    })
    await expect(processImage(jpeg.subarray(0, 300))).rejects.toMatchObject({ messageKey: 'photos.errors.corrupt' })
    const big = Buffer.alloc(PHOTO_LIMITS.maxBytes + 1)
    jpeg.copy(big)
    await expect(processImage(big)).rejects.toMatchObject({
      messageKey: 'photos.errors.tooLarge',
      params: { maxMb: 40 },
    })
  })

  it('refuses a picture with more pixels than it may decode (a decompression bomb)', async () => {
    const huge = await sharp({ create: { width: 12_000, height: 9_000, channels: 3, background: '#ffffff' } })
      .jpeg()
      .toBuffer()
    expect(huge.length).toBeLessThan(PHOTO_LIMITS.maxBytes)
    await expect(processImage(huge)).rejects.toMatchObject({ messageKey: 'photos.errors.tooManyPixels' })
  })
})

describe('PhotoStore', () => {
  it('stores the original, the normalised copy and the thumbnail under the SHA-256, published by the commit', async () => {
    const store = new PhotoStore(dir)
    const original = await testJpeg(1)
    const sha = sha256(original)
    const image = await processImage(original)
    const result = await store.put(
      sha,
      { orig: { data: original }, normal: image.normal, thumb: image.thumb },
      async (publish) => {
        // Before publishing, nothing is visible under the final names.
        expect(store.has(sha)).toBe(false)
        await publish()
        return 'row'
      },
    )
    expect(result).toBe('row')
    expect(store.path(sha, 'orig')).toBe(join(dir, 'photos', sha.slice(0, 2), `${sha}.orig`))
    expect(store.has(sha)).toBe(true)
    expect((await store.read(sha, 'orig')).equals(original)).toBe(true)
    expect(photoFiles(store).sort()).toEqual(
      [`${sha}.jpg`, `${sha}.orig`, `${sha}.thumb.jpg`].map((n) => join(dir, 'photos', sha.slice(0, 2), n)).sort(),
    )
  })

  it('leaves nothing when the commit fails, before or after publishing', async () => {
    const store = new PhotoStore(dir)
    const original = await testJpeg(2)
    const sha = sha256(original)
    const image = await processImage(original)
    const files = { orig: { data: original }, normal: image.normal, thumb: image.thumb }
    await expect(
      store.put(sha, files, async () => {
        throw new Error('insert failed')
      }),
    ).rejects.toThrow('insert failed')
    expect(photoFiles(store)).toEqual([])
    await expect(
      store.put(sha, files, async (publish) => {
        await publish()
        throw new Error('commit failed')
      }),
    ).rejects.toThrow('commit failed')
    expect(photoFiles(store)).toEqual([])
  })

  it('moves a staged original into place, and keeps files another photo already published', async () => {
    const store = new PhotoStore(dir)
    const original = await testJpeg(3)
    const sha = sha256(original)
    const image = await processImage(original)
    const staged = join(store.stagingDir, 'u.part')
    writeFileSync(staged, original)
    await store.put(sha, { orig: { move: staged }, normal: image.normal, thumb: image.thumb }, async (publish) =>
      publish(),
    )
    expect(existsSync(staged)).toBe(false)
    // The same picture again (another inspection): the files are shared; its failed commit must not remove them.
    await expect(
      store.put(sha, { orig: { data: original }, normal: image.normal, thumb: image.thumb }, async () => {
        throw new Error('no')
      }),
    ).rejects.toThrow()
    expect(store.has(sha)).toBe(true)
  })

  it('sweeps upload leftovers, temporaries and files no row refers to', async () => {
    const store = new PhotoStore(dir)
    const keep = await testJpeg(4)
    const orphan = await testJpeg(5)
    for (const bytes of [keep, orphan]) {
      const image = await processImage(bytes)
      await store.put(sha256(bytes), { orig: { data: bytes }, normal: image.normal, thumb: image.thumb }, async (p) =>
        p(),
      )
    }
    writeFileSync(join(store.stagingDir, 'abandoned.part'), 'x')
    mkdirSync(join(store.root, 'ab'), { recursive: true })
    writeFileSync(join(store.root, 'ab', `${'ab'.repeat(32)}.jpg.tmp-123`), 'x')
    const { removed } = store.sweep(new Set([sha256(keep)]))
    expect(removed).toBe(5)
    expect(store.has(sha256(keep))).toBe(true)
    expect(photoFiles(store).every((f) => f.includes(sha256(keep)))).toBe(true)
  })
})

describe('UploadRegistry', () => {
  const who = { clientId: 'w', userId: 'u' }
  const otherWindow = { clientId: 'w2', userId: 'u' }

  it('accepts chunks in order up to the declared size, checks the hash, and removes the staging file', async () => {
    const store = new PhotoStore(dir)
    const uploads = new UploadRegistry<null>(store.stagingDir, () => 0)
    const bytes = await photoLikeJpeg(1200, 900)
    const half = Math.ceil(bytes.length / 2 / 3) * 3
    const { uploadId } = await uploads.begin({ sizeBytes: bytes.length, sha256: sha256(bytes), meta: null }, who)
    await expect(uploads.chunk(uploadId, 1, bytes.subarray(half).toString('base64'), who)).rejects.toMatchObject({
      messageKey: 'photos.errors.outOfOrder',
    })
    await expect(uploads.chunk(uploadId, 0, 'AAAA', otherWindow)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await uploads.chunk(uploadId, 0, bytes.subarray(0, half).toString('base64'), who)
    await uploads.chunk(uploadId, 1, bytes.subarray(half).toString('base64'), who)
    const got = await uploads.finish(uploadId, who, async (b) => b)
    expect(got.equals(bytes)).toBe(true)
    expect(readdirSync(store.stagingDir)).toEqual([])
    expect(uploads.openCount).toBe(0)
  })

  it('refuses a declared 200 MB file at once, and a client that sends more than it declared', async () => {
    const store = new PhotoStore(dir)
    const uploads = new UploadRegistry<null>(store.stagingDir, () => 0)
    await expect(
      uploads.begin({ sizeBytes: 200 * 1024 * 1024, sha256: 'a'.repeat(64), meta: null }, who),
    ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'photos.errors.tooLarge' })
    const { uploadId } = await uploads.begin({ sizeBytes: 10, sha256: 'a'.repeat(64), meta: null }, who)
    await expect(uploads.chunk(uploadId, 0, Buffer.alloc(12).toString('base64'), who)).rejects.toMatchObject({
      messageKey: 'photos.errors.tooLarge',
    })
    expect(readdirSync(store.stagingDir)).toEqual([])
    expect(uploads.openCount).toBe(0)
  })

  it('refuses a hash mismatch and an incomplete upload, leaving nothing staged', async () => {
    const store = new PhotoStore(dir)
    const uploads = new UploadRegistry<null>(store.stagingDir, () => 0)
    const a = await uploads.begin({ sizeBytes: 3, sha256: 'b'.repeat(64), meta: null }, who)
    await uploads.chunk(a.uploadId, 0, Buffer.from('abc').toString('base64'), who)
    await expect(uploads.finish(a.uploadId, who, async () => 'never')).rejects.toMatchObject({
      messageKey: 'photos.errors.hashMismatch',
    })
    const b = await uploads.begin({ sizeBytes: 6, sha256: sha256(Buffer.from('abcdef')), meta: null }, who)
    await uploads.chunk(b.uploadId, 0, Buffer.from('abc').toString('base64'), who)
    await expect(uploads.finish(b.uploadId, who, async () => 'never')).rejects.toMatchObject({
      messageKey: 'photos.errors.incomplete',
    })
    expect(readdirSync(store.stagingDir)).toEqual([])
  })

  it('drops uploads abandoned for 15 minutes when the next one begins', async () => {
    const store = new PhotoStore(dir)
    let now = 0
    const uploads = new UploadRegistry<null>(store.stagingDir, () => now)
    const old = await uploads.begin({ sizeBytes: 3, sha256: 'c'.repeat(64), meta: null }, who)
    now = 16 * 60_000
    await uploads.begin({ sizeBytes: 3, sha256: 'd'.repeat(64), meta: null }, who)
    expect(uploads.openCount).toBe(1)
    await expect(uploads.chunk(old.uploadId, 0, 'YWJj', who)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
