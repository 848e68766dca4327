import { z } from 'zod'
import { ROLES } from '../../shared/contract/roles'
import { checkSchema, sqlBoolean, syncedRow } from './schemaCheck'
import { reject, type EntityRule } from './types'

const branchSchema = z.looseObject({
  ...syncedRow,
  code: z.string().min(1),
  name: z.string().min(1),
  city: z.string().min(1),
})

/** The branch's own record: only its established id, and the code it was enrolled under. */
export const branchRule: EntityRule = {
  check(ctx, change) {
    const bad = checkSchema(branchSchema, change.after)
    if (bad) return bad
    if (change.id !== ctx.branch.recordId || change.after.code !== ctx.branch.code) {
      return reject('branch-mismatch', { branch: ctx.branch.code })
    }
    return null
  },
}

const staffSchema = z.looseObject({
  ...syncedRow,
  branch_id: z.string(),
  login: z.string().min(1),
  full_name: z.string().min(1),
  role: z.enum(ROLES),
  password_hash: z.string().min(1),
  active: sqlBoolean,
})

/** Staff accounts belong to their branch; a login is unique within it (devices sign people in offline by login). */
export const staffRule: EntityRule = {
  check(ctx, change) {
    const bad = checkSchema(staffSchema, change.after)
    if (bad) return bad
    if (change.after.branch_id !== ctx.branch.recordId) return reject('wrong-branch', { branch: ctx.branch.code })
    return null
  },
  naturalKey: (data, branchCode) => `${branchCode}:${String(data.login)}`,
}

const settingSchema = z.looseObject({ ...syncedRow, key: z.string().min(1), value: z.string() })

/** Branch settings: one row per key in a branch. */
export const settingRule: EntityRule = {
  check: (_ctx, change) => checkSchema(settingSchema, change.after),
  naturalKey: (data, branchCode) => `${branchCode}:${String(data.key)}`,
}
