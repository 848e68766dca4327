import { uuidv7 } from 'uuidv7'
import type { Change } from '../../shared/sync/protocol'
import type { RunningHq } from './hqHarness'

/**
 * What HQ's tests send as a device would: a record's first version as a change, the branch and staff rows a
 * branch starts from, and a device enrolled over HTTP. One place, so a column added to a synced table or a field
 * added to enrolment is added here once rather than in each test that builds the same thing.
 */

/** A record's first version (`insert`, row version 1) with the stamps every synced row has, made at `at`. */
export function insertChange(
  entity: string,
  data: Record<string, unknown>,
  changedBy: string | null = null,
  at: Date = new Date(),
): Change {
  const iso = at.toISOString()
  return {
    changeId: uuidv7(),
    entity,
    entityId: String(data.id),
    op: 'insert',
    rowVersion: 1,
    data: { created_at: iso, updated_at: iso, row_version: 1, ...data },
    changedAt: iso,
    changedBy,
  }
}

/** A branch's own record as its first device pushes it; `fields` override the card. */
export const branchRow = (id: string, code: string, fields: Record<string, unknown> = {}) => ({
  id,
  code,
  name: 'Филиал',
  city: 'Москва',
  time_zone: 'Europe/Moscow',
  ...fields,
})

/** An active staff member (an admin unless `fields` say otherwise), signed in with a password already changed. */
export const staffRow = (id: string, branchId: string, login: string = id, fields: Record<string, unknown> = {}) => ({
  id,
  branch_id: branchId,
  login,
  full_name: `Сотрудник ${login}`,
  role: 'admin',
  password_hash: 'scrypt$…',
  active: true,
  must_change_password: false,
  ...fields,
})

/** A new device of `branchCode` enrolled through HQ's HTTP API with a fresh code: its token and branch record id. */
export async function enrolOverHttp(
  hq: RunningHq,
  branchCode = 'MSK-01',
): Promise<{ token: string; deviceId: string; branchId: string }> {
  const code = await hq.enrolmentCode(branchCode)
  const branchId = uuidv7()
  const res = await fetch(`${hq.url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'pc', branch: { id: branchId, code: branchCode, name: 'n', city: 'c' } }),
  })
  if (res.status !== 200) throw new Error(`enrolment of ${branchCode} answered ${res.status}: ${await res.text()}`)
  const { token, deviceId } = (await res.json()) as { token: string; deviceId: string }
  return { token, deviceId, branchId }
}
