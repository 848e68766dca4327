import type { Knex } from 'knex'

/**
 * Sync with HQ, device side.
 * - `outbox` gains what HQ answered: `outcome` (accepted, rejected, conflict, superseded) once final, and why a
 *   change is held back while it stays pending (`deferred_reason`, `attempts`).
 * - `sync_issue`: every local change that lost (rejected, or beaten by a change made elsewhere), with what won.
 *   Kept for good: a lost change is never dropped silently. Also problems with data HQ sent (a reference file
 *   the app would refuse).
 * - `sync_pull_deferred`: records pulled from HQ that cannot be applied yet (a parent row not here yet, a table
 *   this version of the app does not have); retried after every page.
 * - `sync_state`: device-local key/values (HQ address, device id, pull cursor, last success).
 * - `sync_blob`: photos and PDFs held locally by SHA-256, and whether HQ has each one.
 * - `osago_registration`: national-register status of OSAGO policies, written only by HQ and pulled.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.text('outcome').checkIn(['accepted', 'rejected', 'conflict', 'superseded'], 'outbox_outcome_check')
    t.text('deferred_reason')
    t.integer('attempts').notNullable().defaultTo(0)
  })

  await knex.schema.createTable('sync_issue', (t) => {
    t.increments('seq').primary()
    t.text('id').notNullable().unique()
    t.text('change_id').unique()
    t.text('kind').notNullable().checkIn(['rejected', 'conflict', 'reference'], 'sync_issue_kind_check')
    t.text('entity').notNullable()
    t.text('entity_id').notNullable()
    t.text('reason_code').notNullable()
    t.text('reason_params').notNullable() // JSON
    t.text('local_data') // JSON: the change that lost, as it was made here
    t.integer('local_version')
    t.text('winner_data') // JSON: what HQ holds instead (null when HQ holds nothing for this record)
    t.integer('winner_version')
    t.text('changed_at')
    t.text('changed_by')
    t.text('recorded_at').notNullable()
    t.text('seen_at')
    t.text('seen_by')
    t.index(['seen_at', 'seq'], 'sync_issue_unseen_idx')
  })
  await knex.raw(`CREATE TRIGGER sync_issue_no_delete BEFORE DELETE ON sync_issue
    BEGIN SELECT RAISE(ABORT, 'sync_issue is kept for good'); END`)

  await knex.schema.createTable('sync_pull_deferred', (t) => {
    t.text('entity').notNullable()
    t.text('id').notNullable()
    t.integer('row_version').notNullable()
    t.text('data').notNullable()
    t.text('reason').notNullable()
    t.text('seq').notNullable()
    t.text('received_at').notNullable()
    t.primary(['entity', 'id'])
  })

  await knex.schema.createTable('sync_state', (t) => {
    t.text('key').primary()
    t.text('value').notNullable()
  })

  await knex.schema.createTable('sync_blob', (t) => {
    t.text('sha256').primary()
    t.integer('size').notNullable()
    t.text('origin').notNullable().checkIn(['local', 'hq'], 'sync_blob_origin_check')
    t.text('source').notNullable() // the registered blob source that knows where the file is (e.g. inspection photos)
    t.text('created_at').notNullable()
    t.text('uploaded_at')
    t.text('rejected_reason') // HQ refused the bytes (they do not match the hash): reported, not retried
    t.index(['uploaded_at', 'created_at'], 'sync_blob_pending_idx')
  })

  await knex.schema.createTable('osago_registration', (t) => {
    t.text('id').primary() // the policy's id: one registration record per policy
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('policy_id').notNullable()
    t.text('status').notNullable().checkIn(['registered', 'refused'], 'osago_registration_status_check')
    t.text('registration_id')
    t.text('registered_at')
    t.text('refusal_reason')
    t.text('register_name')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS sync_issue_no_delete')
  for (const table of ['osago_registration', 'sync_blob', 'sync_state', 'sync_pull_deferred', 'sync_issue']) {
    await knex.schema.dropTableIfExists(table)
  }
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('outcome')
    t.dropColumn('deferred_reason')
    t.dropColumn('attempts')
  })
}
