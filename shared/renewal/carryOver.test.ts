import { describe, expect, it } from 'vitest'
import { completeCascoDraft } from '../casco/draftFixture'
import { completeDraft } from '../osago/testing/completeDraft'
import { cascoRenewalDraft, osagoRenewalDraft } from './carryOver'

describe('what a renewal carries over (docs/domain/renewal.md#r2, #r3)', () => {
  it('OSAGO: everything but the dates; periods of use move a year on; a KBM answer of the old term is dropped', () => {
    const old = completeDraft('2026-11-21')
    old.contract.periodsOfUse = [{ from: '2026-12-01', to: '2027-05-31' }]
    if (old.drivers.mode !== 'list') throw new Error('a list of drivers expected')
    Object.assign(old.drivers.list[0]!, {
      kbmCheck: { source: 'ais', class: '4', requestId: 'r', checkedAt: 'x', document: 'd' },
    })
    const draft = osagoRenewalDraft(old, '2027-10-01', { start: '2026-11-22', end: '2027-11-21' })
    expect(draft.contract).toEqual({
      conclusionDate: '2027-10-01',
      startDate: '2027-11-22',
      periodsOfUse: [{ from: '2027-12-01', to: '2028-05-31' }],
    })
    expect(draft.insured).toEqual(old.insured)
    expect(draft.vehicle).toEqual(old.vehicle)
    if (draft.drivers.mode !== 'list') throw new Error('a list of drivers expected')
    expect(draft.drivers.list[0]).not.toHaveProperty('kbmCheck')
    expect(draft.drivers.list[0]!.kbmClass).toBe(old.drivers.list[0]!.kbmClass)
    // The old draft is not touched.
    expect(old.drivers.list[0]).toHaveProperty('kbmCheck')
  })

  it('CASCO: marked as the renewal of the old contract, a year again, no clerk discount', () => {
    const old = completeCascoDraft('2026-11-21')
    old.options[0]!.discountPercent = 5
    const draft = cascoRenewalDraft(old, '2027-10-01', { start: '2026-11-22', end: '2027-11-21' })
    expect(draft.contract).toEqual({ quoteDate: '2027-10-01', startDate: '2027-11-22', termMonths: 12 })
    expect(draft.previousPolicy).toEqual({
      startDate: '2026-11-22',
      endDate: '2027-11-21',
      claims: null,
      sameOwnerAndInsured: true,
    })
    expect(draft.options.map((o) => o.discountPercent)).toEqual(old.options.map(() => null))
    expect(draft.insured).toEqual(old.insured)
  })
})
