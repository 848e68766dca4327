import type { Knex } from 'knex'
import { normaliseSeries } from '../../shared/validation/seriesNumber'
import type { Db } from './openDatabase'
import { normaliseSearch, phoneSearch } from './searchText'

/**
 * One source for search (issue 12): how `search_text` is written (every feature's row function builds it here), how a
 * typed query is read, and how the matching rows are found without reading the table.
 *
 * - ≥ 3 characters: the table's FTS5 index (trigram tokenizer, external content, kept by triggers — migration
 *   20261205000018): a quoted phrase is a substring match over the trigrams, as `LIKE '%…%'` was, without a scan.
 * - 1–2 characters: prefix matches on indexed expressions only (the first one or two characters of search_text —
 *   its leading name or number — and the indexed plate/VIN columns), never a scan.
 * - A query that looks like a VIN, a plate or a series+number also asks the exact indexes; ten digits (a whole phone
 *   typed with or without +7/8, spaces, dashes, brackets; a passport series+number; a blank number) ask the table of
 *   search_text's ten-digit words (migration 20261205000019).
 * The match and the list's filters are one statement, and at most SEARCH_CAP of the rows passing both are taken, the
 * most recently created first (FTS rowid order); lists then order those by their own column.
 */

/**
 * Matches a search reads at most (the most recent by rowid): a list's first page (its default limit). When there were
 * more the list says «50+» and asks for a narrower query. Each match is a row read, on a cold cache (a computer just
 * started) a disk read: bench:db's surname prefix at 1,000,000 contracts, p95 with 500 / 100 / 50 — 45 / 12.5 / 7.0 ms
 * (decision 113).
 */
export const SEARCH_CAP = 50

/** Latin letters that look like the Cyrillic ones a Russian plate uses (А В Е К М Н О Р С Т У Х). */
const LOOK_ALIKES: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
}
const LAT_OF: Record<string, string> = Object.fromEntries(Object.entries(LOOK_ALIKES).map(([lat, cyr]) => [cyr, lat]))

/**
 * The query with every look-alike letter in the other alphabet, both ways, when it mixes letters and digits (a
 * plate or part of one, a VIN): a plate is stored as the clerk typed it, Cyrillic or Latin, and found either way.
 * Stored text is not mapped, so an older version reading search_text (migration down) still finds what it did.
 */
function lookAlikeVariants(text: string): string[] {
  if (!/\d/.test(text) || !/[a-zа-я]/.test(text)) return []
  const cyrillic = text.replace(/[abcehkmoptxy]/g, (c) => LOOK_ALIKES[c]!)
  const latin = text.replace(/[авекмнорстух]/g, (c) => LAT_OF[c]!)
  return [cyrillic, latin].filter((v) => v !== text)
}

/** `%text%` for a LIKE with `ESCAPE '\'`: `%`, `_` and `\` typed by the user are literals. */
export function likePattern(query: string): string {
  return `%${escapeLike(normaliseSearch(query))}%`
}

