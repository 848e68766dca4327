import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import en from '../i18n/en/reference'
import ru from '../i18n/ru/reference'
import { bodyTypes, vehicleCatalogFileSchema, vehicleMeasures } from './vehicles'

type Tree = { readonly [key: string]: string | Tree }

function lookup(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree)
}

const catalog = vehicleCatalogFileSchema.parse(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/reference/vehicles.json'), 'utf8')),
).data

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('reference messages', () => {
  it('name every body type, measure, category and band the catalogue uses, and every error key thrown', () => {
    const needed = [
      ...bodyTypes.map((b) => `reference.vehicles.bodyType.${b}`),
      ...vehicleMeasures.map((m) => `reference.vehicles.measure.${m}`),
      ...vehicleMeasures.flatMap((m) => [
        `reference.vehicles.errors.measureRequired.${m}`,
        `reference.vehicles.errors.measureInvalid.${m}`,
      ]),
      ...catalog.categories.map((c) => `reference.vehicles.category.${c.code}`),
      ...catalog.categories
        .flatMap((c) => (c.split ? [c.split.atOrBelow, c.split.above] : []))
        .map((s) => `reference.vehicles.subcategory.${s}`),
      'reference.vehicles.errors.unknownCategory',
      'reference.calendar.errors.invalidDate',
      'reference.calendar.errors.yearNotCovered',
      'reference.calendar.errors.invalidCount',
    ]
    for (const key of needed) {
      expect(typeof lookup(ru, key), key).toBe('string')
      expect(typeof lookup(en, key), key).toBe('string')
    }
  })
})
