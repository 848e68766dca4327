import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/openDatabase'
import { write } from '../db/write'
import { allocateIncomingNumber } from './incomingNumber'
import { formatIncomingNumber } from '../../shared/termination/incomingNumber'

/**
 * Acceptance: an incoming number is never given twice, even when several processes (counter PCs sharing the
 * branch's database file) register applications at the same moment.
 */
const WORKERS = 4
const EACH = 6
const fixture = resolve(import.meta.dirname, 'incomingRace.fixture.ts')

let dir: string
let file: string
let db: Db
let staffId: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-incoming-race-'))
  file = join(dir, 'db.sqlite')
  db = await openDatabase(file)
  staffId = await write(db, { userId: null, login: 'setup' }, 'setup', new Date(), async (w) => {
    const branch = await w.insert('branch', { code: 'SPB-02', name: 'Филиал', city: 'Санкт-Петербург' })
    const staff = await w.insert('staff', {
      branch_id: branch.id,
      login: 'clerk',
      full_name: 'Клерк',
      role: 'clerk',
      password_hash: 'x',
    })
    return staff.id
  })
}, 60_000)

afterAll(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('incoming numbers under parallel registration (separate processes, one database file)', () => {
  it('formats branch, year and five digits', () => {
    expect(formatIncomingNumber('MSK-01', 2026, 7)).toBe('MSK-01-2026-00007')
    expect(formatIncomingNumber('MSK-01', 2026, 123_456)).toBe('MSK-01-2026-123456')
  })

  it('every number once, none skipped', async () => {
    const workers = Array.from({ length: WORKERS }, (_, i) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, file, staffId, `w${i}`], {
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() }
    })
    const read = async (w: (typeof workers)[number]) =>
      JSON.parse((await w.lines.next()).value as string) as { numbers?: string[] }
    for (const w of workers) await read(w)
    for (const w of workers) w.child.stdin.write(`go ${EACH}\n`)
    const answers = await Promise.all(workers.map(read))
    for (const w of workers) w.child.stdin.end('exit\n')
    await Promise.all(
      workers.map((w) => new Promise((done) => (w.child.exitCode !== null ? done(null) : w.child.on('exit', done)))),
    )

    const numbers = answers.flatMap((a) => a.numbers ?? [])
    expect(numbers).toHaveLength(WORKERS * EACH)
    expect([...numbers].sort()).toEqual(
      Array.from({ length: WORKERS * EACH }, (_, i) => formatIncomingNumber('SPB-02', 2026, i + 1)),
    )
    expect(await db('termination_sequence').first()).toMatchObject({ year: 2026, last_seq: WORKERS * EACH })
    expect(await db('outbox').where({ entity: 'termination_application' })).toHaveLength(WORKERS * EACH)
  }, 60_000)

  it('a counter behind the table (a database restored from HQ) catches up instead of repeating', async () => {
    await db('termination_sequence').update({ last_seq: 3 })
    const number = await write(
      db,
      { userId: staffId, login: 'clerk' },
      'x',
      new Date(),
      async (w) => (await allocateIncomingNumber(w, '2026-03-02')).number,
    )
    expect(number).toBe(formatIncomingNumber('SPB-02', 2026, WORKERS * EACH + 1))
  })
})
