import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { addDays, fromDayNumber, toDayNumber } from '../dates/calendarDate'
import { createWorkingDayCalendar, productionCalendarFileSchema } from '../reference/productionCalendar'
import { coolingOffWindow } from './coolingOffWindow'
import { deadlineDate } from './deadlines'
import type { Deadline } from './rulesSchema'
import { bundledRules } from './testing/rules'

const calendarFile = productionCalendarFileSchema.parse(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/reference/production-calendar.json'), 'utf8')),
)
const calendar = createWorkingDayCalendar(calendarFile.data)
const anyDate = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2040-12-31') }).map(fromDayNumber)

/** Every payout deadline the bundled rules hold, wherever in the file, with its path. */
function deadlinesIn(node: unknown, path = ''): Array<[string, Deadline]> {
  if (typeof node !== 'object' || node === null) return []
  const o = node as Record<string, unknown>
  if ('count' in o && 'unit' in o && 'lastDayNonWorking' in o) return [[path, o as unknown as Deadline]]
  return Object.entries(o).flatMap(([k, v]) => deadlinesIn(v, path ? `${path}.${k}` : k))
}

describe('every deadline ends on a working day (GK RF art. 193)', () => {
  const deadlines = deadlinesIn(bundledRules)

  it('the bundled rules hold the OSAGO, cooling-off and CASCO payout deadlines', () => {
    expect(deadlines.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        'osago.payoutDeadline.value',
        'coolingOff.payoutDeadline.value',
        'cascoSale.payoutDeadline.value',
      ]),
    )
  })

  it('no calendar-day deadline in the bundled rules keeps a non-working last day', () => {
    for (const [path, d] of deadlines)
      if (d.unit === 'calendar-days') expect(d.lastDayNonWorking, path).toBe('next-working-day')
    expect(bundledRules.coolingOff.windowLastDayNonWorking.value).toBe('next-working-day')
    expect(bundledRules.limitationPeriod.value.lastDayNonWorking).toBe('next-working-day')
  })

  it('each bundled deadline, counted from any day of 2020–2040, lands on a working day at or after its plain last day', () => {
    fc.assert(
      fc.property(anyDate, fc.constantFrom(...deadlines), (from, [, d]) => {
        const due = deadlineDate(from, d, calendar)
        const plain = addDays(from, d.count)
        return calendar.isWorkingDay(due) && due >= plain
      }),
      { numRuns: 3000 },
    )
  })

  it('the cooling-off window ends on a working day, day 14 or the first working day after it', () => {
    fc.assert(
      fc.property(anyDate, (conclusion) => {
        const w = coolingOffWindow(
          conclusion,
          bundledRules.coolingOff.windowDays.value,
          bundledRules.coolingOff.windowLastDayNonWorking.value,
          calendar,
        )
        return calendar.isWorkingDay(w.windowEnd) && w.windowEnd === calendar.nextWorkingDay(w.lastDay)
      }),
      { numRuns: 2000 },
    )
  })

  it('14 calendar days landing on a holiday move to the next working day; on a working day they stay', () => {
    const osago = bundledRules.osago.payoutDeadline.value
    expect(deadlineDate('2026-04-15', osago, calendar)).toBe('2026-04-29')
    // Received 24.04.2026: day 14 is Friday 8 May, a working day. Received 25.04.2026: day 14 is Saturday 9 May, a
    // holiday, and 10–11 May are off too, so the refund is due on Tuesday 12 May.
    expect(deadlineDate('2026-04-24', osago, calendar)).toBe('2026-05-08')
    expect(deadlineDate('2026-04-25', osago, calendar)).toBe('2026-05-12')
    // The data could keep the day (not art. 193); the calculator does exactly what it says.
    expect(deadlineDate('2026-04-25', { ...osago, lastDayNonWorking: 'keep' }, calendar)).toBe('2026-05-09')
  })
})
