import type { SessionState } from '../../shared/session/contract'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlerContext, HandlersOf } from '../ipc/handlers'
import { readSecurity } from '../settings/api'
import { findStaffById, hashPassword, toSessionUser, verifyPassword, type ScryptCost } from '../staff/api'
import { checkCredentials } from './signInGuard'
import type { SessionRegistry } from './sessionRegistry'

type SessionChannels =
  | 'session/get-session'
  | 'session/sign-in'
  | 'session/sign-out'
  | 'session/lock-screen'
  | 'session/unlock-screen'
  | 'session/report-activity'
  | 'session/change-password'

export async function sessionState(db: Db, sessions: SessionRegistry, clientId: string): Promise<SessionState> {
  const s = sessions.get(clientId)
  const row = s && (await findStaffById(db, s.userId))
  if (!s || !row || !row.active) return { status: 'signed-out' }
  const { idleLockMinutes } = await readSecurity(db)
  const status = s.locked ? 'locked' : row.must_change_password ? 'must-change-password' : 'signed-in'
  return { status, user: toSessionUser(row), idleLockMinutes }
}

export function sessionHandlers(
  db: Db,
  sessions: SessionRegistry,
  passwordCost: ScryptCost,
): HandlersOf<SessionChannels> {
  const state = (ctx: HandlerContext) => sessionState(db, sessions, ctx.clientId)

  return {
    'session/get-session': async (_input, ctx) => state(ctx),

    'session/sign-in': async (input, ctx) => {
      const row = await checkCredentials(db, input.login, input.password, ctx.now, passwordCost)
      await write(db, { userId: row.id, login: row.login }, 'session.signed-in', ctx.now, (w) =>
        w.audit('session.signed-in', 'staff', row.id, null, { client: ctx.clientId }),
      )
      sessions.start(ctx.clientId, row.id, ctx.now.getTime())
      return state(ctx)
    },

    'session/sign-out': async (_input, ctx) => {
      await write(db, ctx.actor, 'session.signed-out', ctx.now, (w) =>
        w.audit('session.signed-out', 'staff', ctx.actor.userId, null, null),
      )
      sessions.end(ctx.clientId)
      return state(ctx)
    },

    'session/lock-screen': async (_input, ctx) => {
      const s = sessions.get(ctx.clientId)
      if (s && !s.locked) {
        s.locked = true
        await write(db, ctx.actor, 'session.locked', ctx.now, (w) =>
          w.audit('session.locked', 'staff', ctx.actor.userId, null, { reason: 'idle' }),
        )
      }
      return state(ctx)
    },

    'session/unlock-screen': async (input, ctx) => {
      const s = sessions.get(ctx.clientId)
      const row = s && (await findStaffById(db, s.userId))
      if (!s || !row) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated')
      // The same guard as sign-in: the lock screen must not become a way around lock-out.
      await checkCredentials(db, row.login, input.password, ctx.now, passwordCost)
      s.locked = false
      s.lastActivityMs = ctx.now.getTime()
      await write(db, ctx.actor, 'session.unlocked', ctx.now, (w) =>
        w.audit('session.unlocked', 'staff', row.id, null, null),
      )
      return state(ctx)
    },

    'session/report-activity': async () => ({ idleLockMinutes: (await readSecurity(db)).idleLockMinutes }),

    'session/change-password': async (input, ctx) => {
      const row = await findStaffById(db, ctx.actor.userId ?? '')
      if (!row) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated')
      if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
        throw new AppError(
          'VALIDATION',
          'errors.wrongCurrentPassword',
          {},
          { currentPassword: 'errors.wrongCurrentPassword' },
        )
      }
      if (input.currentPassword === input.newPassword) {
        throw new AppError('VALIDATION', 'errors.samePassword', {}, { newPassword: 'errors.samePassword' })
      }
      const passwordHash = await hashPassword(input.newPassword, passwordCost)
      await write(db, ctx.actor, 'staff.password-changed', ctx.now, (w) =>
        w.update('staff', row.id, { password_hash: passwordHash, must_change_password: false }),
      )
      return state(ctx)
    },
  }
}
