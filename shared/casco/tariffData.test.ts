import { describe, expect, it } from 'vitest'
import { cascoProgramsFileSchema } from './programsSchema'
import { ANTI_THEFT_SYSTEMS, cascoTariffFileSchema, selectCascoTariff } from './tariffSchema'
import { ctx, programs, tariff } from './testFixtures'

describe('bundled CASCO tariff', () => {
  it('is the configurable example, in force from 2022 and marked unverified', () => {
    expect(tariff).toMatchObject({
      kind: 'casco-tariff',
      version: 'example-2022.1',
      effectiveFrom: '2022-01-01',
      effectiveTo: null,
    })
    expect(tariff.note).toMatch(/EXAMPLE/)
    expect(tariff.data.baseRates['B-economy']!.damage.every((v) => v === null || !v.verified)).toBe(true)
    expect(selectCascoTariff([tariff], '2021-12-31')).toBeUndefined()
    expect(selectCascoTariff([tariff], '2030-01-01')).toBe(tariff)
  })

  it('prices every passenger car of the catalogue at every market value up to 12 years of age', () => {
    for (const band of [0, 1, 2, 3, 4, 5, 6, 7, 8])
      expect(tariff.data.vehicleAgeBands[band]!.to).toBeLessThanOrEqual(15)
    const forB = tariff.data.vehicleClasses.filter((c) => c.categories.includes('B'))
    expect(forB.map((c) => [c.marketValue.overKopecks, c.marketValue.upToKopecks])).toEqual([
      [0, 150_000_000],
      [150_000_000, 400_000_000],
      [400_000_000, null],
    ])
    for (const c of tariff.data.vehicleClasses) {
      const rates = tariff.data.baseRates[c.code]!
      expect(
        rates.damage.slice(0, 9).every((v) => v !== null),
        c.code,
      ).toBe(true)
      expect(
        rates.theft.slice(0, 9).every((v) => v !== null),
        c.code,
      ).toBe(true)
    }
  })

  it('has a factor for every anti-theft system, term and franchise band, and only discounts for a franchise', () => {
    expect(Object.keys(tariff.data.antiTheft.systems).sort()).toEqual([...ANTI_THEFT_SYSTEMS].sort())
    expect(tariff.data.term.rows.map((r) => r.months)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    for (const type of ['conditional', 'unconditional'] as const) {
      expect(tariff.data.franchise[type].every((b) => b.value.value <= 1)).toBe(true)
    }
    expect(tariff.data.liability.maxLimitKopecks.value).toBe(3_000_000_000) // 30 M RUB (seed 002)
  })

  it('lets the drivers touch damage and UTS only, so theft and GAP do not depend on them (seed 002)', () => {
    expect(tariff.data.drivers.appliesTo).toEqual(['damage', 'uts'])
    expect(tariff.data.theftProne.appliesTo).toEqual(['theft'])
  })

  it('rejects a franchise band that would raise the price or make a bigger franchise dearer', () => {
    const dearer = structuredClone(tariff)
    dearer.data.franchise.unconditional[2]!.value.value = 0.9
    const r = cascoTariffFileSchema.safeParse(dearer)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path.join('.')).toBe('data.franchise.unconditional')
    const above = structuredClone(tariff)
    above.data.franchise.conditional[0]!.value.value = 1.01
    expect(cascoTariffFileSchema.safeParse(above).success).toBe(false)
  })

  it('rejects gaps in bands and tables of the wrong shape, naming the table', () => {
    const path = (t: unknown) => cascoTariffFileSchema.safeParse(t).error?.issues[0]?.path.join('.')
    const ages = structuredClone(tariff)
    ages.data.vehicleAgeBands[4]!.from = 5
    expect(path(ages)).toBe('data.vehicleAgeBands')
    const rates = structuredClone(tariff)
    rates.data.baseRates['C']!.theft.pop()
    expect(path(rates)).toBe('data.baseRates.C.theft')
    const missingClass = structuredClone(tariff)
    delete missingClass.data.baseRates['D']
    expect(path(missingClass)).toBe('data.baseRates')
    const drivers = structuredClone(tariff)
    drivers.data.drivers.values[2]!.pop()
    expect(path(drivers)).toBe('data.drivers.values')
    const mileage = structuredClone(tariff)
    mileage.data.mileage.bands[1]!.km.from = 60_000
    expect(path(mileage)).toBe('data.mileage.bands')
    const twice = structuredClone(tariff)
    twice.data.region.appliesTo = ['damage', 'damage']
    expect(path(twice)).toBe('data.region.appliesTo')
  })
})

describe('bundled CASCO programs', () => {
  it('keep the seed figures: theft ≤ 12 years, GAP ≤ 7, −15 % for experience, VIP 3 M / 150 k, total loss 80 %, 20 % a year', () => {
    const d = programs.data
    expect(d.programs.theft.conditions).toContainEqual(expect.objectContaining({ type: 'maxVehicleAge', years: 12 }))
    expect(d.programs.theft.requires).toEqual(['inspectionWithPhotos'])
    expect(d.addons.gap.conditions).toContainEqual(expect.objectContaining({ type: 'maxVehicleAge', years: 7 }))
    expect(d.promotions.find((p) => p.code === 'experience')!.discount.value).toBe(0.85)
    expect(d.vip.conditions.map((c) => [c.type, 'kopecks' in c ? c.kopecks : null])).toEqual([
      ['minSumInsured', 300_000_000],
      ['minPremium', 15_000_000],
    ])
    expect(d.totalLoss.share.value).toBe(0.8)
    expect(d.gapCover.reductionPerYear.value).toBe(0.2)
    expect(d.promotions.find((p) => p.code === 'renewal')!.conditions).toHaveLength(8) // the seed's six, one split in two, plus "is a renewal"
  })

  it('name only models and makes the vehicle catalogue has, and anti-theft systems the tariff prices', () => {
    const models = new Set(ctx.vehicles.models.map((m) => m.id))
    const hit = programs.data.promotions
      .find((p) => p.code === 'moscowHit')!
      .conditions.find((c) => c.type === 'modelIn')
    expect(hit && 'models' in hit ? hit.models : []).toHaveLength(19)
    for (const id of hit && 'models' in hit ? hit.models : []) expect(models.has(id), id).toBe(true)
    const makes = new Set(ctx.vehicles.makes.map((m) => m.id))
    for (const make of programs.data.domesticMakes.value) expect(makes.has(make), make).toBe(true)
    for (const s of programs.data.underwriting.theftProne!.requiredAntiTheft.value)
      expect(tariff.data.antiTheft.systems[s]).toBeDefined()
  })

  it('rejects an unknown condition, a promotion that raises the price, and a promotion listed twice', () => {
    const path = (p: unknown) => cascoProgramsFileSchema.safeParse(p).error?.issues[0]?.path.join('.')
    const unknown = structuredClone(programs) as unknown as { data: { vip: { conditions: unknown[] } } }
    unknown.data.vip.conditions.push({ type: 'moonPhase', verified: false })
    expect(path(unknown)).toBe('data.vip.conditions.2.type')
    const dearer = structuredClone(programs)
    dearer.data.promotions[0]!.discount.value = 1.1
    expect(path(dearer)).toBe('data.promotions.0.discount.value')
    const twice = structuredClone(programs)
    twice.data.promotions.push(twice.data.promotions[0]!)
    expect(path(twice)).toBe('data.promotions')
  })
})
