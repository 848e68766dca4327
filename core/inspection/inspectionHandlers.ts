import type { Knex } from 'knex'
import { todayIn } from '../../shared/dates/calendarDate'
import {
  checklistInForce,
  findPart,
  toInspectionReference,
  type InspectionChecklistData,
} from '../../shared/inspection/checklist'
import { checkCompleteness, missingToFieldErrors } from '../../shared/inspection/completeness'
import {
  DAMAGE_SHOT,
  EXTRA_SHOT,
  isSignatureShot,
  type DamageInput,
  type Inspection,
} from '../../shared/inspection/inspection'
import { emptyReport, localDateTimeIn } from '../../shared/inspection/report'
import { inspectionLifecycle } from '../../shared/inspection/lifecycle'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'
import { listPage, SEARCH_TABLES } from '../db/search'
import { write, type Writer } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import type { ReferenceData } from '../reference/loadReferenceData'
import { checklistOf, editableRow, readableRow } from './inspectionAccess'
import {
  activeDamageRows,
  activePhotoRows,
  findDamageRow,
  findInspectionRow,
  findPhotoRow,
  loadInspection,
  searchColumns,
  toListItem,
  type InspectionRow,
} from './inspectionRows'
import { BRANCH_INSPECTION_READERS, inGroup } from '../../shared/staff/roleGroups'
import { quoteInspectionPrefill } from './quotePrefill'

type InspectionChannels =
  | 'inspection/get-reference'
  | 'inspection/create'
  | 'inspection/get'
  | 'inspection/list'
  | 'inspection/save-report'
  | 'inspection/add-damage'
  | 'inspection/update-damage'
  | 'inspection/remove-damage'
  | 'inspection/assign-photo'
  | 'inspection/remove-photo'
  | 'inspection/submit'

/** Codes of a damage row checked against the inspection's checklist; the zone follows from the part. */
function damageColumns(damage: DamageInput, checklist: InspectionChecklistData) {
  const errors: Record<string, string> = {}
  const found = damage.partCode ? findPart(checklist, damage.partCode) : undefined
  if (damage.partCode && !found) errors['damage.partCode'] = 'inspection.errors.unknownCode'
  if (damage.typeCode && !checklist.damage.types.some((t) => t.code === damage.typeCode))
    errors['damage.typeCode'] = 'inspection.errors.unknownCode'
  if (damage.severity && !checklist.damage.severities.some((s) => s.code === damage.severity))
    errors['damage.severity'] = 'inspection.errors.unknownCode'
  if (Object.keys(errors).length) throw new AppError('VALIDATION', 'errors.validation', {}, errors)
  return {
    view: damage.view,
    x: damage.x,
    y: damage.y,
    zone_code: found?.zone.code ?? '',
    part_code: damage.partCode,
    type_code: damage.typeCode,
    size_cm: damage.sizeCm,
    severity: damage.severity,
    note: damage.note,
  }
}

/** Every photo shot the inspection's checklist allows, plus the ones the core itself uses. */
export function isKnownShot(shot: string, checklist: InspectionChecklistData): boolean {
  return (
    shot === DAMAGE_SHOT || shot === EXTRA_SHOT || isSignatureShot(shot) || checklist.shots.some((s) => s.code === shot)
  )
}

async function nextNumber(w: Writer, year: string): Promise<string> {
  const branch = (await w.trx('branch').select('code').first()) as { code: string } | undefined
  const prefix = `${branch?.code ?? 'BR'}/${year}/`
  const last = (await w
    .trx('inspection')
    .select('number')
    // A range on the unique index (LIKE folds case and would read every inspection): the numbers of this prefix.
    .where('number', '>=', prefix)
    .where('number', '<', `${prefix}\uffff`)
    .orderBy('number', 'desc')
    .first()) as { number: string } | undefined
  const seq = last ? Number(last.number.slice(prefix.length)) + 1 : 1
  return `${prefix}${String(seq).padStart(5, '0')}`
}

