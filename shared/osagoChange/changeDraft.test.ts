import { describe, expect, it } from 'vitest'
import { completeDraft } from '../osago/testing/completeDraft'
import { applyChangeToDraft, changedPaths, kindProblems } from './changeDraft'

const before = completeDraft('2026-12-06')

describe('a change takes only what its kind changes', () => {
  it('a new plate keeps the drivers the edit also touched', () => {
    const edited = structuredClone(before)
    edited.vehicle.plate = 'А123ВС77'
    if (edited.drivers.mode !== 'list') throw new Error('list expected')
    edited.drivers.list.pop()
    const after = applyChangeToDraft(before, edited, { changes: ['vehicle.plate'] })
    expect(after.vehicle.plate).toBe('А123ВС77')
    expect(after.drivers).toEqual(before.drivers)
    expect(changedPaths(before, after, ['vehicle.plate', 'drivers'])).toEqual(['vehicle.plate'])
    // The data before the change is never touched.
    expect(before.vehicle.plate).toBe('')
  })

  it('an owner part the policy does not have is left alone', () => {
    const after = applyChangeToDraft(before, structuredClone(before), { changes: ['owner.person.passport'] })
    expect(after).toEqual(before)
  })

  it('says at the field when the edit does not do what the kind says', () => {
    expect(kindProblems('add-driver', before, before)).toEqual({ drivers: 'osagoChange.errors.noDriverAdded' })
    expect(kindProblems('remove-driver', before, before)).toEqual({ drivers: 'osagoChange.errors.noDriverRemoved' })
    expect(kindProblems('period-of-use', before, before)).toEqual({
      'contract.periodsOfUse': 'osagoChange.errors.wholeTermAlready',
    })
    expect(kindProblems('plate', before, before)).toEqual({})
  })
})
