import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/openDatabase'
import { recordCommits, synchronousNow } from '../testing/commitRecorder'
import { SYSTEM_ACTOR, write } from '../db/write'
import { emptyPushSummary, pendingOutbox, recordAnswers } from './pushOutbox'

/**
 * HQ's answers to a push batch are written without waiting for the disk (core/sync/resendableCommit.ts, decision
 * 118): an answer lost to a power cut leaves its change pending, and HQ answers it again from its log. Every write of
 * the device's own still waits for it. (The pulled page's commit is held the same way in pullChanges.test.ts.)
 */
let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-answers-'))
  db = await openDatabase(join(dir, 'db.sqlite'))
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const at = new Date('2026-12-06T10:00:00.000Z')
const branch = (id: string, code: string) => ({
  id,
  code,
  name: `Филиал ${code}`,
  city: 'Москва',
  time_zone: 'Europe/Moscow',
})

describe("HQ's answers to a push batch", () => {
  it('commit without waiting for the disk; a write asked for meanwhile commits after them and waits for it', async () => {
    await write(db, SYSTEM_ACTOR, 'edit', at, async (w) => {
      await w.insert('branch', branch('b1', 'MSK-01'))
      await w.insert('branch', branch('b2', 'MSK-02'))
    })
    const rows = await pendingOutbox(db)
    expect(rows).toHaveLength(2)
    expect(await synchronousNow(db)).toBe(2) // FULL (core/db/openDatabase.ts)
    const { told, restore } = await recordCommits(db)
    try {
      const summary = emptyPushSummary()
      const answers = recordAnswers(
        db,
        rows,
        rows.map((r) => ({ changeId: r.change_id, status: 'accepted' as const })),
        at,
        summary,
      )
      const during = write(db, SYSTEM_ACTOR, 'edit', at, (w) => w.update('branch', 'b1', { name: 'Филиал на Арбате' }))
      await Promise.all([answers, during])
      expect(told).toEqual(['synchronous = NORMAL', 'BEGIN', 'COMMIT', 'synchronous = 2', 'BEGIN', 'COMMIT'])
      expect(summary.accepted).toBe(2)
    } finally {
      restore()
    }
    expect(await synchronousNow(db)).toBe(2)
    // The two answered; the edit made meanwhile is the one change left to send.
    expect((await pendingOutbox(db)).map((r) => [r.entity_id, r.row_version])).toEqual([['b1', 2]])
  })
})
