import { checkCell, type CellValue, type Report, type ReportColumn } from './table'

/**
 * CSV as Russian Excel opens it by a double click (decision 107): UTF-8 with a byte-order mark (without it Excel
 * reads Windows-1251 and the Cyrillic is garbage), `;` between fields (the list separator of the Russian locale,
 * where `,` is the decimal sign), amounts with a decimal comma and no grouping (so Excel takes them as numbers),
 * dates ДД.ММ.ГГГГ (taken as dates), CRLF line ends (RFC 4180). Sections follow each other, a blank line apart.
 */
export const CSV_BOM = '\uFEFF'
const SEP = ';'

/** 1234567 kopecks → «12345,67»: integer arithmetic, no grouping. */
export function csvMoney(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : ''
  const abs = Math.abs(kopecks)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

export function csvDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`
}

/**
 * A text field quoted when it holds the separator, a quote or a line break; one starting like a formula (= + - @,
 * tab, CR) gets an apostrophe first, so a client's name can never run as a formula in the accountant's Excel
 * (OWASP «CSV injection»).
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function field(column: ReportColumn, value: CellValue | undefined): string {
  const v = checkCell(column, value)
  if (v === null) return ''
  switch (column.type) {
    case 'money':
      return csvMoney(v as number)
    case 'int':
      return String(v)
    case 'date':
      return csvDate(v as string)
    case 'text':
      return csvText(v as string)
  }
}

export function toCsv(report: Report): string {
  const lines: string[] = [csvText(report.title), ...report.lines.map(csvText)]
  for (const table of report.tables) {
    lines.push('')
    if (report.tables.length > 1) lines.push(csvText(table.title))
    lines.push(table.columns.map((c) => csvText(c.title)).join(SEP))
    for (const row of table.rows) lines.push(table.columns.map((c) => field(c, row[c.key])).join(SEP))
    if (table.totals) lines.push(table.columns.map((c) => field(c, table.totals![c.key])).join(SEP))
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`
}

/** The bytes of a CSV file (the writers of both core and HQ save these). */
export function csvBytes(report: Report): Uint8Array {
  return new TextEncoder().encode(toCsv(report))
}
