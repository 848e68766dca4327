import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, addYears, fullYearsBetween } from '../dates/calendarDate'
import { osagoApplicationSchema, validateOsagoApplication } from './application'
import { draftToApplicationInput } from './draft'
import { completeDraft } from './testing/completeDraft'
import { driverDateProblems, minDriverAge } from './driverDates'

const contract = { conclusionDate: '2026-12-05', startDate: '2026-12-06' }
const isoDate = fc.integer({ min: 0, max: 365 * 90 }).map((n) => addDays('1940-01-01', n))

describe("a driver's dates against the contract (docs/domain/product-decisions.md#driver-age)", () => {
  it('refuses a 17-year-old car driver at the start date, not one who turns 18 on it', () => {
    expect(driverDateProblems({ birthDate: '2008-12-07' }, contract, 'B')).toEqual({
      birthDate: 'osago.form.driverUnder18',
    })
    expect(driverDateProblems({ birthDate: '2008-12-06' }, contract, 'B')).toEqual({})
    // A motorcycle may be driven from 16.
    expect(driverDateProblems({ birthDate: '2009-12-07' }, contract, 'A')).toEqual({})
    expect(driverDateProblems({ birthDate: '2010-12-07' }, contract, 'M')).toEqual({
      birthDate: 'osago.form.driverUnder16',
    })
  })

  it('refuses a licence dated after today; a year typed alone only when the year is later', () => {
    const adult = { birthDate: '1990-01-01' }
    expect(driverDateProblems({ ...adult, licenseSince: '2026-12-06' }, contract, 'B')).toEqual({
      licenseSince: 'osago.form.licenceInFuture',
    })
    expect(driverDateProblems({ ...adult, licenseSince: '2026-12-05' }, contract, 'B')).toEqual({})
    expect(driverDateProblems({ ...adult, licenseSince: '2026-12-31', licenseYearOnly: true }, contract, 'B')).toEqual(
      {},
    )
    expect(driverDateProblems({ ...adult, licenseSince: '2027-12-31', licenseYearOnly: true }, contract, 'B')).toEqual({
      licenseSince: 'osago.form.licenceInFuture',
    })
  })

  it('refuses experience longer than age − 16', () => {
    expect(driverDateProblems({ birthDate: '1990-05-10', licenseSince: '2006-05-09' }, contract, 'B')).toEqual({
      licenseSince: 'osago.form.licenceBefore16',
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
})

describe('the driver date rules in the application (the form while typing, the core on calculate and issue)', () => {
  const TODAY = '2026-12-05'
  function check(edit: (d: ReturnType<typeof completeDraft>) => void) {
    const draft = completeDraft(TODAY)
    edit(draft)
    return validateOsagoApplication(draftToApplicationInput(draft))
  }
  const list = (d: ReturnType<typeof completeDraft>) => {
    if (d.drivers.mode !== 'list') throw new Error('the fixture lists its drivers')
    return d.drivers.list
  }

  it('accepts the complete draft', () => {
    expect(check(() => {})).toMatchObject({ ok: true })
  })

  it('names the field: a 17-year-old driver, a licence dated tomorrow', () => {
    const r = check((d) => {
      list(d)[0]!.birthDate = addYears(d.contract.startDate, -17)
      list(d)[0]!.licenseSince = addYears(list(d)[0]!.birthDate, 16)
      list(d)[1]!.licenseSince = addDays(TODAY, 1)
      list(d)[1]!.licenseYearOnly = false
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.fieldErrors['drivers.list.0.birthDate']).toBe('osago.form.driverUnder18')
    expect(r.fieldErrors['drivers.list.1.licenseSince']).toBe('osago.form.licenceInFuture')
  })

  it('is refused by the schema itself, as the core parses the application', () => {
    const draft = completeDraft(TODAY)
    list(draft)[0]!.birthDate = addYears(draft.contract.startDate, -17)
    list(draft)[0]!.licenseSince = addYears(list(draft)[0]!.birthDate, 16)
    const parsed = osagoApplicationSchema.safeParse(draftToApplicationInput(draft))
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['drivers.list.0.birthDate', 'osago.form.driverUnder18'],
    ])
  })

  it('names the field while another part of the form is still empty (the cross-field check)', () => {
    const r = check((d) => {
      d.vehicle.vin = ''
      list(d)[0]!.birthDate = addYears(d.contract.startDate, -17)
    })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.fieldErrors['drivers.list.0.birthDate']).toBe('osago.form.driverUnder18')
  })
})
