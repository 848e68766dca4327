import type { InsurerDetails } from '../../../shared/osago/policy'
import type { TerminationApplication } from '../../../shared/termination/application'
import { AppError } from '../../app/appError'
import { referenceInForce, type ReferenceData } from '../../reference/loadReferenceData'

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
}

export async function loadTerminationPrintData(id: string | undefined, deps: TerminationPrintDeps): Promise<TerminationPrintData> {
  if (!id) throw new AppError('VALIDATION', 'errors.validation', {}, { id: 'validation.required' })
  const application = await deps.loadApplication(id)
  const insurer = referenceInForce(deps.reference, 'insurer-details', application.receivedOn).data
  return { application, insurer, receivedAtText: dateTimeText(application.receivedAt, deps.timeZone) }
}

export function dateTimeText(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23' }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`
}
