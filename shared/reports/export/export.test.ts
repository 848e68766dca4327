import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvMoney, csvText, toCsv } from './csv'
import type { Report } from './table'
import { DATE_FORMAT, MONEY_FORMAT, toXlsx } from './xlsx'

const report: Report = {
  title: 'Кассовый отчёт',
  lines: ['Филиал MSK-01', 'День: 06.12.2026'],
  fileStem: 'cash',
  tables: [
    {
      title: 'Платежи',
      columns: [
        { key: 'day', title: 'Дата', type: 'date' },
        { key: 'who', title: 'Кассир', type: 'text', width: 30 },
        { key: 'n', title: 'Чеков', type: 'int' },
        { key: 'sum', title: 'Сумма', type: 'money' },
      ],
      rows: [
        { day: '2026-12-06', who: 'Иванова; И. "Касса"', n: 3, sum: 1_234_567 },
        { day: '2026-12-05', who: '=HYPERLINK("x")', n: 1, sum: -5 },
      ],
      totals: { who: 'Итого', n: 4, sum: 1_234_562 },
    },
    { title: 'Пусто', columns: [{ key: 'a', title: 'A', type: 'text' }], rows: [] },
  ],
}

/** A minimal reader of our own dialect: `;`, quotes doubled, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ';') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += ch
  }
  return rows
}

describe('CSV for Russian Excel', () => {
  it('starts with the BOM, separates by ;, writes decimal commas and ДД.ММ.ГГГГ, guards formulas', () => {
    const csv = toCsv(report)
    expect(csv.startsWith(CSV_BOM)).toBe(true)
    const rows = parseCsv(csv.slice(1))
    expect(rows.slice(0, 6)).toEqual([
      ['Кассовый отчёт'],
      ['Филиал MSK-01'],
      ['День: 06.12.2026'],
      [''],
      ['Платежи'],
      ['Дата', 'Кассир', 'Чеков', 'Сумма'],
    ])
    expect(rows[6]).toEqual(['06.12.2026', 'Иванова; И. "Касса"', '3', '12345,67'])
    expect(rows[7]).toEqual(['05.12.2026', `'=HYPERLINK("x")`, '1', '-0,05'])
    expect(rows[8]).toEqual(['', 'Итого', '4', '12345,62'])
    expect(rows.slice(9)).toEqual([[''], ['Пусто'], ['A']])
  })

  it('money round-trips exactly through the decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (k) => {
        const [rub, kop] = csvMoney(k).replace('-', '').split(',')
        expect((Number(rub) * 100 + Number(kop)) * (k < 0 ? -1 : 1)).toBe(k)
      }),
    )
  })

  it('refuses a value of the wrong type rather than writing it', () => {
    const bad: Report = { ...report, tables: [{ ...report.tables[0]!, rows: [{ sum: 12.5 }] }] }
    expect(() => toCsv(bad)).toThrow(/sum \(money\)/)
    expect(csvText('+7 900')).toBe("'+7 900")
  })
})

describe('XLSX', () => {
  it('reads back with numbers in roubles, real dates, the formats, a frozen header, widths and the totals row', async () => {
    const bytes = await toXlsx(report, ExcelJS)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Платежи', 'Пусто'])
    const ws = wb.getWorksheet('Платежи')!
    expect(ws.getCell('A1').value).toBe('Кассовый отчёт')
    expect(ws.getCell('A3').value).toBe('День: 06.12.2026')
    expect(ws.getCell('A4').value).toBe('Платежи')
    expect([1, 2, 3, 4].map((c) => ws.getCell(5, c).value)).toEqual(['Дата', 'Кассир', 'Чеков', 'Сумма'])
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 })
    const day = ws.getCell('A6')
    expect(day.value).toEqual(new Date('2026-12-06T00:00:00Z'))
    expect(day.numFmt).toBe(DATE_FORMAT)
    expect(ws.getCell('D6').value).toBe(12345.67)
    expect(ws.getCell('D6').numFmt).toBe(MONEY_FORMAT)
    expect(ws.getCell('D7').value).toBe(-0.05)
    expect(ws.getCell('B7').value).toBe('=HYPERLINK("x")')
    expect(ws.getCell('B7').type).toBe(ExcelJS.ValueType.String)
    expect(ws.getCell('B8').value).toBe('Итого')
    expect(ws.getCell('D8').value).toBe(12345.62)
    expect(ws.getCell('D8').font?.bold).toBe(true)
    expect(ws.getColumn(2).width).toBe(30)
    expect(ws.getColumn(4).width).toBe(16)
  })
})
