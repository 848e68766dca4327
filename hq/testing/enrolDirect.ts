import { ensureBranch, issueEnrolmentCode } from '../admin'
import type { HqDb } from '../db'
import { enrolDevice } from '../enrolment'
import type { DeviceIdentity } from '../push'

/**
 * A device of a branch enrolled straight through HQ's functions (no HTTP): the branch is created if new, a code is
 * issued and spent, and the device establishes the branch's record id — what tests of push and its rules start from.
 */
export async function enrolDirect(
  db: HqDb,
  branchCode: string,
  branchRecordId: string,
  now: Date,
): Promise<DeviceIdentity> {
  await ensureBranch(db, { code: branchCode, name: branchCode, city: 'Город' }, now)
  const { code } = await issueEnrolmentCode(db, branchCode, now, 7)
  const r = await enrolDevice(
    db,
    { code, deviceName: 'd', branch: { id: branchRecordId, code: branchCode, name: 'n', city: 'c' } },
    now,
  )
  return { id: r.deviceId, branchCode }
}
