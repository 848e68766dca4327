import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../app/clock'
import { createCore, type Core } from '../app/createCore'
import { ADMIN, RESOURCES_DIR, TRUSTED_URL, call, expectOk, setupBranch } from '../testing/testCore'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = (clock: ManualClock) =>
  createCore({ dataDir: dir, resourcesDir: RESOURCES_DIR, isTrustedUrl: (u) => u === TRUSTED_URL, clock })
const tariff = () =>
  JSON.parse(readFileSync(join(RESOURCES_DIR, 'tariffs', 'osago', '2025-12-09_7204-U.json'), 'utf8')) as Record<
    string,
    unknown
  > & { data: Record<string, unknown> }

async function issues(core: Core) {
  await expectOk(call(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }))
  return expectOk(call(core, 'sync/list-issues', {}))
}

describe('HQ reference files skipped at start are shown on the sync screen', () => {
  it('records a file no upgrade can take as a reference issue, once; an upgraded one is used and is no issue', async () => {
    dir = mkdtempSync(join(tmpdir(), 'branch-desk-skipped-'))
    const tariffs = join(dir, 'reference-updates', 'tariffs')
    mkdirSync(tariffs, { recursive: true })
    // Lacks a table the directive always has: nothing can fill it.
    const { kn: _kn, ...broken } = tariff().data
    writeFileSync(
      join(tariffs, 'broken.json'),
      JSON.stringify({ ...tariff(), version: 'hq-2026-06.1', effectiveFrom: '2026-06-01', data: broken }),
    )
    // The previous build's shape: upgraded, used, not an issue.
    const { ceiling: _c, ...older } = tariff().data
    writeFileSync(
      join(tariffs, 'older.json'),
      JSON.stringify({ ...tariff(), version: 'hq-2026-09.1', effectiveFrom: '2026-09-01', data: older }),
    )

    const clock = new ManualClock()
    let core = await open(clock)
    try {
      expect(core.reference.versions['osago-tariff'].map((v) => v.version)).toContain('hq-2026-09.1')
      await setupBranch(core)
      const first = await issues(core)
      expect(first.items).toHaveLength(1)
      expect(first.items[0]).toMatchObject({
        kind: 'reference',
        entity: 'osago-tariff',
        entityId: 'hq-2026-06.1',
        reasonKey: 'sync.reasons.reference-skipped',
        reasonParams: { message: expect.stringContaining('broken.json') },
        seenAt: null,
      })
    } finally {
      await core.close()
    }
    core = await open(clock)
    try {
      expect((await issues(core)).total).toBe(1)
    } finally {
      await core.close()
    }
  })
})
