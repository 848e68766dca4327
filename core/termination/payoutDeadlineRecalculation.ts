import type { CalendarDate } from '../../shared/dates/calendarDate'
import {
  OPEN_STATUSES,
  postmarkOf,
  type ApplicationDetails,
  type ContractData,
} from '../../shared/termination/application'
import type { RefundCalculation } from '../../shared/termination/applicationRefund'
import { deadlineDate } from '../../shared/termination/deadlines'
import type { Deadline, TerminationRules } from '../../shared/termination/rulesSchema'
import type { WorkingDayCalendar } from '../../shared/termination/workingDayCalendar'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { SYSTEM_ACTOR, write } from '../db/write'
import type { ReferenceData } from '../reference/loadReferenceData'
import type { ApplicationRow } from './applicationRows'
import { rulesInForce } from './terminationRules'

/** One move of an application's payout deadline, kept on the application (`deadline_changes`) and shown there. */
export interface DeadlineChange {
  previous: CalendarDate
  current: CalendarDate
  /** When the device recalculated it. */
  at: string
  /**
   * `calendar-updated`: HQ's calendar (or a newer build's) made the day non-working or working; `non-working-day-rule`:
   * the once-per-device recount after the rules stopped keeping a last day that falls on a non-working day (GK RF art. 193).
   */
  reason: DeadlineChangeReason
}

export type DeadlineChangeReason = 'calendar-updated' | 'non-working-day-rule'

/** The payout deadline of each kind of application, in the rules (a received application has no stored calculation). */
export const PAYOUT_DEADLINE_OF: Record<string, (rules: TerminationRules) => { value: Deadline }> = {
  'osago-early-termination': (r) => r.osago.payoutDeadline,
  'cooling-off': (r) => r.coolingOff.payoutDeadline,
  'casco-sale': (r) => r.cascoSale.payoutDeadline,
  'casco-loss': (r) => r.cascoLoss.payoutDeadline,
  'casco-refusal': (r) => r.cascoRefusal.payoutDeadline,
}

interface Basis {
  from: CalendarDate
  deadline: Deadline
}

type Row = ApplicationRow & { deadline_changes: string | null }

/**
 * What the stored due date was counted by: the completed calculation's deadline and the day it counted from; for an
 * application not completed yet, the kind's deadline in the rules from the day of receipt (the postmark when the
 * rules count a posted application's payout from it). What a last day on a non-working day does is the rule now in
 * force (GK RF art. 193): a calculation stored under rules that kept such a day (2023-01-30.1, `keep`) was counted
 * again once on every device (`recountForNonWorkingDayRule`), so its due date follows today's rule.
 */
function basisOf(row: Row, reference: ReferenceData): Basis | null {
  const pick = PAYOUT_DEADLINE_OF[row.kind]
  const contract = JSON.parse(row.contract) as ContractData
  if (row.calculation) {
    const calc = JSON.parse(row.calculation) as RefundCalculation
    if (!calc.payoutDeadline) return null
    const now = pick
      ? pick(rulesInForce(reference, contract.conclusionDate).rules).value.lastDayNonWorking
      : calc.payoutDeadline.lastDayNonWorking
    return {
      from: calc.payoutCountedFrom ?? calc.applicationDate,
      deadline: { ...calc.payoutDeadline, lastDayNonWorking: now },
    }
  }
  if (!pick) return null
  const { rules } = rulesInForce(reference, contract.conclusionDate)
  const postmark = postmarkOf(JSON.parse(row.details) as ApplicationDetails)
  const fromPostmark = postmark !== null && rules.postedApplication.value.payoutDeadlineFrom === 'postmark-date'
  return { from: fromPostmark ? postmark : row.received_on, deadline: pick(rules).value }
}

export interface RecalculationSummary {
  /** Applications whose due date moved (each an audited write with its notice). */
  moved: number
  /** Due dates the previous calendar does not reproduce from their basis: changed elsewhere, left alone. */
  left: number
}

/**
 * After the calendar changed (core/reference/calendarUpdates.ts): counts each open application's payout deadline
 * again on the new calendar and, where the day moves, writes the new due date with its notice through the Writer
 * (audit and outbox; printed documents and the stored calculation stay as they were). A due date is only moved when
 * counting its basis on the previous calendar gives the stored date — so a date another computer already moved
 * (and sync brought here) or a basis this code does not know is never overwritten with a guess.
 */
