import { createHash, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decideRange } from './ranges'
import { enrolOverHttp } from './testing/builders'
import { startHq, type RunningHq } from './testing/hqHarness'

describe('byte ranges (RFC 9110 §14)', () => {
  const size = 1000
  it('serves one range: closed, open-ended, suffix; clamps the end to the file', () => {
    expect(decideRange('bytes=0-99', size)).toEqual({ kind: 'partial', start: 0, end: 99 })
    expect(decideRange('bytes=990-', size)).toEqual({ kind: 'partial', start: 990, end: 999 })
    expect(decideRange('bytes=-10', size)).toEqual({ kind: 'partial', start: 990, end: 999 })
    expect(decideRange('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 })
    expect(decideRange('bytes=500-5000', size)).toEqual({ kind: 'partial', start: 500, end: 999 })
    expect(decideRange('Bytes = 7-7', size)).toEqual({ kind: 'partial', start: 7, end: 7 })
    expect(decideRange('bytes=999-99999999999999999999', size)).toEqual({ kind: 'partial', start: 999, end: 999 })
  })

  it('is unsatisfiable when the first byte is at or past the end, for an empty suffix, and for a first-byte range of an empty file', () => {
    expect(decideRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=1000-1001', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=99999999999999999999-', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
  })

  it('an empty file with a suffix range: satisfiable (§14.1.3) but no 206 can carry it, so the whole (empty) file', () => {
    // Before: 416, which RFC 9110 reserves for ranges that select nothing satisfiable.
    expect(decideRange('bytes=-1', 0)).toEqual({ kind: 'full' })
    expect(decideRange('bytes=-500', 0)).toEqual({ kind: 'full' })
  })

  it('ignores what it may ignore: no header, other units, bad syntax, last < first, several ranges, a stale If-Range', () => {
    for (const h of [undefined, 'items=0-1', 'bytes=a-b', 'bytes=5-1', 'bytes=0-1,5-6', 'bytes=', 'bytes=--1']) {
      expect(decideRange(h, size), String(h)).toEqual({ kind: 'full' })
    }
    expect(decideRange('bytes=0-1', size, { ifRange: '"other"', etag: '"abc"' })).toEqual({ kind: 'full' })
    expect(decideRange('bytes=0-1', size, { ifRange: 'Wed, 21 Oct 2015 07:28:00 GMT', etag: '"abc"' })).toEqual({
      kind: 'full',
    })
    // If-Range compares strongly (§13.1.5): a weak tag never matches.
    expect(decideRange('bytes=0-1', size, { ifRange: 'W/"abc"', etag: '"abc"' })).toEqual({ kind: 'full' })
    expect(decideRange('bytes=0-1', size, { ifRange: '"abc"', etag: '"abc"' })).toEqual({
      kind: 'partial',
      start: 0,
      end: 1,
    })
  })

  it('a partial answer always lies inside the file (random headers and sizes)', () => {
    const header = fc.oneof(
      fc.tuple(fc.nat(3000), fc.option(fc.nat(3000))).map(([a, b]) => `bytes=${a}-${b ?? ''}`),
      fc.nat(3000).map((n) => `bytes=-${n}`),
    )
    fc.assert(
      fc.property(header, fc.nat(2000), (h, n) => {
        const d = decideRange(h, n)
        if (d.kind === 'partial') {
          expect(d.start).toBeGreaterThanOrEqual(0)
          expect(d.end).toBeLessThan(n)
          expect(d.start).toBeLessThanOrEqual(d.end)
        }
      }),
    )
  })
})

describe('photo downloads use the same ranges', () => {
  let hq: RunningHq
  let token: string
  const data = randomBytes(4096)
  const sha = createHash('sha256').update(data).digest('hex')
  const emptySha = createHash('sha256').update(Buffer.alloc(0)).digest('hex')
  beforeAll(async () => {
    hq = await startHq()
    token = (await enrolOverHttp(hq)).token
    const auth = { authorization: `Bearer ${token}` }
    await fetch(`${hq.url}/v1/blobs/${sha}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ size: data.length }),
    })
    const put = await fetch(`${hq.url}/v1/blobs/${sha}?offset=0&size=${data.length}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: data,
    })
    expect(put.status).toBe(200)
    await fetch(`${hq.url}/v1/blobs/${emptySha}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ size: 0 }),
    })
    const putEmpty = await fetch(`${hq.url}/v1/blobs/${emptySha}?offset=0&size=0`, { method: 'PUT', headers: auth })
    expect(putEmpty.status).toBe(200)
  })
  afterAll(async () => hq?.close())

  const get = (headers: Record<string, string>, method = 'GET', blob = sha) =>
    fetch(`${hq.url}/v1/blobs/${blob}/content`, { method, headers: { authorization: `Bearer ${token}`, ...headers } })
  const bytesOf = async (r: Response) => Buffer.from(await r.arrayBuffer())

  it('200 whole, 206 for a range with a valid Content-Range, 416 with bytes */size at or past the end', async () => {
    const whole = await get({})
    expect(whole.status).toBe(200)
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    expect(Buffer.from(await whole.arrayBuffer()).equals(data)).toBe(true)
    const tail = await get({ range: 'bytes=4000-' })
    expect(tail.status).toBe(206)
    expect(tail.headers.get('content-range')).toBe('bytes 4000-4095/4096')
    expect(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(4000))).toBe(true)
    const suffix = await get({ range: 'bytes=-16' })
    expect(suffix.headers.get('content-range')).toBe('bytes 4080-4095/4096')
    expect(Buffer.from(await suffix.arrayBuffer()).equals(data.subarray(4080))).toBe(true)
    // Before, a resume from the file's length answered 206 with `bytes 4096-4095/4096`.
    const past = await get({ range: 'bytes=4096-' })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe('bytes */4096')
    expect(await past.json()).toMatchObject({ error: { code: 'range-not-satisfiable' } })
    const resumedStale = await get({ range: 'bytes=10-', 'if-range': '"not-this-file"' })
    expect(resumedStale.status).toBe(200)
    const resumedSame = await get({ range: 'bytes=10-19', 'if-range': `"${sha}"` })
    expect(resumedSame.status).toBe(206)
    expect(Buffer.from(await resumedSame.arrayBuffer()).equals(data.subarray(10, 20))).toBe(true)
  })

  it('a range ending past the end is cut to the file; several ranges and bad syntax get the whole file (200)', async () => {
    const clamped = await get({ range: 'bytes=4090-999999' })
    expect(clamped.status).toBe(206)
    expect(clamped.headers.get('content-range')).toBe('bytes 4090-4095/4096')
    expect((await bytesOf(clamped)).equals(data.subarray(4090))).toBe(true)
    const open = await get({ range: 'bytes=4095-' })
    expect(open.headers.get('content-range')).toBe('bytes 4095-4095/4096')
    // Several ranges would need multipart/byteranges; the whole file is a valid answer (§14.2) and the updater is
    // told not to ask for several (electron/main/updater.ts, decision 38).
    for (const range of ['bytes=0-9,20-29', 'bytes=0-9, 5000-', 'bytes=abc', 'bytes=9-1', 'pages=1-2']) {
      const r = await get({ range })
      expect(r.status, range).toBe(200)
      expect(r.headers.get('content-range'), range).toBeNull()
      expect((await bytesOf(r)).equals(data), range).toBe(true)
    }
    const weak = await get({ range: 'bytes=0-9', 'if-range': `W/"${sha}"` })
    expect(weak.status).toBe(200)
  })

  it('HEAD: the headers of the whole file; a Range is ignored (ranges are defined for GET only, §14.2)', async () => {
    const head = await get({}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('4096')
    expect(head.headers.get('accept-ranges')).toBe('bytes')
    expect(head.headers.get('etag')).toBe(`"${sha}"`)
    expect((await bytesOf(head)).length).toBe(0)
    // Before: HEAD with a Range answered 206 (or 416 past the end) as if it were a GET.
    for (const range of ['bytes=0-9', 'bytes=4096-']) {
      const r = await get({ range }, 'HEAD')
      expect(r.status, range).toBe(200)
      expect(r.headers.get('content-length'), range).toBe('4096')
      expect(r.headers.get('content-range'), range).toBeNull()
    }
  })

  it('an empty file: 200 empty, 416 for a first-byte range, 200 empty for a suffix range', async () => {
    const whole = await get({}, 'GET', emptySha)
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-length')).toBe('0')
    const first = await get({ range: 'bytes=0-' }, 'GET', emptySha)
    expect(first.status).toBe(416)
    expect(first.headers.get('content-range')).toBe('bytes */0')
    const suffix = await get({ range: 'bytes=-10' }, 'GET', emptySha)
    expect(suffix.status).toBe(200)
    expect(suffix.headers.get('content-length')).toBe('0')
    expect((await bytesOf(suffix)).length).toBe(0)
  })
})
