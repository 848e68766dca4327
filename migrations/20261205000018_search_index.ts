import type { Knex } from 'knex'
import type BetterSqlite3 from 'better-sqlite3'
import type { DerivedColumns } from '../core/db/derived'
import { cascoSearchText } from '../core/casco/cascoRows'
import { inspectionSearchText } from '../core/inspection/inspectionRows'
import { osagoSearchText } from '../core/osago/osagoRows'
import { applicationSearchTextColumn } from '../core/termination/applicationRows'
import { manualContractSearchTextColumn } from '../core/termination/contracts'

/**
 * Search and list indexes for a branch with a million contracts (issue 12; docs/decisions.md «Search index»):
 * - One FTS5 index per searchable table, trigram tokenizer (a quoted phrase = a substring match, as the
 *   `LIKE '%…%'` it replaces), external content (`content='<table>'`: the text lives once, in `search_text`), kept
 *   true by AFTER INSERT / DELETE / UPDATE OF search_text triggers — so the Writer, sync pull and later
 *   migrations keep it without knowing it exists — and rebuilt here from the rows.
 * - `search_text` recomputed on every existing row by the features' row functions (DERIVED below), so it
 *   carries what they now add: the phone's digits and the passport series+number (OSAGO/CASCO insured, inspection
 *   client, termination applicant), a hand-entered contract's number without spaces, the normal form
 *   (core/db/search.ts: lower case, ё as е, spaces collapsed). A row whose document cannot be read keeps its text.
 * - Expression indexes on the first one and two characters of search_text (queries of 1–2 characters), and the
 *   indexes each list's order and filters need (updated_at, received_at, submitted_at, conclusion_date).
 *
 * NB: these tables have no INTEGER PRIMARY KEY, so a VACUUM may renumber their rowids: anything that VACUUMs the
 * database must `INSERT INTO <fts>(<fts>) VALUES('rebuild')` after it (backups use the page-copying backup API).
 */
const SEARCHABLE = ['osago_policy', 'casco_quote', 'inspection', 'termination_application', 'manual_contract'] as const

const INDEXES: ReadonlyArray<[name: string, sql: string]> = [
  // A blank number typed without its series (the unique index is on series, number).
  ['osago_policy_number_idx', 'osago_policy (policy_number)'],
  ['casco_quote_updated_idx', 'casco_quote (updated_at)'],
  ['casco_quote_submitted_idx', 'casco_quote (status, submitted_at)'],
  ['casco_quote_conclusion_idx', 'casco_quote (conclusion_date)'],
  ['inspection_updated_idx', 'inspection (updated_at)'],
  ['inspection_plate_idx', 'inspection (plate)'],
  ['inspection_vin_idx', 'inspection (vin)'],
  // A CASCO case's inspections, newest first (the approval queue reads them for every case it shows).
  ['inspection_quote_updated_idx', 'inspection (quote_id, updated_at)'],
  ['termination_received_idx', 'termination_application (received_at)'],
  ['termination_status_received_idx', 'termination_application (status, received_at)'],
  // An OSAGO list filtered by dates, in its order (day, then last change): a year is ~250k rows, never sorted whole.
  ['osago_day_updated_idx', 'osago_policy (coalesce(conclusion_date, substr(created_at, 1, 10)), updated_at)'],
  // …and with a status chosen (the status is an equality before the range, so the order still holds).
  [
    'osago_status_day_updated_idx',
    'osago_policy (status, coalesce(conclusion_date, substr(created_at, 1, 10)), updated_at)',
  ],
  // The stock screen's GROUP BY series walks this covering index (no table rows read, no sort).
  ['policy_blank_series_status_idx', 'policy_blank (series, status)'],
  // The sync issues list's order: unseen first, newest first.
  ['sync_issue_order_idx', 'sync_issue ((seen_at IS NOT NULL), seq DESC)'],
  // A case's decisions, newest first with the id as tie-break, read in order (no sort of the last term).
  ['approval_decision_quote_order_idx', 'approval_decision (quote_id, decided_at, id)'],
]

