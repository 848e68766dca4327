import type { Knex } from 'knex'

/**
 * Clients as records of their own (issue 15 point 1, docs/domain/personal-data.md):
 * - `client`: a person or an organisation of this branch (`party`: the shared party draft, shared/party), with
 *   the columns a match and a search read — the passport's ten digits, the INN, the phone's national digits — and
 *   the 152-FZ consent (date and text version). A merged duplicate stays, marked, pointing at the one it joined.
 * - `client_version`: every state of the card (who, when, from what), only ever inserted (HQ refuses
 *   an update): a card edit never rewrites what
 *   a policy was issued with — the product keeps its own copy — and the history says who changed what.
 * - `client_link`: which record (policy, CASCO case, inspection, termination) names the client, and as what. A
 *   table of its own rather than a column on the products' rows: linking or merging never changes an issued
 *   policy's row (its version, its HQ rule, the outbox), and other features' tables stay as they are.
 * Search: the same FTS5 trigram index, ten-digit words table and prefix indexes as the other searchable tables
 * (migrations 20261205000018/19), kept by triggers.
 */
const SYNCED = (t: Knex.CreateTableBuilder) => {
  t.text('id').primary()
  t.text('created_at').notNullable()
  t.text('updated_at').notNullable()
  t.integer('row_version').notNullable().defaultTo(1)
}

/** The JSON array of the words of `text`; `[]` when it cannot be one (as migration 20261205000019). */
function wordsJson(text: string): string {
  const escaped = String.raw`replace(replace(replace(replace(replace(coalesce(${text}, ''), '\', '\\'), '"', '\"'), char(9), ' '), char(10), ' '), char(13), ' ')`
  const array = `'["' || replace(${escaped}, ' ', '","') || '"]'`
  return `CASE WHEN json_valid(${array}) THEN ${array} ELSE '[]' END`
}
const tenDigitWords = (text: string) =>
  `json_each(${wordsJson(text)}) AS w WHERE length(w.value) = 10 AND w.value NOT GLOB '*[^0-9]*'`

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('client', (t) => {
    SYNCED(t)
    t.text('branch_id').notNullable()
    t.text('kind').notNullable().checkIn(['person', 'organisation'], 'client_kind_check')
    t.text('status').notNullable().defaultTo('active').checkIn(['active', 'merged', 'erased'], 'client_status_check')
    t.text('party').notNullable() // JSON: the shared party draft (shared/party/draft.ts)
    t.text('display_name').notNullable()
    t.text('passport') // series+number, ten digits: the match key of a person
    t.text('inn') // the match key of an organisation
    t.text('phone') // national digits (core/db/search.ts phoneSearch)
    t.text('consent') // JSON: { givenOn, textVersion, recordedBy } (152-FZ art. 9)
    t.text('merged_into')
    t.text('erased_at')
    // YYYY-MM-DD: the last day any of the client's records is in force (a contract's end, an inspection's or an
    // application's day): the retention period counts from it (resources/rules/personal-data.json).
    t.text('last_activity_on')
    t.text('created_by')
    t.text('search_text')
    t.index(['passport'], 'client_passport_idx')
    t.index(['inn'], 'client_inn_idx')
    t.index(['phone'], 'client_phone_idx')
    t.index(['updated_at'], 'client_updated_idx')
    t.index(['status', 'last_activity_on'], 'client_retention_idx')
  })
  await knex.schema.createTable('client_version', (t) => {
    SYNCED(t)
    t.text('client_id').notNullable().references('id').inTable('client')
    t.integer('version').notNullable()
    t.text('party').notNullable()
    t.text('source').notNullable() // 'card' or the record that brought the data (osago_policy, …)
    t.text('source_id')
    t.text('changed_by')
    t.text('changed_at').notNullable()
    t.unique(['client_id', 'version'], { indexName: 'client_version_uq' })
  })
  await knex.schema.createTable('client_link', (t) => {
    SYNCED(t)
    t.text('client_id').notNullable().references('id').inTable('client')
    t.text('entity').notNullable()
    t.text('entity_id').notNullable()
    t.text('role').notNullable()
    t.unique(['entity', 'entity_id', 'role'], { indexName: 'client_link_uq' })
    t.index(['client_id', 'entity'], 'client_link_client_idx')
  })
  await knex.raw(
    "CREATE VIRTUAL TABLE client_fts USING fts5(search_text, content='client', content_rowid='rowid', tokenize='trigram')",
  )
  await knex.raw(`CREATE TRIGGER client_fts_ai AFTER INSERT ON client BEGIN
       INSERT INTO client_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
     END`)
  await knex.raw(`CREATE TRIGGER client_fts_ad AFTER DELETE ON client BEGIN
       INSERT INTO client_fts(client_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
     END`)
  await knex.raw(`CREATE TRIGGER client_fts_au AFTER UPDATE OF search_text ON client
       WHEN old.search_text IS NOT new.search_text BEGIN
       INSERT INTO client_fts(client_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
       INSERT INTO client_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
     END`)
  await knex.raw('CREATE INDEX client_prefix1_idx ON client (substr(search_text, 1, 1))')
  await knex.raw('CREATE INDEX client_prefix2_idx ON client (substr(search_text, 1, 2))')

  await knex.raw(
    'CREATE TABLE client_digits (digits TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (digits, id)) WITHOUT ROWID',
  )
  await knex.raw('CREATE INDEX client_digits_id_idx ON client_digits (id)')
  await knex.raw(`CREATE TRIGGER client_digits_ai AFTER INSERT ON client BEGIN
       INSERT OR IGNORE INTO client_digits (digits, id) SELECT w.value, new.id FROM ${tenDigitWords('new.search_text')};
     END`)
  await knex.raw(`CREATE TRIGGER client_digits_ad AFTER DELETE ON client BEGIN
       DELETE FROM client_digits WHERE id = old.id;
     END`)
  await knex.raw(`CREATE TRIGGER client_digits_au AFTER UPDATE OF search_text, id ON client
       WHEN old.search_text IS NOT new.search_text OR old.id IS NOT new.id BEGIN
       DELETE FROM client_digits WHERE id = old.id;
       INSERT OR IGNORE INTO client_digits (digits, id) SELECT w.value, new.id FROM ${tenDigitWords('new.search_text')};
     END`)
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['ai', 'ad', 'au']) {
    await knex.raw(`DROP TRIGGER IF EXISTS client_digits_${t}`)
    await knex.raw(`DROP TRIGGER IF EXISTS client_fts_${t}`)
  }
  await knex.raw('DROP TABLE IF EXISTS client_digits')
  await knex.raw('DROP TABLE IF EXISTS client_fts')
  await knex.schema.dropTableIfExists('client_link')
  await knex.schema.dropTableIfExists('client_version')
  await knex.schema.dropTableIfExists('client')
}
