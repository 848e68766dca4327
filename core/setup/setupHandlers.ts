import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlersOf } from '../ipc/handlers'
import { hashPassword, type ScryptCost } from '../staff/api'

/**
 * First run: creates the branch and its first administrator in one transaction. Public by necessity (nobody
 * exists yet to sign in), so it refuses as soon as a branch exists — it can never be used to add an admin later.
 */
export function setupHandlers(db: Db, passwordCost: ScryptCost): HandlersOf<'setup/create-branch'> {
  return {
    'setup/create-branch': async (input, ctx) => {
      const passwordHash = await hashPassword(input.admin.password, passwordCost)
      return write(db, { userId: null, login: input.admin.login }, 'setup.branch-created', ctx.now, async (w) => {
        if (await w.trx('branch').first()) throw new AppError('CONFLICT', 'errors.branchExists')
        const branch = await w.insert('branch', {
          code: input.branch.code,
          name: input.branch.name,
          city: input.branch.city,
        })
        const admin = await w.insert('staff', {
          branch_id: branch.id,
          login: input.admin.login,
          full_name: input.admin.fullName,
          role: 'admin',
          password_hash: passwordHash,
          active: true,
          must_change_password: false,
        })
        return { branchId: branch.id, adminId: admin.id }
      })
    },
  }
}
