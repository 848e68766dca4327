import { describe, expect, it } from 'vitest'
import regionsJson from '../../resources/reference/regions.json'
import {
  allTerritoryKeys,
  findRegion,
  findRegionByCode,
  normalizePlaceName,
  regionsFileSchema,
  resolveTerritory,
  type RegionsData,
} from './regions'

const file = regionsFileSchema.parse(regionsJson)
const data = file.data

describe('regions reference file', () => {
  it('holds all 89 subjects with unique 2-digit codes', () => {
    expect(file.kind).toBe('regions')
    expect(data.regions).toHaveLength(89)
    expect(new Set(data.regions.map((r) => r.code)).size).toBe(89)
  })

  it('follows the territory key convention', () => {
    expect(findRegionByCode(data, '77')).toMatchObject({ name: 'Москва', federalCity: true, territoryKey: '77' })
    expect(findRegionByCode(data, '78')).toMatchObject({ federalCity: true, territoryKey: '78' })
    expect(findRegionByCode(data, '92')).toMatchObject({ name: 'Севастополь', federalCity: true, territoryKey: '92' })
    const irk = findRegion(data, 'Иркутская область')
    expect(irk).toMatchObject({ code: '38', federalCity: false, otherTerritoryKey: '38.other' })
    expect(allTerritoryKeys(data)).toContain('38.angarsk')
    for (const key of allTerritoryKeys(data)) expect(key).toMatch(/^\d{2}(\.[a-z0-9-]+)?$/)
  })

  it('rejects a file that breaks the convention', () => {
    const bad = structuredClone(regionsJson) as { data: RegionsData }
    const r = bad.data.regions.find((x) => x.code === '38')!
    if (r.federalCity) throw new Error('unexpected')
    r.cities[0]!.territoryKey = '39.angarsk'
    const res = regionsFileSchema.safeParse(bad)
    expect(res.success).toBe(false)
    expect(res.error?.issues[0]?.path.join('.')).toMatch(/^data\.regions\.\d+\.cities\.0\.territoryKey$/)

    const dup = structuredClone(regionsJson) as { data: RegionsData }
    dup.data.regions[1]!.code = dup.data.regions[0]!.code
    expect(regionsFileSchema.safeParse(dup).success).toBe(false)
  })
})

describe('territory lookup', () => {
  it('finds a listed city', () => {
    const r = resolveTerritory(data, 'Иркутская область', 'Ангарск')
    expect(r).toMatchObject({ ok: true, territoryKey: '38.angarsk' })
  })
  it('tolerates "г.", case, ё and dash variants', () => {
    expect(resolveTerritory(data, 'иркутская  область', 'г. Усолье — Сибирское')).toMatchObject({
      territoryKey: '38.usole-sibirskoe',
    })
    expect(resolveTerritory(data, 'Орловская область', 'Орёл')).toMatchObject({ territoryKey: '57.orel' })
    expect(resolveTerritory(data, 'Республика Северная Осетия — Алания', 'Владикавказ')).toMatchObject({
      territoryKey: '15.vladikavkaz',
    })
    expect(normalizePlaceName('  Г. Ростов - на - Дону ')).toBe('ростов-на-дону')
  })
  it('accepts aliases of a region', () => {
    expect(resolveTerritory(data, 'Кемеровская область - Кузбасс', 'Кемерово')).toMatchObject({
      territoryKey: '42.kemerovo',
    })
  })
  it('sends an unlisted city or no city to "other settlements"', () => {
    expect(resolveTerritory(data, 'Иркутская область', 'Саянск')).toMatchObject({
      ok: true,
      territoryKey: '38.other',
      city: null,
    })
    expect(resolveTerritory(data, 'Иркутская область', null)).toMatchObject({ ok: true, territoryKey: '38.other' })
    expect(resolveTerritory(data, 'Московская область', 'Химки')).toMatchObject({ territoryKey: '50.other' })
  })
  it('keeps cities of the same name apart by region', () => {
    expect(resolveTerritory(data, 'Красноярский край', 'Железногорск')).toMatchObject({
      territoryKey: '24.zheleznogorsk',
    })
    expect(resolveTerritory(data, 'Курская область', 'Железногорск')).toMatchObject({
      territoryKey: '46.zheleznogorsk',
    })
  })
  it('treats a federal city as one territory', () => {
    expect(resolveTerritory(data, 'Москва', null)).toMatchObject({ ok: true, territoryKey: '77' })
    expect(resolveTerritory(data, 'Москва', 'Зеленоград')).toMatchObject({ ok: true, territoryKey: '77' })
    expect(resolveTerritory(data, 'г. Санкт-Петербург', null)).toMatchObject({ territoryKey: '78' })
  })
  it('reports an unknown region', () => {
    expect(resolveTerritory(data, 'Иркутская', 'Иркутск')).toEqual({
      ok: false,
      reason: 'unknownRegion',
      regionName: 'Иркутская',
    })
  })
})
