import type { Knex } from 'knex'

/**
 * The cash register this computer fiscalises payments on (core/fiscal): `fiscal_setting` key/values (JSON), device
 * local and not synced — the register and ATOL's web server are attached to this machine, like the backup folder
 * (migration 20261205000014). Changes are audited.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fiscal_setting', (t) => {
    t.text('key').primary()
    t.text('value').notNullable() // JSON
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('fiscal_setting')
}
