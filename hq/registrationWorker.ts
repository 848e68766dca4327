import type { Knex } from 'knex'
import type { FastifyBaseLogger } from 'fastify'
import { isOsagoContract } from '../shared/osago/lifecycle'
import { randomUUID } from 'node:crypto'
import { isPostgres, type HqDb } from './db'
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

/** How long a claim on queued policies holds (REGISTER_CLAIM_MS) when the caller does not say. */
export const DEFAULT_REGISTER_CLAIM_MS = 5 * 60_000

/**
 * Registers queued policies and writes the answer as the branch's `osago_registration` record (id = the
 * policy's id), which reaches the branch with its next pull: the status is set at HQ, never by the branch.
 *
 * Every HQ instance runs this worker (issue 13), so a policy is claimed before the national register is called:
 * one statement marks up to `limit` unclaimed (or expired) rows with this run's id, and only those are sent. On
 * PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED (two workers take different rows instead of queueing),
 * and the claim condition is repeated outside the pick, so a row claimed meanwhile by another worker is not taken
 * again. A claim lasts `claimMs` — longer than the register may take to answer; a worker that dies holding one
 * leaves its rows to the next worker after it. The answer is stored only while the claim still holds.
 */
export async function registerPending(
  db: HqDb,
  register: NationalRegister,
  now: Date,
  limit = 200,
  claimMs = DEFAULT_REGISTER_CLAIM_MS,
): Promise<number> {
  const claimant = randomUUID()
  const nowIso = now.toISOString()
  const free = (q: Knex.QueryBuilder) => q.whereNull('claimed_until').orWhere('claimed_until', '<', nowIso)
  const pick = db('hq_registration_queue').select('policy_id').where(free).orderBy('enqueued_at').limit(limit)
  if (isPostgres(db)) pick.forUpdate().skipLocked()
  await db('hq_registration_queue')
    .whereIn('policy_id', pick)
    .where(free)
    .update({ claimed_by: claimant, claimed_until: new Date(now.getTime() + claimMs).toISOString() })
  const queue = (await db('hq_registration_queue').where({ claimed_by: claimant }).orderBy('enqueued_at')) as Array<{
    policy_id: string
    branch_code: string
    attempts: number
  }>
  let done = 0
  try {
    for (const item of queue) {
      const policy = await getRecord(db, 'osago_policy', item.policy_id)
      if (!policy) {
        await db('hq_registration_queue').where({ policy_id: item.policy_id, claimed_by: claimant }).delete()
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
      const stored = await db.transaction(async (trx) => {
        // Still ours: a claim that outlived its time may have passed to another worker, whose answer then stands.
        const released = await trx('hq_registration_queue')
          .where({ policy_id: policy.id, claimed_by: claimant })
          .delete()
        if (released === 0) return false
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
        return true
      })
      if (stored) done++
    }
  } finally {
    // A failed call leaves the rest of the claim to the next run, not to the claim's end.
    await db('hq_registration_queue')
      .where({ claimed_by: claimant })
      .update({ claimed_by: null, claimed_until: null })
      .catch(() => undefined)
  }
  return done
}

export function startRegistrationWorker(
  db: HqDb,
  intervalMs: number,
  log: FastifyBaseLogger,
  register: NationalRegister = new SimulatedNationalRegister(),
  claimMs = DEFAULT_REGISTER_CLAIM_MS,
): { stop(): void } {
  if (intervalMs <= 0) return { stop: () => undefined }
  log.info({ register: register.name }, 'national register worker started')
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    registerPending(db, register, new Date(), 200, claimMs)
      .then((n) => n > 0 && log.info({ registered: n }, 'policies sent to the national register'))
      .catch((error: unknown) => log.error({ err: error }, 'national register worker failed'))
      .finally(() => {
        running = false
      })
  }, intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
