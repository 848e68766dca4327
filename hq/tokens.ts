import { createHash, randomBytes, randomInt } from 'node:crypto'

/** Crockford's base 32 without I, L, O, U: nothing to misread when a code is dictated over the phone. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A one-time enrolment code, XXXX-XXXX-XXXX-XXXX (80 bits). */
export function newEnrolmentCode(): string {
  const chars = Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)])
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex')
}
