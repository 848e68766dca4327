import { describe, expect, it } from 'vitest'
import { mm, type DocDefinition } from './docDefinition'
import { pageCount, renderPdf, textMeasure } from './pdfEngine'
import { keepPdf, pdfText, pdfWords } from './testing/pdfTools'

const at = new Date('2026-11-21T09:40:00.000Z')

function sample(extra: Partial<DocDefinition> = {}): DocDefinition {
  return {
    pageSize: 'A4',
    pageMargins: 0,
    info: { title: 'Проба' },
    content: [
      { text: 'Полис № ААК 0123456789 — премия 1 234,56 ₽', absolutePosition: { x: mm(30), y: mm(40) } },
      { text: 'Съешь же ещё этих мягких французских булок, да выпей чаю', pageBreak: 'before' },
    ],
    ...extra,
  }
}

describe('pdf engine', () => {
  it('renders Cyrillic, № and ₽ with its own Roboto, where it was told', async () => {
    const path = keepPdf('engine-sample', await renderPdf(sample(), { creationDate: at }))
    const text = pdfText(path)
    expect(text).toContain('Полис № ААК 0123456789 — премия 1 234,56 ₽')
    expect(text).toContain('Съешь же ещё этих мягких французских булок')
    const polis = pdfWords(path).find((w) => w.text === 'Полис')!
    expect(polis.page).toBe(1)
    expect(polis.xMin).toBeCloseTo(mm(30), 1)
    expect(polis.yMin).toBeCloseTo(mm(40), 1)
  })

  it('is deterministic for a fixed creation date, and the date is in the file', async () => {
    const a = await renderPdf(sample(), { creationDate: at })
    const b = await renderPdf(sample(), { creationDate: at })
    const c = await renderPdf(sample(), { creationDate: new Date('2026-11-22T09:40:00.000Z') })
    expect(a.equals(b)).toBe(true)
    expect(a.equals(c)).toBe(false)
    expect(a.toString('latin1')).toContain('(D:20261121094000Z)')
  })

  it('counts pages', async () => {
    expect(pageCount(await renderPdf(sample(), { creationDate: at }))).toBe(2)
    expect(() => pageCount(Buffer.from('not a pdf'))).toThrow(/page tree/)
  })

  it('reads no file and no URL a document names, only its fonts', async () => {
    const withFile = { ...sample(), content: [{ image: '/etc/hostname' }], images: {} } as unknown as DocDefinition
    await expect(renderPdf(withFile, { creationDate: at })).rejects.toThrow(/access policy|denied/i)
    const withUrl = {
      ...sample(),
      content: [{ image: 'logo' }],
      images: { logo: 'https://example.com/logo.png' },
    } as unknown as DocDefinition
    await expect(renderPdf(withUrl, { creationDate: at })).rejects.toThrow(/access policy|denied/i)
  })

  it('measures text with the embedded fonts: longer is wider, size scales, bold has its own metrics', async () => {
    const m = await textMeasure()
    expect(m.width('Смирнов', 9)).toBeGreaterThan(m.width('Смирно', 9))
    expect(m.width('Смирнов', 10)).toBeCloseTo((m.width('Смирнов', 9) * 10) / 9, 6)
    expect(m.width('Смирнов', 9, true)).not.toBe(m.width('Смирнов', 9))
    expect(m.lineHeight(10)).toBeGreaterThan(10)
    expect(m.lineHeight(10)).toBeLessThan(13)
  })
})
