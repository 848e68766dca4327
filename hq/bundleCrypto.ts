import { createHmac, timingSafeEqual } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { bundleCodec, type BundleCrypto } from '../shared/sync/bundleCodec'

/**
 * HQ's side of the offline bundle codec (shared/sync/bundleCodec.ts holds the format and the checks): Node's
 * crypto and zlib, bound here because hq/ may not import the core (core/sync/bundleCodec.ts binds the same four
 * for the branch). hq/bundleCrypto.test.ts proves the two sides read each other's bundles.
 */
const nodeBundleCrypto: BundleCrypto = {
  hmacSha256Hex: (key, text) => createHmac('sha256', key).update(text).digest('hex'),
  sameHex: (a, b) => {
    const x = Buffer.from(a, 'hex')
    const y = Buffer.from(b, 'hex')
    return x.length === y.length && timingSafeEqual(x, y)
  },
  gzipBase64: (text) => gzipSync(Buffer.from(text, 'utf8')).toString('base64'),
  gunzipBase64: (base64) => gunzipSync(Buffer.from(base64, 'base64')).toString('utf8'),
}

export const hqBundleCodec = bundleCodec(nodeBundleCrypto)
