import type { InsurerDetails } from '../../../shared/osago/policy'
import type { TerminationApplication } from '../../../shared/termination/application'
import { latePayoutBasis, type LatePayoutBasis } from '../../../shared/termination/latePenalty'
import { terminationRulesInForce } from '../../../shared/termination/rulesSchema'
import { AppError } from '../../app/appError'
import { referenceInForce, type ReferenceData } from '../../reference/loadReferenceData'
import { calendarStatusOf } from '../../reference/workingDays'
import type { CalendarStatus } from '../../../shared/reference/productionCalendarStatus'

/** Provided by the termination feature (core/termination): the application as stored, or AppError NOT_FOUND. */
export type LoadApplication = (id: string) => Promise<TerminationApplication>

export interface TerminationPrintDeps {
  loadApplication: LoadApplication
  reference: ReferenceData
  timeZone: string
}

/** What the termination documents print, resolved once: builders only arrange it on paper. */
export interface TerminationPrintData {
  application: TerminationApplication
  insurer: InsurerDetails
  /** `15.04.2026 10:00` on the branch's clock: the receipt mark on both copies. */
  receivedAtText: string
  /**
   * What a late payout costs and on which basis: the one the calculation names, or before it the one in force on
   * the due date; null when nothing is due.
   */
  latePayoutBasis: LatePayoutBasis | null
  /** Which calendar years a decree confirms: a due date counted through any other is printed «календарь не утверждён». */
  calendarStatus: CalendarStatus
  /** The branch's time zone: the day a deadline move was made, in its notice. */
  timeZone: string
}

export async function loadTerminationPrintData(
  id: string | undefined,
  deps: TerminationPrintDeps,
): Promise<TerminationPrintData> {
  if (!id) throw new AppError('VALIDATION', 'errors.validation', {}, { id: 'validation.required' })
  const application = await deps.loadApplication(id)
  const insurer = referenceInForce(deps.reference, 'insurer-details', application.receivedOn).data
  return {
    application,
    insurer,
    receivedAtText: dateTimeText(application.receivedAt, deps.timeZone),
    latePayoutBasis: basisOf(application, deps.reference),
    calendarStatus: calendarStatusOf(deps.reference),
    timeZone: deps.timeZone,
  }
}

function basisOf(a: TerminationApplication, reference: ReferenceData): LatePayoutBasis | null {
  if (a.calculation) return a.calculation.latePayout ?? null
  if (!a.payoutDueOn) return null
  try {
    const file = terminationRulesInForce(reference.versions['termination-rules'], a.payoutDueOn)
    return latePayoutBasis(file.data, file.version)
  } catch {
    // No rules in force on that day: the application prints without the line rather than with a guess.
    return null
  }
}

export function dateTimeText(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`
}
