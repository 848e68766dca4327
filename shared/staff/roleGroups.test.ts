import { describe, expect, it } from 'vitest'
import { ROLES } from '../contract/roles'
import * as groups from './roleGroups'
import { CASCO_CASE_DECIDERS, DESK, inGroup } from './roleGroups'

describe('role groups', () => {
  it('name only known roles, each group non-empty and without repeats', () => {
    for (const [name, group] of Object.entries(groups)) {
      if (typeof group === 'function') continue
      expect(group.length, name).toBeGreaterThan(0)
      expect(new Set(group).size, name).toBe(group.length)
      for (const role of group) expect(ROLES, `${name}: ${role}`).toContain(role)
    }
  })

  it('inGroup answers false for nobody signed in and for a role outside the group', () => {
    expect(inGroup(undefined, DESK)).toBe(false)
    expect(inGroup(null, DESK)).toBe(false)
    expect(inGroup('inspector', DESK)).toBe(false)
    expect(inGroup('unknown', CASCO_CASE_DECIDERS)).toBe(false)
    expect(inGroup('clerk', DESK)).toBe(true)
    expect(inGroup('supervisor', CASCO_CASE_DECIDERS)).toBe(true)
  })
})