export async function recalculatePayoutDeadlines(
  db: Db,
  reference: ReferenceData,
  previous: WorkingDayCalendar,
  current: WorkingDayCalendar,
  now: Date,
): Promise<RecalculationSummary> {
  return recountOpen(db, reference, now, {
    reason: 'calendar-updated',
    before: (b) => deadlineDate(b.from, b.deadline, previous),
    after: (b) => deadlineDate(b.from, b.deadline, current),
  })
}

/**
 * Once per device after the upgrade that made a payout's last day on a non-working day move to the next working day
 * (termination rules 2023-01-30.2; GK RF art. 193): open applications whose due date was counted keeping such a day
 * (the basis with `keep` on the calendar they were counted on gives the stored date) get the next working day,
 * through the same audited write and notice as a calendar update. A date the `keep` count does not explain (moved
 * already, on this or another computer) is left alone. `core/reference/calendarUpdates.ts` remembers that it ran.
 */
export async function recountForNonWorkingDayRule(
  db: Db,
  reference: ReferenceData,
  countedOn: WorkingDayCalendar,
  now: Date,
): Promise<RecalculationSummary> {
  return recountOpen(db, reference, now, {
    reason: 'non-working-day-rule',
    before: (b) => deadlineDate(b.from, { ...b.deadline, lastDayNonWorking: 'keep' }, countedOn),
    after: (b) => deadlineDate(b.from, b.deadline, countedOn),
  })
}

/** The `reference_state` entry that remembers the device did `recountForNonWorkingDayRule`. */
export const NON_WORKING_DAY_RULE_RECOUNT = 'termination-rules:last-day-non-working'

interface Recount {
  reason: DeadlineChangeReason
  /** The date the basis gave when the stored date was counted: only a stored date equal to it is moved. */
  before(basis: Basis): CalendarDate
  after(basis: Basis): CalendarDate
}

async function recountOpen(
  db: Db,
  reference: ReferenceData,
  now: Date,
  recount: Recount,
): Promise<RecalculationSummary> {
  const ids = (await db('termination_application')
    .whereIn('status', OPEN_STATUSES)
    .whereNotNull('payout_due_on')
    .pluck('id')) as string[]
  const summary: RecalculationSummary = { moved: 0, left: 0 }
  for (const id of ids) {
    const outcome = await recalculateOne(db, reference, id, recount, now)
    if (outcome === 'moved') summary.moved++
    else if (outcome === 'left') summary.left++
  }
  return summary
}

async function recalculateOne(
  db: Db,
  reference: ReferenceData,
  id: string,
  recount: Recount,
  now: Date,
): Promise<'moved' | 'left' | 'same'> {
  // A clerk may change the application between the read and the write; the write then sees a newer row version
  // and the application is read and counted again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = (await db('termination_application').where({ id }).first()) as Row | undefined
    if (!row || !OPEN_STATUSES.includes(row.status) || row.payout_due_on === null) return 'same'
    const stored = row.payout_due_on
    let basis: Basis | null
    try {
      basis = basisOf(row, reference)
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      basis = null // no rules in force for the contract: nothing to count with
    }
    if (!basis) return 'left'
    const due = recount.after(basis)
    if (due === stored) return 'same'
    if (recount.before(basis) !== stored) return 'left'
    const change: DeadlineChange = { previous: stored, current: due, at: now.toISOString(), reason: recount.reason }
    const changes = [...(row.deadline_changes ? (JSON.parse(row.deadline_changes) as DeadlineChange[]) : []), change]
    try {
      await write(db, SYSTEM_ACTOR, 'termination.deadline-recalculated', now, (w) =>
        w.update(
          'termination_application',
          row.id,
          { payout_due_on: due, deadline_changes: JSON.stringify(changes) },
          row.row_version,
        ),
      )
      return 'moved'
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e
    }
  }
  return 'left'
}

/** The notices of an application's deadline moves, oldest first. */
export async function deadlineChangesOf(db: Db, applicationId: string): Promise<DeadlineChange[]> {
  const row = (await db('termination_application').where({ id: applicationId }).first('deadline_changes')) as
    { deadline_changes: string | null } | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return row.deadline_changes ? (JSON.parse(row.deadline_changes) as DeadlineChange[]) : []
}
