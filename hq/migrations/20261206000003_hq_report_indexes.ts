import type { Knex } from 'knex'

/**
 * HQ's cross-branch reports (issue 16 point 4; hq/reports.ts) read records by fields inside their JSON: payments by
 * business day, cash days by day, blanks in stock by status and the rest by their last move (the device's migration
 * 20261206000003 indexes the same for its own report). Partial, per entity, so other entities' writes pay nothing;
 * hq/reports.ts queries with the same SQL text (`reportField`), so the planner uses them. The entity leads each
 * index, so it is chosen over the natural-key index (which also starts with the entity) by its second column.
 */
export function reportField(client: 'pg' | 'sqlite', field: string): string {
  if (!/^[a-z_]+$/.test(field)) throw new Error(`Not a JSON field name: ${field}`)
  return client === 'pg' ? `((data::jsonb) ->> '${field}')` : `json_extract(data, '$.${field}')`
}

/** The moment of a blank's last move: lost after used, spoiled after used, or used (the device's LAST_MOVE). */
export function lastMove(client: 'pg' | 'sqlite'): string {
  return `coalesce(${['lost_at', 'spoiled_at', 'used_at'].map((f) => reportField(client, f)).join(', ')})`
}

const indexes = (c: 'pg' | 'sqlite') => [
  {
    name: 'hq_record_payment_day_idx',
    on: `branch_code, ${reportField(c, 'business_day')}`,
    where: `entity = 'payment'`,
  },
  { name: 'hq_record_cash_day_idx', on: `branch_code, ${reportField(c, 'day')}`, where: `entity = 'cash_day'` },
  { name: 'hq_record_blank_status_idx', on: `entity, ${reportField(c, 'status')}`, where: `entity = 'policy_blank'` },
  {
    name: 'hq_record_blank_moved_idx',
    on: `entity, ${lastMove(c)}`,
    where: `entity = 'policy_blank' and ${reportField(c, 'status')} <> 'available'`,
  },
]

export async function up(knex: Knex): Promise<void> {
  const client = String(knex.client.config.client) === 'pg' ? 'pg' : 'sqlite'
  for (const ix of indexes(client)) await knex.raw(`create index ${ix.name} on hq_record (${ix.on}) where ${ix.where}`)
}

export async function down(knex: Knex): Promise<void> {
  for (const ix of indexes('sqlite')) await knex.raw(`drop index if exists ${ix.name}`)
}
