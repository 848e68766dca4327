import type { Knex } from 'knex'

/**
 * The KBM re-check of issued policies (issue 15 point 5; docs/domain/kbm-check.md): a policy issued with a class
 * the clerk typed (HQ out of reach at the counter) is asked about again after a later sync, once. The answer is kept
 * here with the register's request ids, and `differs` flags the policy when the register's class is not the one it
 * was priced with. This device's record of what it asked HQ, not branch data: HQ logs every request itself, so the
 * table is not synced (decision in docs/decisions.md).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('kbm_recheck', (t) => {
    t.text('policy_id').primary()
    t.text('checked_at').notNullable()
    /** 1 when any class the register gave is not the class on the issued policy. */
    t.integer('differs').notNullable()
    /** JSON: [{ ref, typedClass, class, requestId, checkedAt, found }] — empty when every class was checked at issue. */
    t.text('results').notNullable()
  })
  // The flagged policies are what the screens list; they are few.
  await knex.raw('CREATE INDEX kbm_recheck_differs_idx ON kbm_recheck (checked_at) WHERE differs = 1')
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('kbm_recheck')
}
