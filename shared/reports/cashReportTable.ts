import { wallClock } from '../dates/instant'
import { formatDateRu } from '../dates/typedDate'
import type { CashReport, CashReportTotals } from '../payments/cashReport'
import { MONEY_METHODS, PAYMENT_PURPOSES, type MoneyMethod, type PaymentPurpose } from '../payments/payment'
import type { Report, ReportColumn, ReportRow, ReportTable } from './export/table'

/**
 * The daily cash report (shared/payments/cashReport.ts, the journal's calculation) as a report for paper, XLSX and
 * CSV (issue 16 point 3), for one branch (core/reports) or several (HQ, hq/reports.ts): the till's cash from the
 * opening to the closing balance (Указание ЦБ № 3210-У п. 4.6, the cash book's page), receipts and payouts by
 * method, per clerk and per purpose. On paper and in files the language is Russian, like every printed document.
 */
export const METHOD_LABELS: Record<MoneyMethod, string> = {
  cash: 'Наличные',
  card: 'Банковская карта',
  bank: 'Безналичный перевод',
}

export const PURPOSE_LABELS: Record<PaymentPurpose, string> = {
  osago_premium: 'Премия ОСАГО',
  osago_change_premium: 'Доплата при изменении ОСАГО',
  osago_change_refund: 'Возврат при изменении ОСАГО',
  osago_duplicate_fee: 'Плата за дубликат ОСАГО',
  casco_premium: 'Премия КАСКО',
  casco_instalment: 'Очередной взнос КАСКО',
  termination_refund: 'Возврат при расторжении',
}

export interface BranchCashReport {
  branch: string
  report: CashReport
  /** When and by whom the day was closed; null while it is open (the figures may still change). */
  closed: { at: string; by: string } | null
}

const money = (key: string, title: string, width = 16): ReportColumn => ({ key, title, type: 'money', width })

function methodRow(t: CashReportTotals): ReportRow {
  const row: Record<string, number> = {}
  for (const m of MONEY_METHODS) {
    row[`in_${m}`] = t.receivedKopecks[m]
    row[`out_${m}`] = t.refundedKopecks[m]
  }
  return { ...row, inTotal: t.receivedTotalKopecks, outTotal: t.refundedTotalKopecks, payments: t.payments }
}

const methodColumns: ReportColumn[] = [
  ...MONEY_METHODS.map((m) => money(`in_${m}`, `Принято: ${METHOD_LABELS[m].toLowerCase()}`, 14)),
  money('inTotal', 'Принято всего', 14),
  ...MONEY_METHODS.map((m) => money(`out_${m}`, `Выплачено: ${METHOD_LABELS[m].toLowerCase()}`, 14)),
  money('outTotal', 'Выплачено всего', 14),
  { key: 'payments', title: 'Операций', type: 'int', width: 11 },
]

function sumTotals(list: readonly CashReportTotals[]): CashReportTotals {
  const zero = () => ({ cash: 0, card: 0, bank: 0 })
  const t: CashReportTotals = {
    receivedKopecks: zero(),
    refundedKopecks: zero(),
    receivedTotalKopecks: 0,
    refundedTotalKopecks: 0,
    cashNetKopecks: 0,
    payments: 0,
  }
  for (const x of list) {
    for (const m of MONEY_METHODS) {
      t.receivedKopecks[m] += x.receivedKopecks[m]
      t.refundedKopecks[m] += x.refundedKopecks[m]
    }
    t.receivedTotalKopecks += x.receivedTotalKopecks
    t.refundedTotalKopecks += x.refundedTotalKopecks
    t.cashNetKopecks += x.cashNetKopecks
    t.payments += x.payments
  }
  return t
}

function stamp(at: string, timeZone: string): string {
  const w = wallClock(at, timeZone)
  return w ? `${formatDateRu(w.date)} ${w.time.slice(0, 5)}` : at
}