export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`)
}

/** An FTS5 string literal: the text in double quotes, a double quote inside doubled (no operator reaches FTS5). */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

export interface SearchQuery {
  /** The query as stored text is written. */
  text: string
  /**
   * The forms FTS matches, each a phrase: the text and without spaces (a number typed in groups), with
   * look-alike letters in the other alphabet; for a query of digits and phone punctuation only its digits and the
   * phone's national digits (stored numbers, phones and passports all have a form without separators).
   */
  forms: string[]
  /** Exact-index candidates. */
  vin: string | null
  plates: string[]
  seriesNumber: { series: string; number: string } | null
  /** Ten digits: a blank's number typed without its series. */
  blankNumber: string | null
  /**
   * A CASCO contract number (`MSK-01-К000042`, shared/casco/contractNumber.ts), its letter Cyrillic whichever was
   * typed: every contract of a branch shares the trigrams of `msk-01-к000`, the costliest FTS phrase there is.
   */
  contractNumber: string | null
  /**
   * A query of digits and phone punctuation that is a whole ten-digit word of search_text: a phone's national
   * number (an 11-digit «+7…»/«8…» without its prefix, as phoneSearch stores it), a passport series+number, a blank
   * number. Looked up in `<table>_digits`.
   */
  tenDigits: string | null
}

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/
const PLATE = /^[АВЕКМНОРСТУХ]\d{3}[АВЕКМНОРСТУХ]{2}\d{2,3}$/
const CYR_TO_LAT: Record<string, string> = Object.fromEntries(
  Object.entries(LOOK_ALIKES).map(([lat, cyr]) => [cyr.toUpperCase(), lat.toUpperCase()]),
)

/** How a typed query is searched; null when nothing searchable is left (only spaces). */
export function parseQuery(query: string): SearchQuery | null {
  const text = normaliseSearch(query)
  if (!text) return null
  const variants = new Set<string>()
  const compact = text.replace(/ /g, '')
  if (compact !== text) variants.add(compact)
  for (const v of lookAlikeVariants(compact)) variants.add(v)
  let forms = [text, ...variants]
  let tenDigits: string | null = null
  if (/^[\d\s()+-]+$/.test(query.trim())) {
    // Digits only: the digits, and the phone form with its 8/+7 prefix dropped as phoneSearch stored it (also for
    // the beginning of a phone, «+7 916», «8 (916) 12»). One phrase fewer: digit trigrams are the commonest.
    const typed = query.trim()
    const national = /^\+7/.test(typed) ? typed.slice(2) : /^8[\s(-]/.test(typed) ? typed.slice(1) : typed
    const digits = typed.replace(/\D/g, '')
    // A partial phone typed with its leading 8 or 7 and no separator («8903765»): also without that digit.
    const unprefixed = digits.length >= 4 && /^[78]/.test(digits) ? digits.slice(1) : ''
    forms = [digits, phoneSearch(national) ?? '', unprefixed].filter(Boolean)
    const whole = digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits
    if (whole.length === 10) tenDigits = whole
  }
  const upper = query.replace(/\s+/g, '').toUpperCase()
  const vin = VIN.test(upper) ? upper : null
  const cyrillicPlate = upper.replace(/[ABCEHKMOPTXY]/g, (c) => LOOK_ALIKES[c.toLowerCase()]!.toUpperCase())
  const plates = PLATE.test(cyrillicPlate)
    ? [...new Set([cyrillicPlate, cyrillicPlate.replace(/[АВЕКМНОРСТУХ]/g, (c) => CYR_TO_LAT[c]!)])]
    : []
  const sn = /^([A-ZА-ЯЁ]{3})\s*(\d{10})$/.exec(query.trim().toUpperCase())
  const cn = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)-[КK](\d{6,})$/.exec(upper)
  return {
    text,
    forms: [...new Set(forms)],
    vin,
    plates,
    // Series letters are Cyrillic on the blank: Latin twins typed by mistake are folded (as the blank forms do).
    seriesNumber: sn ? { series: normaliseSeries(sn[1]!), number: sn[2]! } : null,
    blankNumber: /^\d{10}$/.test(query.replace(/\s+/g, '')) ? query.replace(/\s+/g, '') : null,
    contractNumber: cn ? `${cn[1]}-К${cn[2]}` : null,
    tenDigits,
  }
}

/**
 * The FTS5 MATCH expression of a query (each form as a quoted phrase, ORed), or null when every form is < 3 chars.
 * A form that holds another form adds no match (a row holding «79161234567» holds «9161234567» too), so it is
 * left out: each phrase costs its trigrams' posting lists, and digit trigrams have the longest.
 */
export function ftsQuery(q: SearchQuery): string | null {
  const long = q.forms.filter((f) => [...f].length >= 3)
  const forms = long.filter((f) => !long.some((g) => g !== f && f.includes(g)))
  return forms.length ? forms.map(ftsPhrase).join(' OR ') : null
}

/** A searchable table: its FTS5 index and the indexed columns exact or prefix lookups may use. */
export interface SearchTable {
  table: string
  /** `<table>_fts` (migration 20261205000018). */
  fts: string
  /** Upper-case indexed columns (plate, VIN) for prefix lookups of 1–2 characters and exact lookups. */
  plate?: string
  vin?: string
  /** Indexed series and number columns (an OSAGO policy's blank); the number has an index of its own too. */
  seriesNumber?: { series: string; number: string }
  /** `<table>_digits (digits, id)`: the ten-digit words of search_text (migration 20261205000019). */
  digits?: string
  /** A uniquely indexed contract number column (casco_quote_number_uq). */
  contractNumber?: string
}

export const SEARCH_TABLES = {
  osago: {
    table: 'osago_policy',
    fts: 'osago_policy_fts',
    plate: 'plate',
    vin: 'vin',
    seriesNumber: { series: 'policy_series', number: 'policy_number' },
    digits: 'osago_policy_digits',
  },
  casco: {
    table: 'casco_quote',
    fts: 'casco_quote_fts',
    plate: 'plate',
    vin: 'vin',
    digits: 'casco_quote_digits',
    contractNumber: 'contract_number',
  },
  inspection: { table: 'inspection', fts: 'inspection_fts', plate: 'plate', vin: 'vin', digits: 'inspection_digits' },
  termination: {
    table: 'termination_application',
    fts: 'termination_application_fts',
    digits: 'termination_application_digits',
  },
  // Contracts typed in by hand: their plate and VIN are in search_text only (no index of their own).
  manualContract: { table: 'manual_contract', fts: 'manual_contract_fts', digits: 'manual_contract_digits' },
} as const satisfies Record<string, SearchTable>

/**
 * Rows whose VIN, plate, series+number, blank number or contract number is exactly the query, or whose search_text has the query's
 * ten digits as a word (a phone, a passport): indexed columns and tables only.
 */
async function exactMatches(db: Db, t: SearchTable, q: SearchQuery): Promise<number[]> {
  const lookups: Array<Promise<Array<{ rowid: number }>>> = []
  if (q.vin && t.vin) lookups.push(db.raw(`SELECT rowid FROM ${t.table} WHERE ${t.vin} = ?`, [q.vin]))
  if (q.plates.length && t.plate) {
    lookups.push(
      db.raw(`SELECT rowid FROM ${t.table} WHERE ${t.plate} IN (${q.plates.map(() => '?').join(', ')})`, q.plates),
    )
  }
  if (q.seriesNumber && t.seriesNumber) {
    lookups.push(
      db.raw(`SELECT rowid FROM ${t.table} WHERE ${t.seriesNumber.series} = ? AND ${t.seriesNumber.number} = ?`, [
        q.seriesNumber.series,
        q.seriesNumber.number,
      ]),
    )
  }
  if (q.blankNumber && t.seriesNumber) {
    lookups.push(db.raw(`SELECT rowid FROM ${t.table} WHERE ${t.seriesNumber.number} = ?`, [q.blankNumber]))
  }
  if (q.contractNumber && t.contractNumber) {
    lookups.push(db.raw(`SELECT rowid FROM ${t.table} WHERE ${t.contractNumber} = ?`, [q.contractNumber]))
  }
  if (q.tenDigits && t.digits) {
    lookups.push(
      db.raw(`SELECT rowid FROM ${t.table} WHERE id IN (SELECT id FROM ${t.digits} WHERE digits = ?)`, [q.tenDigits]),
    )
  }
  if (!lookups.length) return []
  return [...new Set((await Promise.all(lookups)).flat().map((r) => r.rowid))]
}

/** The next string after every string that starts with `prefix` (for an index range `>= prefix AND < next`). */
function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`
}

