import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  LOOKALIKE_CYRILLIC,
  LOOKALIKE_LATIN,
  normalisePlate,
  optionalPlateSchema,
  plate,
  plateKind,
  plateSchema,
} from './index'
import { keyOf, parsed } from './testing'

const letter = fc.constantFrom(...LOOKALIKE_CYRILLIC)
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
const region = fc.oneof(digits(2), digits(3))
const type1 = fc.tuple(letter, digits(3), letter, letter, region).map((p) => p.join(''))
const taxi = fc.tuple(letter, letter, digits(3), region).map((p) => p.join(''))

/** Retypes a canonical plate the way a clerk might: Latin twins, lower case, spaces. */
const retyped = (canonical: string) =>
  fc
    .tuple(
      ...[...canonical].map((c) => {
        const i = LOOKALIKE_CYRILLIC.indexOf(c)
        const forms = i < 0 ? [c] : [c, c.toLowerCase(), LOOKALIKE_LATIN[i]!, LOOKALIKE_LATIN[i]!.toLowerCase()]
        return fc.tuple(fc.constantFrom(...forms), fc.constantFrom('', ' ', '  '))
      }),
    )
    .map((parts) => parts.map(([c, sep]) => c + sep).join(''))

describe('plates', () => {
  it('accepts private and taxi plates and normalises them', () => {
    expect(parsed(plateSchema, 'А123ВС77')).toBe('А123ВС77')
    expect(parsed(plateSchema, 'а 123 вс 777')).toBe('А123ВС777')
    expect(parsed(plateSchema, 'A123BC77')).toBe('А123ВС77') // typed in the Latin layout
    expect(parsed(plateSchema, 'А123ВС|77')).toBe('А123ВС77')
    expect(parsed(plateSchema, 'АВ 123 77')).toBe('АВ12377')
    expect(plateKind('АВ12377')).toBe('taxi')
    expect(plateKind('А123ВС777')).toBe('type1')
  })
  it('says what is wrong', () => {
    expect(keyOf(plateSchema, 'Б123ВС77')).toBe('validation.plate.letters')
    expect(keyOf(plateSchema, 'D123BC77')).toBe('validation.plate.letters')
    expect(keyOf(plateSchema, 'А12ВС77')).toBe('validation.plate.format')
    expect(keyOf(plateSchema, 'А123ВС7')).toBe('validation.plate.format')
    expect(keyOf(plateSchema, 'А123ВС7777')).toBe('validation.plate.format')
    expect(keyOf(plateSchema, '')).toBe('validation.required')
  })
  it('allows no plate for an unregistered vehicle in the optional variant only', () => {
    expect(parsed(optionalPlateSchema, '')).toBeNull()
    expect(parsed(optionalPlateSchema, '   ')).toBeNull()
    expect(parsed(optionalPlateSchema, null)).toBeNull()
    expect(parsed(optionalPlateSchema, undefined)).toBeNull()
    expect(parsed(optionalPlateSchema, 'a123bc77')).toBe('А123ВС77')
    expect(keyOf(optionalPlateSchema, 'А12ВС77')).toBe('validation.plate.format')
  })
  it('a plate typed with Latin twins, lower case and spaces equals its Cyrillic form', () => {
    fc.assert(
      fc.property(
        fc.oneof(type1, taxi).chain((p) => retyped(p).map((typed) => ({ p, typed }))),
        ({ p, typed }) => {
          expect(normalisePlate(typed)).toBe(p)
          expect(parsed(plateSchema, typed)).toBe(p)
        },
      ),
    )
  })
  it('a letter outside the twelve is always refused', () => {
    const other = fc.constantFrom(...'БГДЖЗИЙЛПФЦЧШЩЪЫЬЭЮЯDFGIJLNQRSUVWZ')
    fc.assert(
      fc.property(type1, other, fc.constantFrom(0, 4, 5), (p, bad, at) => {
        expect(plate.check(p.slice(0, at) + bad + p.slice(at + 1))).toBe('validation.plate.letters')
      }),
    )
  })
})
