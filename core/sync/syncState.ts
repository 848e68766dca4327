import type { Knex } from 'knex'
import { hqSettingsSchema, type HqSettings } from '../../shared/sync/protocol'

/** Device-local sync settings and progress (not synced). */
export type SyncStateKey =
  | 'hq_url'
  | 'device_id'
  | 'branch_code'
  | 'enrolled_at'
  | 'cursor'
  | 'last_success_at'
  | 'last_attempt_at'
  | 'last_error'
  | 'hq_settings'
  | 'hq_clock_offset_ms'

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

/**
 * HQ's settings for this branch as last received (every sync stores them); null before the device has heard
 * from HQ. Read straight from the state, so features that enforce a setting need not wait for the engine.
 */
export async function readHqSettings(db: DbLike): Promise<HqSettings | null> {
  const raw = await getState(db, 'hq_settings')
  if (!raw) return null
  try {
    const parsed = hqSettingsSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export const TOKEN_SECRET = 'hq-token'
export const BUNDLE_KEY_SECRET = 'hq-bundle-key'
