// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { SECTIONS } from '../navigation'
import { router } from './index'

/** Every feature's `routes.ts`, found on disk: the router must compose each one. */
const featureRoutes = import.meta.glob<Record<string, RouteRecordRaw[]>>('../features/*/routes.ts', { eager: true })

describe('the router, composed from the features’ routes.ts', () => {
  const routes = router.getRoutes()

  it('holds every route of every feature, names unique', () => {
    expect(Object.keys(featureRoutes).length).toBeGreaterThanOrEqual(12)
    const names = routes.map((r) => r.name).filter((n) => n !== undefined)
    expect(new Set(names).size).toBe(names.length)
    for (const [file, mod] of Object.entries(featureRoutes)) {
      for (const list of Object.values(mod)) {
        for (const r of list) expect(router.hasRoute(r.name!), `${file}: ${String(r.name)}`).toBe(true)
      }
    }
  })

  it('opens each menu section at its path, guarded by the section’s roles, and every screen of a section too', () => {
    for (const s of SECTIONS) {
      const r = router.resolve(s.path)
      expect(r.name, s.path).toBe(s.key)
      expect(r.meta.roles).toEqual(s.roles)
    }
    for (const path of [
      '/osago/x',
      '/casco/x',
      '/inspections/x',
      '/approvals/x',
      '/terminations/x',
      '/terminations/new',
    ]) {
      const r = router.resolve(path)
      const section = SECTIONS.find((s) => path.startsWith(`${s.path}/`))!
      expect(r.meta.section, path).toBe(section.key)
      expect(r.meta.roles, path).toEqual(section.roles)
    }
    expect(router.resolve('/terminations/new').name).toBe('termination-new')
    expect(router.resolve('/sign-in').meta.public).toBe(true)
    expect(router.resolve('/nowhere').matched[0]?.path).toBe('/:pathMatch(.*)*')
  })
})
