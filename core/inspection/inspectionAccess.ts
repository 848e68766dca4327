import { inspectionLifecycle } from '../../shared/inspection/lifecycle'
import type { InspectionChecklistFile } from '../../shared/inspection/checklist'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { requireUser, type HandlerContext } from '../ipc/handlers'
import type { ReferenceData } from '../reference/loadReferenceData'
import { findInspectionRow, type InspectionRow } from './inspectionRows'
import { BRANCH_INSPECTION_READERS, INSPECTION_EDITORS, inGroup } from '../../shared/staff/roleGroups'

/**
 * Beyond the contract's roles: an inspector works on their own inspections only; the supervisor reads all of
 * them and edits none (they approve or return). Other roles never reach these checks (the contract refuses them).
 */
export function assertReadable(row: InspectionRow, ctx: HandlerContext): void {
  const user = requireUser(ctx)
  if (inGroup(user.role, BRANCH_INSPECTION_READERS)) return
  if (inGroup(user.role, INSPECTION_EDITORS) && row.inspector_id === user.id) return
  throw new AppError('FORBIDDEN', 'inspection.errors.notYours')
}

export async function readableRow(db: Db, id: string, ctx: HandlerContext): Promise<InspectionRow> {
  const row = await findInspectionRow(db, id)
  assertReadable(row, ctx)
  return row
}

/** The inspector's own inspection, in a state that may still change (draft, or returned for corrections). */
export async function editableRow(db: Db, id: string, ctx: HandlerContext): Promise<InspectionRow> {
  const row = await findInspectionRow(db, id)
  const user = requireUser(ctx)
  if (!inGroup(user.role, INSPECTION_EDITORS) || row.inspector_id !== user.id)
    throw new AppError('FORBIDDEN', 'inspection.errors.notYours')
  if (!inspectionLifecycle.isEditable(row.status)) throw new AppError('CONFLICT', 'inspection.errors.readOnly')
  return row
}

/** The checklist version an inspection was started with: it stays the rule for that inspection. */
export function checklistOf(reference: ReferenceData, version: string): InspectionChecklistFile {
  const file = reference.versions['inspection-checklist'].find((v) => v.version === version)
  if (!file) throw new AppError('REFERENCE_DATA', 'inspection.errors.checklistMissing', { version })
  return file
}
