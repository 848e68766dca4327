import {
  MONEY_METHODS,
  PAYMENT_PURPOSES,
  type MoneyMethod,
  type PaymentDirection,
  type PaymentPurpose,
} from './payment'

/**
 * The daily cash report (issue 16 point 3; docs/domain/payments.md#cash-day): for one business day of the branch,
 * the cash at the start (the previous closed day's closing cash), what was received and what was paid out by
 * method, per clerk and for the branch, and the cash at the end — the figures of the cash book's page for the day
 * (Указание ЦБ № 3210-У п. 4.6: «остаток наличных денег на конец рабочего дня»). Only cash moves the till's balance;
 * card and bank amounts are listed beside it.
 *
 * A reversal (a row naming the one it cancels in `reversesId`, in the opposite direction) is counted against the
 * direction it corrects: a reversed receipt lowers the receipts, it is not a refund paid to a client.
 */
export type MethodTotals = Record<MoneyMethod, number>

export interface CashReportLine {
  direction: PaymentDirection
  purpose: PaymentPurpose
  method: MoneyMethod
  amountKopecks: number
  clerkId: string
  clerkName: string
  reversesId: string | null
}

export interface CashReportTotals {
  receivedKopecks: MethodTotals
  refundedKopecks: MethodTotals
  receivedTotalKopecks: number
  refundedTotalKopecks: number
  /** Cash received less cash paid out. */
  cashNetKopecks: number
  payments: number
}

export interface ClerkCashReport extends CashReportTotals {
  clerkId: string
  clerkName: string
}

export interface CashReport {
  day: string
  openingCashKopecks: number
  branch: CashReportTotals
  clerks: ClerkCashReport[]
  /** Per purpose: received and paid out (net of reversals), for the reconciliation with the records. */
  byPurpose: Partial<Record<PaymentPurpose, { inKopecks: number; outKopecks: number }>>
  closingCashKopecks: number
}

const zeroMethods = (): MethodTotals => ({ cash: 0, card: 0, bank: 0 })

function emptyTotals(): CashReportTotals {
  return {
    receivedKopecks: zeroMethods(),
    refundedKopecks: zeroMethods(),
    receivedTotalKopecks: 0,
    refundedTotalKopecks: 0,
    cashNetKopecks: 0,
    payments: 0,
  }
}

/** The direction a line counts in and its sign: a reversal counts against the direction it corrects. */
function bucketOf(line: CashReportLine): { bucket: 'in' | 'out'; sign: 1 | -1 } {
  if (line.reversesId === null) return { bucket: line.direction, sign: 1 }
  return { bucket: line.direction === 'in' ? 'out' : 'in', sign: -1 }
}

function add(t: CashReportTotals, line: CashReportLine): void {
  const { bucket, sign } = bucketOf(line)
  const amount = sign * line.amountKopecks
  if (bucket === 'in') {
    t.receivedKopecks[line.method] += amount
    t.receivedTotalKopecks += amount
    if (line.method === 'cash') t.cashNetKopecks += amount
  } else {
    t.refundedKopecks[line.method] += amount
    t.refundedTotalKopecks += amount
    if (line.method === 'cash') t.cashNetKopecks -= amount
  }
  t.payments += 1
}

/** The report of `day` from its payment rows and the cash the day started with. */
export function cashReport(day: string, openingCashKopecks: number, lines: readonly CashReportLine[]): CashReport {
  const branch = emptyTotals()
  const clerks = new Map<string, ClerkCashReport>()
  const byPurpose: CashReport['byPurpose'] = {}
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountKopecks) || line.amountKopecks <= 0)
      throw new Error(`cashReport: amount ${line.amountKopecks} is not a positive number of kopecks`)
    if (!MONEY_METHODS.includes(line.method)) throw new Error(`cashReport: unknown method ${line.method}`)
    add(branch, line)
    let clerk = clerks.get(line.clerkId)
    if (!clerk)
      clerks.set(line.clerkId, (clerk = { clerkId: line.clerkId, clerkName: line.clerkName, ...emptyTotals() }))
    add(clerk, line)
    const { bucket, sign } = bucketOf(line)
    const p = (byPurpose[line.purpose] ??= { inKopecks: 0, outKopecks: 0 })
    if (bucket === 'in') p.inKopecks += sign * line.amountKopecks
    else p.outKopecks += sign * line.amountKopecks
  }
  const ordered: CashReport['byPurpose'] = {}
  for (const purpose of PAYMENT_PURPOSES) if (byPurpose[purpose]) ordered[purpose] = byPurpose[purpose]
  return {
    day,
    openingCashKopecks,
    branch,
    clerks: [...clerks.values()].sort(
      (a, b) => a.clerkName.localeCompare(b.clerkName, 'ru') || a.clerkId.localeCompare(b.clerkId),
    ),
    byPurpose: ordered,
    closingCashKopecks: openingCashKopecks + branch.cashNetKopecks,
  }
}
