import type { MissingItem } from './completeness'
import type { InspectionStatus } from './inspection'
import type { Conclusion, InspectionMethod, VinComparison } from './report'

/**
 * An inspection as the approval step sees it (docs/domain/casco.md#c6: damage found at inspection and missing
 * anti-theft equipment are reasons for sign-off): codes for rules, Russian names for people.
 */
export interface InspectionSummary {
  id: string
  number: string
  status: InspectionStatus
  quoteId: string | null
  checklistVersion: string
  inspectedAt: string
  place: string
  method: InspectionMethod | ''
  inspector: { id: string; name: string }
  submittedAt: string | null
  vehicle: {
    make: string
    model: string
    year: number | null
    plate: string
    vin: string
    colour: string
    odometerKm: number | null
  }
  vinCheck: VinComparison
  antiTheft: { immobiliser: boolean; alarm: boolean; tracking: boolean; trackingModel: string }
  damages: Array<{
    number: number
    zoneCode: string
    partCode: string
    typeCode: string
    severity: string
    /** Russian names from the checklist, for lists and messages. */
    part: string
    type: string
    severityName: string
    sizeCm: number | null
    note: string
    photoCount: number
  }>
  /** Rows whose severity is the checklist's most severe one. */
  severeDamageCount: number
  photoCount: number
  conclusion: { outcome: Conclusion | ''; remarks: string }
  /** Empty for a submitted inspection (submission requires it); the approval step can still show it. */
  missing: MissingItem[]
  complete: boolean
}
