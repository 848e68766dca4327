import type { InspectionChecklistData } from '../../../shared/inspection/checklist'
import {
  DAMAGE_SHOT,
  EXTRA_SHOT,
  SIGNATURE_SHOTS,
  isSignatureShot,
  type Inspection,
  type InspectionPhoto,
} from '../../../shared/inspection/inspection'
import { versionInForce } from '../../../shared/reference/envelope'
import { AppError } from '../../app/appError'
import type { Db } from '../../db/openDatabase'
import { requireUser, type HandlerContext } from '../../ipc/handlers'
import { checklistOf } from '../inspectionAccess'
import { findInspectionRow, loadInspection } from '../inspectionRows'
import type { PhotoVariant } from '../../photos/photoStore'
import type { ReferenceData } from '../../reference/loadReferenceData'
import { inspectionLifecycle } from '../../../shared/inspection/lifecycle'
import {
  BRANCH_INSPECTION_READERS,
  INSPECTION_EDITORS,
  SUBMITTED_INSPECTION_PRINTERS,
  inGroup,
} from '../../../shared/staff/roleGroups'

export interface PrintedPhoto {
  /** 1, 2, 3… as the report refers to them ("фото 4, 5"). */
  number: number
  photo: InspectionPhoto
  /** The checklist shot's name, or "Повреждение № n", or "Дополнительный снимок". */
  title: string
  damageNumber: number | null
  capturedAt: string
  thumb: string
  normal: string
}

/** Everything the report shows, read before building so the builder stays a pure function. */
export interface InspectionPrintData {
  inspection: Inspection
  checklist: InspectionChecklistData
  insurerName: string
  photos: PrintedPhoto[]
  signatures: { inspector: string | null; client: string | null }
  timeZone: string
  /** The CASCO quote the inspection was made for, as a person names it (its id means nothing on paper). */
  quote: PrintedQuote | null
}

export interface PrintedQuote {
  contractNumber: string | null
  /** ДД.ММ.ГГГГ the quote was started, in the branch's time zone. */
  createdOn: string
  insuredName: string | null
  vehicleName: string | null
  plate: string | null
}

export interface InspectionPrintDeps {
  db: Db
  reference: ReferenceData
  /** The photo files: the store, or the fetcher that brings a photo taken elsewhere from HQ first. */
  store: { read(sha256: string, variant: PhotoVariant): Promise<Buffer> }
  timeZone: string
}

/**
 * Who may have the report (INSPECTION_PRINTERS): the branch's readers any, its inspector their own, the desk a
 * submitted one — no longer its inspector's to change (the lifecycle), so what the client gets is final.
 */
function assertMayPrint(inspection: { inspectorId: string; status: string }, ctx: HandlerContext): void {
  const user = requireUser(ctx)
  if (inGroup(user.role, BRANCH_INSPECTION_READERS)) return
  if (inGroup(user.role, INSPECTION_EDITORS) && inspection.inspectorId === user.id) return
  if (inGroup(user.role, SUBMITTED_INSPECTION_PRINTERS) && !inspectionLifecycle.isEditable(inspection.status)) return
  throw new AppError('FORBIDDEN', 'inspection.errors.notYours')
}

export function formatLocalDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('ru-RU', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  )
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`
}

const dataUrl = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`

export async function loadInspectionPrintData(
  id: string | undefined,
  ctx: HandlerContext,
  deps: InspectionPrintDeps,
): Promise<InspectionPrintData> {
  if (!id) throw new AppError('NOT_FOUND', 'errors.notFound')
  const row = await findInspectionRow(deps.db, id)
  assertMayPrint({ inspectorId: row.inspector_id, status: row.status }, ctx)
  const inspection = await loadInspection(deps.db, id)
  const checklist = checklistOf(deps.reference, inspection.checklistVersion).data
  const insurer = versionInForce(
    deps.reference.versions['insurer-details'],
    inspection.report.inspectedAt.slice(0, 10) || inspection.createdAt.slice(0, 10),
  )

  // Checklist order first, then extra shots, then each damage row's photos in row order.
  const shotOrder = new Map(checklist.shots.map((s, i) => [s.code, i]))
  const rank = (p: InspectionPhoto) => {
    if (p.shot === DAMAGE_SHOT) return 2000 + (inspection.damages.find((d) => d.id === p.damageId)?.number ?? 999)
    return p.shot === EXTRA_SHOT ? 1000 : (shotOrder.get(p.shot) ?? 1500)
  }
  const photos = inspection.photos.filter((p) => !isSignatureShot(p.shot)).sort((a, b) => rank(a) - rank(b))
  const printed: PrintedPhoto[] = []
  for (const [i, photo] of photos.entries()) {
    const damageNumber =
      photo.shot === DAMAGE_SHOT ? (inspection.damages.find((d) => d.id === photo.damageId)?.number ?? null) : null
    const title =
      damageNumber !== null
        ? `Повреждение № ${damageNumber}`
        : photo.shot === EXTRA_SHOT
          ? 'Дополнительный снимок'
          : (checklist.shots.find((s) => s.code === photo.shot)?.name.ru ?? photo.shot)
    const [thumb, normal] = await Promise.all([
      deps.store.read(photo.sha256, 'thumb'),
      deps.store.read(photo.sha256, 'normal'),
    ])
    printed.push({
      number: i + 1,
      photo,
      title,
      damageNumber,
      capturedAt: formatLocalDateTime(photo.capturedAt, deps.timeZone),
      thumb: dataUrl(thumb),
      normal: dataUrl(normal),
    })
  }
  const signature = async (shot: string) => {
    const p = inspection.photos.find((x) => x.shot === shot)
    return p ? dataUrl(await deps.store.read(p.sha256, 'normal')) : null
  }
  return {
    inspection,
    checklist,
    quote: inspection.quoteId ? await printedQuote(deps.db, inspection.quoteId, deps.timeZone) : null,
    insurerName: insurer?.data.name ?? '',
    photos: printed,
    signatures: {
      inspector: await signature(SIGNATURE_SHOTS.inspector),
      client: await signature(SIGNATURE_SHOTS.client),
    },
    timeZone: deps.timeZone,
  }
}

async function printedQuote(db: Db, id: string, timeZone: string): Promise<PrintedQuote | null> {
  // The quote's hot row, read as casco reads the inspection table (caseInspections): no import of core/casco, whose
  // contract already imports this feature's report.
  const row = (await db('casco_quote')
    .where({ id })
    .first('contract_number', 'created_at', 'insured_name', 'vehicle_name', 'plate')) as
    | {
        contract_number: string | null
        created_at: string
        insured_name: string | null
        vehicle_name: string | null
        plate: string | null
      }
    | undefined
  // A quote not on this device (not synced yet) is named as unknown, not as its id.
  if (!row) return null
  return {
    contractNumber: row.contract_number,
    createdOn: formatLocalDateTime(row.created_at, timeZone).slice(0, 10),
    insuredName: row.insured_name,
    vehicleName: row.vehicle_name,
    plate: row.plate,
  }
}
