import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openHqDatabase } from './db'
import { HQ_MIGRATIONS, hqMigrationSource, type HqMigration } from './migrations'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('migration 20261205000022_hq_several_instances', () => {
  it('complete blobs hold all their bytes, uploads in progress restart from 0, queued policies are unclaimed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-hqmulti-mig-'))
    dirs.push(dir)
    const db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') }, { migrate: false })
    try {
      const before = HQ_MIGRATIONS.filter((m) => m.name < '20261205000022')
      const source: ReturnType<typeof hqMigrationSource> = {
        getMigrations: async () => [...before],
        getMigrationName: (m: HqMigration) => m.name,
        getMigration: async (m: HqMigration) => m,
      }
      await db.migrate.latest({ migrationSource: source, tableName: 'hq_migrations' })
      const iso = '2026-12-05T10:00:00.000Z'
      await db('hq_branch').insert({ code: 'MSK-01', name: 'MSK-01', city: 'Г', created_at: iso })
      const blob = (sha256: string, size: number, complete: boolean) => ({
        branch_code: 'MSK-01',
        sha256,
        size,
        complete,
        device_id: 'dev',
        created_at: iso,
      })
      await db('hq_blob').insert([blob('a'.repeat(64), 5000, true), blob('b'.repeat(64), 7000, false)])
      await db('hq_registration_queue').insert({ policy_id: 'p1', branch_code: 'MSK-01', enqueued_at: iso })

      // Up to this migration only, so the `down` below is this migration's (later ones are tested on their own).
      const through: ReturnType<typeof hqMigrationSource> = {
        ...source,
        getMigrations: async () => HQ_MIGRATIONS.filter((m) => m.name <= '20261205000022_hq_several_instances'),
      }
      await db.migrate.latest({ migrationSource: through, tableName: 'hq_migrations' })
      expect(await db('hq_blob').orderBy('sha256').select('size', 'received')).toEqual([
        { size: 5000, received: 5000 },
        { size: 7000, received: 0 },
      ])
      expect(await db('hq_registration_queue').first('claimed_by', 'claimed_until')).toEqual({
        claimed_by: null,
        claimed_until: null,
      })
      expect(await db('hq_push_turn')).toEqual([])

      await db.migrate.down({ migrationSource: through, tableName: 'hq_migrations' })
      expect(await db.schema.hasTable('hq_push_turn')).toBe(false)
      expect(await db.schema.hasColumn('hq_blob', 'received')).toBe(false)
    } finally {
      await db.destroy()
    }
  })
})
