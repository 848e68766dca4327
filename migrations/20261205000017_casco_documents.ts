import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'

/**
 * CASCO documents out of the hot row, as 20261205000015 did for OSAGO:
 * - `casco_document` (synced, one per quote, same id): `draft` — the form as the clerk typed it — and, once
 *   priced, `quote_input` (the engine's validated input) and `quote_result` (the options with their factors,
 *   programs and schedules). Read by id only.
 * - `casco_quote` keeps what lists, search, the status machine and the contract read (the issued contract's
 *   `schedule` and `first_payment` are small and stay). A priced quote no longer carries its options in every list
 *   page, every submit/decision/issue change in the outbox and every audit entry of the quote.
 *
 * Each moved document also goes into the outbox as an insert, so HQ (which holds the quote with its documents
 * inside, as the previous version sent it) gets the document record a later change of it will update.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('casco_document', (t) => {
    t.text('id').primary().references('id').inTable('casco_quote')
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('draft').notNullable() // JSON: the form as typed
    t.text('quote_input') // JSON: the engine's validated input, from `quoted` on
    t.text('quote_result') // JSON: the priced options, from `quoted` on
  })
  await knex.raw(
    `INSERT INTO casco_document (id, created_at, updated_at, row_version, draft, quote_input, quote_result)
     SELECT id, created_at, updated_at, 1, draft, quote_input, quote_result FROM casco_quote`,
  )
  const parse = (text: string | null): unknown => (text == null ? null : JSON.parse(text))
  let after = ''
  for (;;) {
    const docs = (await knex('casco_document')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .select('id', 'created_at', 'updated_at', 'row_version', 'draft', 'quote_input', 'quote_result')) as Array<{
      id: string
      created_at: string
      updated_at: string
      row_version: number
      draft: string
      quote_input: string | null
      quote_result: string | null
    }>
    if (docs.length === 0) break
    after = docs.at(-1)!.id
    const now = new Date().toISOString()
    await knex('outbox').insert(
      docs.map((d) => ({
        change_id: uuidv7(),
        entity: 'casco_document',
        entity_id: d.id,
        op: 'insert',
        row_version: 1,
        data: JSON.stringify({
          ...d,
          draft: parse(d.draft),
          quote_input: parse(d.quote_input),
          quote_result: parse(d.quote_result),
        }),
        changed_at: now,
        changed_by: null,
      })),
    )
  }
  await knex.raw('ALTER TABLE casco_quote DROP COLUMN draft')
  await knex.raw('ALTER TABLE casco_quote DROP COLUMN quote_input')
  await knex.raw('ALTER TABLE casco_quote DROP COLUMN quote_result')
}

/** Back to the previous shape: the documents return into the quote's row. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE casco_quote ADD COLUMN draft TEXT NOT NULL DEFAULT '{}'")
  await knex.raw('ALTER TABLE casco_quote ADD COLUMN quote_input TEXT')
  await knex.raw('ALTER TABLE casco_quote ADD COLUMN quote_result TEXT')
  await knex.raw(
    `UPDATE casco_quote SET
       draft = (SELECT d.draft FROM casco_document d WHERE d.id = casco_quote.id),
       quote_input = (SELECT d.quote_input FROM casco_document d WHERE d.id = casco_quote.id),
       quote_result = (SELECT d.quote_result FROM casco_document d WHERE d.id = casco_quote.id)
     WHERE id IN (SELECT id FROM casco_document)`,
  )
  await knex.schema.dropTable('casco_document')
}