function fts(table: string): string {
  return `${table}_fts`
}

/**
 * Each table's search_text, computed by its feature's own row function (the same the Writer uses for rows applied
 * from HQ, core/db/derived.ts): the migration writes exactly what the app writes, and up → down → up gives the same
 * text (it is computed from the row, not appended to the old text).
 */
const DERIVED: Record<(typeof SEARCHABLE)[number], DerivedColumns> = {
  osago_policy: osagoSearchText,
  casco_quote: cascoSearchText,
  inspection: inspectionSearchText,
  termination_application: applicationSearchTextColumn,
  manual_contract: manualContractSearchTextColumn,
}

export async function up(knex: Knex): Promise<void> {
  // The migration's transaction connection: one prepared UPDATE per row instead of a query builder round each.
  const conn = (await knex.client.acquireConnection()) as BetterSqlite3.Database
  for (const table of SEARCHABLE) {
    // Before the FTS table and its triggers exist: the rebuild below indexes the new text once.
    const update = conn.prepare(`UPDATE ${table} SET search_text = ? WHERE id = ? AND search_text IS NOT ?`)
    // A thousand rows at a time (keyset on rowid): a million drafts never sit in memory at once.
    const page = conn.prepare(`SELECT rowid, id FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1000`)
    for (let after = 0; ;) {
      const rows = page.all(after) as Array<{ rowid: number; id: string }>
      if (!rows.length) break
      after = rows[rows.length - 1]!.rowid
      const ids = rows.map((r) => r.id)
      for (const r of await DERIVED[table].compute(knex, ids)) update.run(r.value, r.id, r.value)
    }

    await knex.raw(
      `CREATE VIRTUAL TABLE ${fts(table)} USING fts5(search_text, content='${table}', content_rowid='rowid', tokenize='trigram')`,
    )
    await knex.raw(`INSERT INTO ${fts(table)}(${fts(table)}) VALUES ('rebuild')`)
    await knex.raw(
      `CREATE TRIGGER ${fts(table)}_ai AFTER INSERT ON ${table} BEGIN
         INSERT INTO ${fts(table)}(rowid, search_text) VALUES (new.rowid, new.search_text);
       END`,
    )
    await knex.raw(
      `CREATE TRIGGER ${fts(table)}_ad AFTER DELETE ON ${table} BEGIN
         INSERT INTO ${fts(table)}(${fts(table)}, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
       END`,
    )
    await knex.raw(
      // Only when the text changed: a pulled row or a status change rewrites search_text with the same value.
      `CREATE TRIGGER ${fts(table)}_au AFTER UPDATE OF search_text ON ${table}
         WHEN old.search_text IS NOT new.search_text BEGIN
         INSERT INTO ${fts(table)}(${fts(table)}, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
         INSERT INTO ${fts(table)}(rowid, search_text) VALUES (new.rowid, new.search_text);
       END`,
    )
    await knex.raw(`CREATE INDEX ${table}_prefix1_idx ON ${table} (substr(search_text, 1, 1))`)
    await knex.raw(`CREATE INDEX ${table}_prefix2_idx ON ${table} (substr(search_text, 1, 2))`)
  }
  for (const [name, on] of INDEXES) await knex.raw(`CREATE INDEX ${name} ON ${on}`)
}

/**
 * Back to LIKE search: the indexes, triggers and FTS tables go. search_text keeps the phone and passport parts (the
 * previous version's LIKE reads the same lower-case form; the added parts only widen what it finds).
 */
export async function down(knex: Knex): Promise<void> {
  for (const [name] of INDEXES) await knex.raw(`DROP INDEX IF EXISTS ${name}`)
  for (const table of SEARCHABLE) {
    await knex.raw(`DROP INDEX IF EXISTS ${table}_prefix2_idx`)
    await knex.raw(`DROP INDEX IF EXISTS ${table}_prefix1_idx`)
    for (const t of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS ${fts(table)}_${t}`)
    await knex.raw(`DROP TABLE IF EXISTS ${fts(table)}`)
  }
}
