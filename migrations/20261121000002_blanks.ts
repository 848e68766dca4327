import type { Knex } from 'knex'

/**
 * Paper OSAGO blanks (BSO) in branch stock. A row is born when the admin receives a range and is never deleted:
 * it ends `used` (one policy) or `spoiled` (kept with its reason, as the insurer's accounting requires).
 * `policy_id` has no foreign key: the policy table belongs to a later migration and HQ may ship blanks first.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('policy_blank', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('series').notNullable()
    t.text('number').notNullable()
    t.text('status').notNullable().checkIn(['available', 'used', 'spoiled'], 'policy_blank_status_check')
    t.text('received_at').notNullable()
    t.text('received_by').references('id').inTable('staff')
    t.text('policy_id')
    t.text('used_at')
    t.text('used_by').references('id').inTable('staff')
    t.text('spoiled_at')
    t.text('spoiled_by').references('id').inTable('staff')
    t.text('spoiled_reason')
    t.unique(['series', 'number'], { indexName: 'policy_blank_number_uq' })
    t.index(['status', 'series', 'number'], 'policy_blank_status_idx')
  })
  // The shape of each status, so that no code path can leave a used blank without its policy or a spoiled one
  // without its reason.
  await knex.raw(`CREATE TRIGGER policy_blank_shape_insert BEFORE INSERT ON policy_blank
    WHEN NOT ${shapeOk('NEW')} BEGIN SELECT RAISE(ABORT, 'policy_blank: fields do not match the status'); END`)
  await knex.raw(`CREATE TRIGGER policy_blank_shape_update BEFORE UPDATE ON policy_blank
    WHEN NOT ${shapeOk('NEW')} BEGIN SELECT RAISE(ABORT, 'policy_blank: fields do not match the status'); END`)
  // Spoiled is final and a used blank never returns to stock: a blank is never used twice.
  await knex.raw(`CREATE TRIGGER policy_blank_no_reuse BEFORE UPDATE OF status ON policy_blank
    WHEN OLD.status = 'spoiled' AND NEW.status <> 'spoiled' OR OLD.status = 'used' AND NEW.status = 'available'
    BEGIN SELECT RAISE(ABORT, 'policy_blank: a used or spoiled blank never returns to stock'); END`)
  // A policy is printed on one blank at a time; the one it replaced is spoiled first.
  await knex.raw("CREATE UNIQUE INDEX policy_blank_policy_uq ON policy_blank (policy_id) WHERE status = 'used'")
}

function shapeOk(row: string): string {
  return `(
    ${row}.status = 'available' AND ${row}.policy_id IS NULL AND ${row}.used_at IS NULL AND ${row}.spoiled_at IS NULL
    OR ${row}.status = 'used' AND ${row}.policy_id IS NOT NULL AND ${row}.used_at IS NOT NULL AND ${row}.spoiled_at IS NULL
    OR ${row}.status = 'spoiled' AND ${row}.spoiled_at IS NOT NULL AND ${row}.spoiled_reason IS NOT NULL
  )`
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('policy_blank')
}
