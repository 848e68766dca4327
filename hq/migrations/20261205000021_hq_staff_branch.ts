import type { Knex } from 'knex'

/**
 * Which branch a staff member belonged to, and since when (issue 13): a change's author must be staff of the
 * sending device's branch as of the change, and a member moved to another branch counts for the branch they were
 * in when they made it (hq/authorship.ts). A staff member never moved has no rows here: they have always belonged to
 * the branch that holds their `staff` record. A move (hq/staffMoves.ts) closes the member's period at the old
 * branch and opens one at the new; `since` null = from the member's creation, `until` null = still there.
 * Timestamps are ISO-8601 UTC text, as everywhere at HQ.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hq_staff_branch', (t) => {
    t.text('id').primary()
    t.text('staff_id').notNullable()
    t.text('branch_code').notNullable().references('code').inTable('hq_branch')
    t.text('since')
    t.text('until')
    t.index(['staff_id'], 'hq_staff_branch_staff_idx')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('hq_staff_branch')
}
