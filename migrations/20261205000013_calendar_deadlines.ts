import type { Knex } from 'knex'

/**
 * Deadlines that follow the production calendar (issue 9, point 4).
 *
 * - `termination_application.deadline_changes`: JSON list of the payout deadline's moves after a calendar update
 *   (`[{ previous, current, at, reason }]`), shown on the application; null while it never moved. Synced with the row.
 * - `reference_state`: the calendar the device last counted open deadlines on (core/reference/calendarUpdates.ts),
 *   so that a calendar HQ delivers — or a newer build bundles — is noticed once, even after a crash between the
 *   install and the recalculation. Device bookkeeping, not synced.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE termination_application ADD COLUMN deadline_changes TEXT')
  await knex.schema.createTable('reference_state', (t) => {
    t.text('kind').primary()
    t.text('data').notNullable()
    t.text('versions').notNullable()
    t.text('applied_at').notNullable()
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('reference_state')
  await knex.raw('ALTER TABLE termination_application DROP COLUMN deadline_changes')
}
