import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../core/app/createCore'
import { call, expectOk } from '../../core/testing/testCore'
import { measure, signInClerk } from './measure'
import { DB_FILE, openBenchCore, seedBranch, split, type RealCounts, type SeedResult } from './seed'

/**
 * The bench's seeding at small N: clones must be records the app itself reads, lists and finds — or the 1M figures
 * would measure rows no clerk could have made.
 */
const N = 300
const REAL: RealCounts = {
  osagoIssued: 12,
  osagoCalculated: 2,
  osagoDraft: 2,
  cascoDraft: 2,
  cascoQuoted: 2,
  cascoSubmitted: 1,
  cascoApproved: 1,
  cascoIssued: 2,
  terminationReceived: 1,
  terminationCompleted: 1,
  terminationPaid: 2,
  terminationRefused: 1,
}

let dir: string
let seed: SeedResult
let core: Core
let db: Database.Database
/** Rows the handlers never wrote: the outbox holds every record written through the Writer. */
const clonesOf = (table: string, where = '1') =>
  db
    .prepare(`SELECT * FROM ${table} WHERE ${where} AND id NOT IN (SELECT entity_id FROM outbox) ORDER BY rowid`)
    .all() as Array<Record<string, unknown>>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-db-seed-'))
  seed = await seedBranch(dir, N, { real: REAL })
  db = new Database(join(dir, DB_FILE), { readonly: true })
  core = await openBenchCore(dir)
  await signInClerk(core)
}, 300_000)

afterAll(async () => {
  db?.close()
  await core?.close()
  rmSync(dir, { recursive: true, force: true })
})

const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n)

describe('bench:db seeding', () => {
  it('makes N contracts in the 70/25/5 mix, real ones first, the rest cloned', () => {
    const want = split(N)
    expect(seed.contracts).toBe(N)
    expect(count('SELECT count(*) n FROM osago_policy')).toBe(want.osago)
    expect(count('SELECT count(*) n FROM casco_quote')).toBe(want.casco)
    expect(count('SELECT count(*) n FROM termination_application')).toBe(want.termination)
    expect(seed.clones.osago + seed.clones.casco + seed.clones.termination).toBeGreaterThan(N / 2)
    expect(clonesOf('osago_policy').length).toBe(seed.clones.osago)
    // Clones are history already synced: no outbox or audit entries of their own (the real records' entries, and
    // the client cards their issue created, are all there is).
    for (const table of ['osago_policy', 'casco_quote', 'termination_application'])
      expect(
        count(
          `SELECT count(*) n FROM audit_log WHERE entity = '${table}' AND entity_id IN (SELECT id FROM ${table} WHERE id NOT IN (SELECT entity_id FROM outbox))`,
        ),
      ).toBe(0)
  })

  it('gives clones their own ids, people, numbers and consistent rows', () => {
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
    const policies = clonesOf('osago_policy')
    expect(new Set(policies.map((p) => p.vin)).size).toBe(policies.length)
    expect(new Set(policies.map((p) => p.insured_name)).size).toBeGreaterThan(policies.length / 2)
    const issued = policies.filter((p) => p.policy_number)
    expect(issued.length).toBeGreaterThan(policies.length / 2)
    for (const p of issued) {
      const blank = db.prepare('SELECT * FROM policy_blank WHERE id = ?').get(p.blank_id) as Record<string, unknown>
      expect(blank).toMatchObject({ status: 'used', policy_id: p.id, series: p.policy_series, number: p.policy_number })
    }
    // Dates spread over the years, not all today.
    const years = new Set(policies.map((p) => String(p.created_at).slice(0, 4)))
    expect(years.size).toBeGreaterThanOrEqual(4)
    // search_text is the row function's: it carries the clone's own surname and VIN.
    for (const p of policies.slice(0, 20)) {
      expect(p.search_text).toContain(String(p.vin).toLowerCase())
      expect(p.search_text).toContain(String(p.insured_name).toLowerCase().replace(/ё/g, 'е').split(' ')[0])
    }
  })

  it('lists and opens cloned records through the handlers', async () => {
    const list = await expectOk(call(core, 'osago/list-policies', {}, 'bench-clerk'))
    expect(list.total).toBe(split(N).osago)
    const p = clonesOf('osago_policy', 'policy_number IS NOT NULL')[5]!
    const policy = await expectOk(call(core, 'osago/get-policy', { id: p.id as string }, 'bench-clerk'))
    expect(policy.draft.vehicle.vin).toBe(p.vin)
    expect(policy.blank).toMatchObject({ series: p.policy_series, number: p.policy_number })

    const q = clonesOf('casco_quote', 'contract_number IS NOT NULL')[0]!
    const quote = await expectOk(call(core, 'casco/get-quote', { id: q.id as string }, 'bench-clerk'))
    expect(quote.contractNumber).toBe(q.contract_number)
    expect(quote.inspection).not.toBeNull()
    const casco = await expectOk(call(core, 'casco/list-quotes', { query: q.contract_number as string }, 'bench-clerk'))
    expect(casco.items.map((i) => i.id)).toEqual([q.id])

    const a = clonesOf('termination_application')[0]!
    const application = await expectOk(call(core, 'termination/get-application', { id: a.id as string }, 'bench-clerk'))
    expect(application.contract.id).toBe(a.contract_id)
    const own = await expectOk(call(core, 'osago/get-policy', { id: a.contract_id as string }, 'bench-clerk'))
    expect(application.contract.number).toBe(`${own.blank!.series} ${own.blank!.number}`)
    const byNumber = await expectOk(
      call(core, 'termination/list-applications', { query: a.incoming_number as string }, 'bench-clerk'),
    )
    expect(byNumber.items.map((i) => i.id)).toEqual([a.id])
  })

  it('finds a cloned policy by VIN, plate, policy number, surname and phone', async () => {
    const p = clonesOf('osago_policy', 'policy_number IS NOT NULL AND plate IS NOT NULL')[3]!
    const policy = await expectOk(call(core, 'osago/get-policy', { id: p.id as string }, 'bench-clerk'))
    const find = async (query: string) =>
      (await expectOk(call(core, 'osago/list-policies', { query, limit: 200 }, 'bench-clerk'))).items.map((i) => i.id)
    expect(await find(p.vin as string)).toContain(p.id)
    expect(await find(p.plate as string)).toContain(p.id)
    expect(await find(`${p.policy_series as string} ${p.policy_number as string}`)).toContain(p.id)
    expect(await find(String(p.insured_name))).toContain(p.id)
    const insured = policy.draft.insured as { phone: string }
    const global = await expectOk(call(core, 'search/global', { query: insured.phone, limit: 50 }, 'bench-clerk'))
    expect(global.hits.map((h) => h.id)).toContain(p.id)
  })

  it('measures every operation and says which record each search found', async () => {
    const figures = await measure(core, { reps: 3, minReps: 3, budgetMs: 10_000 })
    for (const [op, f] of Object.entries(figures)) {
      expect(f.missing, op).toBeUndefined()
      expect(f.n, op).toBe(3)
      expect(f.p95, op).toBeGreaterThanOrEqual(f.p50)
    }
    expect(figures.searchVin.found).toBe(3)
    expect(figures.searchPlate.found).toBe(3)
  })
})
