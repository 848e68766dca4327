import { checkSchema, syncedRow } from './schemaCheck'
import { z } from 'zod'
import { defer, reject, type EntityRule } from './types'
import type { Role } from '../../shared/contract/roles'
import { inGroup } from '../../shared/staff/roleGroups'
import type { Lifecycle } from '../../shared/lifecycle/lifecycle'
import { transitionVerdict } from './ruleKit'

/**
 * Four eyes, decided at HQ: a decision must come from an active supervisor of the branch who neither wrote the
 * application nor inspected the vehicle, and who is the person the device says sent it. The branch database
 * checks the same below its core, but a device can be old, tampered with or simply wrong — HQ does not trust it.
 *
 * Entity-agnostic: the feature that owns a decision table describes where the people are.
 */
export interface FourEyesOptions {
  /** Column of the decision row holding the deciding staff id. */
  decidedBy: string
  /** The record decided on (e.g. the CASCO quote) and the column naming its author. */
  subject: { entity: string; idField: string; authorField: string }
  /** The inspection the decision relied on, if the decision row names one, and the column naming its inspector. */
  inspection?: { entity: string; idField: string; inspectorField: string }
  /** The roles that may take the decision (shared/staff/roleGroups.ts). */
  deciders: readonly Role[]
  /**
   * The decision table's lifecycle (shared/approval/lifecycle.ts): a decision is created with one of its outcomes,
   * and an append-only one is never updated.
   */
  lifecycle: Lifecycle
}

export function fourEyesApproval(opts: FourEyesOptions): EntityRule {
  const schema = z.looseObject({
    ...syncedRow,
    [opts.decidedBy]: z.string().min(1),
    [opts.subject.idField]: z.string().min(1),
  })
  return {
    async check(ctx, change) {
      const bad = checkSchema(schema, change.after)
      if (bad) return bad
      if (opts.lifecycle.appendOnly && change.op === 'update') return reject('append-only', {})
      const moved = transitionVerdict(
        opts.lifecycle,
        change.before ? String(change.before[opts.lifecycle.statusField]) : null,
        String(change.after[opts.lifecycle.statusField]),
      )
      if (moved) return moved
      const approverId = String(change.after[opts.decidedBy])
      if (ctx.changedBy !== approverId) return reject('approver-not-sender', {})
      const approver = await ctx.lookup('staff', approverId)
      if (!approver || approver.branchCode !== ctx.branch.code) return reject('approver-unknown', {})
      if (!inGroup(String(approver.data.role), opts.deciders))
        return reject('approver-not-supervisor', { name: String(approver.data.full_name) })
      if (approver.data.active === false || approver.data.active === 0)
        return reject('approver-inactive', { name: String(approver.data.full_name) })

      const subject = await ctx.lookup(opts.subject.entity, String(change.after[opts.subject.idField]))
      // The application travels before its decision from the device that wrote it; until HQ has it, wait.
      if (!subject) return defer('subject-unknown', { entity: opts.subject.entity })
      if (subject.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
      if (subject.data[opts.subject.authorField] === approverId) return reject('approver-is-author', {})

      if (opts.inspection) {
        const inspectionId = change.after[opts.inspection.idField]
        if (inspectionId != null && inspectionId !== '') {
          const inspection = await ctx.lookup(opts.inspection.entity, String(inspectionId))
          if (!inspection) return defer('subject-unknown', { entity: opts.inspection.entity })
          if (inspection.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
          if (inspection.data[opts.inspection.inspectorField] === approverId) return reject('approver-is-inspector', {})
        }
      }
      return null
    },
  }
}
