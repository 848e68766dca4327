import { z } from 'zod'
import { addDays, type CalendarDate } from '../dates/calendarDate'
import { calendarDateSchema, referenceFile } from '../reference/envelope'
import { MissingRuleError } from './errors'

/**
 * The Bank of Russia key rate with the dates each value took effect (`resources/reference/key-rate.json`), for
 * interest on late money under GK RF art. 395. Each version holds the whole history up to `knownUntil`; HQ ships a
 * newer version (later `effectiveFrom`) when the rate changes, and the newest version answers for every date.
 */
export const KEY_RATE_KIND = 'key-rate'

const rateSchema = z
  .object({
    /** First day the rate applies. */
    from: calendarDateSchema,
    /** Percent a year as a decimal string ("16.50"), so that it enters money arithmetic exactly. */
    percent: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, { message: 'a percentage such as 16.50' }),
    verified: z.boolean(),
    source: z.string().min(1),
  })
  .strict()
export type KeyRate = z.infer<typeof rateSchema>

export const keyRateDataSchema = z
  .object({
    /** The last day the table is known to be complete; later days take the last rate, flagged unverified. */
    knownUntil: calendarDateSchema,
    rates: z.array(rateSchema).min(1),
  })
  .strict()
  .superRefine((d, ctx) => {
    d.rates.forEach((r, i) => {
      if (i > 0 && r.from <= d.rates[i - 1]!.from)
        ctx.addIssue({
          code: 'custom',
          message: 'rates in order of their dates, one per date',
          path: ['rates', i, 'from'],
        })
    })
    if (d.knownUntil < d.rates.at(-1)!.from)
      ctx.addIssue({ code: 'custom', message: 'knownUntil before the last rate', path: ['knownUntil'] })
  })
export type KeyRateTable = z.infer<typeof keyRateDataSchema>

export const keyRateFileSchema = referenceFile(KEY_RATE_KIND, keyRateDataSchema)
export type KeyRateFile = z.infer<typeof keyRateFileSchema>

/** The newest version: each holds the full history, so the latest one knows the most. */
export function newestKeyRates(files: readonly KeyRateFile[]): KeyRateFile {
  const newest = [...files].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)).at(-1)
  if (!newest) throw new MissingRuleError(KEY_RATE_KIND, '(version)', 'no key-rate table')
  return newest
}

/** Days from `from` to `to` (inclusive) at one rate; `beyondKnown` when they lie after the table's `knownUntil`. */
export interface KeyRateSpan {
  from: CalendarDate
  to: CalendarDate
  percent: string
  /** The rate's own mark; false also for days past `knownUntil`, which only assume the last rate still holds. */
  verified: boolean
  beyondKnown: boolean
}

/**
 * Splits [from, to] at every rate change and at `knownUntil`. A day before the first rate stops with the table and
 * key named: interest for it would be a guess.
 */
export function keyRateSpans(from: CalendarDate, to: CalendarDate, table: KeyRateTable): KeyRateSpan[] {
  if (to < from) return []
  const first = table.rates[0]!
  if (from < first.from) throw new MissingRuleError(KEY_RATE_KIND, from, `the table starts on ${first.from}`)
  const cuts: Array<{ from: CalendarDate; percent: string; verified: boolean; beyondKnown: boolean }> = table.rates.map(
    (r) => ({ from: r.from, percent: r.percent, verified: r.verified, beyondKnown: false }),
  )
  const last = table.rates.at(-1)!
  cuts.push({ from: addDays(table.knownUntil, 1), percent: last.percent, verified: false, beyondKnown: true })
  const spans: KeyRateSpan[] = []
  cuts.forEach((c, i) => {
    const next = cuts[i + 1]
    const end = next ? addDays(next.from, -1) : to
    const a = c.from > from ? c.from : from
    const b = end < to ? end : to
    if (a <= b) spans.push({ from: a, to: b, percent: c.percent, verified: c.verified, beyondKnown: c.beyondKnown })
  })
  return spans
}
