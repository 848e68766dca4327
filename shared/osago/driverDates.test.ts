import { describe, expect, it } from 'vitest'
import { addDays, addYears } from '../dates/calendarDate'
import { osagoApplicationSchema, validateOsagoApplication } from './application'
import { draftToApplicationInput } from './draft'
import { completeDraft } from './testing/completeDraft'

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
    expect(r.fieldErrors['drivers.list.0.birthDate']).toBe('validation.driverAge.tooYoung')
    expect(r.fieldParams['drivers.list.0.birthDate']).toEqual({ min: 18 })
    expect(r.fieldErrors['drivers.list.1.licenseSince']).toBe('validation.licenseSince.future')
  })

  it('is refused by the schema itself, as the core parses the application', () => {
    const draft = completeDraft(TODAY)
    list(draft)[0]!.birthDate = addYears(draft.contract.startDate, -17)
    list(draft)[0]!.licenseSince = addYears(list(draft)[0]!.birthDate, 16)
    const parsed = osagoApplicationSchema.safeParse(draftToApplicationInput(draft))
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['drivers.list.0.birthDate', 'validation.driverAge.tooYoung'],
    ])
    expect(parsed.error?.issues[0]).toMatchObject({ params: { min: 18 } })
  })

  it('names the field while another part of the form is still empty (the cross-field check)', () => {
    const r = check((d) => {
      d.vehicle.vin = ''
      list(d)[0]!.birthDate = addYears(d.contract.startDate, -17)
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.fieldErrors['drivers.list.0.birthDate']).toBe('validation.driverAge.tooYoung')
    // The message's «{min}» is filled while the form is incomplete too.
    expect(r.fieldParams['drivers.list.0.birthDate']).toEqual({ min: 18 })
  })
})
