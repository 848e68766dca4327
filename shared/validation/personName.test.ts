import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalisePersonName, optionalPersonNameSchema, PERSON_NAME_MAX, personNameSchema } from './index'
import { keyOf, parsed } from './testing'

describe('name parts', () => {
  it('accepts names as in passports and tidies the typing', () => {
    expect(parsed(personNameSchema, 'Иванов')).toBe('Иванов')
    expect(parsed(personNameSchema, '  Иванова  -  Петрова ')).toBe('Иванова-Петрова')
    expect(parsed(personNameSchema, 'Салтыков—Щедрин')).toBe('Салтыков-Щедрин')
    expect(parsed(personNameSchema, 'Д’Артаньян')).toBe("Д'Артаньян")
    expect(parsed(personNameSchema, 'Мамед   оглы')).toBe('Мамед оглы')
    expect(parsed(personNameSchema, 'Семён')).toBe('Семён')
  })
  it('folds Latin twins typed inside a Cyrillic word', () => {
    expect(parsed(personNameSchema, 'Ивaнов')).toBe('Иванов') // Latin a
    expect(parsed(personNameSchema, 'Cергей')).toBe('Сергей') // Latin C
  })
  it('says what is wrong', () => {
    expect(keyOf(personNameSchema, 'Ivanov')).toBe('validation.personName.latin')
    expect(keyOf(personNameSchema, 'Иваnов')).toBe('validation.personName.latin')
    expect(keyOf(personNameSchema, 'Иванов2')).toBe('validation.personName.characters')
    expect(keyOf(personNameSchema, 'Иванов.')).toBe('validation.personName.characters')
    expect(keyOf(personNameSchema, '-Иванов')).toBe('validation.personName.shape')
    expect(keyOf(personNameSchema, "Иванов'")).toBe('validation.personName.shape')
    expect(keyOf(personNameSchema, 'Иван--ов')).toBe('validation.personName.shape')
    expect(keyOf(personNameSchema, '')).toBe('validation.required')
    const long = personNameSchema.safeParse('Я'.repeat(PERSON_NAME_MAX + 1))
    expect(long.error?.issues[0]).toMatchObject({
      message: 'validation.personName.tooLong',
      params: { max: PERSON_NAME_MAX },
    })
    expect(keyOf(personNameSchema, 'Я'.repeat(PERSON_NAME_MAX))).toBeNull()
  })
  it('lets the patronymic be empty', () => {
    expect(parsed(optionalPersonNameSchema, '')).toBeNull()
    expect(parsed(optionalPersonNameSchema, undefined)).toBeNull()
    expect(parsed(optionalPersonNameSchema, 'Петрович')).toBe('Петрович')
  })
  it('a Cyrillic name is unchanged by normalisation and accepted', () => {
    const word = fc
      .string({ unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'), minLength: 1, maxLength: 12 })
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom('-', ' '), (words, sep) => {
        const name = words.join(sep)
        expect(normalisePersonName(name)).toBe(name)
        expect(keyOf(personNameSchema, name)).toBeNull()
      }),
    )
  })
})
