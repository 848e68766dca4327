import { AppError } from '../app/appError'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlersOf } from '../ipc/handlers'
import type { SessionRegistry } from '../session/api'
import { hashPassword, type ScryptCost } from './password'
import {
  countActiveAdmins,
  findStaffById,
  findStaffByLogin,
  toStaffMember,
  type GuardRow,
  type StaffRow,
} from './staffRows'

type StaffChannels = 'staff/list-staff' | 'staff/create-staff' | 'staff/update-staff' | 'staff/reset-password'

/** Staff administration (admin only — the contract says so and the dispatcher enforces it). */
export function staffHandlers(
  db: Db,
  clock: Clock,
  sessions: SessionRegistry,
  passwordCost: ScryptCost,
): HandlersOf<StaffChannels> {
  async function member(id: string) {
    const row = await findStaffById(db, id)
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    const guard = (await db('sign_in_guard').where({ login: row.login }).first()) as GuardRow | undefined
    return toStaffMember(row, guard, clock.now())
  }

  return {
    'staff/list-staff': async () => {
      const rows = (await db('staff').orderBy('full_name')) as StaffRow[]
      const guards = new Map(((await db('sign_in_guard')) as GuardRow[]).map((g) => [g.login, g]))
      return rows.map((r) => toStaffMember(r, guards.get(r.login), clock.now()))
    },

    'staff/create-staff': async (input, ctx) => {
      if (await findStaffByLogin(db, input.login)) {
        throw new AppError('CONFLICT', 'errors.loginTaken', { login: input.login }, { login: 'errors.loginTaken' })
      }
      const branch = (await db('branch').first()) as { id: string }
      const passwordHash = await hashPassword(input.password, passwordCost)
      const row = await write(db, ctx.actor, 'staff.created', ctx.now, (w) =>
        w.insert('staff', {
          branch_id: branch.id,
          login: input.login,
          full_name: input.fullName,
          role: input.role,
          password_hash: passwordHash,
          active: true,
          // The admin chose this password; the person must replace it with their own at first sign-in.
          must_change_password: true,
        }),
      )
      return member(row.id)
    },

    'staff/update-staff': async (input, ctx) => {
      const current = await findStaffById(db, input.id)
      if (!current) throw new AppError('NOT_FOUND', 'errors.notFound')
      const losesAdmin =
        current.role === 'admin' &&
        Boolean(current.active) &&
        ((input.role !== undefined && input.role !== 'admin') || input.active === false)
      if (losesAdmin && (await countActiveAdmins(db)) <= 1) throw new AppError('CONFLICT', 'errors.lastAdmin')
      const patch: Partial<StaffRow> = {}
      if (input.fullName !== undefined) patch.full_name = input.fullName
      if (input.role !== undefined) patch.role = input.role
      if (input.active !== undefined) patch.active = input.active
      const action =
        input.active === false
          ? 'staff.disabled'
          : input.active === true && !current.active
            ? 'staff.enabled'
            : 'staff.updated'
      await write(db, ctx.actor, action, ctx.now, (w) => w.update('staff', input.id, patch, input.rowVersion))
      // A disabled user or a changed role takes effect now, not at the next sign-in.
      if (input.active === false || (input.role !== undefined && input.role !== current.role))
        sessions.endAllOf(input.id)
      return member(input.id)
    },

    'staff/reset-password': async (input, ctx) => {
      const current = await findStaffById(db, input.id)
      if (!current) throw new AppError('NOT_FOUND', 'errors.notFound')
      const passwordHash = await hashPassword(input.newPassword, passwordCost)
      await write(db, ctx.actor, 'staff.password-reset', ctx.now, async (w) => {
        await w.update('staff', input.id, { password_hash: passwordHash, must_change_password: true })
        await w.trx('sign_in_guard').where({ login: current.login }).delete()
      })
      sessions.endAllOf(input.id)
      return member(input.id)
    },
  }
}
