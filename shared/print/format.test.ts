import { describe, expect, it } from 'vitest'
import { formatDateRu, formatMillimetres } from './format'

const plain = (s: string) => s.replace(/\u00a0/g, ' ')

describe('formatDateRu', () => {
  it('writes ДД.ММ.ГГГГ', () => {
    expect(formatDateRu('2026-11-02')).toBe('02.11.2026')
    expect(() => formatDateRu('2026-02-30')).toThrow()
  })
})

describe('formatMillimetres', () => {
  it('signs and rounds to a tenth', () => {
    expect(plain(formatMillimetres(1.5))).toBe('+1,5 мм')
    expect(plain(formatMillimetres(-2))).toBe('−2 мм')
    expect(plain(formatMillimetres(0))).toBe('0 мм')
    expect(plain(formatMillimetres(-0.04))).toBe('0 мм')
  })
})
