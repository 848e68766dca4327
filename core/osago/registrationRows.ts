import type { BlankPrintGate, RegistrationRecord } from '../../shared/osago/registration'
import type { Db } from '../db/openDatabase'
import { readHqSettings } from '../sync/api'
import { blankPrintGate } from './registrationGate'

interface RegistrationRow {
  status: 'registered' | 'refused'
  registration_id: string | null
  registered_at: string | null
  refusal_reason: string | null
}

/** The register's answer for a policy as pulled from HQ (the row's id is the policy's id), or null. */
export async function findRegistration(db: Db, policyId: string): Promise<RegistrationRecord | null> {
  const row = (await db('osago_registration')
    .where({ id: policyId })
    .first('status', 'registration_id', 'registered_at', 'refusal_reason')) as RegistrationRow | undefined
  if (!row) return null
  return {
    status: row.status,
    registrationId: row.registration_id,
    registeredAt: row.registered_at,
    refusalReason: row.refusal_reason,
  }
}

/** The gate as it stands now: both the setting and the answer arrive with sync, so they are read at call time. */
export async function blankPrintGateFor(db: Db, policyId: string): Promise<BlankPrintGate> {
  return blankPrintGate(await readHqSettings(db), await findRegistration(db, policyId))
}
