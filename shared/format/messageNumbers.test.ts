import { describe, expect, it } from 'vitest'
import { translate } from '../i18n/messages'
import { calculateOsagoPremium } from '../osago/calculator'
import { baseInput as osagoInput, regions, tariff6209, tariff7204 } from '../osago/testFixtures'
import { checkCondition, type ConditionFacts } from '../casco/conditions'
import type { CascoCondition } from '../casco/programsSchema'
import { baseInput as cascoInput, quote } from '../casco/testFixtures'
import { formatNumber } from './number'

/**
 * Numbers in messages read as Russian numbers (issue 14: «в коридоре 1399–8665 ₽», «Пробег 48250 км» on screen and
 * on the printed application). The calculators store their messages with parameters, so the parameters must be
 * formatted where they are made: this walks every message a calculation returns and fails on a quantity of four
 * digits or more that reached it unformatted.
 */

const NBSP = '\u00a0'

/** Parameters that are years, not quantities: «2019 года выпуска» is not grouped. */
const YEARS: Record<string, readonly string[]> = {
  'casco.conditions.modelYearRecent': ['earliest', 'actual'],
}

const DATE = /^(\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4})$/

/** A raw number of four digits or more, or a text of digits whose four-digit run no grouping split («1399–8665»). */
function unformatted(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) >= 1000
  if (typeof value !== 'string' || DATE.test(value)) return false
  return /^[\d\s.,–+≤>-]*$/.test(value) && /\d{4}/.test(value)
}

/** Every message (`{ key | messageKey, params }`) anywhere in a calculation's result. */
function messagesIn(value: unknown, out: Array<{ key: string; params: Record<string, unknown> }> = []) {
  if (Array.isArray(value)) value.forEach((v) => messagesIn(v, out))
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>
    const key = typeof o.key === 'string' ? o.key : typeof o.messageKey === 'string' ? o.messageKey : null
    if (key && o.params && typeof o.params === 'object') out.push({ key, params: o.params as Record<string, unknown> })
    Object.values(o).forEach((v) => messagesIn(v, out))
  }
  return out
}

/** `key.param = value` for each parameter shown unformatted. */
function unformattedParams(result: unknown): string[] {
  return messagesIn(result).flatMap(({ key, params }) =>
    Object.entries(params)
      .filter(([name, v]) => !YEARS[key]?.includes(name) && unformatted(v))
      .map(([name, v]) => `${key}.${name} = ${String(v)}`),
  )
}

describe('formatNumber', () => {
  it('groups thousands with a no-break space and writes a decimal comma', () => {
    expect(formatNumber(1399)).toBe(`1${NBSP}399`)
    expect(formatNumber(48_250)).toBe(`48${NBSP}250`)
    expect(formatNumber(1_500_000)).toBe(`1${NBSP}500${NBSP}000`)
    expect(formatNumber(110.16)).toBe('110,16')
    expect(formatNumber(2.5)).toBe('2,5')
    expect(formatNumber(999)).toBe('999')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(1234.567)).toBe(`1${NBSP}234,57`)
    expect(formatNumber(1234.567, 0)).toBe(`1${NBSP}235`)
  })

  it('is what the check below accepts, and the check catches what it would not', () => {
    expect(unformatted(formatNumber(8665))).toBe(false)
    expect(unformatted(8665)).toBe(true)
    expect(unformatted('1399–8665')).toBe(true)
    expect(unformatted('50000+')).toBe(true)
    expect(unformatted('7204-U')).toBe(false)
    expect(unformatted('2026-03-02')).toBe(false)
    expect(unformatted(999)).toBe(false)
  })
})

/** 7204-U is in force from 09.12.2025 (the fixture's dates are of 6209-U). */
const IN_7204 = { conclusionDate: '2025-12-10', startDate: '2025-12-10' }

describe('OSAGO: the premium breakdown', () => {
  it('writes the TB corridor as Russian numbers, on screen and on paper alike', () => {
    const r = calculateOsagoPremium(osagoInput(IN_7204), tariff7204, regions)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const tb = r.value.breakdown.find((b) => b.code === 'tb')!
    expect(translate('ru', tb.label.key, tb.label.params)).toContain(`в коридоре 1${NBSP}399–8${NBSP}665 ₽`)
  })

  it.each([
    ['6209-U, horse power, individual', tariff6209, {}],
    ['7204-U, kilowatts, legal entity', tariff7204, { power: 'kw' as const, legal: true }],
  ])('has no unformatted number in any message (%s)', (_name, tariff, how) => {
    const input = osagoInput(tariff === tariff7204 ? IN_7204 : {})
    const vehicle =
      'power' in how ? { ...input.vehicle, powerHp: undefined, powerKw: 1_150 } : { ...input.vehicle, powerHp: 1_500 }
    const owner = 'legal' in how ? { ...input.owner, type: 'legal' as const } : input.owner
    const r = calculateOsagoPremium({ ...input, vehicle, owner } as typeof input, tariff, regions)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(messagesIn(r.value).length).toBeGreaterThan(5)
    expect(unformattedParams(r.value)).toEqual([])
  })
})

describe('CASCO: conditions, factors, components and underwriting', () => {
  it('writes the mileage of a condition as Russian numbers', () => {
    const c = { type: 'mileageBelow', km: 1000 } as CascoCondition
    const refused = checkCondition(c, { mileageKm: 48_250 } as ConditionFacts)!
    expect(translate('ru', refused.key, refused.params)).toBe(
      `Пробег 48${NBSP}250 км, а должен быть меньше 1${NBSP}000 км`,
    )
  })

  it('has no unformatted number in any message of a quote', () => {
    const q = quote(
      cascoInput({
        vehicle: { ...cascoInput().vehicle, mileageKm: 148_250 },
        options: [
          {
            risks: 'damageTheft',
            settlement: 'dealer',
            franchise: { type: 'unconditional', mode: 'amount', value: 1_200_000 },
            discountPercent: 7.5,
            accident: { sumPerSeatKopecks: 100_000_00, seats: 5 },
            extendedLiabilityKopecks: 1_500_000_00,
          },
          {
            risks: 'damageTheft',
            settlement: 'nonDealer',
            franchise: { type: 'conditional', mode: 'percent', value: 2.5 },
          },
        ],
      }),
    )
    const messages = messagesIn(q)
    expect(messages.map((m) => m.key)).toEqual(
      expect.arrayContaining(['casco.factors.mileage', 'casco.factors.franchise.unconditional.amount']),
    )
    expect(unformattedParams(q)).toEqual([])
  })
})