/**
 * The rows of `base()` (a list's statement with its filters, on `t.table`) that a query matches, newest rowid first,
 * at most `cap`: the match and the filters are ONE statement, so a filter never sees only the newest matches of a
 * common text (the FTS index drives: `JOIN <fts> ON <fts>.rowid = <table>.rowid WHERE <fts> MATCH ? AND <filters>`).
 * 1–2 characters: the expression index on the first characters of search_text and the plate/VIN prefix ranges.
 * A whole VIN, plate, blank number, phone or passport is answered by its exact index when that finds the record:
 * the FTS phrase of such a text is made of the commonest trigrams («000», a region's «с77», a mobile code «916»),
 * which costs the most to intersect. (A row holding those ten digits only inside a longer word — never written by
 * phoneSearch/passportSearch — is then found by the FTS phrase only when no row has them as a word.)
 * Null when nothing searchable was typed (the caller lists without a search filter).
 */
export async function matchingRows<R>(o: {
  db: Db
  search: SearchTable
  query: string
  base: () => Knex.QueryBuilder
  /** How `base` names the table's rowid when it aliases the table (`i.rowid`); `<table>.rowid` by default. */
  rowid?: string
  cap?: number
}): Promise<{ rows: R[]; more: boolean } | null> {
  const q = parseQuery(o.query)
  if (!q) return null
  const t = o.search
  const cap = o.cap ?? SEARCH_CAP
  const rowid = o.rowid ?? `${t.table}.rowid`
  const ref = rowid.replace(/\.rowid$/, '')
  const exact = await exactMatches(o.db, t, q)
  if (exact.length) {
    // Read in the table's order: put newest first again, as the cap keeps the newest (a client's many policies).
    const found = await matchedRows<R & { _rowid: number }>(exact, rowid, () =>
      o.base().select(o.db.raw(`${rowid} AS _rowid`)),
    )
    const rows = found.sort((a, b) => b._rowid - a._rowid).map(({ _rowid, ...row }) => row as R)
    return { rows: rows.slice(0, cap), more: rows.length > cap }
  }
  const take = cap + 1
  const match = ftsQuery(q)
  if (match) {
    const rows = (await o
      .base()
      .join(t.fts, `${t.fts}.rowid`, rowid)
      .whereRaw(`${t.fts} MATCH ?`, [match])
      .orderBy(`${t.fts}.rowid`, 'desc')
      .limit(take)) as R[]
    return { rows: rows.slice(0, cap), more: rows.length > cap }
  }
  // 1–2 characters: one statement per index (an OR of them would be merged and sorted), each with the filters.
  // The first characters of search_text: equal keys sit in rowid order in the index, so newest first without a sort.
  const chars = [...q.text]
  const expr = `substr(${ref}.search_text, 1, ${chars.length === 1 ? 1 : 2})`
  const lookups: Array<Promise<Array<R & { _rowid: number }>>> = [
    o
      .base()
      .select(o.db.raw(`${rowid} AS _rowid`))
      .whereRaw(`${expr} = ?`, [chars.join('')])
      .orderBy(rowid, 'desc')
      .limit(take),
  ]
  const upper = o.query.replace(/\s+/g, '').toUpperCase()
  const forms = [
    ...new Set([upper, upper.replace(/[ABCEHKMOPTXY]/g, (c) => LOOK_ALIKES[c.toLowerCase()]!.toUpperCase())]),
  ]
  for (const column of [t.plate, t.vin]) {
    if (!column) continue
    for (const f of forms) {
      lookups.push(
        o
          .base()
          .select(o.db.raw(`${rowid} AS _rowid`))
          .whereRaw(`${ref}.${column} >= ? AND ${ref}.${column} < ?`, [f, prefixEnd(f)])
          .limit(take),
      )
    }
  }
  const byRowid = new Map<number, R>()
  let more = false
  for (const rows of await Promise.all(lookups)) {
    if (rows.length > cap) more = true
    for (const { _rowid, ...row } of rows.slice(0, cap)) byRowid.set(_rowid, row as R)
  }
  const newest = [...byRowid.keys()].sort((a, b) => b - a)
  if (newest.length > cap) more = true
  return { rows: newest.slice(0, cap).map((k) => byRowid.get(k)!), more }
}

