import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCascoFormReference } from '../casco/formReference'
import { buildFormReference } from '../osago/formReference'
import { loadReferenceData } from './loadReferenceData'

const reference = loadReferenceData({ bundledDir: resolve(import.meta.dirname, '../../resources') })
const date = reference.versions['osago-tariff'][0]!.effectiveFrom

describe('formDirectories', () => {
  it('gives the OSAGO and the CASCO form the same regions and vehicle catalogue, as the bundled files hold them', () => {
    const osago = buildFormReference(reference, date)
    const casco = buildCascoFormReference(reference, date)
    for (const key of ['regions', 'makes', 'models', 'categories'] as const) {
      expect(osago[key].length).toBeGreaterThan(0)
      expect(casco[key]).toEqual(osago[key])
    }
    const catalog = reference.versions['vehicle-catalog'][0]!.data
    const m = catalog.models[0]!
    // Only what the form needs of a model: the catalogue's sources, prices and theft marks stay in the core.
    expect(osago.models[0]).toEqual({
      id: m.id,
      makeId: m.makeId,
      model: m.model,
      category: m.category.value,
      aliases: m.aliases ?? [],
    })
    // A federal city is its own city list; a region lists its cities by name.
    expect(osago.regions.every((r) => r.cities.every((c) => typeof c === 'string'))).toBe(true)
    expect(osago.categories.find((c) => c.code === 'B')).toMatchObject({ asks: expect.any(Array) })
  })
})
