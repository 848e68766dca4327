import type { z } from 'zod'
import { BUNDLE_FORMAT, bundleFileSchema, type BundleFile } from './protocol'

/**
 * Offline bundles: a JSON payload, gzipped, base64'd, and signed with HMAC-SHA256 under the key HQ gave the
 * device at enrolment. Both directions use the same codec — the branch's core and HQ — so the format, what is
 * signed and every check live here once; each side only lends Node's crypto and zlib (`BundleCrypto`), which
 * shared/ may not import. Any edit to the file — payload, device id or signature — fails verification, and
 * nothing in a refused bundle is applied.
 */
export class BundleError extends Error {
  constructor(
    readonly code: 'bundle-malformed' | 'bundle-signature' | 'bundle-device',
    message: string,
  ) {
    super(message)
    this.name = 'BundleError'
  }
}

/** The Node primitives the codec needs (node:crypto, node:zlib), lent by the caller. */
export interface BundleCrypto {
  /** HMAC-SHA256 of `text` under `key`, hex. */
  hmacSha256Hex(key: string, text: string): string
  /** Constant-time equality of two hex strings (false when their lengths differ). */
  sameHex(a: string, b: string): boolean
  /** UTF-8 text → gzip → base64. */
  gzipBase64(text: string): string
  /** base64 → gunzip → UTF-8 text; throws on anything unreadable. */
  gunzipBase64(base64: string): string
}

export interface BundleCodec {
  encodeBundle(key: string, deviceId: string, body: unknown): string
  /** Reads the envelope only (to find the device and its key) without trusting anything in it yet. */
  readBundleEnvelope(text: string): BundleFile
  decodeBundle<S extends z.ZodType>(key: string, file: BundleFile, schema: S): z.infer<S>
}

export function bundleCodec(crypto: BundleCrypto): BundleCodec {
  const mac = (key: string, deviceId: string, payload: string): string =>
    crypto.hmacSha256Hex(key, `${BUNDLE_FORMAT}\n${deviceId}\n${payload}`)

  return {
    encodeBundle(key, deviceId, body) {
      const payload = crypto.gzipBase64(JSON.stringify(body))
      const file: BundleFile = { format: BUNDLE_FORMAT, deviceId, payload, hmac: mac(key, deviceId, payload) }
      return JSON.stringify(file)
    },

    readBundleEnvelope(text) {
      let raw: unknown
      try {
        raw = JSON.parse(text)
      } catch {
        throw new BundleError('bundle-malformed', 'not a bundle file')
      }
      const parsed = bundleFileSchema.safeParse(raw)
      if (!parsed.success) throw new BundleError('bundle-malformed', 'not a bundle file')
      return parsed.data
    },

    decodeBundle(key, file, schema) {
      if (!crypto.sameHex(file.hmac, mac(key, file.deviceId, file.payload))) {
        throw new BundleError(
          'bundle-signature',
          'the bundle signature does not match: it was changed or made for another device',
        )
      }
      let body: unknown
      try {
        body = JSON.parse(crypto.gunzipBase64(file.payload))
      } catch {
        throw new BundleError('bundle-malformed', 'the bundle payload cannot be read')
      }
      const parsed = schema.safeParse(body)
      if (!parsed.success) throw new BundleError('bundle-malformed', 'the bundle payload does not match the protocol')
      if ((parsed.data as { deviceId?: unknown }).deviceId !== file.deviceId)
        throw new BundleError('bundle-device', 'the bundle names another device')
      return parsed.data
    },
  }
}
