import { createHmac, timingSafeEqual } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { z } from 'zod'
import { BUNDLE_FORMAT, bundleFileSchema, type BundleFile } from '../../shared/sync/protocol'

/**
 * Offline bundles: a JSON payload, gzipped, base64'd, and signed with HMAC-SHA256 under the key HQ gave the
 * device at enrolment. Both directions use the same codec. Any edit to the file — payload, device id or
 * signature — fails verification, and nothing in a refused bundle is applied.
 */
export class BundleError extends Error {
  constructor(readonly code: 'bundle-malformed' | 'bundle-signature' | 'bundle-device', message: string) {
    super(message)
    this.name = 'BundleError'
  }
}

function mac(key: string, deviceId: string, payload: string): string {
  return createHmac('sha256', key).update(`${BUNDLE_FORMAT}\n${deviceId}\n${payload}`).digest('hex')
}

export function encodeBundle(key: string, deviceId: string, body: unknown): string {
  const payload = gzipSync(Buffer.from(JSON.stringify(body), 'utf8')).toString('base64')
  const file: BundleFile = { format: BUNDLE_FORMAT, deviceId, payload, hmac: mac(key, deviceId, payload) }
  return JSON.stringify(file)
}

/** Reads the envelope only (to find the device and its key) without trusting anything in it yet. */
export function readBundleEnvelope(text: string): BundleFile {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new BundleError('bundle-malformed', 'not a bundle file')
  }
  const parsed = bundleFileSchema.safeParse(raw)
  if (!parsed.success) throw new BundleError('bundle-malformed', 'not a bundle file')
  return parsed.data
}

export function decodeBundle<S extends z.ZodType>(key: string, file: BundleFile, schema: S): z.infer<S> {
  const expected = Buffer.from(mac(key, file.deviceId, file.payload), 'hex')
  const given = Buffer.from(file.hmac, 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new BundleError('bundle-signature', 'the bundle signature does not match: it was changed or made for another device')
  }
  let body: unknown
  try {
    body = JSON.parse(gunzipSync(Buffer.from(file.payload, 'base64')).toString('utf8'))
  } catch {
    throw new BundleError('bundle-malformed', 'the bundle payload cannot be read')
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new BundleError('bundle-malformed', 'the bundle payload does not match the protocol')
  if ((parsed.data as { deviceId?: unknown }).deviceId !== file.deviceId) throw new BundleError('bundle-device', 'the bundle names another device')
  return parsed.data
}
