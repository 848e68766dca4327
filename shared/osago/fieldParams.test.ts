import { describe, expect, it } from 'vitest'
import { validateOsagoApplication } from './application'
import { draftToApplicationInput } from './draft'
import { completeDraft } from './testing/completeDraft'

describe('the VIN message keeps its count in the application check (the form while typing and the core)', () => {
  it('while the rest of the form is still empty, and once it is complete', () => {
    const empty = completeDraft('2026-12-05')
    empty.vehicle.vin = 'XTAGFK330'
    empty.insured.surname = ''
    const incomplete = validateOsagoApplication(draftToApplicationInput(empty))
    const full = completeDraft('2026-12-05')
    full.vehicle.vin = 'XTAGFK330'
    const complete = validateOsagoApplication(draftToApplicationInput(full))
    for (const r of [incomplete, complete]) {
      expect(r).toMatchObject({
        ok: false,
        fieldErrors: { 'vehicle.vin': 'validation.vin.tooShort' },
        fieldParams: { 'vehicle.vin': { n: 9 } },
      })
    }
  })
})
