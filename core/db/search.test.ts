import { describe, expect, it } from 'vitest'
import { countBound, ftsPhrase, ftsQuery, likePattern, parseQuery } from './search'
import { normaliseSearch, passportSearch, phoneSearch, searchText } from './searchText'

describe('search normalisation (core/db/searchText.ts, core/db/search.ts)', () => {
  it('writes lower case with ё as е and single spaces, skipping empty parts', () => {
    expect(searchText(['Семёнова  Анна', null, '', '  ', 'А123ВС77'])).toBe('семенова анна а123вс77')
    expect(normaliseSearch('  ЁЖИК\tЛатынь XTA ')).toBe('ежик латынь xta')
  })

  it('keeps a phone as its national digits, a passport with and without its space', () => {
    for (const p of ['+7 (916) 123-45-67', '8 916 123 45 67', '79161234567', '9161234567'])
      expect(phoneSearch(p), p).toBe('9161234567')
    expect(phoneSearch('123-45-67')).toBe('1234567')
    expect(phoneSearch('')).toBeNull()
    expect(passportSearch('45 19', '123456')).toBe('4519 123456 4519123456')
    expect(passportSearch('', '')).toBeNull()
  })

  it('quotes user text for FTS5 and escapes LIKE wildcards', () => {
    expect(ftsPhrase('a "b" c')).toBe('"a ""b"" c"')
    expect(ftsQuery(parseQuery('ИВАН')!)).toBe('"иван"')
    expect(ftsQuery(parseQuery('ив')!)).toBeNull()
    expect(ftsQuery(parseQuery('ААК 0000000101')!)).toBe('"аак 0000000101" OR "аак0000000101" OR "aak0000000101"')
    // «8916123» holds «916123»: the longer phrase could only match rows the shorter one matches.
    expect(ftsQuery(parseQuery('8 (916) 123')!)).toBe('"916123"')
    expect(ftsQuery(parseQuery('4519 123456')!)).toBe('"4519123456"')
    expect(likePattern('50%_\\')).toBe('%50\\%\\_\\\\%')
  })

  it('drops control characters and tries a partial phone typed with its leading 8 or 7 without it', () => {
    expect(normaliseSearch('ив\u0000ан\u0007ов\u007f')).toBe('ив ан ов')
    expect(ftsQuery(parseQuery('\u0000иван\u0001')!)).toBe('"иван"')
    expect(ftsQuery(parseQuery('8903765')!)).toBe('"903765"')
    expect(ftsQuery(parseQuery('7903')!)).toBe('"903"')
    // Only the forms holding another are left out; the rest are all asked.
    expect(ftsQuery({ ...parseQuery('иван')!, forms: ['иван', 'ivan', 'ива', 'ivanov'] })).toBe('"ivan" OR "ива"')
    expect(ftsQuery(parseQuery('890')!)).toBe('"890"')
  })

  it('recognises a VIN, a plate in either alphabet, a series+number and a blank number', () => {
    expect(parseQuery('xta gfk330ry123456')).toMatchObject({ vin: 'XTAGFK330RY123456' })
    expect(parseQuery('A123BC77')).toMatchObject({ plates: ['А123ВС77', 'A123BC77'] })
    expect(parseQuery('а 123 вс 777')).toMatchObject({ plates: ['А123ВС777', 'A123BC777'] })
    expect(parseQuery('AAK 0000000101')).toMatchObject({ seriesNumber: { series: 'ААК', number: '0000000101' } })
    expect(parseQuery('0000000101')).toMatchObject({ blankNumber: '0000000101', vin: null, plates: [] })
    expect(parseQuery('   ')).toBeNull()
  })

  it('reads a CASCO contract number with its letter Cyrillic, typed in either alphabet and either case', () => {
    for (const typed of ['MSK-01-К000042', 'msk-01-к000042', 'MSK-01-K000042', ' msk-01-k000042 '])
      expect(parseQuery(typed)).toMatchObject({ contractNumber: 'MSK-01-К000042' })
    for (const typed of ['MSK-01-К0000', 'MSK-01', 'К000042', 'иванов'])
      expect(parseQuery(typed)).toMatchObject({ contractNumber: null })
  })

  it('reads ten digits as a whole phone, passport or blank number, with the +7 or 8 of a phone dropped', () => {
    for (const p of [
      '+7 (916) 123-45-67',
      '8 916 123 45 67',
      '8-916-123-45-67',
      '79161234567',
      '89161234567',
      '9161234567',
    ])
      expect(parseQuery(p)?.tenDigits, p).toBe('9161234567')
    expect(parseQuery('4519 123456')?.tenDigits).toBe('4519123456')
    // Part of a phone, a foreign number, digits with letters: the FTS phrase only.
    for (const p of ['916 123-45', '+44 20 7946 0958', '69161234567', 'ААК 0000000101', '9161234567a'])
      expect(parseQuery(p)?.tenDigits, p).toBeNull()
  })

  it('counts a list to the next thousand past the page', () => {
    expect(countBound(0, 100)).toBe(1000)
    expect(countBound(900, 100)).toBe(2000)
    expect(countBound(1000, 100)).toBe(2000)
  })
})
