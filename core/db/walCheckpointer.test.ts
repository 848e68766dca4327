import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { checkpointerOf, openDatabase, type Db } from './openDatabase'
import { BACKSTOP_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from './walCheckpointer'

let dir: string
const open: Db[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-wal-checkpointer-'))
})
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.destroy()))
  rmSync(dir, { recursive: true, force: true })
})

const autocheckpoint = async (db: Db) =>
  Number(((await db.raw('PRAGMA wal_autocheckpoint')) as Array<{ wal_autocheckpoint: number }>)[0]!.wal_autocheckpoint)

/** ~4 MB of WAL: more than SQLite's default checkpoint would let through without copying it into the file. */
async function writeMegabytes(db: Db, transactions: number): Promise<void> {
  await db.raw('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)')
  for (let t = 0; t < transactions; t++)
    await db.transaction(async (trx) => {
      for (let i = 0; i < 50; i++) await trx('filler').insert({ body: `${t}-${i}-`.padEnd(4000, 'x') })
    })
}

describe('WAL checkpoints in a worker thread', () => {
  it('the core connection leaves checkpoints to the worker, which copies the WAL into the file; stopping gives them back', async () => {
    const file = join(dir, 'a.sqlite')
    const db = await openDatabase(file, { checkpointInBackground: true })
    open.push(db)
    // From the start, before the worker says it is up: the core may be committing all the while.
    expect(await autocheckpoint(db)).toBe(BACKSTOP_PAGES)
    expect(await checkpointerOf(db)!.ready).toBe(true)
    const before = statSync(file).size
    await writeMegabytes(db, 20)
    // The core's connection did not checkpoint (its backstop is far away): the pages reach the file only through
    // the worker's connection, within a few of its ticks.
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 3_000_000), { timeout: 5000 })
    await checkpointerOf(db)!.stop()
    expect(await autocheckpoint(db)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES)
  })

  it('without it, the file grows only when the core itself checkpoints', async () => {
    const file = join(dir, 'b.sqlite')
    const db = await openDatabase(file)
    open.push(db)
    expect(checkpointerOf(db)).toBeUndefined()
    await db.raw(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`)
    const before = statSync(file).size
    await writeMegabytes(db, 20)
    await new Promise((r) => setTimeout(r, 500))
    expect(statSync(file).size).toBe(before)
  })

  it('a worker that cannot start is reported and the core checkpoints itself again', async () => {
    const settings: number[] = []
    const errors: string[] = []
    const checkpointer = startWalCheckpointer({
      file: join(dir, 'c.sqlite'),
      driver: join(dir, 'no-such-driver.js'),
      setAutocheckpoint: async (pages) => {
        settings.push(pages)
      },
      onError: (m) => errors.push(m),
    })
    expect(await checkpointer.ready).toBe(false)
    await vi.waitFor(() => expect(settings).toEqual([BACKSTOP_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES]))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('no-such-driver')
    await checkpointer.stop()
    expect(settings).toEqual([BACKSTOP_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES])
  })

  it('closing the database stops the worker first', async () => {
    const file = join(dir, 'd.sqlite')
    const db = await openDatabase(file, { checkpointInBackground: true })
    await checkpointerOf(db)!.ready
    const stop = vi.spyOn(checkpointerOf(db)!, 'stop')
    await db.destroy()
    expect(stop).toHaveBeenCalledTimes(1)
  })
})
