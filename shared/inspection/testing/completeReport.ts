import { emptyReport, type InspectionReport } from '../report'

/**
 * A report that passes the submission checks on its own: a 2021 Kia Rio inspected in the office, no glass marking,
 * accepted without remarks — no damage is marked on it (an act with damages excludes them with `excludingDamages`).
 */
export function completeReport(inspectedAt = '2026-11-21T12:15'): InspectionReport {
  const r = emptyReport(inspectedAt)
  r.place = 'г. Москва, ул. Тверская, д. 12, офис филиала'
  r.method = 'office'
  r.client = { name: 'Смирнов Алексей Игоревич', phone: '+7 916 123-45-67' }
  r.vehicle = {
    make: 'Kia',
    model: 'Rio',
    year: 2021,
    plate: 'А123ВС777',
    colour: 'Серебристый',
    odometerKm: 48_250,
    vinDocument: 'Z94C251ABMR123456',
    vinBody: 'Z94C251ABMR123456',
    vinPlate: 'Z94C251ABMR123456',
    documents: 'ПТС 78 ОХ 123456, СТС 77 42 654321',
  }
  r.equipment.factory = 'Комплектация Comfort: мультимедиа, климат-контроль'
  r.antiTheft.immobiliser = true
  r.antiTheft.alarm = { present: true, model: 'StarLine A93', autostart: true }
  r.keys = { keySets: 2, alarmFobs: 2 }
  r.tyres = { make: 'Nokian', size: '195/65 R15', wearPercent: 30, rims: 'alloy', notes: '' }
  r.conclusion = { outcome: 'accepted', remarks: '' }
  return r
}

/**
 * The conclusion of an act whose marked damages (numbered 1…count on the diagram) are excluded from cover. The
 * submission refuses «accepted with exclusions» with no damage marked (shared/inspection/completeness.ts).
 */
export function excludingDamages(r: InspectionReport, count: number): InspectionReport {
  const remarks =
    count === 1 ? 'Повреждение № 1 исключено из покрытия' : `Повреждения № 1–${count} исключены из покрытия`
  r.conclusion = { outcome: 'accepted-with-exclusions', remarks }
  return r
}
