import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emailSchema, optionalEmailSchema, optionalPhoneSchema, phoneSchema } from './index'
import { keyOf, parsed } from './testing'

describe('phone', () => {
  it('normalises the usual ways of typing a Russian number', () => {
    for (const typed of ['+7 (916) 123-45-67', '8 916 123 45 67', '79161234567', '916 123-45-67', '8(916)123.45.67']) {
      expect(parsed(phoneSchema, typed)).toBe('+79161234567')
    }
    expect(parsed(phoneSchema, '8 (812) 123-45-67')).toBe('+78121234567')
    expect(parsed(phoneSchema, '8 800 200-00-00')).toBe('+78002000000')
  })
  it('says what is wrong', () => {
    expect(keyOf(phoneSchema, '+380 44 123 4567')).toBe('validation.phone.notRussian')
    expect(keyOf(phoneSchema, '+7 701 123 45 67')).toBe('validation.phone.notRussian') // Kazakhstan
    expect(keyOf(phoneSchema, '8 916 123456')).toBe('validation.phone.format') // a digit missing
    expect(keyOf(phoneSchema, '123-45-67')).toBe('validation.phone.format')
    expect(keyOf(phoneSchema, '+7 916 123 45 67 доб. 12')).toBe('validation.phone.format')
    expect(keyOf(phoneSchema, '')).toBe('validation.required')
    expect(parsed(optionalPhoneSchema, '')).toBeNull()
  })
  it('every way of typing a number with a Russian code gives the same +7 form', () => {
    const national = fc.tuple(fc.constantFrom('3', '4', '8', '9'), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => a + b)
    fc.assert(
      fc.property(national, fc.constantFrom('+7', '8', '7', '+7 ', '8 '), (n, prefix) => {
        const typed = `${prefix}(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`
        expect(parsed(phoneSchema, typed)).toBe(`+7${n}`)
      }),
    )
  })
})

describe('e-mail', () => {
  it('accepts ordinary and Cyrillic-domain addresses, lower-casing the domain only', () => {
    expect(parsed(emailSchema, ' Ivanov.P@Mail.RU ')).toBe('Ivanov.P@mail.ru')
    expect(parsed(emailSchema, 'ivanov+osago@yandex.ru')).toBe('ivanov+osago@yandex.ru')
    expect(parsed(emailSchema, 'info@почта.рф')).toBe('info@почта.рф')
    expect(parsed(emailSchema, 'info@xn--80a1acny.xn--p1ai')).toBe('info@xn--80a1acny.xn--p1ai')
  })
  it('says what is wrong', () => {
    expect(keyOf(emailSchema, 'иванов@mail.ru')).toBe('validation.email.cyrillic')
    for (const bad of [
      'ivanov@mail',
      'ivanov mail.ru',
      'ivanov@@mail.ru',
      'a..b@mail.ru',
      '.a@mail.ru',
      'a@-mail.ru',
      'a@mail.r',
      'iv anov@mail.ru',
    ]) {
      expect(keyOf(emailSchema, bad), bad).toBe('validation.email.format')
    }
    expect(keyOf(emailSchema, '')).toBe('validation.required')
    expect(parsed(optionalEmailSchema, '  ')).toBeNull()
  })
})
