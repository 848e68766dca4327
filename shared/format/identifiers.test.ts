import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { normalisePhone } from '../validation/phone'
import { normalisePlate } from '../validation/plate'
import { formatPhone, formatPlate } from './identifiers'

describe('phones and plates as people read them', () => {
  it('a stored phone in groups; what is not a Russian number as stored', () => {
    expect(formatPhone('+79161234567')).toBe('+7 (916) 123-45-67')
    expect(formatPhone('8 916 123 45 67')).toBe('+7 (916) 123-45-67')
    expect(formatPhone('+4930123456')).toBe('+4930123456')
    expect(formatPhone(null)).toBe('')
  })

  it('type 1 and taxi plates spaced as on the plate; Latin twins folded', () => {
    expect(formatPlate('А123ВС777')).toBe('А 123 ВС 777')
    expect(formatPlate('a123bc77')).toBe('А 123 ВС 77')
    expect(formatPlate('АВ12377')).toBe('АВ 123 77')
    expect(formatPlate('DE-AB 1234')).toBe('DE-AB 1234')
    expect(formatPlate(undefined)).toBe('')
  })

  it('formatting keeps the value: normalised again it is what was stored', () => {
    const digit = fc.constantFrom(...'0123456789')
    const letter = fc.constantFrom(...'АВЕКМНОРСТУХ')
    const plate = fc
      .tuple(letter, fc.array(digit, { minLength: 3, maxLength: 3 }), fc.array(letter, { minLength: 2, maxLength: 2 }))
      .chain(([l, d, ls]) =>
        fc.array(digit, { minLength: 2, maxLength: 3 }).map((r) => `${l}${d.join('')}${ls.join('')}${r.join('')}`),
      )
    fc.assert(fc.property(plate, (p) => normalisePlate(formatPlate(p)) === p))
    const phone = fc.array(digit, { minLength: 9, maxLength: 9 }).map((d) => `+79${d.join('')}`)
    fc.assert(fc.property(phone, (p) => normalisePhone(formatPhone(p)) === p))
  })
})
