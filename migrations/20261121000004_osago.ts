import type { Knex } from 'knex'

/**
 * OSAGO contracts sold at the counter. The application is kept twice on purpose: `draft` as the clerk typed it
 * (autosaved, may be incomplete or invalid) and `application` as validated when priced. Search columns are
 * copied out of the JSON so the list can filter with indexes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('osago_policy', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('status')
      .notNullable()
      .checkIn(['draft', 'calculated', 'issued', 'printed', 'discarded'], 'osago_status_check')
    t.text('draft').notNullable() // JSON as typed
    t.text('application') // JSON, validated
    t.text('calculation') // JSON: premium with its breakdown
    t.integer('premium_kopecks')
    t.text('tariff_version')
    t.text('conclusion_date')
    t.text('start_date')
    t.text('end_date')
    t.text('insured_name')
    t.text('plate')
    t.text('vin')
    t.text('blank_id')
    t.text('policy_series')
    t.text('policy_number')
    t.text('payment') // JSON
    t.text('issued_at')
    t.text('issued_by')
    t.text('printed_at')
    t.text('created_by')
    // Lower-cased name, plate, VIN and policy number: SQLite's LIKE folds case for ASCII only, not Cyrillic.
    t.text('search_text')
    t.index(['status', 'updated_at'], 'osago_status_idx')
    t.index(['insured_name'], 'osago_insured_idx')
    t.index(['plate'], 'osago_plate_idx')
    t.index(['vin'], 'osago_vin_idx')
  })
  // One blank, one policy: enforced by the database, whatever the code does.
  await knex.raw('CREATE UNIQUE INDEX osago_policy_blank_uq ON osago_policy (blank_id) WHERE blank_id IS NOT NULL')
  await knex.raw(
    'CREATE UNIQUE INDEX osago_policy_number_uq ON osago_policy (policy_series, policy_number) WHERE policy_number IS NOT NULL',
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('osago_policy')
}
