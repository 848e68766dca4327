import { describe, expect, it } from 'vitest'
import { decodeBundle, encodeBundle, readBundleEnvelope } from '../core/sync/bundleCodec'
import { BundleError } from '../shared/sync/bundleCodec'
import { z } from 'zod'
import { hqBundleCodec } from './bundleCrypto'

// HQ and the branch bind Node's crypto and zlib separately (hq/ may not import the core): they must read each other.
const body = z.object({ deviceId: z.string(), note: z.string() })
const KEY = 'k'.repeat(64)

describe('the offline bundle codec on both sides', () => {
  it('HQ reads what the branch wrote, and the branch reads what HQ wrote', () => {
    const fromBranch = encodeBundle(KEY, 'dev-1', { deviceId: 'dev-1', note: 'Привет, HQ' })
    expect(hqBundleCodec.decodeBundle(KEY, hqBundleCodec.readBundleEnvelope(fromBranch), body).note).toBe('Привет, HQ')
    const fromHq = hqBundleCodec.encodeBundle(KEY, 'dev-1', { deviceId: 'dev-1', note: 'ответ' })
    expect(decodeBundle(KEY, readBundleEnvelope(fromHq), body).note).toBe('ответ')
    expect(fromHq).toBe(encodeBundle(KEY, 'dev-1', { deviceId: 'dev-1', note: 'ответ' }))
  })

  it('refuses a bundle signed under another key or with a changed payload', () => {
    const text = encodeBundle(KEY, 'dev-1', { deviceId: 'dev-1', note: 'x' })
    expect(() => hqBundleCodec.decodeBundle('other', hqBundleCodec.readBundleEnvelope(text), body)).toThrow(BundleError)
    const file = hqBundleCodec.readBundleEnvelope(text)
    const changed = {
      ...file,
      payload: hqBundleCodec.readBundleEnvelope(encodeBundle(KEY, 'dev-1', { deviceId: 'dev-1', note: 'y' })).payload,
    }
    expect(() => hqBundleCodec.decodeBundle(KEY, changed, body)).toThrow(/signature/)
  })
})
