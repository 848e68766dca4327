import { zodIssuesToFieldErrors } from '../validation/fieldErrors'
import type { ChecklistShot, InspectionChecklistData, ShotRequirement } from './checklist'
import { DAMAGE_SHOT, SIGNATURE_SHOTS, type DamageRow, type InspectionPhoto, type SignatureRole } from './inspection'
import { inspectionReportSchema, type InspectionReport } from './report'

/**
 * What stands between a report and its submission. The same function runs in the form (the live list beside
 * the report) and in the core (which refuses to submit while anything is listed), so they cannot disagree.
 */
export type MissingItem =
  | { kind: 'shot'; code: string }
  | { kind: 'damage-field'; damageId: string; number: number; field: 'part' | 'type' | 'size' | 'severity' }
  | { kind: 'damage-photo'; damageId: string; number: number; have: number; need: number }
  | { kind: 'signature'; who: SignatureRole }
  | { kind: 'fields'; count: number; paths: string[] }

export interface Completeness {
  missing: MissingItem[]
  /** Report fields that fail the submission schema: dotted path → message key. */
  fieldErrors: Record<string, string>
  /** Checklist shots required for this report (conditions applied), in checklist order. */
  requiredShots: ChecklistShot[]
}

export function isShotRequired(requirement: ShotRequirement, report: InspectionReport): boolean {
  switch (requirement) {
    case 'always':
      return true
    case 'optional':
      return false
    case 'if-glass-marked':
      return report.glass.marked
    case 'if-tracking-system':
      return report.antiTheft.tracking.present
    case 'if-extra-equipment':
      return report.equipment.extra.length > 0
  }
}

export function requiredShots(checklist: InspectionChecklistData, report: InspectionReport): ChecklistShot[] {
  return checklist.shots.filter((s) => isShotRequired(s.requirement.value, report))
}

export function checkCompleteness(
  input: { report: InspectionReport; damages: readonly DamageRow[]; photos: readonly InspectionPhoto[] },
  checklist: InspectionChecklistData,
): Completeness {
  const missing: MissingItem[] = []
  const parsed = inspectionReportSchema.safeParse(input.report, { reportInput: true })
  const fieldErrors: Record<string, string> = parsed.success ? {} : zodIssuesToFieldErrors(parsed.error)
  // «Accepted with exclusions» excludes the damage marked on the diagram (§6 of the act); with none marked the act
  // would exclude items it does not have (issue 14, decision 84). The report alone cannot tell, so it is checked here.
  if (
    input.report.conclusion.outcome === 'accepted-with-exclusions' &&
    input.damages.length === 0 &&
    !fieldErrors['conclusion.outcome']
  ) {
    fieldErrors['conclusion.outcome'] = 'inspection.validation.exclusionsWithoutDamage'
  }
  const fieldCount = Object.keys(fieldErrors).length
  if (fieldCount > 0) missing.push({ kind: 'fields', count: fieldCount, paths: Object.keys(fieldErrors) })

  const shotsTaken = new Set(input.photos.map((p) => p.shot))
  const shots = requiredShots(checklist, input.report)
  for (const shot of shots) if (!shotsTaken.has(shot.code)) missing.push({ kind: 'shot', code: shot.code })

  const need = checklist.damage.minPhotosPerRow.value
  for (const d of input.damages) {
    if (!d.partCode) missing.push({ kind: 'damage-field', damageId: d.id, number: d.number, field: 'part' })
    if (!d.typeCode) missing.push({ kind: 'damage-field', damageId: d.id, number: d.number, field: 'type' })
    if (d.sizeCm === null) missing.push({ kind: 'damage-field', damageId: d.id, number: d.number, field: 'size' })
    if (!d.severity) missing.push({ kind: 'damage-field', damageId: d.id, number: d.number, field: 'severity' })
    const have = input.photos.filter((p) => p.shot === DAMAGE_SHOT && p.damageId === d.id).length
    if (have < need) missing.push({ kind: 'damage-photo', damageId: d.id, number: d.number, have, need })
  }

  for (const who of ['inspector', 'client'] as const) {
    if (!shotsTaken.has(SIGNATURE_SHOTS[who])) missing.push({ kind: 'signature', who })
  }
  return { missing, fieldErrors, requiredShots: shots }
}

/** Where the form shows each missing item; also the field errors of the core's refusal to submit. */
export function missingToFieldErrors(missing: readonly MissingItem[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of missing) {
    if (m.kind === 'shot') out[`photos.${m.code}`] = 'inspection.missing.shot'
    else if (m.kind === 'damage-photo') out[`damages.${m.damageId}.photos`] = 'inspection.missing.damagePhoto'
    else if (m.kind === 'damage-field') out[`damages.${m.damageId}.${m.field}`] = 'validation.required'
    else if (m.kind === 'signature') out[`signatures.${m.who}`] = 'inspection.missing.signature'
  }
  return out
}
