import type { Knex } from 'knex'

/**
 * Foundation schema. Every synced table carries a UUIDv7 id (born where the record is born), created/updated
 * timestamps and a row version, so that the sync issue can ship rows to HQ and detect stale writes.
 * `outbox` and `audit_log` are written in the same transaction as the change they describe.
 */
function syncedColumns(t: Knex.CreateTableBuilder): void {
  t.text('id').primary()
  t.text('created_at').notNullable()
  t.text('updated_at').notNullable()
  t.integer('row_version').notNullable().defaultTo(1)
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('branch', (t) => {
    syncedColumns(t)
    t.text('code').notNullable().unique()
    t.text('name').notNullable()
    t.text('city').notNullable()
    t.text('time_zone').notNullable().defaultTo('Europe/Moscow')
  })

  await knex.schema.createTable('staff', (t) => {
    syncedColumns(t)
    t.text('branch_id').notNullable().references('id').inTable('branch')
    t.text('login').notNullable().unique()
    t.text('full_name').notNullable()
    t.text('role').notNullable().checkIn(['clerk', 'inspector', 'supervisor', 'admin'], 'staff_role_check')
    t.text('password_hash').notNullable()
    t.boolean('active').notNullable().defaultTo(true)
    t.boolean('must_change_password').notNullable().defaultTo(false)
  })

  await knex.schema.createTable('setting', (t) => {
    syncedColumns(t)
    t.text('key').notNullable().unique()
    t.text('value').notNullable() // JSON
  })

  // Device-local: failed sign-ins are counted per device, so this table is not synced (see docs/decisions.md).
  await knex.schema.createTable('sign_in_guard', (t) => {
    t.text('login').primary()
    t.integer('failed_count').notNullable().defaultTo(0)
    t.text('locked_until')
    t.text('updated_at').notNullable()
  })

  await knex.schema.createTable('outbox', (t) => {
    t.increments('seq').primary()
    t.text('change_id').notNullable().unique()
    t.text('entity').notNullable()
    t.text('entity_id').notNullable()
    t.text('op').notNullable().checkIn(['insert', 'update', 'delete'], 'outbox_op_check')
    t.integer('row_version').notNullable()
    t.text('data').notNullable() // JSON after-image
    t.text('changed_at').notNullable()
    t.text('changed_by')
    t.text('sent_at')
    t.index(['sent_at', 'seq'], 'outbox_pending_idx')
  })

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('seq').primary()
    t.text('id').notNullable().unique()
    t.text('at').notNullable()
    t.text('actor_id')
    t.text('actor_login')
    t.text('action').notNullable()
    t.text('entity')
    t.text('entity_id')
    t.text('before') // JSON
    t.text('after') // JSON
    t.index(['entity', 'entity_id'], 'audit_entity_idx')
  })

  // Append-only in the database itself, not just by convention.
  await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
  await knex.raw(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_update')
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_delete')
  for (const table of ['audit_log', 'outbox', 'sign_in_guard', 'setting', 'staff', 'branch']) {
    await knex.schema.dropTableIfExists(table)
  }
}
