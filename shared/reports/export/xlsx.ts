import type { Workbook, Worksheet } from 'exceljs'
import { checkCell, sheetNames, type Report, type ReportColumn, type ReportTable } from './table'

/**
 * The XLSX writer (exceljs 4.4, decision 107). shared/ stays pure: the caller passes the exceljs module in (the core
 * and HQ import it, both Node), so this file carries only types from it and the layout is written once for both.
 *
 * Number formats are stored as the file format requires — in the invariant notation (`,` groups, `.` decimals) —
 * and Excel shows them in the reader's locale: `#,##0.00 "₽"` is «# ##0,00 ₽» in a Russian Excel, `dd.mm.yyyy`
 * is ДД.ММ.ГГГГ. Money goes in as roubles (kopecks / 100, exact to the cent in a double) so sums in Excel work.
 */
export interface ExcelModule {
  Workbook: new () => Workbook
}

export const MONEY_FORMAT = '#,##0.00 "₽"'
export const DATE_FORMAT = 'dd.mm.yyyy'
export const INT_FORMAT = '#,##0'

const DEFAULT_WIDTH: Record<ReportColumn['type'], number> = { money: 16, date: 12, int: 10, text: 24 }

function cellValue(column: ReportColumn, raw: unknown): string | number | Date | null {
  const v = checkCell(column, raw as never)
  if (v === null) return null
  if (column.type === 'money') return (v as number) / 100
  // A date without a time, at UTC midnight: exceljs writes the serial day number of that date, whatever the zone.
  if (column.type === 'date') return new Date(`${v as string}T00:00:00Z`)
  return v
}

function writeTable(ws: Worksheet, report: Report, table: ReportTable): void {
  ws.getCell(1, 1).value = report.title
  ws.getCell(1, 1).font = { bold: true, size: 13 }
  report.lines.forEach((line, i) => (ws.getCell(2 + i, 1).value = line))
  let row = 2 + report.lines.length
  if (report.tables.length > 1) {
    ws.getCell(row, 1).value = table.title
    ws.getCell(row, 1).font = { bold: true }
  }
  row += 1
  const headerRow = row
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    col.width = c.width ?? DEFAULT_WIDTH[c.type]
    if (c.type === 'money') col.numFmt = MONEY_FORMAT
    if (c.type === 'date') col.numFmt = DATE_FORMAT
    if (c.type === 'int') col.numFmt = INT_FORMAT
    const cell = ws.getCell(headerRow, i + 1)
    cell.value = c.title
    cell.font = { bold: true }
    cell.alignment = { wrapText: true, vertical: 'middle' }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  const put = (r: number, values: Readonly<Record<string, unknown>>, bold: boolean) =>
    table.columns.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1)
      cell.value = cellValue(c, values[c.key])
      // The column's format reaches only cells written after it is set in exceljs: set it on the cell too.
      if (c.type === 'money') cell.numFmt = MONEY_FORMAT
      if (c.type === 'date') cell.numFmt = DATE_FORMAT
      if (c.type === 'int') cell.numFmt = INT_FORMAT
      if (c.type === 'text') cell.alignment = { wrapText: true, vertical: 'top' }
      if (bold) {
        cell.font = { bold: true }
        cell.border = { top: { style: 'thin' } }
      }
    })
  table.rows.forEach((r, i) => put(headerRow + 1 + i, r, false))
  if (table.totals) put(headerRow + 1 + table.rows.length, table.totals, true)
  // The header stays in view while the rows scroll (everything above it too: title and period).
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }]
}

/** The workbook's bytes: one sheet per table, each with the report's title and lines above its header. */
export async function toXlsx(report: Report, excel: ExcelModule): Promise<Uint8Array> {
  const wb = new excel.Workbook()
  wb.creator = 'Branch Desk'
  // The workbook's own dates say nothing: the report's lines say when it was made (and by the branch's clock).
  wb.created = new Date(0)
  wb.modified = new Date(0)
  const names = sheetNames(report.tables)
  report.tables.forEach((t, i) => writeTable(wb.addWorksheet(names[i]!), report, t))
  const buffer = await wb.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
