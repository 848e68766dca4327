import { randomBytes } from 'node:crypto'
import { uuidv7 } from 'uuidv7'
import type { EnrolRequest, EnrolResponse } from '../shared/sync/protocol'
import type { HqDb } from './db'
import { HqHttpError } from './errors'
import { newToken, sha256Hex } from './tokens'

interface BranchRow {
  code: string
  name: string
  city: string
  record_id: string | null
}

/**
 * A device presents a one-time code and receives its bearer token. A device that already holds its branch (the
 * branch's first device) establishes the branch's record id at HQ; a fresh device joins a branch that is
 * already established and then pulls it. A code enrols one device only, so a leaked code is worth one device at
 * most, and the admin sees which; a refused attempt (wrong branch) leaves the code unspent.
 */
export async function enrolDevice(db: HqDb, req: EnrolRequest, now: Date): Promise<EnrolResponse> {
  const nowIso = now.toISOString()
  return db.transaction(async (trx) => {
    const enrolment = (await trx('hq_enrolment')
      .where({ code_hash: sha256Hex(req.code) })
      .first()) as { id: string; branch_code: string; expires_at: string; used_at: string | null } | undefined
    if (!enrolment || enrolment.used_at || enrolment.expires_at <= nowIso)
      throw new HqHttpError(403, 'enrolment-code-invalid')
    // Spent first and only if still unspent: of devices presenting one code at once, the others wait here for the
    // row (PostgreSQL) and then find it spent. A refusal below rolls the spending back with the transaction.
    const spent = await trx('hq_enrolment').where({ id: enrolment.id }).whereNull('used_at').update({ used_at: nowIso })
    if (spent === 0) throw new HqHttpError(403, 'enrolment-code-invalid')
    const branch = (await trx('hq_branch').where({ code: enrolment.branch_code }).first()) as BranchRow
    let recordId = branch.record_id
    if (req.branch) {
      if (req.branch.code.toUpperCase() !== branch.code)
        throw new HqHttpError(409, 'branch-code-mismatch', `the code is for branch ${branch.code}`)
      if (recordId === null) {
        const other = await trx('hq_branch').where({ record_id: req.branch.id }).first()
        if (other) throw new HqHttpError(409, 'branch-established-elsewhere')
        // Only while nobody has: of two first computers enrolling at once, the second finds the branch taken.
        // Two branches' first computers claiming one record id at once both pass the look above; the unique index
        // lets one through and the other gets the same clear refusal, not a database error.
        const took = await trx('hq_branch')
          .where({ code: branch.code })
          .whereNull('record_id')
          .update({ record_id: req.branch.id })
          .catch((e: unknown) => {
            if (isUniqueViolation(e)) throw new HqHttpError(409, 'branch-established-elsewhere')
            throw e
          })
        if (took === 0) {
          const held = (await trx('hq_branch').where({ code: branch.code }).first('record_id')) as BranchRow
          if (held.record_id !== req.branch.id) throw new HqHttpError(409, 'branch-established-elsewhere')
        }
        recordId = req.branch.id
      } else if (recordId !== req.branch.id) {
        throw new HqHttpError(409, 'branch-established-elsewhere')
      }
    } else if (recordId === null) {
      throw new HqHttpError(409, 'branch-not-established')
    }
    const token = newToken()
    const deviceId = uuidv7()
    const bundleKey = randomBytes(32).toString('base64url')
    await trx('hq_device').insert({
      id: deviceId,
      branch_code: branch.code,
      name: req.deviceName,
      token_hash: sha256Hex(token),
      bundle_key: bundleKey,
      enrolled_at: nowIso,
    })
    await trx('hq_enrolment').where({ id: enrolment.id }).update({ device_id: deviceId })
    return { deviceId, token, bundleKey, branch: { code: branch.code, name: branch.name, city: branch.city, recordId } }
  })
}

/** PostgreSQL's unique_violation, or SQLite's UNIQUE constraint failure. */
function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false
  const code = (e as { code?: unknown }).code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export interface AuthenticatedDevice {
  id: string
  branchCode: string
  name: string
  bundleKey: string
}

/** The device a bearer token belongs to; a revoked device is refused on every request. */
export async function authenticate(db: HqDb, token: string | undefined): Promise<AuthenticatedDevice> {
  if (!token) throw new HqHttpError(401, 'token-missing')
  const row = (await db('hq_device')
    .where({ token_hash: sha256Hex(token) })
    .first()) as
    { id: string; branch_code: string; name: string; bundle_key: string; revoked_at: string | null } | undefined
  if (!row) throw new HqHttpError(401, 'token-invalid')
  if (row.revoked_at) throw new HqHttpError(401, 'device-revoked')
  return { id: row.id, branchCode: row.branch_code, name: row.name, bundleKey: row.bundle_key }
}
