/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic goes through a day number (days since 1970-01-01, UTC)
 * so that no local time zone or DST shift can move a date — contracts, terms and deadlines are calendar days.
 */
export type CalendarDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

function parts(date: CalendarDate): [number, number, number] {
  const m = ISO_DATE.exec(date)
  if (!m || !isCalendarDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
}

export function toDayNumber(date: CalendarDate): number {
  const [y, m, d] = parts(date)
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY)
}

export function fromDayNumber(day: number): CalendarDate {
  const dt = new Date(day * MS_PER_DAY)
  return formatDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate())
}

export function formatDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Adds calendar months; a day that does not exist in the target month is clamped to its last day (31.01 + 1 → 28/29.02). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(date)
  const index = y * 12 + (m - 1) + months
  const ty = Math.floor(index / 12)
  const tm = (index % 12) + 1
  return formatDate(ty, tm, Math.min(d, daysInMonth(ty, tm)))
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  return addMonths(date, years * 12)
}

/** Days from `a` to `b` (b − a); negative when b is earlier. */
export function diffDays(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a)
}

/** Inclusive count of days in [from, to]. */
export function daysInclusive(from: CalendarDate, to: CalendarDate): number {
  return diffDays(from, to) + 1
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Full years from `from` to `on` (age or experience on a date); the anniversary day counts as a full year. */
export function fullYearsBetween(from: CalendarDate, on: CalendarDate): number {
  const [fy, fm, fd] = parts(from)
  const [oy, om, od] = parts(on)
  let years = oy - fy
  if (om < fm || (om === fm && od < fd)) years -= 1
  return years
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const dow = new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay()
  return dow === 0 ? 7 : dow
}

/** Today in the given IANA time zone (branches work in local time; Europe/Moscow by default). */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  return fmt.format(now)
}