export interface Page<T> {
  items: T[]
  total: number
  /** `total` is a lower bound: more rows match than were counted (the list shows «N+»). */
  totalAtLeast?: true
}

/** Counts `base` up to `limit` rows (an index walk bounded by LIMIT, never a COUNT of the whole table). */
export async function countUpTo(db: Db, base: Knex.QueryBuilder, limit: number): Promise<number> {
  const sub = base.clone().clearSelect().clearOrder().select(db.raw('1')).limit(limit)
  const row = (await db.from(sub.as('c')).count({ n: '*' }).first()) as { n: number }
  return Number(row.n)
}

/**
 * The bound a list counts to for a page: the next thousand past the page, so «load more» always has a step ahead
 * while the count stays a short index walk.
 */
export function countBound(offset: number, limit: number): number {
  return Math.ceil((offset + limit + 1) / 1000) * 1000
}

export interface ListPageOptions<R> {
  db: Db
  search: SearchTable
  query: string | undefined
  /** The list's rows with its filters and summary columns, on `search.table` (joins allowed). */
  base: () => Knex.QueryBuilder
  /** How `base` names the table's rowid when it aliases the table (`i.rowid`); `<table>.rowid` by default. */
  rowid?: string
  /** The list's order: an indexed column of `search.table` and the same value read from a row. */
  order: { column: string; direction: 'asc' | 'desc'; key: (row: R) => string | number | null }
  limit: number
  offset: number
  /** False where the caller shows no total (a queue): the bounded count is skipped. */
  count?: boolean
}

