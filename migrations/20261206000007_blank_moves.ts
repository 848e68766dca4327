import type { Knex } from 'knex'

/**
 * Blanks by their last move (issue 16, the blank report for a period; core/blanks/blankMoves.ts): a blank matters
 * to a period when it was received before its end and is still in stock or last moved (used, spoiled, lost) after
 * its start. Stock is found by the status index; this partial index finds the rest by the moment of the last move,
 * so a month's report reads that month's blanks, not the ~700k used over the years (core/db/queryPlans.test.ts).
 * The query repeats the WHERE term, as a partial index needs.
 */
export const LAST_MOVE = 'coalesce(lost_at, spoiled_at, used_at)'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX policy_blank_moved_idx ON policy_blank (${LAST_MOVE}) WHERE status <> 'available'`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS policy_blank_moved_idx')
}
