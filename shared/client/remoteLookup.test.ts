import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clientIdentifierSchema } from '../sync/protocol'
import { exactIdentifiers, isExactIdentifier } from './remoteLookup'

describe('exactIdentifiers: what a typed text may be asked of HQ as', () => {
  it('reads passports, phones, INNs and a surname with the birth date', () => {
    expect(exactIdentifiers('4519 123456')).toEqual([{ by: 'passport', value: '4519123456' }])
    expect(exactIdentifiers('45 19 123456')).toEqual([{ by: 'passport', value: '4519123456' }])
    // Ten digits together: a passport or a phone; an INN too when its check digit matches.
    expect(exactIdentifiers('4519123456')).toEqual([
      { by: 'passport', value: '4519123456' },
      { by: 'phone', value: '4519123456' },
    ])
    expect(exactIdentifiers('7707083893').map((i) => i.by)).toEqual(['passport', 'phone', 'inn'])
    expect(exactIdentifiers('+7 (916) 123-45-67')).toEqual([{ by: 'phone', value: '9161234567' }])
    expect(exactIdentifiers('8 916 123 45 67')).toEqual([{ by: 'phone', value: '9161234567' }])
    expect(exactIdentifiers('500100732259')).toEqual([{ by: 'inn', value: '500100732259' }])
    expect(exactIdentifiers('  Иванов   12.03.1985 ')).toEqual([
      { by: 'person', surname: 'Иванов', birthDate: '1985-03-12' },
    ])
    expect(exactIdentifiers('Салтыков-Щедрин Михаил Евграфович 1826-01-27')).toEqual([
      { by: 'person', surname: 'Салтыков-Щедрин', name: 'Михаил', patronymic: 'Евграфович', birthDate: '1826-01-27' },
    ])
  })

  it('refuses what is no exact identifier: a name alone, part of a number, a wrong date, a pattern', () => {
    for (const text of [
      '',
      'Иванов',
      'Иванов Иван Иванович',
      '4519',
      '451912345',
      '45191234567',
      '123456789012',
      'Иванов 31.02.1985',
      'Иванов 1985',
      'Ив% 12.03.1985',
      '12.03.1985',
      '+7 916 123',
      'А123ВС777',
      "Иванов' OR 1=1 12.03.1985",
    ])
      expect(exactIdentifiers(text), text).toEqual([])
  })

  it('whatever is typed, it yields only identifiers HQ’s schema accepts, and never a name without a birth date', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const ids = exactIdentifiers(text)
        for (const id of ids) expect(clientIdentifierSchema.safeParse(id).success).toBe(true)
        expect(isExactIdentifier(text)).toBe(ids.length > 0)
      }),
    )
    fc.assert(
      fc.property(fc.stringMatching(/^[А-Яа-я]{1,20}( [А-Яа-я]{1,20}){0,2}$/), (name) => {
        expect(exactIdentifiers(name)).toEqual([])
      }),
    )
  })
})