/**
 * One list page, searched or not, with its total:
 * - without a query, the list's index walk in its order with LIMIT/OFFSET, and a count bounded by countBound;
 * - with one, the newest SEARCH_CAP matches that pass the list's filters (matchingRows: one statement), ordered in
 *   memory.
 */
export async function listPage<R>(o: ListPageOptions<R>): Promise<Page<R>> {
  const matches = o.query
    ? await matchingRows<R>({ db: o.db, search: o.search, query: o.query, base: o.base, rowid: o.rowid })
    : null
  if (!matches) {
    const bound = countBound(o.offset, o.limit)
    const [rows, total] = await Promise.all([
      o.base().orderBy(o.order.column, o.order.direction).limit(o.limit).offset(o.offset) as Promise<R[]>,
      o.count === false ? Promise.resolve(0) : countUpTo(o.db, o.base(), bound),
    ])
    return total >= bound ? { items: rows, total, totalAtLeast: true } : { items: rows, total }
  }
  const rows = matches.rows
  const sign = o.order.direction === 'desc' ? -1 : 1
  rows.sort((a, b) => {
    const x = o.order.key(a) ?? ''
    const y = o.order.key(b) ?? ''
    return x < y ? -sign : x > y ? sign : 0
  })
  const items = rows.slice(o.offset, o.offset + o.limit)
  return matches.more ? { items, total: rows.length, totalAtLeast: true } : { items, total: rows.length }
}

/** The rows among `rowids` that pass `base`'s filters (read by rowid, in chunks under SQLite's variable limit). */
export async function matchedRows<R>(
  rowids: readonly number[],
  rowidColumn: string,
  base: () => Knex.QueryBuilder,
): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < rowids.length; i += 500) {
    const chunk = rowids.slice(i, i + 500)
    if (chunk.length) out.push(...((await base().whereIn(rowidColumn, chunk)) as R[]))
  }
  return out
}

/**
 * The `limit` rows a query matches that pass `base`'s filters, newest first by `key` (for the global search): the
 * newest `cap` rows by rowid passing both the match and the filters, never the table. Empty when nothing searchable was typed.
 */
export async function recentMatches<R>(o: {
  db: Db
  search: SearchTable
  query: string
  base: () => Knex.QueryBuilder
  key: (row: R) => string | null
  limit: number
  cap?: number
}): Promise<R[]> {
  const matches = await matchingRows<R>({ db: o.db, search: o.search, query: o.query, base: o.base, cap: o.cap ?? 100 })
  if (!matches) return []
  const rows = matches.rows
  rows.sort((a, b) => {
    const x = o.key(a) ?? ''
    const y = o.key(b) ?? ''
    return x < y ? 1 : x > y ? -1 : 0
  })
  return rows.slice(0, o.limit)
}

/** The subtitle of a hit: the non-empty parts joined as the search box shows them. */
export function hitLine(parts: ReadonlyArray<string | null | undefined>): string {
  return parts.filter((p): p is string => Boolean(p && p.trim())).join(' · ')
}

/** True when the person's name (as stored) holds the typed text: the hit is about the client, not the car. */
export function nameMatches(name: string | null, query: string): boolean {
  const q = parseQuery(query)
  if (!q || !name) return false
  const n = normaliseSearch(name)
  return n.includes(q.text)
}
