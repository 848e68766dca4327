import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The header a busy answer carries its appointment in, and the request that keeps it carries it back. */
export const APPOINTMENT_HEADER = 'x-hq-appointment'

export interface AppointmentOptions {
  /**
   * Key of the signature. Instances sharing it (APPOINTMENT_SECRET) honour each other's appointments; an instance
   * with a key of its own (a random one when none is configured) treats another's as no appointment at all.
   */
  secret: Buffer
  /** How long after its time an appointment is still honoured (APPOINTMENT_VALID_MS). */
  validMs: number
}

const VERSION = 'a1'
const MAC_BYTES = 16

/**
 * Appointment tokens of the work gate (hq/workGate.ts, decision 88): a busy answer hands a device a time to come
 * back, and the token proves that time was HQ's. It is verified without state shared between instances — the time
 * and a random nonce, signed with HMAC-SHA256 over the device's Authorization header too, so a token neither moves
 * to another device nor can be made up or moved in time. A token counts once per instance (the nonces seen are kept
 * until their tokens expire): a device cannot ride one refusal into the priority lane for a stream of requests.
 */
export class Appointments {
  /** Nonces redeemed here, with the time their tokens expire; in redemption order, which is about expiry order. */
  private readonly redeemed = new Map<string, number>()

  constructor(private readonly opts: AppointmentOptions) {
    if (opts.secret.length < 16) throw new Error('Appointments: the secret must be at least 16 bytes')
  }

  /** A token for a device (its Authorization header) to present at or after `atMs` (epoch ms). */
  issue(atMs: number, authorization: string | undefined): string {
    const at = Math.floor(atMs).toString(36)
    const nonce = randomBytes(9).toString('base64url')
    return `${VERSION}.${at}.${nonce}.${this.mac(at, nonce, authorization)}`
  }

  /**
   * True when the token is HQ's, for this device, presented within [its time, its time + validMs], and not redeemed
   * here before — it is then redeemed. Anything else (absent, malformed, forged, another device's, early, expired,
   * used) is no appointment: the request is a newcomer, as a device without the token is.
   */
  redeem(token: string | undefined, authorization: string | undefined, nowMs: number): boolean {
    if (!token || token.length > 100) return false
    const parts = token.split('.')
    if (parts.length !== 4 || parts[0] !== VERSION) return false
    const [, at, nonce, mac] = parts as [string, string, string, string]
    const atMs = parseInt(at, 36)
    if (!/^[0-9a-z]{1,12}$/.test(at) || !Number.isSafeInteger(atMs)) return false
    const given = Buffer.from(mac, 'base64url')
    const expected = Buffer.from(this.mac(at, nonce, authorization), 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
    if (nowMs < atMs || nowMs > atMs + this.opts.validMs) return false
    this.forgetExpired(nowMs)
    if (this.redeemed.has(nonce)) return false
    this.redeemed.set(nonce, atMs + this.opts.validMs)
    return true
  }

  private mac(at: string, nonce: string, authorization: string | undefined): string {
    return createHmac('sha256', this.opts.secret)
      .update(`${VERSION}.${at}.${nonce}\n${authorization ?? ''}`)
      .digest()
      .subarray(0, MAC_BYTES)
      .toString('base64url')
  }

  private forgetExpired(nowMs: number): void {
    for (const [nonce, expires] of this.redeemed) {
      if (expires >= nowMs) break
      this.redeemed.delete(nonce)
    }
  }

  /** A key for an instance told none (APPOINTMENT_SECRET absent): its appointments count only at itself. */
  static randomSecret(): Buffer {
    return randomBytes(32)
  }
}
