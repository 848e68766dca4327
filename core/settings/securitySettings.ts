import type { SecuritySettings } from '../../shared/settings/contract'
import type { Db } from '../db/openDatabase'
import type { Writer } from '../db/write'

/** Branch security policy. Defaults apply until the admin changes them; stored as one synced `setting` row. */
export const SECURITY_KEY = 'security'
export const DEFAULT_SECURITY = { idleLockMinutes: 10, maxFailedSignIns: 5, lockoutMinutes: 15 }

export async function readSecurity(db: Db | Writer['trx']): Promise<SecuritySettings> {
  const row = (await db('setting').where({ key: SECURITY_KEY }).first()) as
    { value: string; row_version: number } | undefined
  if (!row) return { ...DEFAULT_SECURITY, rowVersion: 0 }
  return { ...DEFAULT_SECURITY, ...(JSON.parse(row.value) as object), rowVersion: row.row_version }
}

export async function writeSecurity(
  w: Writer,
  next: Omit<SecuritySettings, 'rowVersion'>,
  expectedVersion: number,
): Promise<SecuritySettings> {
  const row = (await w.trx('setting').where({ key: SECURITY_KEY }).first()) as { id: string } | undefined
  const value = JSON.stringify(next)
  if (!row) {
    const inserted = await w.insert('setting', { key: SECURITY_KEY, value })
    return { ...next, rowVersion: inserted.row_version }
  }
  const updated = await w.update('setting', row.id, { value }, expectedVersion)
  return { ...next, rowVersion: updated.row_version }
}
