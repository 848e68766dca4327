import type { CascoQuote } from '../casco/quoteTypes'
import type { AntiTheftSystem } from '../casco/tariffSchema'
import type { InspectionSummary } from '../inspection/summary'
import type { ApprovalCheck } from './decision'

/** Anti-theft systems that a tracking (satellite) unit found at inspection confirms. */
const TRACKING: readonly AntiTheftSystem[] = ['satellite', 'partnerSatellite']

/**
 * The underwriting checks that fire on a case (docs/domain/casco.md#c6): the engine's, for the chosen option (or,
 * before one is chosen, those that fire whatever is chosen), and the inspection's — damage found, VINs that disagree
 * with the documents, a tracking system declared for the price but not found on the car, a report that does not accept
 * the car as it is.
 */
export function caseChecks(
  quote: { result: CascoQuote | null; chosenOption: number | null; declaredAntiTheft: readonly AntiTheftSystem[] },
  inspection: InspectionSummary | null,
): ApprovalCheck[] {
  const out: ApprovalCheck[] = []
  const option = quote.chosenOption === null ? undefined : quote.result?.options[quote.chosenOption]
  const flags = option?.underwritingFlags ?? quote.result?.underwritingFlags ?? []
  for (const f of flags) out.push({ code: f.code, messageKey: f.reason.key, params: f.reason.params, source: 'quote' })
  if (!inspection) return out

  const inspectionCheck = (code: string, params: Record<string, string | number> = {}) =>
    out.push({ code, messageKey: `approval.checks.${code}`, params, source: 'inspection' })
  if (inspection.damages.length > 0) {
    inspectionCheck('damageFound', {
      count: inspection.damages.length,
      severe: inspection.severeDamageCount,
      parts: inspection.damages.map((d) => d.part).join(', '),
    })
  }
  if (inspection.vinCheck.mismatch) inspectionCheck('vinMismatch')
  if (quote.declaredAntiTheft.some((s) => TRACKING.includes(s)) && !inspection.antiTheft.tracking)
    inspectionCheck('trackingNotFound')
  if (inspection.conclusion.outcome === 'accepted-with-exclusions')
    inspectionCheck('acceptedWithExclusions', { remarks: inspection.conclusion.remarks })
  if (inspection.conclusion.outcome === 'not-accepted')
    inspectionCheck('notAccepted', { remarks: inspection.conclusion.remarks })
  return out
}
