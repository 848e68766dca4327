import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { open } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { FolderBlobStore } from './blobs'
import { enrolOverHttp } from './testing/builders'
import { startHq, type RunningHq } from './testing/hqHarness'

// Every file read HQ makes, to prove an upload is verified without reading the file back.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>()
  return { ...real, createReadStream: vi.fn(real.createReadStream) }
})

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/**
 * Blob uploads at HQ: chunks are streamed into the part file and hashed as they land; the part file's length is
 * what HQ holds; one fsync per file, at completion; a wrong hash throws the part away.
 */
describe('blob uploads', () => {
  let hq: RunningHq
  let auth: Record<string, string>
  let branch = ''
  const CHUNK_MAX = 3 * 1024 * 1024
  beforeAll(async () => {
    hq = await startHq({ blobChunkMax: CHUNK_MAX })
    branch = 'MSK-01'
    auth = { authorization: `Bearer ${(await enrolOverHttp(hq, branch)).token}` }
  })
  afterAll(async () => hq?.close())
  afterEach(() => vi.restoreAllMocks())

  const begin = async (hash: string, size: number) =>
    (await (
      await fetch(`${hq.url}/v1/blobs/${hash}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ size }),
      })
    ).json()) as { received: number; complete: boolean }
  const status = async (hash: string) =>
    (await (await fetch(`${hq.url}/v1/blobs/${hash}`, { headers: auth })).json()) as {
      received: number
      complete: boolean
    }
  const put = (hash: string, offset: number, bytes: Buffer, declared = bytes.length) =>
    fetch(`${hq.url}/v1/blobs/${hash}?offset=${offset}&size=${declared}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: bytes,
    })
  const stored = (hash: string) => join(hq.blobDir, branch, hash.slice(0, 2), hash)
  const part = (hash: string) => `${stored(hash)}.part`

  it('streams chunks to disk, hashes as it writes (no read-back) and fsyncs the file once, at the end', async () => {
    const data = randomBytes(CHUNK_MAX * 2 + 12345)
    const hash = sha(data)
    const probe = await open(join(hq.blobDir, '..', 'probe'), 'w')
    const sync = vi.spyOn(Object.getPrototypeOf(probe) as { sync(): Promise<void> }, 'sync')
    await probe.close()
    const reads = vi.mocked(fs.createReadStream)
    reads.mockClear()
    expect(await begin(hash, data.length)).toMatchObject({ received: 0, complete: false })
    let offset = 0
    while (offset < data.length) {
      const piece = data.subarray(offset, offset + CHUNK_MAX)
      const res = await put(hash, offset, piece)
      expect(res.status).toBe(200)
      offset += piece.length
      expect(await res.json()).toMatchObject({ received: offset, complete: offset === data.length })
      if (offset < data.length) expect(sync).not.toHaveBeenCalled()
    }
    expect(sync).toHaveBeenCalledTimes(1)
    expect(reads).not.toHaveBeenCalled()
    expect(fs.readFileSync(stored(hash)).equals(data)).toBe(true)
    expect(fs.existsSync(part(hash))).toBe(false)
    expect(await status(hash)).toMatchObject({ received: data.length, complete: true })
  })

  it('a chunk cut mid-way keeps every byte that arrived; the device resumes from what HQ says it holds', async () => {
    const data = randomBytes(CHUNK_MAX)
    const hash = sha(data)
    await begin(hash, data.length)
    const half = 1_500_000
    const url = new URL(`${hq.url}/v1/blobs/${hash}?offset=0&size=${data.length}`)
    const req = request(url, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(data.length) },
    })
    req.on('error', () => undefined)
    try {
      req.write(data.subarray(0, half))
      // HQ writes while the body is still arriving: the part file grows before the request ends.
      await vi.waitFor(() => expect(fs.existsSync(part(hash)) && fs.statSync(part(hash)).size).toBeGreaterThan(0), {
        timeout: 5000,
      })
      await new Promise((r) => setTimeout(r, 200))
    } finally {
      req.destroy()
    }
    // Every byte that reached HQ before the cut is kept, including those still gathered for a write; the status
    // waits for the cut chunk to finish, so its first answer is final.
    expect(await status(hash)).toMatchObject({ received: half, complete: false })
    // A chunk from the old offset is refused with where HQ stands.
    const stale = await put(hash, 0, data.subarray(0, 1000))
    expect(stale.status).toBe(409)
    expect(await stale.json()).toMatchObject({ error: { code: 'blob-offset-mismatch', message: String(half) } })
    const rest = await put(hash, half, data.subarray(half))
    expect(rest.status).toBe(200)
    expect(await rest.json()).toMatchObject({ received: data.length, complete: true })
    expect(fs.readFileSync(stored(hash)).equals(data)).toBe(true)
  })

  it('HQ restarted between chunks (no running hash): it hashes the part once to catch up and completes', async () => {
    const data = randomBytes(200_000)
    const hash = sha(data)
    const before = new FolderBlobStore(hq.db, hq.blobDir)
    await before.begin(branch, 'dev', hash, data.length, new Date())
    await before.append(branch, hash, 0, data.subarray(0, 80_000), new Date())
    const after = new FolderBlobStore(hq.db, hq.blobDir)
    const reads = vi.mocked(fs.createReadStream)
    reads.mockClear()
    const done = await after.append(branch, hash, 80_000, data.subarray(80_000), new Date())
    expect(done).toMatchObject({ received: data.length, complete: true })
    expect(reads).toHaveBeenCalledTimes(1)
    expect(fs.readFileSync(stored(hash)).equals(data)).toBe(true)
  })

  it('bytes that do not match the hash are refused when the last one arrives, and the partial file is discarded', async () => {
    const data = randomBytes(CHUNK_MAX + 100)
    const hash = sha(randomBytes(16))
    await begin(hash, data.length)
    expect((await put(hash, 0, data.subarray(0, CHUNK_MAX))).status).toBe(200)
    const last = await put(hash, CHUNK_MAX, data.subarray(CHUNK_MAX))
    expect(last.status).toBe(422)
    expect(await last.json()).toMatchObject({ error: { code: 'blob-hash-mismatch' } })
    expect(fs.existsSync(part(hash))).toBe(false)
    expect(fs.existsSync(stored(hash))).toBe(false)
    expect(await status(hash)).toMatchObject({ received: 0, complete: false })
  })

  it('refuses chunks past the file, larger than BLOB_CHUNK_MAX, or longer than they said; nothing extra is written', async () => {
    const data = randomBytes(4000)
    const hash = sha(data)
    await begin(hash, data.length)
    const pastEnd = await put(hash, 0, Buffer.concat([data, Buffer.alloc(10)]))
    expect(pastEnd.status).toBe(400)
    expect(await pastEnd.json()).toMatchObject({ error: { code: 'blob-chunk-too-long' } })
    const big = randomBytes(CHUNK_MAX + 1)
    const bigHash = sha(big)
    await begin(bigHash, big.length)
    const tooLarge = await put(bigHash, 0, big)
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.json()).toMatchObject({ error: { code: 'blob-chunk-too-large' } })
    const lying = await put(hash, 0, data.subarray(0, 2000), 1000)
    expect(lying.status).toBe(400)
    expect(await lying.json()).toMatchObject({ error: { code: 'blob-chunk-size' } })
    expect((await status(hash)).received).toBeLessThanOrEqual(1000)
    const from = (await status(hash)).received
    const rest = await put(hash, from, data.subarray(from))
    expect(await rest.json()).toMatchObject({ received: data.length, complete: true })
    expect(fs.readFileSync(stored(hash)).equals(data)).toBe(true)
  })

  it('an empty file completes with one empty chunk', async () => {
    const hash = sha(Buffer.alloc(0))
    await begin(hash, 0)
    const res = await put(hash, 0, Buffer.alloc(0))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ received: 0, complete: true })
    expect(fs.statSync(stored(hash)).size).toBe(0)
  })
})
