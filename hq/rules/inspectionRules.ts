import { z } from 'zod'
import {
  DAMAGE_SHOT,
  INSPECTION_STATUSES,
  PHOTO_SOURCES,
  type InspectionStatus,
} from '../../shared/inspection/inspection'
import { inspectionLifecycle } from '../../shared/inspection/lifecycle'
import { DIAGRAM_VIEWS } from '../../shared/inspection/diagram'
import type { RecordData } from '../records'
import {
  firstVerdict,
  present,
  required,
  senderMayDecide,
  stampedBySender,
  transitionVerdict,
  unchanged,
} from './ruleKit'
import { checkSchema, documentSchema, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule, type RuleContext, type Verdict } from './types'
import { CASCO_CASE_DECIDERS } from '../../shared/staff/roleGroups'

const inspectionSchema = z.looseObject({
  ...syncedRow,
  number: z.string().min(1),
  status: z.enum(INSPECTION_STATUSES),
  quote_id: z.string().min(1).nullable().optional(),
  report: documentSchema,
  checklist_version: z.string().min(1),
  inspector_id: z.string().min(1),
})

/** The report's identity and who made it: four eyes at HQ read `inspector_id`. */
const INSPECTION_FIXED = ['number', 'quote_id', 'inspector_id', 'checklist_version'] as const

/** A quote an inspection names must be a quote of this branch; until HQ has it, the inspection waits. */
async function quoteOfBranch(ctx: RuleContext, quoteId: unknown): Promise<Verdict> {
  if (typeof quoteId !== 'string' || quoteId === '') return null
  const quote = await ctx.lookup('casco_quote', quoteId)
  if (!quote) return defer('subject-unknown', { entity: 'casco_quote' })
  if (quote.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
  return null
}

/** Return for corrections: a supervisor of the branch other than the inspector, with a reason. */
async function returnedBySupervisor(ctx: RuleContext, after: RecordData): Promise<Verdict> {
  return firstVerdict(
    () => senderMayDecide(ctx, CASCO_CASE_DECIDERS),
    () => (ctx.changedBy === after.inspector_id ? reject('approver-is-inspector', {}) : null),
    () => required(after, ['returned_at', 'return_reason'], 'a returned inspection keeps when and why'),
    () => stampedBySender(ctx, after, 'returned_by'),
  )
}

/**
 * Inspections: the moves are shared/inspection/lifecycle.ts; here, who makes them (the report's own inspector; a
 * supervisor other than the inspector returns it) and what the report keeps.
 */
export const inspectionRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(inspectionSchema, change.after)
    if (bad) return bad
    const after = change.after
    const to = after.status as InspectionStatus
    const before = change.before
    const from = before ? (before.status as InspectionStatus) : null
    return firstVerdict(
      () => transitionVerdict(inspectionLifecycle, from, to),
      () => (before ? unchanged(before, after, INSPECTION_FIXED) : stampedBySender(ctx, after, 'inspector_id')),
      () => {
        if (to === 'returned' && from === 'submitted') return returnedBySupervisor(ctx, after)
        // Everything else is the inspector's own work on their own report.
        return ctx.changedBy === after.inspector_id ? null : reject('not-inspector', {})
      },
      () =>
        to === 'submitted' && from !== 'submitted'
          ? (required(after, ['submitted_at'], 'a submitted inspection keeps when') ??
            stampedBySender(ctx, after, 'submitted_by'))
          : null,
      // The quote is named at creation and never changes; checked then and again on submission.
      () => (!before || (to === 'submitted' && from !== 'submitted') ? quoteOfBranch(ctx, after.quote_id) : null),
    )
  },
  // Inspection numbers are given out per branch and year by each device: two computers of a branch can collide.
  naturalKey: (data, branch) => (data.number ? `${branch}:${String(data.number)}` : null),
}

/**
 * Damage rows and photos belong to one inspection for good, and change only while their inspection is the
 * inspector's to edit (draft or returned, as HQ holds it) and only by that inspector: the report a supervisor
 * judged cannot change under the decision. Rows travel before the submission that follows them, so a report's
 * own rows are judged while HQ still holds it as a draft. Removal is final (`removed_at` is never cleared).
 */
async function editableInspection(ctx: RuleContext, inspectionId: string): Promise<Verdict> {
  const inspection = await ctx.lookup('inspection', inspectionId)
  if (!inspection) return defer('subject-unknown', { entity: 'inspection' })
  if (inspection.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
  const status = String(inspection.data.status)
  if (!inspectionLifecycle.isEditable(status)) return reject('inspection-locked', { status })
  if (ctx.changedBy !== inspection.data.inspector_id) return reject('not-inspector', {})
  return null
}

function removalFinal(before: RecordData | null, after: RecordData): Verdict {
  if (before && present(before.removed_at) && !present(after.removed_at))
    return reject('immutable-field', { field: 'removed_at' })
  return null
}

const damageSchema = z.looseObject({
  ...syncedRow,
  inspection_id: z.string().min(1),
  seq: z.number().int().min(1),
  view: z.enum(DIAGRAM_VIEWS),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  removed_at: z.string().nullable().optional(),
})

export const inspectionDamageRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(damageSchema, change.after)
    if (bad) return bad
    const { before, after } = change
    const fixed = before ? unchanged(before, after, ['inspection_id', 'seq']) : null
    if (fixed) return fixed
    const removal = removalFinal(before, after)
    if (removal) return removal
    return editableInspection(ctx, String(after.inspection_id))
  },
}

const photoSchema = z.looseObject({
  ...syncedRow,
  inspection_id: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  shot: z.string().min(1),
  damage_id: z.string().min(1).nullable().optional(),
  captured_at: z.string().min(10),
  source: z.enum(PHOTO_SOURCES),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  bytes: z.number().int().min(1),
  format: z.string().min(1),
  removed_at: z.string().nullable().optional(),
})

export const inspectionPhotoRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(photoSchema, change.after)
    if (bad) return bad
    const { before, after } = change
    // The file is the evidence: a photo row never points at other bytes or moves to another report.
    const fixed = before ? unchanged(before, after, ['inspection_id', 'sha256']) : null
    if (fixed) return fixed
    const removal = removalFinal(before, after)
    if (removal) return removal
    const isDamageShot = after.shot === DAMAGE_SHOT
    if (isDamageShot !== present(after.damage_id)) {
      return reject('invalid-data', {
        field: 'damage_id',
        message: 'a damage photo names its damage row, and only a damage photo does',
      })
    }
    const parent = await editableInspection(ctx, String(after.inspection_id))
    if (parent) return parent
    if (isDamageShot && after.damage_id !== before?.damage_id) {
      const damage = await ctx.lookup('inspection_damage', String(after.damage_id))
      if (!damage) return defer('subject-unknown', { entity: 'inspection_damage' })
      if (damage.branchCode !== ctx.branch.code || damage.data.inspection_id !== after.inspection_id) {
        return reject('invalid-data', { field: 'damage_id', message: 'the damage row belongs to another inspection' })
      }
    }
    return null
  },
}
