import { formatDateRu } from '../../../shared/dates/typedDate'
import { formatNumber } from '../../../shared/format/number'
import { formatAmount } from '../../../shared/money/format'
import {
  checkCell,
  type CellValue,
  type Report,
  type ReportColumn,
  type ReportTable,
} from '../../../shared/reports/export/table'
import { A4_MARGINS, a4Document, sectionTitle } from '../../print/a4'
import {
  A4_MM,
  mm,
  type Content,
  type ContentNode,
  type DocDefinition,
  type TableLayout,
} from '../../print/docDefinition'

/**
 * A report (shared/reports/export/table.ts) on A4 paper through the print kit: the title and its lines, then each
 * table with its header repeated on every page and its totals row in bold. Amounts as «12 345,67», dates
 * ДД.ММ.ГГГГ, counts grouped; numbers right-aligned. A table wider than seven columns turns the page to landscape.
 */
const LANDSCAPE_FROM_COLUMNS = 8

const grid: TableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#9e9e9e',
  vLineColor: () => '#9e9e9e',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 1.5,
  paddingBottom: () => 1,
  fillColor: (row) => (row === 0 ? '#eeeeee' : null),
}

export function pdfCell(column: ReportColumn, value: CellValue | undefined): string {
  const v = checkCell(column, value)
  if (v === null) return ''
  if (column.type === 'money') return formatAmount(v as number)
  if (column.type === 'date') return formatDateRu(v as string)
  if (column.type === 'int') return formatNumber(v as number, 0)
  return String(v)
}

const WIDTHS = { money: 16, date: 12, int: 10, text: 24 } as const

function tableNode(table: ReportTable, pageWidth: number): ContentNode {
  const weights = table.columns.map((c) => c.width ?? WIDTHS[c.type])
  const sum = weights.reduce((a, b) => a + b, 0)
  // Cell padding and rules come out of each column's share.
  const widths = weights.map((w) => (pageWidth * w) / sum - 7)
  const align = (c: ReportColumn) => (c.type === 'text' ? 'left' : 'right') as 'left' | 'right'
  const body: Content[][] = [
    table.columns.map((c) => ({ text: c.title, bold: true, fontSize: 7.5, alignment: align(c) })),
    ...table.rows.map((r) => table.columns.map((c) => ({ text: pdfCell(c, r[c.key]), alignment: align(c) }))),
  ]
  if (table.totals)
    body.push(table.columns.map((c) => ({ text: pdfCell(c, table.totals![c.key]), bold: true, alignment: align(c) })))
  if (table.rows.length === 0 && !table.totals)
    body.push([
      { text: 'Нет данных', colSpan: table.columns.length, italics: true },
      ...table.columns.slice(1).map(() => ''),
    ])
  return { table: { widths, headerRows: 1, dontBreakRows: true, body }, layout: grid }
}

export function reportPdfDefinition(report: Report): DocDefinition {
  const landscape = report.tables.some((t) => t.columns.length >= LANDSCAPE_FROM_COLUMNS)
  const pageWidth = mm(landscape ? A4_MM.height : A4_MM.width) - A4_MARGINS[0] - A4_MARGINS[2]
  const content: Content[] = [
    { text: report.title, style: 'title', margin: [0, 0, 0, mm(2)] },
    ...report.lines.map((l) => ({ text: l })),
  ]
  for (const t of report.tables) {
    content.push(sectionTitle(t.title))
    content.push(tableNode(t, pageWidth))
  }
  return {
    ...a4Document({ title: report.title, content, footerText: report.title }),
    ...(landscape ? { pageOrientation: 'landscape' as const } : {}),
  }
}
