import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fitText } from './fitText'
import { textMeasure } from './pdfEngine'

const m = await textMeasure()
const address = 'Московская область, г. Балашиха, мкр. Железнодорожный, ул. Вертолётная, д. 12, корп. 3, кв. 245'

describe('fitting text into a box of the blank', () => {
  it('keeps the box size when the text fits', () => {
    expect(fitText('Смирнов Алексей Викторович', { widthPt: 300, fontSize: 9, lines: 1, minFontSize: 6 }, m)).toEqual({
      fontSize: 9,
      lines: ['Смирнов Алексей Викторович'],
    })
  })

  it('sets a long text smaller, in half points, until it fits', () => {
    const width = m.width(address, 9) * 0.9
    const fitted = fitText(address, { widthPt: width, fontSize: 9, lines: 1, minFontSize: 6 }, m)!
    expect(fitted.lines).toEqual([address])
    expect(fitted.fontSize).toBe(8)
    expect(m.width(address, fitted.fontSize)).toBeLessThanOrEqual(width)
  })

  it('breaks into the lines the box has before it shrinks, at ordinary spaces only', () => {
    const width = m.width(address, 8) * 0.6
    const fitted = fitText(address, { widthPt: width, fontSize: 8, lines: 2, minFontSize: 6 }, m)!
    expect(fitted.fontSize).toBe(8)
    expect(fitted.lines).toHaveLength(2)
    expect(
      fitText(
        '12\u00a0345,67\u00a0₽',
        { widthPt: m.width('12\u00a0345', 9), fontSize: 9, lines: 2, minFontSize: 9 },
        m,
      ),
    ).toBeNull()
  })

  it('gives up below the minimum size instead of overprinting', () => {
    expect(fitText(address, { widthPt: 100, fontSize: 9, lines: 1, minFontSize: 6 }, m)).toBeNull()
  })

  it('never returns a line wider than the box, and loses no word', () => {
    const word = fc.stringMatching(/^[А-Яа-я0-9.,-]{1,14}$/)
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 60, max: 500 }),
        fc.integer({ min: 1, max: 4 }),
        (words, width, lines) => {
          const text = words.join(' ')
          const fitted = fitText(text, { widthPt: width, fontSize: 9, lines, minFontSize: 6 }, m)
          if (!fitted) return
          expect(fitted.lines.length).toBeLessThanOrEqual(lines)
          for (const line of fitted.lines) expect(m.width(line, fitted.fontSize)).toBeLessThanOrEqual(width)
          expect(fitted.lines.join(' ')).toBe(text)
        },
      ),
    )
  })
})
