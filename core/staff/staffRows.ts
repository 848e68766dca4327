import type { Role } from '../../shared/contract/roles'
import type { SessionUser } from '../../shared/session/contract'
import type { StaffMember } from '../../shared/staff/schemas'
import type { Db } from '../db/openDatabase'

export interface StaffRow {
  id: string
  branch_id: string
  login: string
  full_name: string
  role: Role
  password_hash: string
  active: number | boolean
  must_change_password: number | boolean
  created_at: string
  updated_at: string
  row_version: number
}

export interface GuardRow {
  login: string
  failed_count: number
  locked_until: string | null
}

export function toStaffMember(row: StaffRow, guard?: GuardRow, now?: Date): StaffMember {
  const lockedUntil = guard?.locked_until && now && guard.locked_until > now.toISOString() ? guard.locked_until : null
  return {
    id: row.id,
    login: row.login,
    fullName: row.full_name,
    role: row.role,
    active: Boolean(row.active),
    mustChangePassword: Boolean(row.must_change_password),
    lockedUntil,
    rowVersion: row.row_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function toSessionUser(row: StaffRow): SessionUser {
  return { id: row.id, login: row.login, fullName: row.full_name, role: row.role }
}

export async function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  return (await db('staff').where({ id }).first()) as StaffRow | undefined
}

export async function findStaffByLogin(db: Db, login: string): Promise<StaffRow | undefined> {
  return (await db('staff').where({ login }).first()) as StaffRow | undefined
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = (await db('staff').where({ role: 'admin', active: true }).count({ n: '*' }).first()) as { n: number }
  return Number(row.n)
}
