/**
 * How `search_text` is written: every feature's row function builds it from these, and a query is normalised the same
 * way (core/db/search.ts reads it). Kept apart from the query side because what is written is part of the seeded
 * database bench:db caches (its cache key hashes this file, not the search code).
 */

/**
 * Lower case, ё as е, control characters (a pasted NUL, which FTS5 refuses) as spaces, runs of spaces as one: the
 * same for stored text and queries.
 */
export function normaliseSearch(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The searchable text of a record from its parts (names, numbers, plate, VIN, phone and passport forms). */
export function searchText(parts: ReadonlyArray<string | null | undefined>): string {
  return normaliseSearch(parts.filter((p): p is string => Boolean(p && p.trim())).join(' '))
}

/**
 * A phone as search_text carries it: its digits without the country prefix (8 or +7), so «8 916 123-45-67»,
 * «+7 (916) 1234567» and «123-45-67» all find it. Null without digits.
 */
export function phoneSearch(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '')
  if (!digits) return null
  return digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits
}

/** A passport (series and number) as «4519 123456 4519123456»: typed with or without the space it is found. */
export function passportSearch(series: string | null | undefined, number: string | null | undefined): string | null {
  const s = (series ?? '').replace(/\s+/g, '')
  const n = (number ?? '').replace(/\s+/g, '')
  if (!s && !n) return null
  return s && n ? `${s} ${n} ${s}${n}` : s || n
}
