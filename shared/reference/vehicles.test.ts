import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  VehicleCatalogError,
  findMake,
  findModel,
  listMakes,
  modelsOfMake,
  osagoBand,
  requiredMeasures,
  searchModels,
  vehicleCatalogFileSchema,
  type VehicleCatalog,
} from './vehicles'

const raw = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/reference/vehicles.json'), 'utf8'))
const file = vehicleCatalogFileSchema.parse(raw)
const catalog = file.data

function clone(): { data: VehicleCatalog } & Record<string, unknown> {
  return structuredClone(raw)
}

function firstIssuePath(value: unknown): string {
  const r = vehicleCatalogFileSchema.safeParse(value)
  if (r.success) return '(valid)'
  return r.error.issues[0]!.path.map(String).join('.')
}

describe('bundled vehicle catalogue', () => {
  it('contains every model of the "Moscow Hit" CASCO promotion (seed 002)', () => {
    const moscowHit = [
      'audi-q7',
      'chevrolet-aveo',
      'chevrolet-niva',
      'daewoo-gentra',
      'ford-kuga',
      'honda-cr-v',
      'kia-sportage',
      'lexus-nx',
      'lexus-rx',
      'mitsubishi-outlander',
      'nissan-almera',
      'nissan-qashqai',
      'nissan-terrano',
      'porsche-cayenne',
      'renault-duster',
      'renault-sandero',
      'skoda-rapid',
      'toyota-rav4',
      'volvo-xc90',
    ]
    expect(moscowHit).toHaveLength(19)
    for (const id of moscowHit) expect(findModel(catalog, id), id).toBeDefined()
  })

  it('contains the most common makes and models on Russian roads', () => {
    const common = [
      'lada-granta',
      'lada-vesta',
      'lada-niva-legend',
      'lada-niva-travel',
      'lada-largus',
      'lada-xray',
      'kia-rio',
      'kia-sportage',
      'kia-ceed',
      'hyundai-solaris',
      'hyundai-creta',
      'hyundai-tucson',
      'toyota-camry',
      'toyota-rav4',
      'toyota-corolla',
      'toyota-land-cruiser',
      'volkswagen-polo',
      'volkswagen-tiguan',
      'skoda-octavia',
      'skoda-rapid',
      'renault-logan',
      'renault-duster',
      'renault-sandero',
      'haval-jolion',
      'haval-f7',
      'chery-tiggo-4-pro',
      'chery-tiggo-7-pro',
      'geely-coolray',
      'geely-monjaro',
      'nissan-qashqai',
      'nissan-x-trail',
      'mitsubishi-outlander',
      'mazda-cx-5',
      'uaz-patriot',
      'paz-3205',
      'kamaz-65115',
    ]
    for (const id of common) expect(findModel(catalog, id), id).toBeDefined()
    for (const make of ['bmw', 'mercedes-benz', 'gaz', 'kamaz', 'paz', 'uaz']) {
      expect(modelsOfMake(catalog, make).length, make).toBeGreaterThan(0)
    }
    expect(catalog.models.length).toBeGreaterThanOrEqual(30)
  })

  it('has Gazelle variants in the truck and bus categories and motorcycles in A/M', () => {
    const gaz = modelsOfMake(catalog, 'gaz').map((m) => m.category.value)
    expect(new Set(gaz)).toEqual(new Set(['B', 'C', 'D']))
    const bikes = catalog.models.filter((m) => m.bodyTypes.includes('motorcycle') || m.bodyTypes.includes('scooter'))
    expect(bikes.length).toBeGreaterThan(0)
    for (const m of bikes) expect(['A', 'M']).toContain(m.category.value)
    expect(findModel(catalog, 'kamaz-5490')?.subcategory?.value).toBe('C_OVER_16T')
    expect(findModel(catalog, 'paz-3205')?.subcategory?.value).toBe('D_OVER_16_SEATS')
  })

  it('every verified theft mark names its source; unsourced ones are unverified', () => {
    for (const m of catalog.models) {
      if (m.theftProne.verified) expect(m.theftProne.source, m.id).toMatch(/^https?:\/\//)
      if (!m.theftProne.source?.startsWith('http')) expect(m.theftProne.verified, m.id).toBe(false)
    }
    expect(findModel(catalog, 'hyundai-santa-fe')?.theftProne).toMatchObject({ value: true, verified: true })
  })

  it('asks power for B, mass for C and seats for D; trucks and buses need a diagnostic card', () => {
    expect(requiredMeasures(catalog, 'B')).toEqual(['powerHp'])
    expect(requiredMeasures(catalog, 'C')).toEqual(['maxMassKg'])
    expect(requiredMeasures(catalog, 'D')).toEqual(['seats'])
    const dc = (code: string) => catalog.categories.find((c) => c.code === code)!.diagnosticCardRequired.value
    expect([dc('B'), dc('C'), dc('D')]).toEqual([false, true, true])
  })
})

describe('catalogue helpers', () => {
  it('lists makes alphabetically and models of one make', () => {
    const names = listMakes(catalog).map((m) => m.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')))
    expect(findMake(catalog, 'lada')?.nameRu).toBe('Лада')
    expect(modelsOfMake(catalog, 'lada').every((m) => m.makeId === 'lada')).toBe(true)
    expect(findModel(catalog, 'no-such-model')).toBeUndefined()
  })

  it('finds models by Latin or Cyrillic words, ignoring case and ё', () => {
    expect(searchModels(catalog, 'киа рио').map((m) => m.id)).toEqual(['kia-rio'])
    expect(searchModels(catalog, 'SOLARIS').map((m) => m.id)).toEqual(['hyundai-solaris'])
    expect(searchModels(catalog, 'семерка').map((m) => m.id)).toEqual(['lada-2107'])
    expect(searchModels(catalog, 'газель').every((m) => m.makeId === 'gaz')).toBe(true)
    expect(searchModels(catalog, '  ')).toEqual([])
  })

  it('derives the tariff band from the measured value, the threshold going to the lower band', () => {
    expect(osagoBand(catalog, 'B', { powerHp: 106 })).toEqual({ category: 'B', subcategory: null })
    expect(osagoBand(catalog, 'C', { maxMassKg: 16_000 }).subcategory).toBe('C_UP_TO_16T')
    expect(osagoBand(catalog, 'C', { maxMassKg: 16_001 }).subcategory).toBe('C_OVER_16T')
    expect(osagoBand(catalog, 'D', { seats: 16 }).subcategory).toBe('D_UP_TO_16_SEATS')
    expect(osagoBand(catalog, 'D', { seats: 17 }).subcategory).toBe('D_OVER_16_SEATS')
    expect(osagoBand(catalog, 'tractor', {})).toEqual({ category: 'tractor', subcategory: null })
  })

  it('stops with the missing or invalid measure named, never guessing a band', () => {
    const err = (fn: () => unknown) => {
      try {
        fn()
      } catch (e) {
        return e
      }
      throw new Error('expected an error')
    }
    const missing = err(() => osagoBand(catalog, 'C', { powerHp: 300 })) as VehicleCatalogError
    expect(missing).toBeInstanceOf(VehicleCatalogError)
    expect(missing.key).toBe('reference.vehicles.errors.measureRequired.maxMassKg')
    expect(missing.params).toEqual({ category: 'C', measure: 'maxMassKg' })
    expect((err(() => osagoBand(catalog, 'D', { seats: 12.5 })) as VehicleCatalogError).key).toBe(
      'reference.vehicles.errors.measureInvalid.seats',
    )
    expect((err(() => osagoBand(catalog, 'B', { powerHp: 0 })) as VehicleCatalogError).key).toBe(
      'reference.vehicles.errors.measureInvalid.powerHp',
    )
    expect((err(() => osagoBand(catalog, 'Z', {})) as VehicleCatalogError).key).toBe(
      'reference.vehicles.errors.unknownCategory',
    )
  })

  it('bands split exactly at the threshold for any mass and seat count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 120 }), (mass, seats) => {
        const c = osagoBand(catalog, 'C', { maxMassKg: mass }).subcategory
        const d = osagoBand(catalog, 'D', { seats }).subcategory
        return (
          c === (mass <= 16_000 ? 'C_UP_TO_16T' : 'C_OVER_16T') &&
          d === (seats <= 16 ? 'D_UP_TO_16_SEATS' : 'D_OVER_16_SEATS')
        )
      }),
    )
  })
})

