import { createHmac, timingSafeEqual } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { BundleError, bundleCodec, type BundleCrypto } from '../../shared/sync/bundleCodec'

/**
 * The branch's side of the offline bundle codec (shared/sync/bundleCodec.ts holds the format and the checks):
 * Node's crypto and zlib. HQ binds the same four primitives in hq/bundleCrypto.ts — it may not import the core.
 */
export const nodeBundleCrypto: BundleCrypto = {
  hmacSha256Hex: (key, text) => createHmac('sha256', key).update(text).digest('hex'),
  sameHex: (a, b) => {
    const x = Buffer.from(a, 'hex')
    const y = Buffer.from(b, 'hex')
    return x.length === y.length && timingSafeEqual(x, y)
  },
  gzipBase64: (text) => gzipSync(Buffer.from(text, 'utf8')).toString('base64'),
  gunzipBase64: (base64) => gunzipSync(Buffer.from(base64, 'base64')).toString('utf8'),
}

export const { encodeBundle, decodeBundle, readBundleEnvelope } = bundleCodec(nodeBundleCrypto)
export { BundleError }
