import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'

/**
 * OSAGO documents out of the hot row (issue 11, designed for issue 12's million contracts):
 * - `osago_document` (synced, one per policy, same id): `draft` — the application as the clerk typed it, stored
 *   ONCE (the validated application is derived from it: core/osago/osagoRows.ts) — and `calculation`, the
 *   premium's breakdown. Read by id only.
 * - `osago_policy` keeps what lists, search and the status machine read; its `draft`, `application` and
 *   `calculation` columns go. A full application no longer rides along in every list page, every print or issue
 *   change in the outbox, and every audit entry of the policy.
 * - Indexes the lists need without a status filter: `updated_at` (the list's order) and the list's day
 *   (conclusion date, or the day it was created). Substring search (FTS5) is issue 12's.
 *
 * Each moved document also goes into the outbox as an insert, so HQ (which holds the policy with its documents
 * inside, as the previous version sent it) gets the document record a later change of it will update.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('osago_document', (t) => {
    t.text('id').primary().references('id').inTable('osago_policy')
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('draft').notNullable() // JSON: the application as typed
    t.text('calculation') // JSON: the premium with its breakdown, from `calculated` on
  })
  await knex.raw(
    `INSERT INTO osago_document (id, created_at, updated_at, row_version, draft, calculation)
     SELECT id, created_at, updated_at, 1, draft, calculation FROM osago_policy`,
  )
  let after = ''
  for (;;) {
    const docs = (await knex('osago_document')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .select('id', 'created_at', 'updated_at', 'row_version', 'draft', 'calculation')) as Array<{
      id: string
      created_at: string
      updated_at: string
      row_version: number
      draft: string
      calculation: string | null
    }>
    if (docs.length === 0) break
    after = docs.at(-1)!.id
    const now = new Date().toISOString()
    await knex('outbox').insert(
      docs.map((d) => ({
        change_id: uuidv7(),
        entity: 'osago_document',
        entity_id: d.id,
        op: 'insert',
        row_version: 1,
        data: JSON.stringify({
          ...d,
          draft: JSON.parse(d.draft) as unknown,
          calculation: d.calculation == null ? null : (JSON.parse(d.calculation) as unknown),
        }),
        changed_at: now,
        changed_by: null,
      })),
    )
  }
  await knex.raw('ALTER TABLE osago_policy DROP COLUMN draft')
  await knex.raw('ALTER TABLE osago_policy DROP COLUMN application')
  await knex.raw('ALTER TABLE osago_policy DROP COLUMN calculation')
  await knex.raw('CREATE INDEX osago_updated_idx ON osago_policy (updated_at)')
  await knex.raw('CREATE INDEX osago_day_idx ON osago_policy (coalesce(conclusion_date, substr(created_at, 1, 10)))')
}

/**
 * Back to the previous shape. The validated application is not stored any more: a priced policy gets its draft
 * as its application (the previous version reads a stored application without validating it again).
 */
export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS osago_day_idx')
  await knex.raw('DROP INDEX IF EXISTS osago_updated_idx')
  await knex.raw("ALTER TABLE osago_policy ADD COLUMN draft TEXT NOT NULL DEFAULT '{}'")
  await knex.raw('ALTER TABLE osago_policy ADD COLUMN application TEXT')
  await knex.raw('ALTER TABLE osago_policy ADD COLUMN calculation TEXT')
  await knex.raw(
    `UPDATE osago_policy SET
       draft = (SELECT d.draft FROM osago_document d WHERE d.id = osago_policy.id),
       calculation = (SELECT d.calculation FROM osago_document d WHERE d.id = osago_policy.id),
       application = CASE WHEN status IN ('calculated', 'issued', 'printed')
         THEN (SELECT d.draft FROM osago_document d WHERE d.id = osago_policy.id) END
     WHERE id IN (SELECT id FROM osago_document)`,
  )
  await knex.schema.dropTable('osago_document')
}
