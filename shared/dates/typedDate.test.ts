import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatDate, isCalendarDate } from './calendarDate'
import {
  calendarDateToLocal,
  formatTypedDate,
  formatTypedDateTime,
  localToCalendarDate,
  parseTypedDate,
  parseTypedDateTime,
  tidyTypedDate,
} from './typedDate'

const TODAY = '2026-12-05'

describe('parseTypedDate', () => {
  it('reads the three ways a clerk types 12 April 1999', () => {
    for (const text of ['12041999', '12.04.99', '12.04.1999', '120499', ' 12.04.1999 ', '12/04/1999', '12-4-1999'])
      expect(parseTypedDate(text, 'past', TODAY), text).toEqual({ ok: true, value: '1999-04-12' })
  })

  it('puts a two-digit year in the latest past century for past dates, in 20xx for policy dates', () => {
    expect(parseTypedDate('12.04.99', 'future', TODAY)).toEqual({ ok: true, value: '2099-04-12' })
    expect(parseTypedDate('12.04.05', 'past', TODAY)).toEqual({ ok: true, value: '2005-04-12' })
    // Today is still this century; tomorrow's day and month in '26 is a date of 1926.
    expect(parseTypedDate('05.12.26', 'past', TODAY)).toEqual({ ok: true, value: '2026-12-05' })
    expect(parseTypedDate('06.12.26', 'past', TODAY)).toEqual({ ok: true, value: '1926-12-06' })
    expect(parseTypedDate('06.12.26', 'future', TODAY)).toEqual({ ok: true, value: '2026-12-06' })
  })

  it('tells an unfinished date from one the calendar does not have', () => {
    expect(parseTypedDate('', 'past', TODAY)).toEqual({ ok: null })
    expect(parseTypedDate('12.04.1', 'past', TODAY)).toEqual({ ok: false, problem: 'incomplete' })
    expect(parseTypedDate('12.04.199', 'past', TODAY)).toEqual({ ok: false, problem: 'incomplete' })
    expect(parseTypedDate('1204', 'past', TODAY)).toEqual({ ok: false, problem: 'incomplete' })
    expect(parseTypedDate('31.02.2020', 'past', TODAY)).toEqual({ ok: false, problem: 'invalid' })
    expect(parseTypedDate('29.02.2021', 'future', TODAY)).toEqual({ ok: false, problem: 'invalid' })
    expect(parseTypedDate('29.02.2024', 'future', TODAY)).toEqual({ ok: true, value: '2024-02-29' })
    expect(parseTypedDate('12.13.2020', 'past', TODAY)).toEqual({ ok: false, problem: 'invalid' })
    expect(parseTypedDate('00.01.2020', 'past', TODAY)).toEqual({ ok: false, problem: 'invalid' })
    expect(parseTypedDate('2020-02-01x', 'past', TODAY)).toEqual({ ok: false, problem: 'invalid' })
  })

  it('round-trips every calendar date through what the field shows (property)', () => {
    const date = fc
      .record({
        y: fc.integer({ min: 1000, max: 9999 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 31 }),
      })
      .map(({ y, m, d }) => formatDate(y, m, Math.min(d, new Date(Date.UTC(y, m, 0)).getUTCDate())))
    fc.assert(
      fc.property(date, fc.constantFrom('past', 'future') as fc.Arbitrary<'past' | 'future'>, (iso, century) => {
        expect(parseTypedDate(formatTypedDate(iso), century, TODAY)).toEqual({ ok: true, value: iso })
        expect(parseTypedDate(formatTypedDate(iso).replace(/\./g, ''), century, TODAY)).toEqual({
          ok: true,
          value: iso,
        })
      }),
    )
  })

  it('accepts only real calendar dates, and a past date with a two-digit year is never after today (property)', () => {
    const typed = fc.oneof(
      fc.stringMatching(/^\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})$/),
      fc.stringMatching(/^\d{6}$|^\d{8}$/),
      fc.string({ maxLength: 12 }),
    )
    fc.assert(
      fc.property(typed, fc.constantFrom('past', 'future') as fc.Arbitrary<'past' | 'future'>, (text, century) => {
        const r = parseTypedDate(text, century, TODAY)
        if (r.ok !== true) return
        expect(isCalendarDate(r.value)).toBe(true)
        const twoDigitYear = /^\d{6}$/.test(text.trim()) || /\.\d{2}$/.test(text.trim())
        if (twoDigitYear && century === 'past') expect(r.value <= TODAY).toBe(true)
        if (twoDigitYear && century === 'future') expect(r.value.slice(0, 2)).toBe('20')
      }),
    )
  })
})

describe('tidyTypedDate', () => {
  it('pads a one-digit day or month and turns other separators into dots', () => {
    expect(tidyTypedDate('1.')).toBe('01.')
    expect(tidyTypedDate('1.4.')).toBe('01.04.')
    expect(tidyTypedDate('12.4')).toBe('12.4')
    expect(tidyTypedDate('12/4/1999')).toBe('12.04.1999')
    expect(tidyTypedDate('12041999')).toBe('12041999')
  })
})

describe('parseTypedDateTime', () => {
  it('reads ДД.ММ.ГГГГ ЧЧ:ММ on a 24-hour clock', () => {
    expect(parseTypedDateTime('05.12.2026 14:44', 'past', TODAY)).toEqual({ ok: true, value: '2026-12-05T14:44' })
    expect(parseTypedDateTime('05.12.2026 9:05', 'past', TODAY)).toEqual({ ok: true, value: '2026-12-05T09:05' })
    expect(parseTypedDateTime('05.12.2026', 'past', TODAY)).toEqual({ ok: false, problem: 'incomplete' })
    expect(parseTypedDateTime('05.12.2026 14:4', 'past', TODAY)).toEqual({ ok: false, problem: 'incomplete' })
    expect(parseTypedDateTime('05.12.2026 24:00', 'past', TODAY)).toEqual({ ok: false, problem: 'invalid' })
    expect(parseTypedDateTime('31.11.2026 10:00', 'past', TODAY)).toEqual({ ok: false, problem: 'invalid' })
    expect(parseTypedDateTime('', 'past', TODAY)).toEqual({ ok: null })
  })

  it('round-trips through what the field shows (property)', () => {
    const value = fc
      .record({
        d: fc.integer({ min: 0, max: 2_900_000 }),
        h: fc.integer({ min: 0, max: 23 }),
        min: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ d, h, min }) => {
        const day = new Date(Date.UTC(1900, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)
        return `${day}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
      })
    fc.assert(
      fc.property(value, (v) => {
        expect(parseTypedDateTime(formatTypedDateTime(v), 'past', TODAY)).toEqual({ ok: true, value: v })
      }),
    )
  })
})

describe('the calendar widget conversion', () => {
  it('keeps the calendar day whatever the time zone', () => {
    for (const iso of ['1999-04-12', '2026-12-31', '0099-01-01'])
      expect(localToCalendarDate(calendarDateToLocal(iso)!)).toBe(iso)
    expect(calendarDateToLocal('2020-02-30')).toBeNull()
  })
})
