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

async function coolingOffClosing(
  db: Db,
  reference: ReferenceData,
  today: CalendarDate,
  days: number,
): Promise<CoolingOffClosingItem[]> {
  const rows = (await db('manual_contract')
    .whereIn('product', ['casco', 'voluntary'])
    .where({ policyholder_type: 'individual' })
    .whereNull('terminated_on')
    .where('conclusion_date', '>=', addDays(today, -LOOK_BACK_DAYS))
    .where('conclusion_date', '<=', today)
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
    .whereIn('status', CASCO_CONTRACT_STATUSES)
    .whereNull('terminated_on')
    .where('conclusion_date', '>=', addDays(today, -LOOK_BACK_DAYS))
    .where('conclusion_date', '<=', today)
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
    let windowEnd: CalendarDate
    try {
      const { rules } = rulesInForce(reference, c.conclusionDate)
      windowEnd = coolingOffWindow(
        c.conclusionDate,
        rules.coolingOff.windowDays.value,
        rules.coolingOff.windowLastDayNonWorking.value,
        calendarOn(reference, c.conclusionDate),
      ).windowEnd
    } catch (e) {
      // A contract the data cannot place (no rules in force on its dates) is left off the list, not guessed. The
      // calendar answers for any year (the Labour Code rule where no decree is on file).
      if (e instanceof AppError || (e instanceof Error && e.name === 'ProductionCalendarError')) continue
      throw e
    }
    const daysLeft = diffDays(today, windowEnd)
    if (daysLeft < 0 || daysLeft > days) continue
    out.push({
      contractId: c.id,
      source: c.source,
      contractNumber: c.number,
      policyholderName: c.policyholderName,
      conclusionDate: c.conclusionDate,
      windowEnd,
      daysLeft,
    })
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft)
}
