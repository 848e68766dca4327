import type { RowOf } from '../db/tables'
import type { DiagramView } from '../../shared/inspection/diagram'
import type { DamageRow, Inspection, InspectionListItem, InspectionPhoto } from '../../shared/inspection/inspection'
import type { InspectionReport } from '../../shared/inspection/report'
import { AppError } from '../app/appError'
import type { DerivedColumns } from '../db/derived'
import type { Db } from '../db/openDatabase'
import { phoneSearch, searchText } from '../db/searchText'
import type { Knex } from 'knex'

/** An inspection as stored: the typed table map's row (core/db/tables.ts). */
export type InspectionRow = RowOf<'inspection'>

export interface DamageDbRow {
  id: string
  inspection_id: string
  seq: number
  view: DiagramView
  x: number
  y: number
  zone_code: string
  part_code: string
  type_code: string
  size_cm: number | null
  severity: string
  note: string
  removed_at: string | null
  row_version: number
}

/** A photo as stored: the typed table map's row (core/db/tables.ts). */
export type PhotoDbRow = RowOf<'inspection_photo'>

export async function findInspectionRow(db: Db | Knex.Transaction, id: string): Promise<InspectionRow> {
  const row = (await db('inspection').where({ id }).first()) as InspectionRow | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return row
}

export async function findDamageRow(db: Db, id: string): Promise<DamageDbRow> {
  const row = (await db('inspection_damage').where({ id }).whereNull('removed_at').first()) as DamageDbRow | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return row
}

export async function findPhotoRow(db: Db, id: string): Promise<PhotoDbRow> {
  const row = (await db('inspection_photo').where({ id }).whereNull('removed_at').first()) as PhotoDbRow | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return row
}

export async function activeDamageRows(db: Db, inspectionId: string): Promise<DamageDbRow[]> {
  return (await db('inspection_damage')
    .where({ inspection_id: inspectionId })
    .whereNull('removed_at')
    .orderBy('seq')) as DamageDbRow[]
}

export async function activePhotoRows(db: Db, inspectionId: string): Promise<PhotoDbRow[]> {
  return (await db('inspection_photo')
    .where({ inspection_id: inspectionId })
    .whereNull('removed_at')
    .orderBy([{ column: 'created_at' }, { column: 'id' }])) as PhotoDbRow[]
}

/** Rows are numbered 1, 2, 3… in the order they were added; a removed row gives its number up. */
export function toDamages(rows: readonly DamageDbRow[]): DamageRow[] {
  return rows.map((r, i) => ({
    id: r.id,
    rowVersion: r.row_version,
    number: i + 1,
    view: r.view,
    x: r.x,
    y: r.y,
    zoneCode: r.zone_code,
    partCode: r.part_code,
    typeCode: r.type_code,
    sizeCm: r.size_cm,
    severity: r.severity,
    note: r.note,
  }))
}

export function toPhoto(r: PhotoDbRow): InspectionPhoto {
  return {
    id: r.id,
    rowVersion: r.row_version,
    sha256: r.sha256,
    shot: r.shot,
    damageId: r.damage_id,
    capturedAt: r.captured_at,
    source: r.source,
    device: r.device,
    fileName: r.file_name,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    format: r.format,
    gps:
      r.gps_lat !== null && r.gps_lon !== null ? { lat: r.gps_lat, lon: r.gps_lon, accuracyM: r.gps_accuracy_m } : null,
    createdAt: r.created_at,
  }
}

async function staffName(db: Db, id: string): Promise<string> {
  const row = (await db('staff').select('full_name').where({ id }).first()) as { full_name: string } | undefined
  return row?.full_name ?? ''
}

/**
 * The inspection with its damages, photos and inspector. `row` is the inspection row when the caller has it — the
 * Writer's after-row of the write it just made, or the row it read for that write — so it is not read again.
 */
export async function loadInspection(db: Db | Knex.Transaction, id: string, row?: InspectionRow): Promise<Inspection> {
  row ??= await findInspectionRow(db, id)
  const [damages, photos, inspectorName] = await Promise.all([
    activeDamageRows(db, id),
    activePhotoRows(db, id),
    staffName(db, row.inspector_id),
  ])
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    quoteId: row.quote_id,
    report: JSON.parse(row.report) as InspectionReport,
    damages: toDamages(damages),
    photos: photos.map(toPhoto),
    inspector: { id: row.inspector_id, name: inspectorName },
    checklistVersion: row.checklist_version,
    submittedAt: row.submitted_at,
    returnedAt: row.returned_at,
    returnReason: row.return_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  }
}

export function toListItem(
  row: InspectionRow & { inspector_name: string | null; damage_count: number; photo_count: number },
): InspectionListItem {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    inspectedAt: row.inspected_at ?? '',
    vehicle: row.vehicle ?? '',
    plate: row.plate,
    vin: row.vin,
    clientName: row.client_name,
    inspectorName: row.inspector_name ?? '',
    damageCount: Number(row.damage_count),
    photoCount: Number(row.photo_count),
    updatedAt: row.updated_at,
  }
}

/**
 * search_text recomputed from the stored inspection (core/db/derived.ts): for rows applied from HQ and for
 * migration 20261205000018. A report that cannot be read is left out (it keeps its text).
 */
export const inspectionSearchText: DerivedColumns = {
  table: 'inspection',
  column: 'search_text',
  from: ['inspection'],
  async compute(db, ids) {
    const q = db('inspection').select('id', 'number', 'report')
    if (ids) q.whereIn('id', ids)
    const rows = (await q) as Array<{ id: string; number: string; report: string | null }>
    return rows.flatMap((r) => {
      try {
        if (!r.report) return []
        const text = searchColumns(JSON.parse(r.report) as InspectionReport, r.number).search_text
        return [{ id: r.id, value: text! }]
      } catch {
        return []
      }
    })
  },
}

/** Columns copied out of the report so the list can show and search them without parsing JSON. */
export function searchColumns(
  report: InspectionReport,
  number: string,
): Pick<InspectionRow, 'inspected_at' | 'plate' | 'vin' | 'client_name' | 'vehicle' | 'search_text'> {
  const v = report.vehicle
  const plate = v.plate.replace(/\s+/g, '').toUpperCase() || null
  const vin = v.vinDocument.replace(/\s+/g, '').toUpperCase() || null
  const vehicle = [v.make.trim(), v.model.trim()].filter(Boolean).join(' ') || null
  const client = report.client.name.trim() || null
  return {
    inspected_at: report.inspectedAt || null,
    plate,
    vin,
    client_name: client,
    vehicle,
    search_text: searchText([number, plate, vin, client, vehicle, phoneSearch(report.client.phone)]),
  }
}
