import { describe, expect, it } from 'vitest'
import { can } from '@shared/lifecycle/can'
import { ROLES } from '@shared/contract/roles'
import { LIST_ROUTE, itemRoute, shortcutsFor } from './homeLinks'
import { osagoRoutes } from '../osago/routes'
import { cascoRoutes } from '../casco/routes'
import { inspectionRoutes } from '../inspection/routes'
import { terminationRoutes } from '../termination/routes'
import { approvalRoutes } from '../approval/routes'
import { staffRoutes } from '../staff/routes'
import { blanksRoutes } from '../blanks/routes'
import { settingsRoutes } from '../settings/routes'

const keysFor = (role: (typeof ROLES)[number]) => shortcutsFor((c) => can(role, c)).map((s) => s.key)

describe('home shortcuts (issue 14)', () => {
  it('offers each role exactly the tasks its channels allow', () => {
    expect(keysFor('clerk')).toEqual(['newOsago', 'newCasco', 'newTermination'])
    expect(keysFor('supervisor')).toEqual(['newOsago', 'newCasco', 'newTermination', 'approvals'])
    expect(keysFor('inspector')).toEqual(['newInspection'])
    expect(keysFor('admin')).toEqual(['staff', 'blanks', 'settings'])
    expect(shortcutsFor(() => false)).toEqual([])
  })

  it('links only to routes that exist', () => {
    const names = new Set(
      [
        osagoRoutes,
        cascoRoutes,
        inspectionRoutes,
        terminationRoutes,
        approvalRoutes,
        staffRoutes,
        blanksRoutes,
        settingsRoutes,
      ]
        .flat()
        .map((r) => r.name),
    )
    for (const s of shortcutsFor(() => true)) {
      if (s.to) expect(names).toContain((s.to as { name: string }).name)
    }
    for (const name of Object.values(LIST_ROUTE)) expect(names).toContain(name)
    for (const kind of ['osago', 'casco', 'termination', 'inspection'] as const) {
      const to = itemRoute({ kind, id: 'x', status: 'draft', title: null, detail: null, at: '' }) as { name: string }
      expect(names).toContain(to.name)
    }
    expect(itemRoute({ kind: 'casco', id: 'q', status: 'submitted', title: null, detail: null, at: '' }, true)).toEqual(
      { name: 'approval-case', params: { id: 'q' } },
    )
  })
})
