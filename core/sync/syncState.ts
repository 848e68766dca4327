import type { Knex } from 'knex'

/** Device-local sync settings and progress (not synced). */
export type SyncStateKey =
  | 'hq_url' | 'device_id' | 'branch_code' | 'enrolled_at' | 'cursor' | 'last_success_at' | 'last_attempt_at'
  | 'last_error' | 'hq_settings' | 'hq_clock_offset_ms'

type DbLike = Knex | Knex.Transaction

export async function getState(db: DbLike, key: SyncStateKey): Promise<string | null> {
  const row = (await db('sync_state').where({ key }).first('value')) as { value: string } | undefined
  return row?.value ?? null
}

export async function getStates(db: DbLike): Promise<Partial<Record<SyncStateKey, string>>> {
  const rows = (await db('sync_state').select('key', 'value')) as Array<{ key: SyncStateKey; value: string }>
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}

export async function setState(db: DbLike, key: SyncStateKey, value: string | null): Promise<void> {
  if (value === null) await db('sync_state').where({ key }).delete()
  else await db('sync_state').insert({ key, value }).onConflict('key').merge()
}

export const TOKEN_SECRET = 'hq-token'
export const BUNDLE_KEY_SECRET = 'hq-bundle-key'
