import type { Knex } from 'knex'

/**
 * Several HQ processes on one database (issue 13): what one process used to keep in memory moves to rows every
 * instance sees.
 *
 * - `hq_push_turn`: where each device's pipelined push stands (its run, the next index to apply, whether a batch
 *   of the run failed). Batch 1 of a device may reach another instance than batch 0 (hq/pushOrder.ts). A table of
 *   its own, not columns of `hq_device`: the push transaction updates the device row (last seen), and the turn's
 *   short updates must not queue behind it.
 * - `hq_registration_queue.claimed_by/claimed_until`: a worker claims queued policies before it calls the national
 *   register, so two instances never register one policy twice (hq/registrationWorker.ts).
 * - `hq_blob.received`: bytes of an upload HQ holds, committed after they were written. Chunks of one upload may
 *   reach different instances; the row, not one process's lock or the part file's length, says where the next
 *   chunk starts (hq/blobs.ts). Uploads in progress when this runs restart from 0 (their row says 0).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hq_push_turn', (t) => {
    t.text('device_id').primary().references('id').inTable('hq_device')
    t.text('run').notNullable()
    t.integer('next').notNullable().defaultTo(0)
    t.integer('broken').notNullable().defaultTo(0)
  })
  await knex.schema.alterTable('hq_registration_queue', (t) => {
    t.text('claimed_by')
    t.text('claimed_until')
  })
  await knex.schema.alterTable('hq_blob', (t) => {
    t.bigInteger('received').notNullable().defaultTo(0)
  })
  // Complete blobs hold all their bytes.
  await knex('hq_blob')
    .where({ complete: true })
    .update({ received: knex.ref('size') })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('hq_blob', (t) => {
    t.dropColumn('received')
  })
  await knex.schema.alterTable('hq_registration_queue', (t) => {
    t.dropColumn('claimed_until')
    t.dropColumn('claimed_by')
  })
  await knex.schema.dropTableIfExists('hq_push_turn')
}
