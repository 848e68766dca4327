import { findPart } from '../../shared/inspection/checklist'
import { checkCompleteness } from '../../shared/inspection/completeness'
import { DAMAGE_SHOT, isSignatureShot } from '../../shared/inspection/inspection'
import { compareVins } from '../../shared/inspection/report'
import type { InspectionSummary } from '../../shared/inspection/summary'
import type { Db } from '../db/openDatabase'
import type { ReferenceData } from '../reference/loadReferenceData'
import { checklistOf } from './inspectionAccess'
import { loadInspection } from './inspectionRows'

/**
 * What the supervisor's approval needs from an inspection, without its photos' bytes. No access check here:
 * the caller (the approval handlers) decides who may see it.
 */
export async function getInspectionSummary(db: Db, id: string, reference: ReferenceData): Promise<InspectionSummary> {
  const inspection = await loadInspection(db, id)
  const checklist = checklistOf(reference, inspection.checklistVersion).data
  const { report } = inspection
  const v = report.vehicle
  const { missing } = checkCompleteness(inspection, checklist)
  const mostSevere = checklist.damage.severities.at(-1)?.code
  const name = (list: ReadonlyArray<{ code: string; name: { ru: string } }>, code: string) =>
    list.find((x) => x.code === code)?.name.ru ?? code
  const damages = inspection.damages.map((d) => ({
    number: d.number,
    zoneCode: d.zoneCode,
    partCode: d.partCode,
    typeCode: d.typeCode,
    severity: d.severity,
    part: findPart(checklist, d.partCode)?.part.name.ru ?? d.partCode,
    type: name(checklist.damage.types, d.typeCode),
    severityName: name(checklist.damage.severities, d.severity),
    sizeCm: d.sizeCm,
    note: d.note,
    photoCount: inspection.photos.filter((p) => p.shot === DAMAGE_SHOT && p.damageId === d.id).length,
  }))
  return {
    id: inspection.id,
    number: inspection.number,
    status: inspection.status,
    quoteId: inspection.quoteId,
    checklistVersion: inspection.checklistVersion,
    inspectedAt: report.inspectedAt,
    place: report.place,
    method: report.method,
    inspector: inspection.inspector,
    submittedAt: inspection.submittedAt,
    vehicle: {
      make: v.make,
      model: v.model,
      year: v.year,
      plate: v.plate,
      vin: v.vinDocument,
      colour: v.colour,
      odometerKm: v.odometerKm,
    },
    vinCheck: compareVins(v),
    antiTheft: {
      immobiliser: report.antiTheft.immobiliser,
      alarm: report.antiTheft.alarm.present,
      tracking: report.antiTheft.tracking.present,
      trackingModel: report.antiTheft.tracking.model,
    },
    damages,
    severeDamageCount: mostSevere ? inspection.damages.filter((d) => d.severity === mostSevere).length : 0,
    photoCount: inspection.photos.filter((p) => !isSignatureShot(p.shot)).length,
    conclusion: report.conclusion,
    missing,
    complete: missing.length === 0,
  }
}