export function inspectionHandlers(db: Db, reference: ReferenceData): HandlersOf<InspectionChannels> {
  const load = (id: string, row?: InspectionRow) => loadInspection(db, id, row)

  return {
    'inspection/get-reference': async (input, ctx) => {
      if (input?.version) return toInspectionReference(checklistOf(reference, input.version))
      const date = todayIn(BRANCH_TIME_ZONE, ctx.now)
      const file = checklistInForce(reference.versions['inspection-checklist'], date)
      if (!file) throw new AppError('REFERENCE_DATA', 'inspection.errors.noChecklist', { date })
      return toInspectionReference(file)
    },

    'inspection/create': async (input, ctx) => {
      const user = requireUser(ctx)
      const date = todayIn(BRANCH_TIME_ZONE, ctx.now)
      const checklist = checklistInForce(reference.versions['inspection-checklist'], date)
      if (!checklist) throw new AppError('REFERENCE_DATA', 'inspection.errors.noChecklist', { date })
      const report = emptyReport(localDateTimeIn(BRANCH_TIME_ZONE, ctx.now))
      const row = await write(db, ctx.actor, 'inspection.created', ctx.now, async (w) => {
        // Read in the write's transaction: the report starts from the quote as it is when the inspection is made.
        const prefill = input?.quoteId ? await quoteInspectionPrefill(w.trx, reference, input.quoteId) : null
        if (prefill) {
          report.client = prefill.client
          report.vehicle = { ...report.vehicle, ...prefill.vehicle }
        }
        const number = await nextNumber(w, date.slice(0, 4))
        return w.insert('inspection', {
          number,
          status: 'draft',
          quote_id: input?.quoteId ?? null,
          report: JSON.stringify(report),
          checklist_version: checklist.version,
          inspector_id: user.id,
          ...searchColumns(report, number),
        })
      })
      return load(row.id, row)
    },

    'inspection/get': async (input, ctx) => {
      await readableRow(db, input.id, ctx)
      return load(input.id)
    },

    'inspection/list': async (input, ctx) => {
      const user = requireUser(ctx)
      const base = () => {
        const q = db('inspection as i')
        if (!inGroup(user.role, BRANCH_INSPECTION_READERS)) q.where('i.inspector_id', user.id)
        if (input.status) q.where('i.status', input.status)
        return q
          .leftJoin('staff as s', 's.id', 'i.inspector_id')
          .select(
            'i.id',
            'i.number',
            'i.status',
            'i.inspected_at',
            'i.vehicle',
            'i.plate',
            'i.vin',
            'i.client_name',
            'i.updated_at',
            's.full_name as inspector_name',
          )
          .select(
            db.raw(
              '(SELECT count(*) FROM inspection_damage d WHERE d.inspection_id = i.id AND d.removed_at IS NULL) AS damage_count',
            ),
          )
          .select(
            db.raw(
              "(SELECT count(*) FROM inspection_photo p WHERE p.inspection_id = i.id AND p.removed_at IS NULL AND p.shot NOT LIKE 'signature-%') AS photo_count",
            ),
          )
      }
      const page = await listPage<Parameters<typeof toListItem>[0]>({
        db,
        search: SEARCH_TABLES.inspection,
        query: input.query,
        base,
        rowid: 'i.rowid',
        order: { column: 'i.updated_at', direction: 'desc', key: (r) => r.updated_at },
        limit: input.limit,
        offset: input.offset,
      })
      return { ...page, items: page.items.map(toListItem) }
    },

    'inspection/save-report': async (input, ctx) => {
      const row = await editableRow(db, input.id, ctx)
      const after = await write(db, ctx.actor, 'inspection.report-saved', ctx.now, (w) =>
        w.update(
          'inspection',
          row.id,
          {
            report: JSON.stringify(input.report),
            ...searchColumns(input.report, row.number),
          },
          input.rowVersion,
        ),
      )
      return load(row.id, after)
    },

    'inspection/add-damage': async (input, ctx) => {
      const row = await editableRow(db, input.inspectionId, ctx)
      const columns = damageColumns(input.damage, checklistOf(reference, row.checklist_version).data)
      await write(db, ctx.actor, 'inspection.damage-added', ctx.now, async (w) => {
        // Sequence over every row ever added, removed ones included: a number is never reused within the report.
        const max = (await w.trx('inspection_damage').where({ inspection_id: row.id }).max({ m: 'seq' }).first()) as {
          m: number | null
        }
        await w.insert('inspection_damage', { inspection_id: row.id, seq: (max.m ?? 0) + 1, ...columns })
      })
      return load(row.id, row)
    },

    'inspection/update-damage': async (input, ctx) => {
      const damage = await findDamageRow(db, input.id)
      const row = await editableRow(db, damage.inspection_id, ctx)
      const columns = damageColumns(input.damage, checklistOf(reference, row.checklist_version).data)
      await write(db, ctx.actor, 'inspection.damage-updated', ctx.now, (w) =>
        w.update('inspection_damage', damage.id, columns, input.rowVersion),
      )
      return load(row.id, row)
    },

    'inspection/remove-damage': async (input, ctx) => {
      const damage = await findDamageRow(db, input.id)
      const row = await editableRow(db, damage.inspection_id, ctx)
      const photos = (await activePhotoRows(db, row.id)).filter((p) => p.damage_id === damage.id)
      await write(db, ctx.actor, 'inspection.damage-removed', ctx.now, async (w) => {
        const at = ctx.now.toISOString()
        await w.update('inspection_damage', damage.id, { removed_at: at }, input.rowVersion)
        // The row's photos go with it: a photo of a damage that is no longer on the report proves nothing.
        for (const p of photos) await w.update('inspection_photo', p.id, { removed_at: at })
      })
      return load(row.id, row)
    },

    'inspection/assign-photo': async (input, ctx) => {
      const photo = await findPhotoRow(db, input.id)
      const row = await editableRow(db, photo.inspection_id, ctx)
      const checklist = checklistOf(reference, row.checklist_version).data
      if (isSignatureShot(photo.shot) || isSignatureShot(input.shot) || !isKnownShot(input.shot, checklist)) {
        throw new AppError('VALIDATION', 'inspection.errors.unknownShot', {}, { shot: 'inspection.errors.unknownShot' })
      }
      const damageId = input.shot === DAMAGE_SHOT ? (input.damageId ?? null) : null
      if (input.shot === DAMAGE_SHOT) {
        const damages = await activeDamageRows(db, row.id)
        if (!damageId || !damages.some((d) => d.id === damageId))
          throw new AppError(
            'VALIDATION',
            'inspection.errors.unknownDamage',
            {},
            { damageId: 'inspection.errors.unknownDamage' },
          )
      }
      await write(db, ctx.actor, 'inspection.photo-assigned', ctx.now, (w) =>
        w.update('inspection_photo', photo.id, { shot: input.shot, damage_id: damageId }, input.rowVersion),
      )
      return load(row.id, row)
    },

    'inspection/remove-photo': async (input, ctx) => {
      const photo = await findPhotoRow(db, input.id)
      const row = await editableRow(db, photo.inspection_id, ctx)
      await write(db, ctx.actor, 'inspection.photo-removed', ctx.now, (w) =>
        w.update('inspection_photo', photo.id, { removed_at: ctx.now.toISOString() }, input.rowVersion),
      )
      return load(row.id, row)
    },

    'inspection/submit': async (input, ctx) => {
      const row = await editableRow(db, input.id, ctx)
      if (row.row_version !== input.rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
      const inspection = await load(row.id, row)
      const { missing, fieldErrors } = checkCompleteness(inspection, checklistOf(reference, row.checklist_version).data)
      if (missing.length > 0) {
        throw new AppError(
          'VALIDATION',
          'inspection.errors.incomplete',
          { count: missing.length },
          { ...fieldErrors, ...missingToFieldErrors(missing) },
        )
      }
      const after = await write(db, ctx.actor, 'inspection.submitted', ctx.now, (w) =>
        w.update(
          'inspection',
          row.id,
          {
            status: 'submitted',
            submitted_at: ctx.now.toISOString(),
            submitted_by: ctx.actor.userId,
          },
          input.rowVersion,
        ),
      )
      return load(row.id, after)
    },
  }
}

/**
 * The supervisor's "return for corrections" (the approval work calls it): a submitted inspection becomes
 * editable by its inspector again, with the reason kept on the row until it is submitted anew.
 */
export async function markInspectionReturned(
  db: Db | Knex.Transaction,
  id: string,
  reason: string,
  ctx: HandlerContext,
): Promise<Inspection> {
  const row: InspectionRow = await findInspectionRow(db, id)
  if (!inspectionLifecycle.movesFrom('approval/decide', row.status))
    throw new AppError('CONFLICT', 'inspection.errors.notSubmitted')
  if (!reason.trim()) throw new AppError('VALIDATION', 'errors.validation', {}, { reason: 'validation.required' })
  await write(db, ctx.actor, 'inspection.returned', ctx.now, (w) =>
    w.update('inspection', id, {
      status: 'returned',
      returned_at: ctx.now.toISOString(),
      returned_by: ctx.actor.userId,
      return_reason: reason.trim(),
    }),
  )
  return loadInspection(db, id)
}
