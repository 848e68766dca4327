import type { Knex } from 'knex'

/**
 * Termination and refund applications (issue 5).
 *
 * - `manual_contract`: contracts concluded elsewhere, typed from the client's policy until HQ lookup exists; the
 *   table itself is the "entered by hand" mark.
 * - `termination_application`: one row per application, numbered from a per-branch, per-year sequence. The
 *   contract is kept as a JSON snapshot as well as by reference, so the application reads the same after sync.
 * - `termination_sequence`: the last incoming number given per branch and year. Device bookkeeping, not synced:
 *   it is advanced inside the transaction that inserts the application, so a number is never given twice.
 * - `osago_policy.terminated_on`: set when an application terminates a local OSAGO policy.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('manual_contract', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('product').notNullable().checkIn(['osago', 'casco', 'voluntary'], 'manual_contract_product_check')
    t.text('contract_number').notNullable()
    t.text('concluded_at')
    t.text('policyholder_type').notNullable().checkIn(['individual', 'legal'], 'manual_contract_holder_check')
    t.text('policyholder_name').notNullable()
    t.text('plate')
    t.text('vin')
    t.text('conclusion_date').notNullable()
    t.text('start_date').notNullable()
    t.text('end_date').notNullable()
    t.integer('premium_kopecks').notNullable()
    t.text('periods_of_use') // JSON [{from,to}] or null for the whole term
    t.text('entered_by').references('id').inTable('staff')
    t.text('terminated_on')
    t.text('search_text').notNullable()
    t.index(['product', 'conclusion_date'], 'manual_contract_product_idx')
  })

  await knex.schema.createTable('termination_application', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('branch_id').notNullable().references('id').inTable('branch')
    t.integer('incoming_year').notNullable()
    t.integer('incoming_seq').notNullable()
    t.text('incoming_number').notNullable().unique()
    t.text('received_at').notNullable()
    t.text('received_on').notNullable()
    t.text('received_by').references('id').inTable('staff')
    t.text('status')
      .notNullable()
      .checkIn(['received', 'calculated', 'approved', 'paid', 'refused', 'closed'], 'termination_status_check')
    t.text('contract_source').notNullable().checkIn(['osago', 'manual'], 'termination_source_check')
    t.text('contract_id').notNullable()
    t.text('contract').notNullable() // JSON snapshot
    t.text('kind')
      .notNullable()
      .checkIn(['osago-early-termination', 'cooling-off', 'casco-sale'], 'termination_kind_check')
    t.text('details').notNullable() // JSON: ground, applicant, representative, payout
    t.text('required_documents').notNullable() // JSON
    t.boolean('documents_verified').notNullable().defaultTo(false)
    t.text('documents').notNullable().defaultTo('[]') // JSON: ticked
    t.text('payout_due_on')
    t.text('calculation') // JSON
    t.integer('refund_kopecks')
    t.text('completed_at')
    t.text('completed_by').references('id').inTable('staff')
    t.text('approved_at')
    t.text('approved_by').references('id').inTable('staff')
    t.text('paid_on')
    t.text('paid_by').references('id').inTable('staff')
    t.text('payment_document')
    t.integer('penalty_kopecks')
    t.integer('paid_kopecks')
    t.text('refused_at')
    t.text('refused_by').references('id').inTable('staff')
    t.text('refusal_reason')
    t.text('policyholder_name').notNullable()
    t.text('contract_number').notNullable()
    t.text('search_text').notNullable()
    t.unique(['branch_id', 'incoming_year', 'incoming_seq'], { indexName: 'termination_incoming_uq' })
    t.index(['status', 'payout_due_on'], 'termination_due_idx')
    t.index(['contract_source', 'contract_id'], 'termination_contract_idx')
  })
  // One application in progress per contract, whatever the code does.
  await knex.raw(`CREATE UNIQUE INDEX termination_open_uq ON termination_application (contract_source, contract_id)
    WHERE status IN ('received', 'calculated', 'approved')`)
  // Each status carries what it means: a calculation once completed, approval, payment and refusal details.
  await knex.raw(`CREATE TRIGGER termination_shape_insert BEFORE INSERT ON termination_application
    WHEN NOT ${shapeOk('NEW')} BEGIN SELECT RAISE(ABORT, 'termination_application: fields do not match the status'); END`)
  await knex.raw(`CREATE TRIGGER termination_shape_update BEFORE UPDATE ON termination_application
    WHEN NOT ${shapeOk('NEW')} BEGIN SELECT RAISE(ABORT, 'termination_application: fields do not match the status'); END`)
  // The incoming number is given once and for good.
  await knex.raw(`CREATE TRIGGER termination_number_fixed BEFORE UPDATE OF incoming_number, incoming_seq, incoming_year, branch_id
    ON termination_application WHEN OLD.incoming_number <> NEW.incoming_number OR OLD.incoming_seq <> NEW.incoming_seq
      OR OLD.incoming_year <> NEW.incoming_year OR OLD.branch_id <> NEW.branch_id
    BEGIN SELECT RAISE(ABORT, 'termination_application: the incoming number never changes'); END`)

  await knex.schema.createTable('termination_sequence', (t) => {
    t.text('branch_id').notNullable().references('id').inTable('branch')
    t.integer('year').notNullable()
    t.integer('last_seq').notNullable()
    t.primary(['branch_id', 'year'])
  })

  await knex.schema.alterTable('osago_policy', (t) => {
    t.text('terminated_on')
  })
}

function shapeOk(row: string): string {
  return `(
    ${row}.status = 'received' AND ${row}.calculation IS NULL AND ${row}.paid_on IS NULL AND ${row}.refused_at IS NULL
    OR ${row}.status IN ('calculated', 'closed') AND ${row}.calculation IS NOT NULL AND ${row}.completed_at IS NOT NULL
      AND ${row}.paid_on IS NULL AND ${row}.refused_at IS NULL
    OR ${row}.status = 'approved' AND ${row}.calculation IS NOT NULL AND ${row}.approved_at IS NOT NULL AND ${row}.paid_on IS NULL
      AND ${row}.refused_at IS NULL
    OR ${row}.status = 'paid' AND ${row}.calculation IS NOT NULL AND ${row}.paid_on IS NOT NULL AND ${row}.payment_document IS NOT NULL
      AND ${row}.paid_kopecks IS NOT NULL AND ${row}.refused_at IS NULL
    OR ${row}.status = 'refused' AND ${row}.refused_at IS NOT NULL AND ${row}.refusal_reason IS NOT NULL AND ${row}.paid_on IS NULL
  )`
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE osago_policy DROP COLUMN terminated_on')
  await knex.schema.dropTableIfExists('termination_sequence')
  await knex.raw('DROP TRIGGER IF EXISTS termination_number_fixed')
  await knex.raw('DROP TRIGGER IF EXISTS termination_shape_update')
  await knex.raw('DROP TRIGGER IF EXISTS termination_shape_insert')
  await knex.schema.dropTableIfExists('termination_application')
  await knex.schema.dropTableIfExists('manual_contract')
}
