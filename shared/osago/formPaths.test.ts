import { describe, expect, it } from 'vitest'
import { emptyOrganisation } from '../party/draft'
import { emptyDraft } from './draft'
import { premiumFieldToFormPath } from './formPaths'

describe('premium field → form path', () => {
  const draft = emptyDraft('2026-11-21')
  it('maps calculator paths onto the form', () => {
    expect(premiumFieldToFormPath('drivers[1].licenseSince', draft)).toBe('drivers.list.1.licenseSince')
    expect(premiumFieldToFormPath('periodsOfUse[0].from', draft)).toBe('contract.periodsOfUse.0.from')
    expect(premiumFieldToFormPath('vehicle.powerKw', draft)).toBe('vehicle.power')
    expect(premiumFieldToFormPath('owner.region', draft)).toBe('insured.address.region')
    expect(premiumFieldToFormPath('startDate', draft)).toBe('contract.startDate')
    expect(premiumFieldToFormPath(null, draft)).toBeNull()
  })
  it('follows the owner block when the owner is not the insured', () => {
    const legal = {
      ...draft,
      ownerIsInsured: false,
      owner: { type: 'legal' as const, entity: { ...emptyOrganisation(), address: draft.insured.address } },
    }
    expect(premiumFieldToFormPath('owner.city', legal)).toBe('owner.entity.address.city')
  })
})
