import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write, type Actor } from '../db/write'
import { readSecurity } from '../settings/api'
import {
  dummyHash,
  findStaffByLogin,
  verifyPassword,
  type GuardRow,
  type ScryptCost,
  type StaffRow,
} from '../staff/api'

/**
 * Checks a login and password with lock-out: after `maxFailedSignIns` wrong passwords in a row the login is
 * locked for `lockoutMinutes`. Unknown logins are counted and timed like known ones, so the screen does not
 * reveal which logins exist. Every attempt is audited.
 */
export async function checkCredentials(
  db: Db,
  login: string,
  password: string,
  now: Date,
  passwordCost: ScryptCost,
): Promise<StaffRow> {
  const actor: Actor = { userId: null, login }
  const guard = (await db('sign_in_guard').where({ login }).first()) as GuardRow | undefined
  if (guard?.locked_until && guard.locked_until > now.toISOString()) {
    const minutes = Math.ceil((Date.parse(guard.locked_until) - now.getTime()) / 60_000)
    await write(db, actor, 'session.sign-in-refused-locked', now, (w) =>
      w.audit('session.sign-in-refused-locked', 'staff', null, null, { login }),
    )
    throw new AppError('ACCOUNT_LOCKED', 'errors.accountLocked', { minutes })
  }

  const row = await findStaffByLogin(db, login)
  const valid = await verifyPassword(password, row?.password_hash ?? (await dummyHash(passwordCost)))
  if (!row || !valid) {
    const security = await readSecurity(db)
    // Counted inside one transaction with an atomic increment: parallel wrong attempts cannot lose a count.
    const locked = await write(db, actor, 'session.sign-in-failed', now, async (w) => {
      await w
        .trx('sign_in_guard')
        .insert({ login, failed_count: 1, locked_until: null, updated_at: now.toISOString() })
        .onConflict('login')
        .merge({ failed_count: w.trx.raw('sign_in_guard.failed_count + 1'), updated_at: now.toISOString() })
      const { failed_count: failed } = (await w.trx('sign_in_guard').where({ login }).first()) as GuardRow
      const lockNow = failed >= security.maxFailedSignIns
      if (lockNow) {
        const lockedUntil = new Date(now.getTime() + security.lockoutMinutes * 60_000).toISOString()
        await w.trx('sign_in_guard').where({ login }).update({ failed_count: 0, locked_until: lockedUntil })
      }
      await w.audit(lockNow ? 'session.account-locked' : 'session.sign-in-failed', 'staff', row?.id ?? null, null, {
        login,
        failed,
      })
      return lockNow
    })
    if (locked) throw new AppError('ACCOUNT_LOCKED', 'errors.accountLocked', { minutes: security.lockoutMinutes })
    throw new AppError('INVALID_CREDENTIALS', 'errors.invalidCredentials')
  }
  if (!row.active) {
    await write(db, actor, 'session.sign-in-refused-disabled', now, (w) =>
      w.audit('session.sign-in-refused-disabled', 'staff', row.id, null, { login }),
    )
    throw new AppError('ACCOUNT_DISABLED', 'errors.accountDisabled')
  }
  if (guard) await db('sign_in_guard').where({ login }).delete()
  return row
}