describe('catalogue schema', () => {
  it('rejects a duplicate model id', () => {
    const bad = clone()
    bad.data.models.push(structuredClone(bad.data.models[0]!))
    expect(firstIssuePath(bad)).toBe(`data.models.${bad.data.models.length - 1}.id`)
  })
  it('rejects a model of an unknown make', () => {
    const bad = clone()
    bad.data.models[0]!.makeId = 'nope'
    expect(firstIssuePath(bad)).toBe('data.models.0.makeId')
  })
  it('rejects an unknown category and a band the category does not have', () => {
    const bad = clone()
    bad.data.models[0]!.category.value = 'Q'
    expect(firstIssuePath(bad)).toBe('data.models.0.category.value')
    const bad2 = clone()
    bad2.data.models[0]!.subcategory = { value: 'C_OVER_16T', verified: false }
    expect(firstIssuePath(bad2)).toBe('data.models.0.subcategory.value')
  })
  it('rejects a model without a verified mark or with an inverted power range', () => {
    const bad = clone()
    delete (bad.data.models[0]!.theftProne as { verified?: boolean }).verified
    expect(firstIssuePath(bad)).toBe('data.models.0.theftProne.verified')
    const bad2 = clone()
    bad2.data.models[0]!.powerHp = { value: { min: 120, max: 90 }, verified: false }
    expect(firstIssuePath(bad2)).toBe('data.models.0.powerHp.value.max')
  })
  it('rejects a split on a measure the category does not ask for', () => {
    const bad = clone()
    const c = bad.data.categories.find((x) => x.code === 'C')!
    c.asks = ['powerHp']
    expect(firstIssuePath(bad)).toMatch(/^data\.categories\.\d+\.split\.measure$/)
  })
})