export function cashReportDocument(
  day: string,
  branches: readonly BranchCashReport[],
  made: { at: string; timeZone: string; scope: string; fileScope?: string; byBranch?: boolean; clerk?: string },
): Report {
  // A line per branch when the report covers several (HQ's «all branches», even if one has data).
  const many = branches.length !== 1 || made.byBranch === true
  const branchCol: ReportColumn[] = many ? [{ key: 'branch', title: 'Филиал', type: 'text', width: 12 }] : []
  const tables: ReportTable[] = []

  if (!many) {
    const { report, closed } = branches[0]!
    const b = report.branch
    tables.push({
      title: 'Наличные в кассе',
      columns: [{ key: 'item', title: 'Показатель', type: 'text', width: 40 }, money('amount', 'Сумма')],
      rows: [
        { item: 'Остаток на начало дня', amount: report.openingCashKopecks },
        { item: 'Принято наличными', amount: b.receivedKopecks.cash },
        { item: 'Выдано наличными', amount: b.refundedKopecks.cash },
      ],
      totals: {
        item: closed ? 'Остаток на конец дня' : 'Остаток на конец дня (день не закрыт)',
        amount: report.closingCashKopecks,
      },
    })
    tables.push({
      title: 'По способам оплаты',
      columns: [
        { key: 'item', title: 'Способ', type: 'text', width: 24 },
        money('in', 'Принято'),
        money('out', 'Выплачено'),
      ],
      rows: MONEY_METHODS.map((m) => ({ item: METHOD_LABELS[m], in: b.receivedKopecks[m], out: b.refundedKopecks[m] })),
      totals: { item: 'Итого', in: b.receivedTotalKopecks, out: b.refundedTotalKopecks },
    })
  } else {
    tables.push({
      title: 'По филиалам',
      columns: [
        ...branchCol,
        money('opening', 'Остаток на начало'),
        ...methodColumns,
        money('closing', 'Остаток на конец'),
        { key: 'state', title: 'День', type: 'text', width: 18 },
      ],
      rows: branches.map(({ branch, report, closed }) => ({
        branch,
        opening: report.openingCashKopecks,
        ...methodRow(report.branch),
        closing: report.closingCashKopecks,
        state: closed ? `закрыт ${stamp(closed.at, made.timeZone)}` : 'не закрыт',
      })),
      totals: {
        branch: 'Итого',
        opening: branches.reduce((s, b) => s + b.report.openingCashKopecks, 0),
        ...methodRow(sumTotals(branches.map((b) => b.report.branch))),
        closing: branches.reduce((s, b) => s + b.report.closingCashKopecks, 0),
      },
    })
  }

  const clerkRows = branches.flatMap(({ branch, report }) =>
    report.clerks.map((c) => ({ branch, clerk: c.clerkName, ...methodRow(c), cashNet: c.cashNetKopecks })),
  )
  const all = sumTotals(branches.map((b) => b.report.branch))
  tables.push({
    title: 'По кассирам',
    columns: [
      ...branchCol,
      { key: 'clerk', title: 'Кассир', type: 'text', width: 28 },
      ...methodColumns,
      money('cashNet', 'Наличные: сальдо', 14),
    ],
    rows: clerkRows,
    totals: { [many ? 'branch' : 'clerk']: 'Итого', ...methodRow(all), cashNet: all.cashNetKopecks },
  })

  const purposes = new Map<PaymentPurpose, { in: number; out: number }>()
  for (const { report } of branches)
    for (const p of PAYMENT_PURPOSES) {
      const v = report.byPurpose[p]
      if (!v) continue
      const acc = purposes.get(p) ?? { in: 0, out: 0 }
      purposes.set(p, { in: acc.in + v.inKopecks, out: acc.out + v.outKopecks })
    }
  tables.push({
    title: 'По назначению платежа',
    columns: [
      { key: 'item', title: 'Назначение', type: 'text', width: 34 },
      money('in', 'Принято'),
      money('out', 'Выплачено'),
    ],
    rows: PAYMENT_PURPOSES.filter((p) => purposes.has(p)).map((p) => ({
      item: PURPOSE_LABELS[p],
      ...purposes.get(p)!,
    })),
    totals: { item: 'Итого', in: all.receivedTotalKopecks, out: all.refundedTotalKopecks },
  })

  const lines = [`День: ${formatDateRu(day)}`, `Филиал: ${made.scope}`]
  // One clerk's part (core/payments cashReportFor with a clerk): their own payments, the till counted from zero.
  if (made.clerk) lines.push(`Кассир: ${made.clerk} (только его операции, остаток на начало не учитывается)`)
  if (!many) {
    const closed = branches[0]!.closed
    lines.push(
      closed
        ? `День закрыт: ${stamp(closed.at, made.timeZone)}, ${closed.by}`
        : 'День не закрыт: отчёт предварительный',
    )
  }
  lines.push(`Сформирован: ${stamp(made.at, made.timeZone)}`)
  return {
    title: `Кассовый отчёт за ${formatDateRu(day)}`,
    lines,
    tables,
    fileStem: `cash-report-${(made.fileScope ?? made.scope).replace(/[^\w-]/g, '')}-${day}`,
  }
}
