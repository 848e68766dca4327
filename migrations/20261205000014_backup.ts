import type { Knex } from 'knex'

/**
 * Local backups, device side: `backup_state` holds this computer's backup settings (the folder the admin chose,
 * schedule, retention) and the last run, as key/values. Device-local, not synced: the folder is one of this
 * machine's drives. It travels inside the backups themselves, so a replacement computer restored from one keeps
 * the schedule.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('backup_state', (t) => {
    t.text('key').primary()
    t.text('value').notNullable() // JSON
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('backup_state')
}
