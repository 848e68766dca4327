import type { Knex } from 'knex'

/**
 * The «class differs» flag of the KBM re-check (migration 20261205000021) dismissed by a clerk or supervisor with a
 * reason (issue 15 point 5; docs/domain/kbm-check.md#re-check-after-sync): the client brought a certificate, the
 * policy was changed, the register's answer was about somebody else. Who, when and why are kept on the row and in
 * the audit log; the row stays local, as the re-check itself. The flagged list (the home screen) leaves dismissed
 * rows out, so its partial index does too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('kbm_recheck', (t) => {
    t.text('dismissed_at')
    t.text('dismissed_by')
    t.text('dismiss_reason')
  })
  await knex.raw('DROP INDEX kbm_recheck_differs_idx')
  await knex.raw(
    'CREATE INDEX kbm_recheck_flagged_idx ON kbm_recheck (checked_at) WHERE differs = 1 AND dismissed_at IS NULL',
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX kbm_recheck_flagged_idx')
  await knex.raw('CREATE INDEX kbm_recheck_differs_idx ON kbm_recheck (checked_at) WHERE differs = 1')
  await knex.schema.alterTable('kbm_recheck', (t) => {
    t.dropColumn('dismissed_at')
    t.dropColumn('dismissed_by')
    t.dropColumn('dismiss_reason')
  })
}
