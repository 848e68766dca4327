import type { Knex } from 'knex'

/**
 * Whole numbers of ten digits found by an exact index (issue 12: phone search p95 11 ms at 1M contracts, over the
 * 10 ms goal). A phone's national number, a passport's series+number and a blank number are each a word of ten
 * digits in search_text (core/db/search.ts phoneSearch, passportSearch). As an FTS5 trigram phrase such a word is
 * eight trigrams of digits, and digit trigrams are the commonest in the index (a mobile code such as «916» is in
 * one row in ten): each phrase costs 2–3 ms of posting lists at 1M. An equality on a narrow table costs a B-tree
 * descent.
 *
 * `<table>_digits (digits, id)`: every ten-digit word of the row's search_text, local only (not synced: it is
 * the same data as search_text, which the Writer recomputes for rows from HQ). Kept by triggers on search_text,
 * like the FTS index of migration 20261205000018, so the Writer, sync pull, the bench's clones and later
 * migrations keep it without knowing it exists. Keyed by id, not rowid: a VACUUM may renumber these tables' rowids.
 *
 * The words are split in SQL: search_text as a JSON array (`"` and `\` escaped, spaces as `","`) read by
 * json_each. search_text is written normalised (no control characters, single spaces); a text that still is not
 * valid JSON (a row written by an older version and never recomputed) adds no words — that row is still found by
 * the FTS phrase, which a search falls back to when the exact lookup finds nothing.
 */
const SEARCHABLE = ['osago_policy', 'casco_quote', 'inspection', 'termination_application', 'manual_contract'] as const

const digits = (table: string) => `${table}_digits`

/** The JSON array of the words of `text` (an SQL expression); `[]` when it cannot be one. */
function wordsJson(text: string): string {
  const escaped = String.raw`replace(replace(replace(replace(replace(coalesce(${text}, ''), '\', '\\'), '"', '\"'), char(9), ' '), char(10), ' '), char(13), ' ')`
  const array = `'["' || replace(${escaped}, ' ', '","') || '"]'`
  return `CASE WHEN json_valid(${array}) THEN ${array} ELSE '[]' END`
}

/** `SELECT digits, id` of every ten-digit word of `text` (an SQL expression) — `FROM` the caller's row source. */
function tenDigitWords(text: string): string {
  return `json_each(${wordsJson(text)}) AS w WHERE length(w.value) = 10 AND w.value NOT GLOB '*[^0-9]*'`
}

export async function up(knex: Knex): Promise<void> {
  for (const table of SEARCHABLE) {
    const d = digits(table)
    await knex.raw(`CREATE TABLE ${d} (digits TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (digits, id)) WITHOUT ROWID`)
    // The triggers replace a row's words by its id.
    await knex.raw(`CREATE INDEX ${d}_id_idx ON ${d} (id)`)
    await knex.raw(
      `INSERT OR IGNORE INTO ${d} (digits, id) SELECT w.value, t.id FROM ${table} AS t, ${tenDigitWords('t.search_text')}`,
    )
    await knex.raw(
      `CREATE TRIGGER ${d}_ai AFTER INSERT ON ${table} BEGIN
         INSERT OR IGNORE INTO ${d} (digits, id) SELECT w.value, new.id FROM ${tenDigitWords('new.search_text')};
       END`,
    )
    await knex.raw(
      `CREATE TRIGGER ${d}_ad AFTER DELETE ON ${table} BEGIN
         DELETE FROM ${d} WHERE id = old.id;
       END`,
    )
    await knex.raw(
      // Only when the text changed: a status change or a pulled row rewrites search_text with the same value.
      `CREATE TRIGGER ${d}_au AFTER UPDATE OF search_text, id ON ${table}
         WHEN old.search_text IS NOT new.search_text OR old.id IS NOT new.id BEGIN
         DELETE FROM ${d} WHERE id = old.id;
         INSERT OR IGNORE INTO ${d} (digits, id) SELECT w.value, new.id FROM ${tenDigitWords('new.search_text')};
       END`,
    )
  }
}

/** Back to the FTS phrase for whole numbers: the tables and their triggers go (search_text is untouched). */
export async function down(knex: Knex): Promise<void> {
  for (const table of SEARCHABLE) {
    for (const t of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS ${digits(table)}_${t}`)
    await knex.raw(`DROP TABLE IF EXISTS ${digits(table)}`)
  }
}
