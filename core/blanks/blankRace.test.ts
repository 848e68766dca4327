import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/openDatabase'
import { write } from '../db/write'
import { spoilBlank } from './blankUse'

/**
 * Acceptance: a blank is never used twice, even when issues race. Several processes open the same database file
 * and take blanks from a small stock at the same moment — the way two counter PCs would if they shared a file.
 */
const WORKERS = 6
const fixture = resolve(import.meta.dirname, 'raceAssigner.fixture.ts')
const actor = { userId: null, login: 'race-test' }

interface Attempt {
  ok: boolean
  blankId?: string
  series?: string
  number?: string
  policyId?: string
  code?: string
  key?: string
}
interface Worker {
  child: ChildProcessByStdio<Writable, Readable, null>
  lines: AsyncIterator<string>
}

let dir: string
let file: string
let db: Db
let workers: Worker[] = []
const stock: { id: string; series: string; number: string }[] = []
const spoiled: string[] = []

async function readJson(w: Worker): Promise<Record<string, unknown>> {
  const next = await w.lines.next()
  if (next.done) throw new Error('worker ended without answering')
  return JSON.parse(next.value) as Record<string, unknown>
}

/** Sends the same command to every worker at once and collects each one's answer. */
async function all(command: string): Promise<Record<string, unknown>[]> {
  for (const w of workers) w.child.stdin.write(`${command}\n`)
  return Promise.all(workers.map(readJson))
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-blank-race-'))
  file = join(dir, 'db.sqlite')
  db = await openDatabase(file)
  await write(db, actor, 'blank.received', new Date(), async (w) => {
    for (const [series, count] of [
      ['ВВВ', 5],
      ['ААА', 9],
    ] as const) {
      for (let i = 1; i <= count; i++) {
        const row = await w.insert('policy_blank', {
          series,
          number: String(i).padStart(10, '0'),
          status: 'available',
          received_at: w.now,
        })
        stock.push({ id: row.id, series, number: row.number })
      }
    }
  })
  // Two damaged blanks among them: they must never be handed out.
  for (const blank of [stock[2]!, stock[7]!]) {
    await write(db, actor, 'blank.spoiled', new Date(), (w) =>
      spoilBlank(w, { blankId: blank.id, reason: 'Замят при печати' }),
    )
    spoiled.push(blank.id)
  }
  workers = Array.from({ length: WORKERS }, (_, i) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fixture, file, `w${i}`, i % 2 ? 'read-first' : 'claim-first'],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    )
    return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() }
  })
  for (const w of workers) expect(await readJson(w)).toHaveProperty('ready')
}, 60_000)

afterAll(async () => {
  for (const w of workers) w.child.stdin.end('exit\n')
  await Promise.all(
    workers.map((w) => new Promise((done) => (w.child.exitCode !== null ? done(null) : w.child.on('exit', done)))),
  )
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('blanks under parallel issue attempts (separate processes, one database file)', () => {
  it('the same chosen blank: exactly one process gets it, the others are told it is used', async () => {
    const target = stock[10]!
    const answers = (await all(`chosen ${target.id}`)).map((a) => a.chosen as Attempt)
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map((a) => `${a.code} ${a.key}`)).toEqual(
      Array(WORKERS - 1).fill('CONFLICT blanks.errors.alreadyUsed'),
    )
    const row = await db('policy_blank').where({ id: target.id }).first()
    expect(row).toMatchObject({ status: 'used', policy_id: answers.find((a) => a.ok)!.policyId })
  }, 60_000)

  it('the next free blank: every blank used once, all of the stock used, then CONFLICT for everyone', async () => {
    const answers = await all('next')
    const taken = answers.flatMap((a) => (a.next as Attempt[]).filter((t) => t.ok))
    const freeBefore = stock.length - spoiled.length - 1
    // Each blank at most once, and the whole stock handed out.
    expect(new Set(taken.map((t) => t.blankId)).size).toBe(taken.length)
    expect(taken).toHaveLength(freeBefore)
    expect(taken.some((t) => spoiled.includes(t.blankId!))).toBe(false)
    // Every process stopped on "none available", and on nothing else.
    for (const a of answers) {
      const attempts = a.next as Attempt[]
      expect(attempts.at(-1)).toMatchObject({ ok: false, code: 'CONFLICT', key: 'blanks.errors.noneAvailable' })
      expect(attempts.slice(0, -1).every((t) => t.ok)).toBe(true)
      // Each process always got the lowest free blank, so what one process took is in stock order.
      const keys = attempts.filter((t) => t.ok).map((t) => `${t.series} ${t.number}`)
      expect(keys).toEqual([...keys].sort())
    }
    // A transaction that starts with the claim waits for the write lock and never loses its snapshot; one that read
    // first may (SQLITE_BUSY) and is retried whole. The race above had both kinds.
    expect(answers.filter((a) => ['w0', 'w2', 'w4'].includes(a.name as string)).map((a) => a.busyRetries)).toEqual([
      0, 0, 0,
    ])

    // The database agrees: no blank left, each used one on its own policy, each use recorded once.
    const rows = await db('policy_blank').orderBy(['series', 'number'])
    expect(rows.filter((r: { status: string }) => r.status === 'available')).toHaveLength(0)
    const used = rows.filter((r: { status: string }) => r.status === 'used') as { id: string; policy_id: string }[]
    expect(used).toHaveLength(stock.length - spoiled.length)
    expect(new Set(used.map((r) => r.policy_id)).size).toBe(used.length)
    for (const t of taken) expect(used.find((r) => r.id === t.blankId)?.policy_id).toBe(t.policyId)
    const uses = await db('audit_log').where({ entity: 'policy_blank', action: 'osago.issued' })
    expect(uses).toHaveLength(used.length)
    const outbox = await db('outbox').where({ entity: 'policy_blank', op: 'update', row_version: 2 })
    expect(outbox.filter((o: { data: string }) => JSON.parse(o.data).status === 'used')).toHaveLength(used.length)
  }, 60_000)
})
