import { describe, expect, it } from 'vitest'
import { buildCalibrationPage, calibrationFileName, calibrationMarks } from './calibration'
import { mm } from './docDefinition'
import { pageCount, renderPdf } from './pdfEngine'
import { FIXED_NOW, layout } from './testing/fixtures'
import { keepPdf, pdfText, pdfToPng, pdfWords } from './testing/pdfTools'

async function render(name: string, offset: { xMm: number; yMm: number }) {
  const path = keepPdf(
    name,
    await renderPdf(buildCalibrationPage({ layout, printerName: 'Kyocera ECOSYS P2040dn' }, offset), {
      creationDate: FIXED_NOW,
    }),
  )
  return path
}

describe('calibration page', () => {
  it('marks layout positions with labelled crosshairs, has rulers and says how to measure', async () => {
    const path = await render('print-calibration', { xMm: 0, yMm: 0 })
    const text = pdfText(path)
    expect(text).toContain('Калибровочная страница')
    expect(text).toContain('Принтер: Kyocera ECOSYS P2040dn')
    expect(text).toContain(`макет бланка ${layout.version}`)
    expect(text).toContain('Новое смещение = текущее смещение')
    const marks = calibrationMarks(layout)
    expect(marks.map((m) => m.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
    expect(marks[0]).toMatchObject({ x: layout.data.fields.insurerName.x, y: layout.data.fields.insurerName.y })
    const words = pdfWords(path)
    for (const m of marks) {
      const label = words.find((w) => w.text === m.label && Math.abs(w.xMin - mm(m.x + 2)) < 1)
      expect(label, m.label).toBeDefined()
      expect(label!.yMin).toBeCloseTo(mm(m.y + 1.2), 0)
    }
    // Ruler numbers every 10 mm along both edges.
    for (const n of ['20', '100', '200', '280']) expect(words.some((w) => w.text === n)).toBe(true)
    expect(
      pageCount(
        await renderPdf(buildCalibrationPage({ layout, printerName: null }, { xMm: 0, yMm: 0 }), {
          creationDate: FIXED_NOW,
        }),
      ),
    ).toBe(1)
    expect(pdfToPng(path, 'print-calibration')).toHaveLength(1)
  })

  it("is printed with the printer's current offset, so a second print checks the correction", async () => {
    const plain = pdfWords(await render('print-calibration', { xMm: 0, yMm: 0 }))
    const moved = await render('print-calibration-offset', { xMm: -1.5, yMm: 2 })
    expect(pdfText(moved)).toContain('Текущее смещение: X −1,5 мм, Y +2 мм')
    const a = plain.find((w) => w.text === 'A')!
    const b = pdfWords(moved).find((w) => w.text === 'A')!
    expect(b.xMin - a.xMin).toBeCloseTo(mm(-1.5), 1)
    expect(b.yMin - a.yMin).toBeCloseTo(mm(2), 1)
  })

  it('is named after the printer', () => {
    expect(calibrationFileName({ layout, printerName: 'HP LaserJet' })).toBe('Калибровочная страница — HP LaserJet.pdf')
    expect(calibrationFileName({ layout, printerName: '\\\\server\\HP' })).toBe(
      'Калибровочная страница — server HP.pdf',
    )
  })
})
