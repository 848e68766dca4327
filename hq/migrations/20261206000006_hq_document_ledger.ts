import type { Knex } from 'knex'

/**
 * Checking a document someone brings (issue 17 point 2, decision 109; hq/verify.ts): HQ reads the ledger entries of
 * a record (a later entry replaces an earlier document of the same kind) and an OSAGO policy's changes (a duplicate
 * or a re-issue on a new blank replaces the paper printed before it) by a field of the record's JSON. Partial
 * indexes on those fields, as hq_client_lookup's, so other entities' writes pay nothing for them.
 */
export const LEDGER_INDEXES: ReadonlyArray<{ name: string; entity: string; field: string }> = [
  { name: 'hq_record_ledger_record_idx', entity: 'document_ledger', field: 'record_id' },
  { name: 'hq_record_osago_change_policy_idx', entity: 'osago_change', field: 'policy_id' },
]

/** The SQL of one top-level field of a record's JSON; hq/verify.ts queries with the same text. */
export function recordJsonField(client: string, field: string): string {
  if (!/^[a-z_]+$/.test(field)) throw new Error(`Not a JSON field name: ${field}`)
  return client === 'pg' ? `((data::jsonb) ->> '${field}')` : `json_extract(data, '$.${field}')`
}

export async function up(knex: Knex): Promise<void> {
  const dialect = String(knex.client.config.client) === 'pg' ? 'pg' : 'sqlite'
  for (const ix of LEDGER_INDEXES)
    await knex.raw(
      `create index ${ix.name} on hq_record (${recordJsonField(dialect, ix.field)}) where entity = '${ix.entity}'`,
    )
}

export async function down(knex: Knex): Promise<void> {
  for (const ix of LEDGER_INDEXES) await knex.raw(`drop index if exists ${ix.name}`)
}
