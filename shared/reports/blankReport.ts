import { wallClock } from '../dates/instant'
import type { BlankStatus } from '../blanks/schemas'
import { formatDateRu } from '../dates/typedDate'
import type { Report, ReportRow, ReportTable } from './export/table'

/**
 * The blank report for a period (issue 16 point 3): per series, the blanks on hand at the start, received, issued
 * (used by a policy), spoiled, lost, on hand at the end, and the number ranges received and left. The same
 * calculation for the branch (core/reports) and across branches at HQ (hq/reports.ts), over the blank rows as
 * both hold them. Days are the branch's days (`timeZone`): a blank received at 00:30 Moscow time belongs to that day.
 *
 * A blank leaves the stock once, when it is used or, unused, spoiled (docs/domain/paper-blanks.md#e): a used blank
 * spoiled later (its policy reissued on a new blank) or lost by the client is counted in its column but had left
 * already, so on hand at the end = at the start + received − issued − spoiled from stock.
 */
export interface BlankMoves {
  series: string
  number: string
  status: BlankStatus
  received_at: string
  used_at: string | null
  spoiled_at: string | null
  spoiled_reason?: string | null
  lost_at?: string | null
  lost_reason?: string | null
}

export interface BlankReportLine {
  series: string
  onHandStart: number
  received: number
  issued: number
  spoiled: number
  /** Of `spoiled`, those spoiled unused, from stock. */
  spoiledFromStock: number
  lost: number
  onHandEnd: number
  receivedRanges: string
  onHandEndRanges: string
}

/** A spoiled or lost blank of the period, listed by number (a spoiled blank goes back to the insurer with its act). */
export interface BlankWriteOff {
  series: string
  number: string
  day: string
  status: 'spoiled' | 'lost'
  reason: string
}

export interface BlankReportData {
  from: string
  to: string
  lines: BlankReportLine[]
  writeOffs: BlankWriteOff[]
}

/** «0000000001–0000000050, 0000000060»: consecutive numbers as one range. Numbers are 10 digits, exact as numbers. */
export function numberRanges(numbers: readonly string[]): string {
  const sorted = [...numbers].sort()
  const out: string[] = []
  let i = 0
  while (i < sorted.length) {
    let j = i
    while (j + 1 < sorted.length && Number(sorted[j + 1]) === Number(sorted[j]) + 1) j++
    out.push(i === j ? sorted[i]! : `${sorted[i]}–${sorted[j]}`)
    i = j + 1
  }
  return out.join(', ')
}

export function blankReportData(
  blanks: readonly BlankMoves[],
  period: { from: string; to: string },
  timeZone: string,
): BlankReportData {
  const dayOf = (instant: string | null | undefined): string | null =>
    instant ? (wallClock(instant, timeZone)?.date ?? null) : null
  const inPeriod = (day: string | null) => day !== null && day >= period.from && day <= period.to
  const bySeries = new Map<string, { line: BlankReportLine; received: string[]; left: string[] }>()
  const writeOffs: BlankWriteOff[] = []
  for (const b of blanks) {
    const received = dayOf(b.received_at)!
    const used = dayOf(b.used_at)
    const spoiled = dayOf(b.spoiled_at)
    const lost = dayOf(b.lost_at)
    const leftStock = used ?? spoiled
    let s = bySeries.get(b.series)
    if (!s) {
      s = {
        line: {
          series: b.series,
          onHandStart: 0,
          received: 0,
          issued: 0,
          spoiled: 0,
          spoiledFromStock: 0,
          lost: 0,
          onHandEnd: 0,
          receivedRanges: '',
          onHandEndRanges: '',
        },
        received: [],
        left: [],
      }
      bySeries.set(b.series, s)
    }
    const line = s.line
    if (received < period.from && (leftStock === null || leftStock >= period.from)) line.onHandStart++
    if (received <= period.to && (leftStock === null || leftStock > period.to)) {
      line.onHandEnd++
      s.left.push(b.number)
    }
    if (inPeriod(received)) {
      line.received++
      s.received.push(b.number)
    }
    if (inPeriod(used)) line.issued++
    if (inPeriod(spoiled)) {
      line.spoiled++
      if (used === null) line.spoiledFromStock++
      writeOffs.push({
        series: b.series,
        number: b.number,
        day: spoiled!,
        status: 'spoiled',
        reason: b.spoiled_reason ?? '',
      })
    }
    if (inPeriod(lost)) {
      line.lost++
      writeOffs.push({ series: b.series, number: b.number, day: lost!, status: 'lost', reason: b.lost_reason ?? '' })
    }
  }
  const lines = [...bySeries.values()]
    .map(({ line, received, left }) => ({
      ...line,
      receivedRanges: numberRanges(received),
      onHandEndRanges: numberRanges(left),
    }))
    // A series with nothing at the branch in the period and no move in it has no line.
    .filter((l) => l.onHandStart + l.received + l.issued + l.spoiled + l.lost + l.onHandEnd > 0)
    .sort((a, b) => a.series.localeCompare(b.series))
  writeOffs.sort(
    (a, b) => a.day.localeCompare(b.day) || `${a.series}${a.number}`.localeCompare(`${b.series}${b.number}`),
  )
  return { from: period.from, to: period.to, lines, writeOffs }
}

