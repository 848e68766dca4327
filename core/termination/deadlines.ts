import { CASCO_CONTRACT_STATUSES } from '../../shared/casco/lifecycle'
import { addDays, diffDays, type CalendarDate } from '../../shared/dates/calendarDate'
import { OPEN_STATUSES, type ApplicationDetails, type ContractData } from '../../shared/termination/application'
import type { CoolingOffClosingItem, DeadlineItem, DeadlineList } from '../../shared/termination/contract'
import { coolingOffWindow } from '../../shared/termination/coolingOffWindow'
import { latePenaltyKopecks } from '../../shared/termination/latePenalty'
import type { RefundCalculation } from '../../shared/termination/applicationRefund'
import { AppError } from '../app/appError'
import { accruedLatePayout } from './latePayoutAccrued'
import type { Db } from '../db/openDatabase'
import type { ReferenceData } from '../reference/loadReferenceData'
import type { ApplicationRow } from './applicationRows'
import {
  CASCO_COLUMNS,
  cascoContract,
  manualContract,
  type CascoContractRow,
  type ManualContractRow,
} from './contracts'
import { calendarOn, rulesInForce } from './terminationRules'

/**
 * The dashboard's deadline list: open applications whose payout is due within `dueSoonDays` or overdue (with the
 * late-payout penalty accrued so far, from the rules), and voluntary contracts on file whose cooling-off window
 * closes within the same days with no application yet.
 */
export async function listDeadlines(
  db: Db,
  reference: ReferenceData,
  today: CalendarDate,
  dueSoonDays: number,
): Promise<DeadlineList> {
  const rows = (await db('termination_application')
    .whereIn('status', OPEN_STATUSES)
    .whereNotNull('payout_due_on')
    .where('payout_due_on', '<=', addDays(today, dueSoonDays))
    .orderBy('payout_due_on')) as ApplicationRow[]
  const dueSoon: DeadlineItem[] = []
  const overdue: DeadlineItem[] = []
  for (const row of rows) {
    const due = row.payout_due_on!
    const daysLeft = diffDays(today, due)
    const contract = JSON.parse(row.contract) as ContractData
    let penaltyKopecks: number | null = null
    let latePayoutConsequence: DeadlineItem['latePayoutConsequence'] = null
    let latePayout: DeadlineItem['latePayout'] = null
    if (daysLeft < 0 && row.refund_kopecks !== null) {
      // The same basis as the payout will use (seed 004's penalty or GK RF art. 395 interest), as the calculation names it.
      const calculation = row.calculation ? (JSON.parse(row.calculation) as RefundCalculation) : null
      if (calculation) {
        const accrued = accruedLatePayout(reference, calculation, due, today)
        penaltyKopecks = accrued.amountKopecks
        latePayoutConsequence = accrued.consequence
        latePayout = accrued
      } else {
        penaltyKopecks = latePenaltyKopecks(
          row.refund_kopecks,
          due,
          today,
          rulesInForce(reference, contract.conclusionDate).rules,
        )
      }
    }
    const item: DeadlineItem = {
      applicationId: row.id,
      incomingNumber: row.incoming_number,
      policyholderName: row.policyholder_name,
      contractNumber: row.contract_number,
      kind: (JSON.parse(row.details) as ApplicationDetails).kind,
      status: row.status,
      dueDate: due,
      daysLeft,
      refundKopecks: row.refund_kopecks,
      penaltyKopecks,
      latePayoutConsequence,
      latePayout,
    }
    ;(daysLeft < 0 ? overdue : dueSoon).push(item)
  }
  return {
    today,
    dueSoonDays,
    dueSoon,
    overdue,
    coolingOffClosing: await coolingOffClosing(db, reference, today, dueSoonDays),
  }
}

/** Longest look-back that can still hold an open window: 14 days plus the New Year break and a margin. */
const LOOK_BACK_DAYS = 45

/** The last day of the cooling-off window of a contract concluded on `date`, or null when the data cannot place it. */
function windowEndOf(reference: ReferenceData, date: CalendarDate): CalendarDate | null {
  try {
    const { rules } = rulesInForce(reference, date)
    return coolingOffWindow(
      date,
      rules.coolingOff.windowDays.value,
      rules.coolingOff.windowLastDayNonWorking.value,
      calendarOn(reference, date),
    ).windowEnd
  } catch (e) {
    // A contract the data cannot place (no rules in force on its dates) is left off the list, not guessed. The
    // calendar answers for any year (the Labour Code rule where no decree is on file).
    if (e instanceof AppError || (e instanceof Error && e.name === 'ProductionCalendarError')) return null
    throw e
  }
}

async function coolingOffClosing(
  db: Db,
  reference: ReferenceData,
  today: CalendarDate,
  days: number,
): Promise<CoolingOffClosingItem[]> {
  // The window depends on the conclusion date only: the days of the look-back whose window closes within `days`
  // are found first, and only the contracts concluded on those days are read (a few days' contracts, not 45).
  const closing = new Map<CalendarDate, CalendarDate>()
  for (let d = addDays(today, -LOOK_BACK_DAYS); d <= today; d = addDays(d, 1)) {
    const end = windowEndOf(reference, d)
    if (end === null) continue
    const left = diffDays(today, end)
    if (left >= 0 && left <= days) closing.set(d, end)
  }
  if (closing.size === 0) return []
  const dates = [...closing.keys()]
  const rows = (await db('manual_contract')
    .whereIn('product', ['casco', 'voluntary'])
    .where({ policyholder_type: 'individual' })
    .whereNull('terminated_on')
    .whereIn('conclusion_date', dates)
    .whereNotExists(
      db('termination_application')
        .select(db.raw('1'))
        .whereRaw("contract_source = 'manual' AND contract_id = manual_contract.id")
        .whereNot('status', 'refused'),
    )
    .orderBy('conclusion_date')) as ManualContractRow[]
  // CASCO contracts concluded here have the same window (individuals: the counter sells CASCO to people).
  const casco = (await db('casco_quote')
    .select(CASCO_COLUMNS)
    // `+`: by the conclusion-date index, never by a status index, which would read every CASCO contract ever
    // issued (no statistics tell the planner that status matches most rows).
    .whereRaw(`+status IN (${CASCO_CONTRACT_STATUSES.map(() => '?').join(', ')})`, [...CASCO_CONTRACT_STATUSES])
    .whereNull('terminated_on')
    .whereIn('conclusion_date', dates)
    .whereNotExists(
      db('termination_application')
        .select(db.raw('1'))
        .whereRaw("contract_source = 'casco' AND contract_id = casco_quote.id")
        .whereNot('status', 'refused'),
    )
    .orderBy('conclusion_date')) as CascoContractRow[]
  const contracts = [
    ...rows.map(manualContract),
    ...casco.map(cascoContract).filter((c): c is ContractData => c !== null),
  ]
  const out: CoolingOffClosingItem[] = []
  for (const c of contracts) {
    const windowEnd = closing.get(c.conclusionDate)
    if (!windowEnd) continue
    out.push({
      contractId: c.id,
      source: c.source,
      contractNumber: c.number,
      policyholderName: c.policyholderName,
      conclusionDate: c.conclusionDate,
      windowEnd,
      daysLeft: diffDays(today, windowEnd),
    })
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft)
}
