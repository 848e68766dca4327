/**
 * Money on a register's wire: the ATOL JSON tasks carry sums as JSON numbers in roubles with two decimals; Branch Desk
 * counts integer kopecks. Both directions go through the decimal text, never through float arithmetic: a kopeck
 * amount of at most 15 digits is a decimal a double holds so that its shortest text (what JSON.stringify writes) is
 * exactly that decimal again.
 */
export const MAX_WIRE_KOPECKS = 999_999_999_999_999

export function kopecksToRoubles(kopecks: number): number {
  if (!Number.isSafeInteger(kopecks) || kopecks < 0 || kopecks > MAX_WIRE_KOPECKS)
    throw new RangeError(`Not an amount in kopecks for a register: ${kopecks}`)
  const digits = String(kopecks).padStart(3, '0')
  return Number(`${digits.slice(0, -2)}.${digits.slice(-2)}`)
}

/** A sum read from the wire; anything with more than two decimals, negative or not finite is not money. */
export function roublesToKopecks(roubles: number): number {
  if (typeof roubles !== 'number' || !Number.isFinite(roubles) || roubles < 0)
    throw new RangeError(`Not a sum in roubles: ${String(roubles)}`)
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(roubles))
  if (!m) throw new RangeError(`Not a sum in roubles with at most two decimals: ${String(roubles)}`)
  const kopecks = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'))
  if (kopecks > BigInt(MAX_WIRE_KOPECKS)) throw new RangeError(`Sum too large: ${String(roubles)}`)
  return Number(kopecks)
}
