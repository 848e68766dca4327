import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensureBranch } from './admin'
import { openHqDatabase, type HqDb } from './db'
import type { RecordWrite } from './records'
import { enqueueForRegistration } from './registrationWorker'

/** Queueing accepted contracts for the national register, a whole push batch at a time (embedded SQLite). */
let dir: string
let db: HqDb
const now = new Date('2026-11-21T10:00:00Z')
const nowIso = now.toISOString()
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-hqreg-'))
  db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
  await ensureBranch(db, { code: 'MSK-01', name: 'MSK-01', city: 'Город' }, now)
  await ensureBranch(db, { code: 'SPB-01', name: 'SPB-01', city: 'Город' }, now)
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const write = (id: string, status: string, branchCode = 'MSK-01', entity = 'osago_policy'): RecordWrite => ({
  entity,
  id,
  branchCode,
  rowVersion: 1,
  data: { id, status },
  naturalKey: null,
  isNew: true,
  deviceId: null,
})

const queue = async () =>
  (await db('hq_registration_queue').orderBy('policy_id').select('policy_id', 'branch_code')) as Array<{
    policy_id: string
    branch_code: string
  }>

describe('enqueueForRegistration', () => {
  it('queues each issued or printed policy once, skipping drafts, other entities, queued and registered ones', async () => {
    await db('hq_registration_queue').insert({ policy_id: 'queued', branch_code: 'MSK-01', enqueued_at: nowIso })
    await db('hq_record').insert({
      entity: 'osago_registration',
      id: 'registered',
      branch_code: 'MSK-01',
      row_version: 1,
      data: '{}',
      seq: 1,
      created_at: nowIso,
      updated_at: nowIso,
    })
    await db.transaction((trx) =>
      enqueueForRegistration(
        trx,
        [
          write('p1', 'issued'),
          write('p2', 'printed', 'SPB-01'),
          write('p1', 'printed', 'SPB-01'), // the first write of an id decides, as one by one did
          write('draft', 'draft'),
          write('casco', 'issued', 'MSK-01', 'casco_contract'),
          write('queued', 'issued'),
          write('registered', 'issued'),
        ],
        nowIso,
      ),
    )
    expect(await queue()).toEqual([
      { policy_id: 'p1', branch_code: 'MSK-01' },
      { policy_id: 'p2', branch_code: 'SPB-01' },
      { policy_id: 'queued', branch_code: 'MSK-01' },
    ])
  })

  it('takes a batch larger than one lookup of 500 ids', async () => {
    const ids = Array.from({ length: 1203 }, (_, i) => `p${String(i).padStart(4, '0')}`)
    await db('hq_registration_queue').insert({ policy_id: ids[700]!, branch_code: 'SPB-01', enqueued_at: nowIso })
    await db.transaction((trx) =>
      enqueueForRegistration(
        trx,
        ids.map((id) => write(id, 'issued')),
        nowIso,
      ),
    )
    const rows = await queue()
    expect(rows.map((r) => r.policy_id)).toEqual(ids)
    expect(rows[700]).toEqual({ policy_id: ids[700], branch_code: 'SPB-01' })
    expect(rows.filter((r) => r.branch_code === 'MSK-01')).toHaveLength(1202)
  })
})
