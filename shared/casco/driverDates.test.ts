import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, addYears } from '../dates/calendarDate'
import { validateOsagoApplication } from '../osago/application'
import { draftToApplicationInput as osagoInput } from '../osago/draft'
import { completeDraft as completeOsagoDraft } from '../osago/testing/completeDraft'
import { cascoApplicationSchema, draftToApplicationInput, validateCascoApplication } from './draftApplication'
import { draftToQuoteInput, quoteFieldToFormPath, type CascoDraft, type CascoDriverDraft } from './draft'
import { completeCascoDraft } from './draftFixture'
import { cascoQuoteInputSchema } from './quoteInput'

/**
 * CASCO's listed drivers under the rule OSAGO's have (shared/validation/driverDates.ts,
 * docs/domain/product-decisions.md#driver-age): a driver under 18 on the start date, a licence dated after the quote,
 * experience longer than age − 16 — at the field while the clerk types, refused again by the core.
 */
const TODAY = '2026-12-05'

function withDrivers(edit: (list: CascoDriverDraft[], d: CascoDraft) => void): CascoDraft {
  const d = completeCascoDraft(TODAY)
  if (d.drivers.mode !== 'list') throw new Error('the fixture lists its drivers')
  d.drivers.list.push({ ...d.drivers.list[0]!, name: 'Мария', gender: 'female' })
  edit(d.drivers.list, d)
  return d
}
const check = (d: CascoDraft) => validateCascoApplication(draftToApplicationInput(d))

describe("CASCO drivers' dates", () => {
  it('accepts the complete case', () => {
    expect(check(withDrivers(() => {}))).toMatchObject({ ok: true })
  })

  it('names the field with the message’s parameters: a 17-year-old, a licence dated after the quote, one before 16', () => {
    const r = check(
      withDrivers((list, d) => {
        list[0]!.birthDate = addYears(d.contract.startDate, -17)
        list[0]!.licenseSince = addYears(list[0]!.birthDate, 16)
        list[1]!.licenseSince = addDays(TODAY, 1)
      }),
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.fieldErrors['drivers.list.0.birthDate']).toBe('validation.driverAge.tooYoung')
    expect(r.fieldParams['drivers.list.0.birthDate']).toEqual({ min: 18 })
    expect(r.fieldErrors['drivers.list.1.licenseSince']).toBe('validation.licenseSince.future')
    const early = check(withDrivers((list) => (list[1]!.licenseSince = addYears(list[1]!.birthDate, 15))))
    expect(early).toMatchObject({
      ok: false,
      fieldErrors: { 'drivers.list.1.licenseSince': 'validation.licenseSince.beforeAge' },
      fieldParams: { 'drivers.list.1.licenseSince': { min: 16 } },
    })
  })

  it('lets a motorcyclist drive from 16', () => {
    const d = withDrivers((list, draft) => {
      list[0]!.birthDate = addYears(draft.contract.startDate, -17)
      list[0]!.licenseSince = addYears(list[0]!.birthDate, 16)
    })
    d.vehicle.category = 'A'
    expect(check(d)).toMatchObject({ ok: true })
  })

  it('shows the message while the rest of the form is still empty (the check on the case as typed)', () => {
    const r = check(
      withDrivers((list, d) => {
        d.vehicle.vin = ''
        d.insured.surname = ''
        list[0]!.birthDate = addYears(d.contract.startDate, -17)
      }),
    )
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { 'drivers.list.0.birthDate': 'validation.driverAge.tooYoung' },
      fieldParams: { 'drivers.list.0.birthDate': { min: 18 } },
    })
  })

  it('is refused by the schema the core submits with, and by the engine the core calculates with', () => {
    const d = withDrivers((list, draft) => (list[0]!.birthDate = addYears(draft.contract.startDate, -17)))
    const parsed = cascoApplicationSchema.safeParse(draftToApplicationInput(d))
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'drivers.list.0.birthDate',
      'validation.driverAge.tooYoung',
    ])
    const priced = cascoQuoteInputSchema.safeParse(draftToQuoteInput(d))
    const issue = priced.error?.issues[0]
    expect(issue).toMatchObject({ message: 'validation.driverAge.tooYoung', params: { min: 18 } })
    expect(quoteFieldToFormPath(issue!.path.join('.'), d)).toBe('drivers.list.0.birthDate')
  })

  it('the engine refuses a driver given by age under the category’s minimum too', () => {
    const input = { ...draftToQuoteInput(completeCascoDraft(TODAY)), drivers: [{ age: 17, experienceYears: 0 }] }
    const r = cascoQuoteInputSchema.safeParse({ ...input, drivers: [{ ...input.drivers[0], gender: 'male' }] })
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['drivers.0.age', 'validation.driverAge.tooYoung'],
    ])
  })

  const isoDate = fc.integer({ min: 0, max: 365 * 90 }).map((n) => addDays('1940-01-01', n))

  it('gives the same message at the same field as OSAGO for the same dates: one rule for both products (property)', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.constantFrom('A', 'B', 'C'), (birth, licence, category) => {
        const casco = withDrivers((list) => {
          list[0]!.birthDate = birth
          list[0]!.licenseSince = licence
        })
        casco.vehicle.category = category
        const osago = completeOsagoDraft(TODAY)
        if (osago.drivers.mode !== 'list') throw new Error('the fixture lists its drivers')
        Object.assign(osago.drivers.list[0]!, { birthDate: birth, licenseSince: licence, licenseYearOnly: false })
        // Both forms start cover tomorrow, so the two contracts have the same dates.
        expect(casco.contract.startDate).toBe(osago.contract.startDate)
        osago.vehicle.category = category
        const c = check(casco)
        const o = validateOsagoApplication(osagoInput(osago))
        for (const field of ['birthDate', 'licenseSince']) {
          const path = `drivers.list.0.${field}`
          const pick = (r: typeof c | typeof o) =>
            r.ok ? [null, null] : [r.fieldErrors[path] ?? null, r.fieldParams[path] ?? null]
          expect(pick(c), path).toEqual(pick(o))
        }
      }),
      { numRuns: 60 },
    )
  })
})
