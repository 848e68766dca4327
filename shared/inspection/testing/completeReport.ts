import { emptyReport, type InspectionReport } from '../report'

/** A report that passes the submission schema: a 2021 Kia Rio inspected in the office, no glass marking. */
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
  r.conclusion = { outcome: 'accepted-with-exclusions', remarks: 'Повреждения по п. 1–2 исключены из покрытия' }
  return r
}
