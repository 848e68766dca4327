import type { Knex } from 'knex'

/**
 * OSAGO policies by their last day (issue 14): the home screen lists the branch's policies in force that end
 * within the next 60 days, soonest first, for renewal. Without this index the only ways in are the status index
 * (every issued policy of the branch, then sorted by end date) or the whole table — at 1M contracts both read
 * hundreds of thousands of rows. With it the statement walks the end-date range in order and stops after the few
 * it shows. Plain, not partial: the query tests the status with `+status` (core/home/homeWork.ts), and a partial
 * index is used only when the query repeats its WHERE term for term.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX osago_end_idx ON osago_policy (end_date)')
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS osago_end_idx')
}
