import { describe, expect, it } from 'vitest'
import { a4Document, labelled, sectionTitle } from './a4'
import { renderPdf } from './pdfEngine'
import { FIXED_NOW } from './testing/fixtures'
import { keepPdf, pdfWords } from './testing/pdfTools'

describe('A4 documents', () => {
  it('never leave a section heading alone at the foot of a page', async () => {
    // Push the heading down a line at a time across the whole first page: wherever it lands, its table follows it.
    for (let lines = 60; lines <= 72; lines++) {
      const doc = a4Document({
        title: 'Проба',
        footerText: 'Проба · подвал',
        content: [
          ...Array.from({ length: lines }, (_, i) => ({ text: `Строка ${i + 1}` })),
          sectionTitle('Заголовок'),
          labelled([['Поле', 'Значение']]),
        ],
      })
      const words = pdfWords(keepPdf('a4-heading', await renderPdf(doc, { creationDate: FIXED_NOW })))
      const heading = words.find((w) => w.text === 'Заголовок')!
      const field = words.find((w) => w.text === 'Поле')!
      expect(heading.page, `${lines} lines before the heading`).toBe(field.page)
    }
  })

  it('numbers pages in the footer', async () => {
    const doc = a4Document({
      title: 'Проба',
      footerText: 'Проба · подвал',
      content: Array.from({ length: 120 }, (_, i) => ({ text: `Строка ${i + 1}` })),
    })
    const words = pdfWords(keepPdf('a4-footer', await renderPdf(doc, { creationDate: FIXED_NOW })))
    expect(words.filter((w) => w.text === 'подвал').map((w) => w.page)).toEqual([1, 2])
    expect(words.filter((w) => w.text === 'Страница').length).toBe(2)
  })
})
