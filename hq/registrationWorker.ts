import type { Knex } from 'knex'
import type { FastifyBaseLogger } from 'fastify'
import { isOsagoContract } from '../shared/osago/lifecycle'
import type { HqDb } from './db'
import { getRecord, writeRecords, type RecordWrite } from './records'
import type { NationalRegister } from './national/nationalRegister'
import { SimulatedNationalRegister } from './national/simulatedNationalRegister'

/** Called inside the push transaction: an accepted issued policy waits for registration. */
export async function enqueueForRegistration(
  trx: Knex.Transaction,
  writes: readonly RecordWrite[],
  now: string,
): Promise<void> {
  // A record is written once per batch (hq/push.ts), but a Map keeps the first write of an id whatever the caller.
  const contracts = new Map<string, RecordWrite>()
  for (const w of writes)
    if (w.entity === 'osago_policy' && isOsagoContract(w.data.status) && !contracts.has(w.id)) contracts.set(w.id, w)
  if (contracts.size === 0) return
  // Two lookups for the whole batch instead of two per issued policy (500 ids a query, within every bound limit).
  const ids = [...contracts.keys()]
  const skip = new Set<string>()
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500)
    const queued = (await trx('hq_registration_queue').whereIn('policy_id', slice).select('policy_id')) as Array<{
      policy_id: string
    }>
    for (const q of queued) skip.add(q.policy_id)
    const done = (await trx('hq_record')
      .where({ entity: 'osago_registration' })
      .whereIn('id', slice)
      .select('id')) as Array<{ id: string }>
    for (const d of done) skip.add(d.id)
  }
  const rows = [...contracts.values()]
    .filter((w) => !skip.has(w.id))
    .map((w) => ({ policy_id: w.id, branch_code: w.branchCode, enqueued_at: now }))
  for (let i = 0; i < rows.length; i += 500) await trx('hq_registration_queue').insert(rows.slice(i, i + 500))
}

/**
 * Registers queued policies and writes the answer as the branch's `osago_registration` record (id = the
 * policy's id), which reaches the branch with its next pull: the status is set at HQ, never by the branch.
 */
export async function registerPending(db: HqDb, register: NationalRegister, now: Date, limit = 200): Promise<number> {
  const queue = (await db('hq_registration_queue').orderBy('enqueued_at').limit(limit)) as Array<{
    policy_id: string
    branch_code: string
    attempts: number
  }>
  let done = 0
  for (const item of queue) {
    const policy = await getRecord(db, 'osago_policy', item.policy_id)
    if (!policy) {
      await db('hq_registration_queue').where({ policy_id: item.policy_id }).delete()
      continue
    }
    const d = policy.data
    const outcome = await register.register(
      {
        policyId: policy.id,
        branchCode: policy.branchCode,
        series: String(d.policy_series ?? ''),
        number: String(d.policy_number ?? ''),
        startDate: (d.start_date as string | null) ?? null,
        endDate: (d.end_date as string | null) ?? null,
        premiumKopecks: (d.premium_kopecks as number | null) ?? null,
        vin: (d.vin as string | null) ?? null,
        plate: (d.plate as string | null) ?? null,
      },
      now,
    )
    const nowIso = now.toISOString()
    await db.transaction(async (trx) => {
      const existing = await getRecord(trx, 'osago_registration', policy.id)
      const data = {
        id: policy.id,
        created_at: existing?.data.created_at ?? nowIso,
        updated_at: nowIso,
        row_version: (existing?.rowVersion ?? 0) + 1,
        policy_id: policy.id,
        status: outcome.status,
        registration_id: outcome.status === 'registered' ? outcome.registrationId : null,
        registered_at: outcome.status === 'registered' ? outcome.registeredAt : null,
        refusal_reason: outcome.status === 'refused' ? outcome.reason : null,
        register_name: register.name,
      }
      const write: RecordWrite = {
        entity: 'osago_registration',
        id: policy.id,
        branchCode: policy.branchCode,
        rowVersion: data.row_version,
        data,
        naturalKey: null,
        isNew: !existing,
        deviceId: null,
      }
      await writeRecords(trx, [write], nowIso)
      await trx('hq_registration_queue').where({ policy_id: policy.id }).delete()
    })
    done++
  }
  return done
}

export function startRegistrationWorker(
  db: HqDb,
  intervalMs: number,
  log: FastifyBaseLogger,
  register: NationalRegister = new SimulatedNationalRegister(),
): { stop(): void } {
  if (intervalMs <= 0) return { stop: () => undefined }
  log.info({ register: register.name }, 'national register worker started')
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    registerPending(db, register, new Date())
      .then((n) => n > 0 && log.info({ registered: n }, 'policies sent to the national register'))
      .catch((error: unknown) => log.error({ err: error }, 'national register worker failed'))
      .finally(() => {
        running = false
      })
  }, intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
