import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, addYears, fullYearsBetween } from '../dates/calendarDate'
import { translate } from '../i18n/messages'
import { driverDateProblems, minDriverAge } from './driverDates'

const contract = { conclusionDate: '2026-12-05', startDate: '2026-12-06' }
const isoDate = fc.integer({ min: 0, max: 365 * 90 }).map((n) => addDays('1940-01-01', n))
const under = (min: number) => ({ key: 'validation.driverAge.tooYoung', params: { min } })
const future = { key: 'validation.licenseSince.future' }
const before16 = { key: 'validation.licenseSince.beforeAge', params: { min: 16 } }

describe("a driver's dates against the contract (docs/domain/product-decisions.md#driver-age)", () => {
  it('refuses a 17-year-old car driver at the start date, not one who turns 18 on it', () => {
    expect(driverDateProblems({ birthDate: '2008-12-07' }, contract, 'B')).toEqual({
      birthDate: under(18),
    })
    expect(driverDateProblems({ birthDate: '2008-12-06' }, contract, 'B')).toEqual({})
    // A motorcycle may be driven from 16.
    expect(driverDateProblems({ birthDate: '2009-12-07' }, contract, 'A')).toEqual({})
    expect(driverDateProblems({ birthDate: '2010-12-07' }, contract, 'M')).toEqual({
      birthDate: under(16),
    })
  })

  it('refuses a licence dated after today; a year typed alone only when the year is later', () => {
    const adult = { birthDate: '1990-01-01' }
    expect(driverDateProblems({ ...adult, licenseSince: '2026-12-06' }, contract, 'B')).toEqual({
      licenseSince: future,
    })
    expect(driverDateProblems({ ...adult, licenseSince: '2026-12-05' }, contract, 'B')).toEqual({})
    expect(driverDateProblems({ ...adult, licenseSince: '2026-12-31', licenseYearOnly: true }, contract, 'B')).toEqual(
      {},
    )
    expect(driverDateProblems({ ...adult, licenseSince: '2027-12-31', licenseYearOnly: true }, contract, 'B')).toEqual({
      licenseSince: future,
    })
  })

  it('refuses experience longer than age − 16', () => {
    expect(driverDateProblems({ birthDate: '1990-05-10', licenseSince: '2006-05-09' }, contract, 'B')).toEqual({
      licenseSince: before16,
    })
    expect(driverDateProblems({ birthDate: '1990-05-10', licenseSince: '2006-05-10' }, contract, 'B')).toEqual({})
  })

  it('says nothing about dates not typed yet or not real', () => {
    expect(driverDateProblems({ birthDate: '', licenseSince: '2027-13-01' }, contract, 'B')).toEqual({})
    expect(driverDateProblems({ birthDate: '2015-01-01' }, { startDate: '' }, 'B')).toEqual({})
  })

  it('flags the birth date exactly when the driver is younger than the category allows on the start date (property)', () => {
    fc.assert(
      fc.property(isoDate, fc.constantFrom('A', 'M', 'B', 'C', 'D'), (birth, category) => {
        const young = fullYearsBetween(birth, contract.startDate) < minDriverAge(category)
        expect(driverDateProblems({ birthDate: birth }, contract, category).birthDate !== undefined).toBe(young)
      }),
    )
  })

  it('leaves the licence alone exactly when it is issued by today and experience is at most age − 16 (property)', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (birth, licence) => {
        const problem = driverDateProblems({ birthDate: birth, licenseSince: licence }, contract, 'B').licenseSince
        const fine = licence <= contract.conclusionDate && licence >= addYears(birth, 16)
        expect(problem === undefined).toBe(fine)
        // What the KVS table needs: on the start date the experience never exceeds age − 16.
        if (fine) {
          const on = contract.startDate
          expect(fullYearsBetween(licence, on)).toBeLessThanOrEqual(fullYearsBetween(birth, on) - 16)
        }
      }),
    )
  })

  it('fills every placeholder of its messages, in Russian and English (property)', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.constantFrom('A', 'B'), (birth, licence, category) => {
        for (const p of Object.values(
          driverDateProblems({ birthDate: birth, licenseSince: licence }, contract, category),
        ))
          for (const locale of ['ru', 'en'] as const) {
            const text = translate(locale, p.key, p.params)
            expect(text, p.key).not.toMatch(/[{}]|validation\./)
          }
      }),
    )
    expect(translate('ru', under(18).key, under(18).params)).toBe('Водителю на дату начала договора меньше 18 лет')
    expect(translate('en', before16.key, before16.params)).toBe('A licence cannot be issued before age 16')
  })
})
