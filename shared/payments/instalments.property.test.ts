import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, compareDates } from '../dates/calendarDate'
import { createWorkingDayCalendar, productionCalendarFileSchema } from '../reference/productionCalendar'
import {
  AFTER_GRACE,
  SUSPENSION_STARTS,
  cascoInstalmentTermsFileSchema,
  type CascoInstalmentTerms,
} from './instalmentTerms'
import { instalmentPayable, instalmentRank, instalmentState } from './instalments'

const read = (path: string): unknown =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources', path), 'utf8'))
// The branch calendar as the core builds it: the federal production calendar on file.
const calendar = createWorkingDayCalendar(
  productionCalendarFileSchema.parse(read('reference/production-calendar.json')).data,
)
const shipped = cascoInstalmentTermsFileSchema.parse(read('rules/casco-instalment-terms.json')).data

const v = <T>(value: T) => ({ value, verified: true })
const terms: fc.Arbitrary<CascoInstalmentTerms> = fc.record({
  reminderDaysBefore: fc.integer({ min: 0, max: 30 }).map(v),
  graceDays: fc.integer({ min: 0, max: 30 }).map(v),
  afterGrace: fc.constantFrom(...AFTER_GRACE).map(v),
  suspensionStarts: fc.constantFrom(...SUSPENSION_STARTS).map(v),
  terminateAfterDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }).map(v),
  dueDateMovesToWorkingDay: fc.boolean().map(v),
  partialPayments: fc.constant(v(false)),
})
/** Due dates over 2024–2027, the years the calendar holds, holidays included. */
const dueDate = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2024-01-01', n))
const offset = fc.integer({ min: -60, max: 150 })

describe('the status of a CASCO instalment (docs/domain/payments.md#casco-instalments)', () => {
  it('never moves back as the days pass while it is unpaid', () => {
    fc.assert(
      fc.property(terms, dueDate, offset, fc.integer({ min: 0, max: 120 }), (t, due, a, step) => {
        const earlier = instalmentState({ dueDate: due, paid: false }, addDays(due, a), t, calendar)
        const later = instalmentState({ dueDate: due, paid: false }, addDays(due, a + step), t, calendar)
        expect(instalmentRank(later)).toBeGreaterThanOrEqual(instalmentRank(earlier))
        // Once the contract has ended for want of it, it stays ended on the same day.
        if (earlier.consequence?.kind === 'terminated') expect(later.consequence).toEqual(earlier.consequence)
      }),
    )
  })

  it('a paid instalment is never overdue, whatever the day', () => {
    fc.assert(
      fc.property(terms, dueDate, offset, (t, due, a) => {
        const s = instalmentState({ dueDate: due, paid: true }, addDays(due, a), t, calendar)
        expect(s.status).toBe('paid')
        expect(s.consequence).toBeNull()
        expect(instalmentPayable(s)).toBe(false)
      }),
    )
  })

  it('the grace period ends exactly on its last day in the branch calendar: in on it, overdue the day after', () => {
    fc.assert(
      fc.property(terms, dueDate, (t, due) => {
        const s = (today: string) => instalmentState({ dueDate: due, paid: false }, today, t, calendar)
        const { lastDayToPay, graceLastDay } = s(due)
        expect(s(graceLastDay).status).toBe(t.graceDays.value === 0 ? 'due' : 'grace')
        expect(s(addDays(graceLastDay, 1)).status).toBe('overdue')
        expect(s(lastDayToPay).status).toBe('due')
        if (t.dueDateMovesToWorkingDay.value) {
          // Both last days are working days, and no working day is skipped to reach them (GK RF art. 193).
          expect(calendar.isWorkingDay(lastDayToPay)).toBe(true)
          expect(calendar.isWorkingDay(graceLastDay)).toBe(true)
          for (let d = due; compareDates(d, lastDayToPay) < 0; d = addDays(d, 1))
            expect(calendar.isWorkingDay(d)).toBe(false)
        } else expect(lastDayToPay).toBe(due)
        expect(compareDates(graceLastDay, addDays(lastDayToPay, t.graceDays.value))).toBeGreaterThanOrEqual(0)
      }),
    )
  })

  it('the reminder window opens exactly `reminderDaysBefore` days before the due date', () => {
    fc.assert(
      fc.property(terms, dueDate, (t, due) => {
        const s = (today: string) => instalmentState({ dueDate: due, paid: false }, today, t, calendar).status
        const opens = addDays(due, -t.reminderDaysBefore.value)
        expect(s(addDays(opens, -1))).toBe('upcoming')
        expect(s(opens)).toBe(t.reminderDaysBefore.value === 0 ? 'due' : 'reminder')
      }),
    )
  })

  it('an overdue instalment carries its consequence; it may be paid until the contract has ended', () => {
    fc.assert(
      fc.property(terms, dueDate, fc.integer({ min: 1, max: 200 }), (t, due, late) => {
        const first = instalmentState({ dueDate: due, paid: false }, due, t, calendar)
        const s = instalmentState({ dueDate: due, paid: false }, addDays(first.graceLastDay, late), t, calendar)
        expect(s.status).toBe('overdue')
        expect(s.consequence).not.toBeNull()
        if (t.afterGrace.value === 'terminate')
          expect(s.consequence).toEqual({ kind: 'terminated', on: addDays(first.graceLastDay, 1) })
        expect(instalmentPayable(s)).toBe(s.consequence?.kind === 'suspended')
      }),
    )
  })
})

describe('the shipped terms', () => {
  const state = (due: string, today: string) => instalmentState({ dueDate: due, paid: false }, today, shipped, calendar)

  it('a due date on the New Year holidays is paid on time on the first working day; then 5 days of grace', () => {
    // 03.01.2027 is a holiday (Labour Code art. 112); the first working day is 11.01.2027 in the calendar on file.
    const s = state('2027-01-03', '2026-12-27')
    expect(s).toMatchObject({ status: 'reminder', remindFrom: '2026-12-27' })
    expect(state('2027-01-03', '2026-12-26').status).toBe('upcoming')
    const { lastDayToPay, graceLastDay } = s
    expect(calendar.isWorkingDay(lastDayToPay)).toBe(true)
    expect(state('2027-01-03', lastDayToPay).status).toBe('due')
    expect(state('2027-01-03', graceLastDay).status).toBe('grace')
    // Overdue the day after the grace: suspended back to the day after the last day to pay, ended 30 days later.
    expect(state('2027-01-03', addDays(graceLastDay, 1))).toMatchObject({
      status: 'overdue',
      consequence: { kind: 'suspended', since: addDays(lastDayToPay, 1), endsOn: addDays(lastDayToPay, 31) },
    })
    expect(state('2027-01-03', addDays(lastDayToPay, 31)).consequence).toEqual({
      kind: 'terminated',
      on: addDays(lastDayToPay, 31),
    })
  })

  it('a due date on an ordinary Wednesday: due that day, grace through the following Monday', () => {
    expect(state('2027-03-17', '2027-03-17')).toMatchObject({ status: 'due', lastDayToPay: '2027-03-17', daysLeft: 0 })
    expect(state('2027-03-17', '2027-03-22')).toMatchObject({ status: 'grace', graceLastDay: '2027-03-22' })
    expect(state('2027-03-17', '2027-03-23').status).toBe('overdue')
  })
})