/** Sums the counts of several lines (the totals row; HQ's lines of all branches). */
export function blankTotals(
  lines: readonly BlankReportLine[],
): Omit<BlankReportLine, 'series' | 'receivedRanges' | 'onHandEndRanges'> {
  const t = { onHandStart: 0, received: 0, issued: 0, spoiled: 0, spoiledFromStock: 0, lost: 0, onHandEnd: 0 }
  for (const l of lines) for (const k of Object.keys(t) as Array<keyof typeof t>) t[k] += l[k]
  return t
}

/** The branch's data, with the branch named on each line when the report covers several (HQ). */
export interface BranchBlankReport {
  branch: string
  data: BlankReportData
}

export function blankReport(
  branches: readonly BranchBlankReport[],
  period: { from: string; to: string },
  made: { at: string; timeZone: string; scope: string; fileScope?: string; byBranch?: boolean },
): Report {
  // A line per branch when the report covers several (HQ's «all branches», even if one has data).
  const many = branches.length !== 1 || made.byBranch === true
  const branchCol = many ? [{ key: 'branch', title: 'Филиал', type: 'text' as const, width: 12 }] : []
  const rows: ReportRow[] = branches.flatMap(({ branch, data }) => data.lines.map((l) => ({ branch, ...l })))
  const allLines = branches.flatMap((b) => b.data.lines)
  const summary: ReportTable = {
    title: 'Движение бланков',
    columns: [
      ...branchCol,
      { key: 'series', title: 'Серия', type: 'text', width: 8 },
      { key: 'onHandStart', title: 'Остаток на начало', type: 'int', width: 11 },
      { key: 'received', title: 'Получено', type: 'int', width: 10 },
      { key: 'receivedRanges', title: 'Полученные номера', type: 'text', width: 26 },
      { key: 'issued', title: 'Использовано (выдано)', type: 'int', width: 12 },
      { key: 'spoiled', title: 'Испорчено', type: 'int', width: 10 },
      { key: 'spoiledFromStock', title: 'в т. ч. из остатка', type: 'int', width: 10 },
      { key: 'lost', title: 'Утрачено', type: 'int', width: 10 },
      { key: 'onHandEnd', title: 'Остаток на конец', type: 'int', width: 11 },
      { key: 'onHandEndRanges', title: 'Номера в остатке', type: 'text', width: 26 },
    ],
    rows,
    totals: { [many ? 'branch' : 'series']: 'Итого', ...blankTotals(allLines) },
  }
  const writeOffs: ReportTable = {
    title: 'Испорченные и утраченные',
    columns: [
      ...branchCol,
      { key: 'day', title: 'Дата', type: 'date' },
      { key: 'series', title: 'Серия', type: 'text', width: 8 },
      { key: 'number', title: 'Номер', type: 'text', width: 13 },
      { key: 'what', title: 'Что', type: 'text', width: 12 },
      { key: 'reason', title: 'Причина', type: 'text', width: 40 },
    ],
    rows: branches.flatMap(({ branch, data }) =>
      data.writeOffs.map((w) => ({
        branch,
        day: w.day,
        series: w.series,
        number: w.number,
        what: w.status === 'spoiled' ? 'испорчен' : 'утрачен',
        reason: w.reason,
      })),
    ),
  }
  const at = wallClock(made.at, made.timeZone)
  return {
    title: 'Отчёт о движении бланков строгой отчётности (полисы ОСАГО)',
    lines: [
      `Период: ${formatDateRu(period.from)} — ${formatDateRu(period.to)}`,
      `Филиал: ${made.scope}`,
      `Сформирован: ${at ? `${formatDateRu(at.date)} ${at.time.slice(0, 5)}` : made.at}`,
    ],
    tables: [summary, writeOffs],
    fileStem: `blank-report-${(made.fileScope ?? made.scope).replace(/[^\w-]/g, '')}-${period.from}-${period.to}`,
  }
}
