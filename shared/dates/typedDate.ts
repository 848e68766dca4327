import { compareDates, formatDate, isCalendarDate, type CalendarDate } from './calendarDate'

/**
 * Dates as a clerk types them at the counter: ДД.ММ.ГГГГ, with or without the dots, and two-digit years. The field
 * (renderer DateInput) masks what is typed; the parsing here decides what it means, so the rule is the same in every
 * form and testable without a browser. Inside, dates stay `YYYY-MM-DD` and date-times `YYYY-MM-DDTHH:MM`.
 */

/**
 * Which century a two-digit year falls in. 'past': a date that has already happened (birth, licence, a document's
 * issue) — the latest such date not after today, so 12.04.99 is 1999 and 12.04.05 is 2005. 'future': policy and
 * contract dates, always 20xx (a policy of the 1990s is never typed at the counter; docs/decisions.md row 81).
 */
export type Century = 'past' | 'future'

export type TypedDateProblem = 'incomplete' | 'invalid'
export type TypedDate = { ok: true; value: string } | { ok: false; problem: TypedDateProblem } | { ok: null }

/** `YYYY-MM-DD` → `ДД.ММ.ГГГГ`: every date on screen and in documents (shared/print/format.ts re-exports it). */
export function formatDateRu(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`)
  const [y, m, d] = date.split('-')
  return `${d}.${m}.${y}`
}

/** A local `YYYY-MM-DDTHH:MM` (or a longer ISO instant's local part) → `ДД.ММ.ГГГГ ЧЧ:ММ`, 24 h. */
export function formatDateTimeRu(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(value)
  if (!m) throw new RangeError(`Not a date-time: ${value}`)
  return `${formatDateRu(m[1]!)} ${m[2]}:${m[3]}`
}

/** The mask the field shows while typing. */
export const DATE_MASK = '##.##.####'
export const DATE_TIME_MASK = '##.##.#### ##:##'

const SEPARATED = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/
const DIGITS = /^(\d{2})(\d{2})(\d{2}|\d{4})$/

/**
 * Tidies what was typed before the mask sees it: other separators (/, -, comma, space) become dots, and a one-digit
 * day or month followed by a dot gets its zero (1.4.1999 → 01.04.1999), which a fixed-width mask would otherwise
 * shift into the wrong place.
 */
export function tidyTypedDate(text: string): string {
  const dots = text.replace(/^\s+/, '').replace(/^(\d{1,2})[/,\-\s](\d{1,2})[/,\-\s]/, '$1.$2.')
  const day = dots.replace(/^(\d)\./, '0$1.')
  return day.replace(/^(\d\d)\.(\d)(\.|$)/, (whole, d: string, m: string, tail: string) =>
    tail === '.' ? `${d}.0${m}.` : whole,
  )
}

/** Two-digit year → four digits by the field's rule; `today` is the branch's calendar day. */
function fullYear(yy: number, month: number, day: number, century: Century, today: CalendarDate): number {
  if (century === 'future') return 2000 + yy
  const base = Math.floor(Number(today.slice(0, 4)) / 100) * 100
  const year = base + yy
  // A date later than today in this century must be the previous century's (a birth date typed on its own day
  // is today, not a hundred years ago).
  if (day > 0 && month > 0 && month <= 12) {
    const candidate = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    if (compareDates(candidate, today) > 0) return year - 100
  }
  return year
}

/**
 * What the typed text means: a calendar date, nothing typed (`ok: null`), a date not typed to the end
 * ('incomplete') or one the calendar does not have, such as 31.02.2020 ('invalid').
 */
export function parseTypedDate(text: string, century: Century, today: CalendarDate): TypedDate {
  const trimmed = tidyTypedDate(text.trim())
  if (trimmed === '') return { ok: null }
  const m = SEPARATED.exec(trimmed) ?? DIGITS.exec(trimmed)
  if (!m) return /^[\d.]*$/.test(trimmed) ? { ok: false, problem: 'incomplete' } : { ok: false, problem: 'invalid' }
  const day = Number(m[1])
  const month = Number(m[2])
  const yearText = m[3]!
  const year = yearText.length === 2 ? fullYear(Number(yearText), month, day, century, today) : Number(yearText)
  if (year < 1 || month < 1 || month > 12 || day < 1) return { ok: false, problem: 'invalid' }
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return isCalendarDate(value) ? { ok: true, value } : { ok: false, problem: 'invalid' }
}

/** `YYYY-MM-DD` → what the field shows, ДД.ММ.ГГГГ ('' for no date; text that is not a date is shown as it is). */
export function formatTypedDate(value: string): string {
  if (value === '') return ''
  return isCalendarDate(value) ? formatDateRu(value) : value
}

const TIME = /^(\d{1,2}):(\d{2})$/

/** ДД.ММ.ГГГГ ЧЧ:ММ (24 h) → `YYYY-MM-DDTHH:MM`; the time is required once the date is there. */
export function parseTypedDateTime(text: string, century: Century, today: CalendarDate): TypedDate {
  const trimmed = text.trim().replace(/\s+/g, ' ')
  if (trimmed === '') return { ok: null }
  const [datePart = '', timePart, ...rest] = trimmed.split(' ')
  if (rest.length > 0) return { ok: false, problem: 'invalid' }
  const date = parseTypedDate(datePart, century, today)
  if (date.ok !== true) return date.ok === null ? { ok: false, problem: 'incomplete' } : date
  if (timePart === undefined || timePart === '') return { ok: false, problem: 'incomplete' }
  const t = TIME.exec(timePart)
  if (!t) return /^[\d:]*$/.test(timePart) ? { ok: false, problem: 'incomplete' } : { ok: false, problem: 'invalid' }
  const hours = Number(t[1])
  const minutes = Number(t[2])
  if (hours > 23 || minutes > 59) return { ok: false, problem: 'invalid' }
  return { ok: true, value: `${date.value}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` }
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/

/** `YYYY-MM-DDTHH:MM` → ДД.ММ.ГГГГ ЧЧ:ММ; text that is not a date-time is shown as it is. */
export function formatTypedDateTime(value: string): string {
  const m = LOCAL_DATE_TIME.exec(value)
  return m && isCalendarDate(m[1]!) ? formatDateTimeRu(value) : value
}

/** A local date for the calendar widget (which works in `Date`s) and back, without time-zone shifts. */
export function calendarDateToLocal(value: string): Date | null {
  if (!isCalendarDate(value)) return null
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(2000, m - 1, d)
  date.setFullYear(y)
  return date
}

export function localToCalendarDate(date: Date): CalendarDate {
  return formatDate(date.getFullYear(), date.getMonth() + 1, date.getDate())
}
