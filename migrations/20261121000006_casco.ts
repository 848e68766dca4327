import type { Knex } from 'knex'

/**
 * CASCO quotes that become contracts. One row carries the whole case: the form as typed (`draft`, autosaved),
 * the engine's input and result as priced (`quote_input`, `quote_result`), the option the clerk picked, and,
 * once issued, the contract number, the payment schedule and the first payment. Search columns are copied out
 * of the JSON so the list filters with indexes.
 *
 * The contract number comes from a per-branch sequence taken inside the issuing transaction; the unique index
 * makes a duplicate impossible whatever the code does. The status list is frozen here as shipped
 * (core/casco/casco.test.ts checks CASCO_QUOTE_STATUSES of shared/casco/contract.ts against it).
 */
const STATUSES = [
  'draft',
  'quoted',
  'submitted',
  'returned',
  'approved',
  'approved-with-conditions',
  'rejected',
  'issued',
  'printed',
  'discarded',
] as const

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('casco_quote', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('status')
      .notNullable()
      .checkIn([...STATUSES], 'casco_quote_status_check')
    t.text('draft').notNullable() // JSON as typed
    t.text('quote_input') // JSON: the engine's validated input
    t.text('quote_result') // JSON: options with their factors, programs and schedules
    t.text('chosen_option') // the option's key in quote_result
    t.text('payment_plan')
    t.integer('premium_kopecks') // the chosen option's annual premium
    t.integer('total_kopecks') // the premium with the instalment surcharge: what the client pays in all
    t.integer('sum_insured_kopecks')
    t.text('tariff_version')
    t.text('conclusion_date')
    t.text('start_date')
    t.text('end_date')
    t.text('insured_name')
    t.text('plate')
    t.text('vin')
    t.text('vehicle_name')
    t.text('submitted_at')
    t.text('submitted_by').references('id').inTable('staff')
    t.text('contract_branch') // the branch code the number belongs to
    t.integer('contract_seq')
    t.text('contract_number')
    t.text('schedule') // JSON: the payment schedule as the schedule module returned it
    t.text('first_payment') // JSON
    t.text('issued_at')
    t.text('issued_by').references('id').inTable('staff')
    t.text('printed_at')
    t.text('created_by').references('id').inTable('staff')
    // Lower-cased name, plate, VIN and contract number: SQLite's LIKE folds case for ASCII only, not Cyrillic.
    t.text('search_text')
    t.index(['status', 'updated_at'], 'casco_quote_status_idx')
    t.index(['insured_name'], 'casco_quote_insured_idx')
    t.index(['plate'], 'casco_quote_plate_idx')
    t.index(['vin'], 'casco_quote_vin_idx')
  })
  await knex.raw(
    'CREATE UNIQUE INDEX casco_quote_seq_uq ON casco_quote (contract_branch, contract_seq) WHERE contract_seq IS NOT NULL',
  )
  await knex.raw(
    'CREATE UNIQUE INDEX casco_quote_number_uq ON casco_quote (contract_number) WHERE contract_number IS NOT NULL',
  )
  // An issued contract always has its number, schedule and first payment; a number never comes off a contract.
  await knex.raw(`CREATE TRIGGER casco_quote_issued_shape_insert BEFORE INSERT ON casco_quote
    WHEN NEW.status IN ('issued', 'printed') AND ${incomplete('NEW')}
    BEGIN SELECT RAISE(ABORT, 'casco_quote: an issued contract needs its number, schedule and first payment'); END`)
  await knex.raw(`CREATE TRIGGER casco_quote_issued_shape_update BEFORE UPDATE ON casco_quote
    WHEN NEW.status IN ('issued', 'printed') AND ${incomplete('NEW')}
    BEGIN SELECT RAISE(ABORT, 'casco_quote: an issued contract needs its number, schedule and first payment'); END`)
  await knex.raw(`CREATE TRIGGER casco_quote_number_kept BEFORE UPDATE OF contract_number, contract_seq ON casco_quote
    WHEN OLD.contract_number IS NOT NULL AND (NEW.contract_number IS NOT OLD.contract_number OR NEW.contract_seq IS NOT OLD.contract_seq)
    BEGIN SELECT RAISE(ABORT, 'casco_quote: a contract number is never changed'); END`)
}

function incomplete(row: string): string {
  return `(${row}.contract_number IS NULL OR ${row}.contract_seq IS NULL OR ${row}.schedule IS NULL OR ${row}.first_payment IS NULL
    OR ${row}.chosen_option IS NULL OR ${row}.total_kopecks IS NULL)`
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('casco_quote')
}
