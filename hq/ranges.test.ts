import { createHash, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decideRange } from './ranges'
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

  it('is unsatisfiable when the first byte is past the end, for an empty suffix, and for any range of an empty file', () => {
    expect(decideRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=1000-1001', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=99999999999999999999-', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(decideRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores what it may ignore: no header, other units, bad syntax, last < first, several ranges, a stale If-Range', () => {
    for (const h of [undefined, 'items=0-1', 'bytes=a-b', 'bytes=5-1', 'bytes=0-1,5-6', 'bytes=', 'bytes=--1']) {
      expect(decideRange(h, size), String(h)).toEqual({ kind: 'full' })
    }
    expect(decideRange('bytes=0-1', size, { ifRange: '"other"', etag: '"abc"' })).toEqual({ kind: 'full' })
    expect(decideRange('bytes=0-1', size, { ifRange: 'Wed, 21 Oct 2015 07:28:00 GMT', etag: '"abc"' })).toEqual({
      kind: 'full',
    })
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
  beforeAll(async () => {
    hq = await startHq()
    const code = await hq.enrolmentCode('MSK-01')
    const enrol = await fetch(`${hq.url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'pc', branch: { id: uuidv7(), code: 'MSK-01', name: 'n', city: 'c' } }),
    })
    token = ((await enrol.json()) as { token: string }).token
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
  })
  afterAll(async () => hq?.close())

  const get = (headers: Record<string, string>) =>
    fetch(`${hq.url}/v1/blobs/${sha}/content`, { headers: { authorization: `Bearer ${token}`, ...headers } })

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
})
