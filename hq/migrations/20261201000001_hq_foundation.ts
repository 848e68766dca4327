import type { Knex } from 'knex'

/**
 * HQ schema, portable between PostgreSQL (production) and SQLite (quick start). Timestamps are ISO-8601 UTC
 * text on both, so ordering and comparison behave the same everywhere. Record bodies are JSON text: HQ keeps
 * each branch record as the device sent it and checks it with the entity's rule, never through SQL columns.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hq_branch', (t) => {
    t.text('code').primary()
    t.text('name').notNullable()
    t.text('city').notNullable()
    // Id of the branch's own `branch` record: set by the first device that enrols with its local branch.
    t.text('record_id').unique()
    t.boolean('print_before_registration').notNullable().defaultTo(false)
    t.text('created_at').notNullable()
  })

  await knex.schema.createTable('hq_device', (t) => {
    t.text('id').primary()
    t.text('branch_code').notNullable().references('code').inTable('hq_branch')
    t.text('name').notNullable()
    // SHA-256 of the bearer token: a database leak does not hand out working tokens.
    t.text('token_hash').notNullable().unique()
    t.text('bundle_key').notNullable()
    t.text('enrolled_at').notNullable()
    t.text('revoked_at')
    t.text('last_seen_at')
  })

  await knex.schema.createTable('hq_enrolment', (t) => {
    t.text('id').primary()
    t.text('code_hash').notNullable().unique()
    t.text('branch_code').notNullable().references('code').inTable('hq_branch')
    t.text('created_at').notNullable()
    t.text('expires_at').notNullable()
    t.text('used_at')
    t.text('device_id').references('id').inTable('hq_device')
  })

  // One global change sequence: pull cursors are positions in it.
  await knex.schema.createTable('hq_counter', (t) => {
    t.text('name').primary()
    t.bigInteger('value').notNullable()
  })
  await knex('hq_counter').insert({ name: 'seq', value: 0 })

  await knex.schema.createTable('hq_record', (t) => {
    t.text('entity').notNullable()
    t.text('id').notNullable()
    t.text('branch_code').notNullable().references('code').inTable('hq_branch')
    t.integer('row_version').notNullable()
    t.text('data').notNullable()
    // Unique business key where the entity has one (blank series+number, a login within a branch).
    t.text('natural_key')
    t.bigInteger('seq').notNullable()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.text('updated_by_device')
    t.primary(['entity', 'id'])
    t.unique(['entity', 'natural_key'], { indexName: 'hq_record_natural_key_uq' })
    t.index(['branch_code', 'seq'], 'hq_record_branch_seq_idx')
  })

  // Every change a device sent and what HQ answered: the idempotency log and the record of who sent what.
  await knex.schema.createTable('hq_change', (t) => {
    t.text('change_id').primary()
    t.text('device_id').notNullable().references('id').inTable('hq_device')
    t.text('branch_code').notNullable()
    t.text('changed_by')
    t.text('entity').notNullable()
    t.text('entity_id').notNullable()
    t.text('op').notNullable()
    t.integer('row_version').notNullable()
    t.text('changed_at').notNullable()
    t.text('received_at').notNullable()
    t.text('status').notNullable().checkIn(['accepted', 'rejected', 'conflict'], 'hq_change_status_check')
    t.text('reason_code')
    t.text('reason_params')
    t.text('via').notNullable().checkIn(['push', 'bundle'], 'hq_change_via_check')
    t.index(['device_id', 'received_at'], 'hq_change_device_idx')
    t.index(['entity', 'entity_id'], 'hq_change_entity_idx')
  })

  await knex.schema.createTable('hq_reference', (t) => {
    t.text('id').primary()
    t.text('kind').notNullable()
    t.text('version').notNullable()
    t.text('content').notNullable()
    t.bigInteger('seq').notNullable().unique()
    t.text('published_at').notNullable()
    t.unique(['kind', 'version'], { indexName: 'hq_reference_version_uq' })
  })

  // OSAGO policies waiting for the national register (filled when a branch's issued policy is accepted).
  await knex.schema.createTable('hq_registration_queue', (t) => {
    t.text('policy_id').primary()
    t.text('branch_code').notNullable()
    t.text('enqueued_at').notNullable()
    t.integer('attempts').notNullable().defaultTo(0)
    t.text('last_error')
  })

  // Photos and PDFs, per branch: knowing a hash never gives another branch the content.
  await knex.schema.createTable('hq_blob', (t) => {
    t.text('branch_code').notNullable().references('code').inTable('hq_branch')
    t.text('sha256').notNullable()
    t.bigInteger('size').notNullable()
    t.boolean('complete').notNullable().defaultTo(false)
    t.text('device_id').notNullable()
    t.text('created_at').notNullable()
    t.text('completed_at')
    t.primary(['branch_code', 'sha256'])
  })
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'hq_blob',
    'hq_registration_queue',
    'hq_reference',
    'hq_change',
    'hq_record',
    'hq_counter',
    'hq_enrolment',
    'hq_device',
    'hq_branch',
  ]) {
    await knex.schema.dropTableIfExists(table)
  }
}
