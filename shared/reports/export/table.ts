/**
 * The one model every report is written in (decision 107): a report is a title, a few lines saying what it covers
 * (period, branch, when made), and one or more tables. Each output — XLSX (xlsx.ts), CSV (csv.ts), PDF
 * (core/reports/export/pdf.ts) — is a writer of this model, so the three never disagree on a figure.
 */

/** money: integer kopecks; date: `YYYY-MM-DD`; int: a count; text: anything else. */
export type ColumnType = 'money' | 'date' | 'text' | 'int'

export interface ReportColumn {
  key: string
  title: string
  type: ColumnType
  /** In characters (XLSX column width; the PDF shares the page in proportion). */
  width?: number
}

export type CellValue = number | string | null

export type ReportRow = Readonly<Record<string, CellValue>>

export interface ReportTable {
  /** The section's heading (and its XLSX sheet name, cut to Excel's 31 characters). */
  title: string
  columns: readonly ReportColumn[]
  rows: readonly ReportRow[]
  /** The totals line: values by column key; a text column's value is its label («Итого»). */
  totals?: ReportRow
}

export interface Report {
  title: string
  /** What the report covers, one line each («Период: 01.12.2026 — 06.12.2026»). */
  lines: readonly string[]
  tables: readonly ReportTable[]
  /** The file's name without extension («blank-report-2026-12-01-2026-12-06»). */
  fileStem: string
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]; two sheets may not share a name. */
export function sheetNames(tables: readonly ReportTable[]): string[] {
  const used = new Set<string>()
  return tables.map((t, i) => {
    const base =
      t.title
        .replace(/[:\\/?*[\]]/g, ' ')
        .trim()
        .slice(0, 31) || `Sheet ${i + 1}`
    let name = base
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`
    used.add(name.toLowerCase())
    return name
  })
}

/** A value as it must be for its column, or an error naming the column: a writer never guesses a type. */
export function checkCell(column: ReportColumn, value: CellValue | undefined): CellValue {
  if (value === undefined || value === null) return null
  const bad = () => new Error(`report column ${column.key} (${column.type}): ${JSON.stringify(value)}`)
  switch (column.type) {
    case 'money':
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw bad()
      return value
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad()
      return value
    case 'text':
      return String(value)
  }
}
