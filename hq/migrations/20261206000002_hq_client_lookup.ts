import type { Knex } from 'knex'

/**
 * Clients of other branches found through HQ (issue 15 point 1; docs/domain/personal-data.md#clients-of-other-branches).
 *
 * - `hq_client_lookup`: every lookup a device made — who asked (the staff member the device names, checked as staff of
 *   its branch), which device and branch, what was asked and which cards were answered: actions with personal data
 *   are recorded (152-FZ art. 19 p. 2; docs/domain/personal-data.md#read-audit). HQ's log lines are rotated away;
 *   this table is not.
 * - Indexes on the client card's identifiers inside the record's JSON, only for `client` rows (and the links' client
 *   for `client_link`): HQ keeps records as the device sent them (hq_foundation) and reads them here without a
 *   column of their own. Partial, so other entities' writes pay nothing for them.
 */
const CLIENT_KEY_INDEXES: ReadonlyArray<{ name: string; entity: string; path: readonly string[] }> = [
  { name: 'hq_record_client_passport_idx', entity: 'client', path: ['passport'] },
  { name: 'hq_record_client_inn_idx', entity: 'client', path: ['inn'] },
  { name: 'hq_record_client_phone_idx', entity: 'client', path: ['phone'] },
  { name: 'hq_record_client_birth_idx', entity: 'client', path: ['party', 'birthDate'] },
  { name: 'hq_record_client_link_idx', entity: 'client_link', path: ['client_id'] },
]

/** The SQL of one field of a record's JSON; hq/clients.ts queries with the same text, so the indexes serve it. */
function recordJsonField(client: string, path: readonly string[]): string {
  for (const p of path) if (!/^[a-zA-Z_]+$/.test(p)) throw new Error(`Not a JSON field name: ${p}`)
  return client === 'pg' ? `((data::jsonb) #>> '{${path.join(',')}}')` : `json_extract(data, '$.${path.join('.')}')`
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hq_client_lookup', (t) => {
    t.text('id').primary()
    t.text('asked_at').notNullable()
    t.text('device_id').notNullable().references('id').inTable('hq_device')
    t.text('branch_code').notNullable()
    t.text('asked_by').notNullable()
    // JSON: the identifiers as asked (kind and value), and the `branch/id` of each card answered.
    t.text('identifiers').notNullable()
    t.integer('answered').notNullable()
    t.text('answered_ids').notNullable()
    t.index(['branch_code', 'asked_at'], 'hq_client_lookup_branch_idx')
    t.index(['asked_at'], 'hq_client_lookup_at_idx')
  })
  const client = String(knex.client.config.client)
  const dialect = client === 'pg' ? 'pg' : 'sqlite'
  for (const ix of CLIENT_KEY_INDEXES)
    await knex.raw(
      `create index ${ix.name} on hq_record (${recordJsonField(dialect, ix.path)}) where entity = '${ix.entity}'`,
    )
}

export async function down(knex: Knex): Promise<void> {
  for (const ix of CLIENT_KEY_INDEXES) await knex.raw(`drop index if exists ${ix.name}`)
  await knex.schema.dropTableIfExists('hq_client_lookup')
}
