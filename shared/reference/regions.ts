import { z } from 'zod'
import { referenceFile } from './envelope'

/**
 * Subjects of the Russian Federation (kind `regions`) with the territory keys of the OSAGO KT table.
 *
 * The KT table of the Bank of Russia lists each subject, some of its cities separately and "other settlements".
 * A territory key names one row of that table, so tariff files can carry KT per row without repeating names:
 * `<code>` for a federal city, `<code>.<latin slug>` for a listed city, `<code>.other` for the rest of a subject.
 */

const regionCode = z.string().regex(/^\d{2}$/, { message: 'must be a 2-digit region code' })
const name = z.string().trim().min(1)
export const territoryKeySchema = z.string().regex(/^\d{2}(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)?$/, {
  message: 'must be <code>, <code>.<slug> or <code>.other',
})

const citySchema = z.object({ name, territoryKey: territoryKeySchema, aliases: z.array(name).optional() }).strict()

const federalCitySchema = z
  .object({
    code: regionCode,
    name,
    aliases: z.array(name).optional(),
    federalCity: z.literal(true),
    territoryKey: territoryKeySchema,
  })
  .strict()

const subjectSchema = z
  .object({
    code: regionCode,
    name,
    aliases: z.array(name).optional(),
    federalCity: z.literal(false),
    cities: z.array(citySchema),
    otherTerritoryKey: territoryKeySchema,
  })
  .strict()

export const regionSchema = z.discriminatedUnion('federalCity', [federalCitySchema, subjectSchema])
export type Region = z.infer<typeof regionSchema>
export type City = z.infer<typeof citySchema>

export const regionsDataSchema = z
  .object({ regions: z.array(regionSchema).min(1) })
  .strict()
  .superRefine((data, ctx) => {
    const codes = new Set<string>()
    const names = new Set<string>()
    const keys = new Set<string>()
    const addKey = (key: string, path: Array<string | number>) => {
      if (keys.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate territory key ${key}`, path })
      keys.add(key)
    }
    data.regions.forEach((r, i) => {
      if (codes.has(r.code))
        ctx.addIssue({ code: 'custom', message: `duplicate region code ${r.code}`, path: ['regions', i, 'code'] })
      codes.add(r.code)
      for (const n of [r.name, ...(r.aliases ?? [])]) {
        const key = normalizePlaceName(n)
        if (names.has(key))
          ctx.addIssue({ code: 'custom', message: `duplicate region name ${n}`, path: ['regions', i, 'name'] })
        names.add(key)
      }
      if (r.federalCity) {
        if (r.territoryKey !== r.code) {
          ctx.addIssue({
            code: 'custom',
            message: `a federal city's territory key is its code ${r.code}`,
            path: ['regions', i, 'territoryKey'],
          })
        }
        addKey(r.territoryKey, ['regions', i, 'territoryKey'])
        return
      }
      if (r.otherTerritoryKey !== `${r.code}.other`) {
        ctx.addIssue({
          code: 'custom',
          message: `otherTerritoryKey must be ${r.code}.other`,
          path: ['regions', i, 'otherTerritoryKey'],
        })
      }
      addKey(r.otherTerritoryKey, ['regions', i, 'otherTerritoryKey'])
      const cityNames = new Set<string>()
      r.cities.forEach((c, j) => {
        const path = ['regions', i, 'cities', j, 'territoryKey']
        if (!c.territoryKey.startsWith(`${r.code}.`) || c.territoryKey === r.otherTerritoryKey) {
          ctx.addIssue({ code: 'custom', message: `a listed city's key is ${r.code}.<slug>`, path })
        }
        addKey(c.territoryKey, path)
        for (const n of [c.name, ...(c.aliases ?? [])]) {
          const key = normalizePlaceName(n)
          if (cityNames.has(key))
            ctx.addIssue({ code: 'custom', message: `duplicate city ${n}`, path: ['regions', i, 'cities', j, 'name'] })
          cityNames.add(key)
        }
      })
    })
  })
export type RegionsData = z.infer<typeof regionsDataSchema>

export const regionsFileSchema = referenceFile('regions', regionsDataSchema)
export type RegionsFile = z.infer<typeof regionsFileSchema>

/**
 * Comparable form of a place name: case, "ё", dash variants, spacing around dashes and a leading "г."/"город"
 * differ between the Bank of Russia table, passports and what an operator types.
 */
export function normalizePlaceName(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:г\.\s*|г\s+|город\s+)/, '')
}

/**
 * Regions and their cities by normalised name and alias, built once per loaded regions file. Reference data is
 * read-only once loaded, so the index is kept beside the object it was built from (a WeakMap: a replaced edition
 * takes its index with it). Normalising every name of every region at each lookup was 40 % of an OSAGO
 * calculation (issue 12).
 */
interface PlaceIndex {
  regions: Map<string, Region>
  cities: Map<Region, Map<string, City>>
}
const placeIndexes = new WeakMap<RegionsData, PlaceIndex>()

function placeIndex(data: RegionsData): PlaceIndex {
  let index = placeIndexes.get(data)
  if (index) return index
  index = { regions: new Map(), cities: new Map() }
  for (const r of data.regions) {
    // The first of equal names wins, as Array.find did; the schema refuses duplicates anyway.
    for (const n of [r.name, ...(r.aliases ?? [])]) {
      const key = normalizePlaceName(n)
      if (!index.regions.has(key)) index.regions.set(key, r)
    }
    const cities = new Map<string, City>()
    if (!r.federalCity)
      for (const c of r.cities)
        for (const n of [c.name, ...(c.aliases ?? [])]) {
          const key = normalizePlaceName(n)
          if (!cities.has(key)) cities.set(key, c)
        }
    index.cities.set(r, cities)
  }
  placeIndexes.set(data, index)
  return index
}

export function findRegion(data: RegionsData, regionName: string): Region | undefined {
  return placeIndex(data).regions.get(normalizePlaceName(regionName))
}

export function findRegionByCode(data: RegionsData, code: string): Region | undefined {
  return data.regions.find((r) => r.code === code)
}

export type TerritoryLookup =
  | { ok: true; territoryKey: string; region: Region; city: City | null }
  | { ok: false; reason: 'unknownRegion'; regionName: string }

/**
 * KT row for a place: a federal city is one row whatever the city field says (Zelenograd is Moscow); a city the
 * table does not list, or no city at all, falls into the subject's "other settlements".
 */
export function resolveTerritory(data: RegionsData, regionName: string, cityName: string | null): TerritoryLookup {
  const region = findRegion(data, regionName)
  if (!region) return { ok: false, reason: 'unknownRegion', regionName }
  if (region.federalCity) return { ok: true, territoryKey: region.territoryKey, region, city: null }
  const wanted = cityName === null ? '' : normalizePlaceName(cityName)
  const city = wanted === '' ? undefined : placeIndex(data).cities.get(region)?.get(wanted)
  return city
    ? { ok: true, territoryKey: city.territoryKey, region, city }
    : { ok: true, territoryKey: region.otherTerritoryKey, region, city: null }
}

/** Every territory key the regions file defines (a tariff's KT table should cover all of them). */
export function allTerritoryKeys(data: RegionsData): string[] {
  return data.regions.flatMap((r) =>
    r.federalCity ? [r.territoryKey] : [...r.cities.map((c) => c.territoryKey), r.otherTerritoryKey],
  )
}
