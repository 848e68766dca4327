import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { startPgCluster, type PgCluster } from '../../hq/testing/pgCluster'
import { runFleet } from './load'

/**
 * bench:hq's machinery at small N (the figures need `npm run bench:hq`): devices of several branches enrol, set
 * their branches up, push at once and pull; every acknowledged change is at HQ exactly once, and the check would
 * see a change that is not.
 */
let cluster: PgCluster
let hq: RunningHq
beforeAll(async () => {
  cluster = await startPgCluster()
  hq = await startHq({ databaseUrl: await cluster.createDatabase('fleet') })
}, 60_000)
afterAll(async () => {
  await hq?.close()
  await cluster?.stop()
})

async function codes(prefix: string, devices: number, perBranch: number) {
  const out: Array<{ branch: string; code: string; first: boolean; slot: number }> = []
  for (let i = 0; i < devices; i++) {
    const branch = `${prefix}-${Math.floor(i / perBranch)}`
    out.push({ branch, code: await hq.enrolmentCode(branch), first: i % perBranch === 0, slot: i % perBranch })
  }
  return out
}

describe('bench:hq fleet', () => {
  it('20 devices × 2 batches at once: no error, every change at HQ exactly once', async () => {
    const f = await runFleet({
      hqUrl: hq.url,
      db: hq.db,
      codes: await codes('FL', 20, 2),
      batches: 2,
      batchSize: 20,
      windowMs: 200,
      stopAt: Date.now() + 60_000,
      today: '2026-11-21',
    })
    expect(f.errorsByKind).toEqual({})
    expect(f.changes).toBe(20 * 2 * 20)
    expect(f.pushes).toBe(40)
    expect(f.pulls).toBeGreaterThanOrEqual(40)
    expect({ lost: f.lost, duplicates: f.duplicates }).toEqual({ lost: 0, duplicates: 0 })
  }, 60_000)

  it('counts a change HQ lost: an acknowledged change removed from HQ afterwards', async () => {
    const f = await runFleet({
      hqUrl: hq.url,
      db: hq.db,
      codes: await codes('LS', 4, 2),
      batches: 1,
      batchSize: 10,
      windowMs: 0,
      stopAt: Date.now() + 60_000,
      today: '2026-11-21',
      // Between the answers and the check, HQ's log loses one accepted change of the fleet's branches.
      beforeCheck: () =>
        hq.db.raw(
          `delete from hq_change where change_id = (select change_id from hq_change
             where branch_code like 'LS-%' and entity = 'osago_policy' and status = 'accepted' limit 1)`,
        ),
    })
    expect(f.errors).toBe(0)
    expect(f.lost).toBe(1)
  }, 60_000)
})
