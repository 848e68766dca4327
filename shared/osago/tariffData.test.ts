import { describe, expect, it } from 'vitest'
import { addDays } from '../dates/calendarDate'
import { allTerritoryKeys } from '../reference/regions'
import { regions, tariff6209, tariff7204, tariffs } from './testFixtures'
import { kbmClasses, osagoTariffFileSchema } from './tariffSchema'

describe('bundled OSAGO tariff editions', () => {
  it('cover 13.09.2022 onwards without gaps or overlaps', () => {
    expect(tariff6209).toMatchObject({ version: '6209-U', effectiveFrom: '2022-09-13', effectiveTo: '2025-12-08' })
    expect(tariff7204).toMatchObject({ version: '7204-U', effectiveFrom: '2025-12-09', effectiveTo: null })
    expect(addDays(tariff6209.effectiveTo!, 1)).toBe(tariff7204.effectiveFrom)
  })
  it.each(tariffs.map((t) => [t.version, t] as const))(
    '%s has a KT value for every territory key of the regions file',
    (_, t) => {
      const missing = allTerritoryKeys(regions).filter((k) => !(k in t.data.kt))
      expect(missing).toEqual([])
      expect(Object.keys(t.data.kt).filter((k) => !allTerritoryKeys(regions).includes(k))).toEqual([])
    },
  )
  it.each(tariffs.map((t) => [t.version, t] as const))(
    '%s has the full KBM scale and TB inside the corridor',
    (_, t) => {
      expect(Object.keys(t.data.kbm).sort()).toEqual([...kbmClasses].sort())
      for (const row of t.data.tb) {
        expect(row.chosen.value).toBeGreaterThanOrEqual(row.corridor.min.value)
        expect(row.chosen.value).toBeLessThanOrEqual(row.corridor.max.value)
        expect(row.chosen.verified).toBe(false)
      }
    },
  )
  it('keeps the corridors of docs/domain/osago-premium.md#a2 for category B individuals', () => {
    const corridor = (t: typeof tariff6209) => t.data.tb.find((r) => r.ownerType === 'individual')!.corridor
    expect(corridor(tariff6209)).toMatchObject({
      min: { value: 1646, verified: true },
      max: { value: 7535, verified: true },
    })
    expect(corridor(tariff7204)).toMatchObject({
      min: { value: 1399, verified: true },
      max: { value: 8665, verified: true },
    })
  })
  it('marks every carried-forward 7204-U value unverified', () => {
    expect(Object.values(tariff7204.data.kt).every((v) => !v.verified)).toBe(true)
    expect(Object.values(tariff7204.data.kbm).every((v) => !v?.verified)).toBe(true)
    expect(tariff7204.data.kt['77']).toMatchObject({ value: 1.8, verified: false })
    expect(tariff7204.data.kt['78']).toMatchObject({ value: 1.64, verified: false })
  })

  it.each(tariffs.map((t) => [t.version, t] as const))(
    '%s carries the premium ceiling multiples of 40-FZ art. 9 p. 2',
    (_, t) => {
      expect(t.data.ceiling.standard).toMatchObject({ value: 3, verified: true })
      expect(t.data.ceiling.grossViolations).toMatchObject({ value: 5, verified: true })
      for (const m of [t.data.ceiling.standard, t.data.ceiling.grossViolations])
        expect(m.source).toMatch(/40-FZ art\. 9 p\. 2/)
    },
  )
  it('rejects an edition without the ceiling, or with the KN multiple below the standard one', () => {
    const { ceiling: _, ...withoutCeiling } = tariff6209.data
    const r = osagoTariffFileSchema.safeParse({ ...tariff6209, data: withoutCeiling })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path.join('.')).toBe('data.ceiling')
    const inverted = structuredClone(tariff6209)
    inverted.data.ceiling.grossViolations.value = 2
    const bad = osagoTariffFileSchema.safeParse(inverted)
    expect(bad.error?.issues[0]?.path.join('.')).toBe('data.ceiling.grossViolations')
    const fractional = structuredClone(tariff6209)
    fractional.data.ceiling.standard.value = 2.5
    expect(osagoTariffFileSchema.safeParse(fractional).success).toBe(false)
  })

  it('rejects a chosen TB outside the corridor, naming the field', () => {
    const bad = structuredClone(tariff6209)
    bad.data.tb[0]!.chosen.value = 8000
    const r = osagoTariffFileSchema.safeParse(bad)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path.join('.')).toBe('data.tb.0.chosen')
  })
  it('rejects power bands with a gap and KVS tables of the wrong shape', () => {
    const gap = structuredClone(tariff6209)
    gap.data.km.tables[0]!.bands[2]!.overHp = 71
    expect(osagoTariffFileSchema.safeParse(gap).success).toBe(false)
    const shape = structuredClone(tariff6209)
    shape.data.kvs.values[0]!.pop()
    expect(osagoTariffFileSchema.safeParse(shape).success).toBe(false)
    const ages = structuredClone(tariff6209)
    ages.data.kvs.ageBands[1]!.from = 23
    expect(osagoTariffFileSchema.safeParse(ages).success).toBe(false)
  })
  it('rejects TB with fractions of a kopeck and KS rows with a gap', () => {
    const tb = structuredClone(tariff6209)
    tb.data.tb[0]!.chosen.value = 5000.005
    expect(osagoTariffFileSchema.safeParse(tb).success).toBe(false)
    const ks = structuredClone(tariff6209)
    ks.data.ks.rows.splice(2, 1)
    expect(osagoTariffFileSchema.safeParse(ks).success).toBe(false)
  })
})
