import { writeFile } from 'node:fs/promises'
import { isCalendarDate } from '../shared/dates/calendarDate'
import { periodInput } from '../shared/reports/contract'
import type { HqDb } from './db'
import { hqBlankReport, hqCashReport, REPORT_FORMATS, reportFile, type ReportFormat } from './reports'

export const REPORT_USAGE =
  'report cash --day YYYY-MM-DD [--branch MSK-01] [--format json|xlsx|csv] [--out file]\n' +
  'report blanks --from YYYY-MM-DD --to YYYY-MM-DD [--branch MSK-01] [--format json|xlsx|csv] [--out file]'

export interface ReportArgs {
  day?: string | undefined
  from?: string | undefined
  to?: string | undefined
  branch?: string | undefined
  format?: string | undefined
  out?: string | undefined
}

/**
 * `npm run hq -- report cash|blanks …` (hq/main.ts): the cross-branch report written to `--out`, or to standard
 * output (JSON and CSV; an XLSX workbook needs a file). Returns what to print on the console.
 */
export async function reportCommand(
  db: HqDb,
  kind: string | undefined,
  args: ReportArgs,
  now: Date,
  stdout: (bytes: Uint8Array) => void = (b) => process.stdout.write(b),
): Promise<string | null> {
  const format = (args.format ?? (args.out?.match(/\.(xlsx|csv|json)$/i)?.[1]?.toLowerCase() || 'json')) as ReportFormat
  if (!REPORT_FORMATS.includes(format)) throw new Error(`--format is one of ${REPORT_FORMATS.join(', ')}`)
  if (format === 'xlsx' && !args.out) throw new Error('an XLSX report needs --out <file.xlsx>')
  const branch = args.branch ? { branch: args.branch } : {}
  let report
  if (kind === 'cash') {
    if (!args.day || !isCalendarDate(args.day)) throw new Error(`report cash needs --day YYYY-MM-DD\n${REPORT_USAGE}`)
    report = await hqCashReport(db, { day: args.day, ...branch }, now)
  } else if (kind === 'blanks') {
    const period = periodInput.safeParse({ from: args.from, to: args.to })
    if (!period.success)
      throw new Error(`report blanks needs --from and --to (YYYY-MM-DD, in order, at most a year)\n${REPORT_USAGE}`)
    report = await hqBlankReport(db, { ...period.data, ...branch }, now)
  } else {
    throw new Error(REPORT_USAGE)
  }
  const file = await reportFile(report, format)
  if (!args.out) {
    stdout(file.bytes)
    return null
  }
  await writeFile(args.out, file.bytes)
  return `${report.title}: ${args.out} (${file.bytes.length} bytes).`
}
