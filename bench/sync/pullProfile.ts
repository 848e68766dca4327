import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FEATURES } from '../../core/app/createCore'
import { registerDerivedColumns } from '../../core/db/derived'
import { openDatabase } from '../../core/db/openDatabase'
import { SYSTEM_ACTOR, write } from '../../core/db/write'
import { searchColumns } from '../../core/osago/osagoRows'
import { LocalSchema } from '../../core/sync/localRows'
import { applyPage, type PullSummary } from '../../core/sync/pullChanges'
import { SYNC_SETTINGS } from '../../core/sync/syncSettings'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { pullResponseSchema } from '../../shared/sync/protocol'

/**
 * `tsx bench/sync/pullProfile.ts` (or under `node --cpu-prof --import tsx`): the device's side of a pull alone, in
 * this process, with no HQ and no network: RECORDS (10,000) records — bench:sync's contracts, a policy and its
 * document each, as HQ sends them — in pages of PAGE_SIZE (the app's setting) are parsed from their JSON text as the
 * HQ client does and applied to a new device's database as `pullChanges` does. Prints the CPU per 1,000 records (this
 * process: JavaScript and SQLite) — what bench:sync's "pull … device" line measures, without HQ and PostgreSQL
 * beside it. ROUNDS (3) repeats it on a fresh database each time (the first round includes JIT warm-up);
 * BENCH_MARKS=1 prints each round's start and end on the clock of V8's CPU profiles.
 */
const RECORDS = Number(process.env.RECORDS ?? 10_000)
const ROUNDS = Number(process.env.ROUNDS ?? 3)
/** PAGE_SIZE: records per page (the app's setting by default), to try another. */
const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? SYNC_SETTINGS.pageSize)
registerDerivedColumns(FEATURES.flatMap((f) => f.derived ?? []))
const work = mkdtempSync(join(tmpdir(), 'bd-pull-profile-'))
try {
  // The records as a device wrote them: its outbox holds each one's wire JSON, which is what HQ stores and sends.
  const source = await openDatabase(join(work, 'source.sqlite'))
  const today = todayIn('Europe/Moscow', new Date())
  const draft = completeDraft(today)
  const contracts = RECORDS / 2
  const PAGES = Math.ceil(RECORDS / PAGE_SIZE)
  await write(source, SYSTEM_ACTOR, 'bench', new Date(), async (w) => {
    for (let i = 0; i < contracts; i++) {
      const policy = await w.insert('osago_policy', {
        status: 'draft',
        premium_kopecks: null,
        tariff_version: null,
        ...searchColumns(draft),
        conclusion_date: today,
      })
      await w.insert('osago_document', { id: policy.id, draft, calculation: null })
    }
  })
  const outbox = (await source('outbox').orderBy('seq').select('entity', 'entity_id', 'row_version', 'data')) as Array<{
    entity: string
    entity_id: string
    row_version: number
    data: string
  }>
  await source.destroy()
  // Pages as the JSON text of a PullResponse (hq/pull.ts `pullJsonFor` splices the stored record text the same way).
  const pages: string[] = []
  for (let p = 0; p < PAGES; p++) {
    const slice = outbox.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE)
    const items = slice.map(
      (r, i) =>
        `{"kind":"record","seq":"${p * PAGE_SIZE + i + 1}","entity":"${r.entity}","id":"${r.entity_id}","rowVersion":${r.row_version},"data":${r.data}}`,
    )
    pages.push(`{"items":[${items.join(',')}],"cursor":"${(p + 1) * PAGE_SIZE}","more":${p < PAGES - 1}}`)
  }
  for (let round = 0; round < ROUNDS; round++) {
    // As the app opens it: checkpoints in a worker thread (core/db/walCheckpointer.ts).
    const db = await openDatabase(join(work, `device-${round}.sqlite`), { checkpointInBackground: true })
    const schema = new LocalSchema()
    const summary: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
    let parse = 0
    // On the monotonic clock of V8's CPU profiles (µs), so a profile can be cut to the pull alone.
    const from = process.hrtime.bigint() / 1000n
    const wall = performance.now()
    const cpu = process.cpuUsage()
    for (const text of pages) {
      const a = process.cpuUsage()
      const page = pullResponseSchema.parse(JSON.parse(text))
      const b = process.cpuUsage(a)
      parse += b.user + b.system
      await applyPage(db, schema, page, null, () => new Date(), summary)
    }
    const used = process.cpuUsage(cpu)
    if (process.env.BENCH_MARKS) console.log(`mark pull ${from} ${process.hrtime.bigint() / 1000n}`)
    const ms = (used.user + used.system) / 1000
    console.log(
      `round ${round + 1}: ${summary.records} records in ${((performance.now() - wall) / 1000).toFixed(2)} s; CPU per 1,000 records ${((ms * 1000) / summary.records).toFixed(1)} ms (parse ${(((parse / 1000) * 1000) / summary.records).toFixed(1)} ms)`,
    )
    await db.destroy()
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
