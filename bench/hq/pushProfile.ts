import { uuidv7 } from 'uuidv7'
import { ensureBranch } from '../../hq/admin'
import { openHqDatabase } from '../../hq/db'
import { applyChanges } from '../../hq/push'
import { startPgCluster } from '../../hq/testing/pgCluster'
import { pushRequestSchema, type Change } from '../../shared/sync/protocol'
import { ContractWork, setupChanges } from './fleet'

/**
 * `tsx bench/hq/pushProfile.ts`: HQ's push path alone, in this process (run under `node --cpu-prof`): one device
 * pushes BATCHES × SIZE changes of new contracts to a durable throwaway cluster; prints ms per batch split into the
 * parse of the request (JSON + the protocol's schema, as server.ts does) and applyChanges.
 */
const BATCHES = Number(process.env.BATCHES ?? 40)
const SIZE = Number(process.env.SIZE ?? 500)
const cluster = await startPgCluster({ durable: process.env.DURABLE !== '0' })
try {
  const url = await cluster.createDatabase('prof')
  const db = await openHqDatabase({ client: 'pg', url })
  const now = new Date()
  await ensureBranch(db, { code: 'PROF', name: 'PROF', city: 'Москва' }, now)
  const recordId = uuidv7()
  await db('hq_branch').where({ code: 'PROF' }).update({ record_id: recordId })
  const deviceId = uuidv7()
  await db('hq_device').insert({
    id: deviceId,
    branch_code: 'PROF',
    name: 'prof',
    token_hash: uuidv7(),
    bundle_key: 'x',
    enrolled_at: now.toISOString(),
  })
  const device = { id: deviceId, branchCode: 'PROF' }
  // Time per statement kind (first words of the SQL), to see where a batch's time goes.
  const startedAt = new Map<string, number>()
  const perKind = new Map<string, { n: number; ms: number }>()
  let timing = false
  db.on('query', (q: { __knexQueryUid: string }) => startedAt.set(q.__knexQueryUid, performance.now()))
  db.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const t = startedAt.get(q.__knexQueryUid)
    if (t === undefined || !timing) return
    const kind = q.sql.replace(/\s+/g, ' ').slice(0, 40)
    const k = perKind.get(kind) ?? { n: 0, ms: 0 }
    k.n++
    k.ms += performance.now() - t
    perKind.set(kind, k)
  })
  const plan = { code: 'PROF', recordId, adminId: uuidv7(), clerks: [uuidv7()] }
  await applyChanges(db, device, setupChanges(plan, now.toISOString()), 'push', now)
  const work = new ContractWork(plan.clerks[0]!, 'p', now.toISOString().slice(0, 10))
  const bodies: string[] = []
  for (let b = 0; b < BATCHES; b++) bodies.push(JSON.stringify({ changes: work.batch(SIZE, new Date().toISOString()) }))
  let parseMs = 0
  let applyMs = 0
  let n = 0
  const t0 = performance.now()
  // This process's CPU (HQ's JavaScript: parse and apply; PostgreSQL runs apart): what bench:sync's "push HQ" line
  // measures per 1,000 records, without the device and the network beside it.
  const cpu0 = process.cpuUsage()
  timing = true
  for (const body of bodies) {
    const a = performance.now()
    const parsed = pushRequestSchema.parse(JSON.parse(body)) as { changes: Change[] }
    const b = performance.now()
    const results = await applyChanges(db, device, parsed.changes, 'push', new Date())
    const c = performance.now()
    parseMs += b - a
    applyMs += c - b
    n += results.filter((r) => r.status === 'accepted').length
    if (results.some((r) => r.status !== 'accepted'))
      throw new Error(JSON.stringify(results.find((r) => r.status !== 'accepted')))
  }
  const total = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  console.log(`HQ CPU per 1,000 changes: ${((cpu.user + cpu.system) / n).toFixed(1)} ms`)
  console.log(
    `${n} changes in ${(total / 1000).toFixed(2)} s → ${Math.round(n / (total / 1000))}/s; per batch: parse ${(parseMs / BATCHES).toFixed(1)} ms, apply ${(applyMs / BATCHES).toFixed(1)} ms`,
  )
  for (const [k, v] of [...perKind].sort((a, b) => b[1].ms - a[1].ms))
    console.log(`${(v.ms / BATCHES).toFixed(1).padStart(7)} ms/batch ${String(v.n).padStart(6)}× ${k}`)
  const sizes = (await db.raw(
    `select entity, count(*) as n, avg(length(data))::int as chars, avg(pg_column_size(data))::int as stored from hq_record group by entity`,
  )) as { rows: unknown[] }
  console.log(JSON.stringify(sizes.rows))
  const settings = (await db.raw(
    `select name, setting from pg_settings where name in ('default_toast_compression','fsync','synchronous_commit','wal_compression')`,
  )) as { rows: unknown[] }
  console.log(JSON.stringify(settings.rows))
  await db.destroy()
} finally {
  await cluster.stop()
}
