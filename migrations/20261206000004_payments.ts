import type { Knex } from 'knex'

/**
 * The payments journal and the cash day (issue 16 point 3; core/payments, docs/domain/payments.md#cash-day):
 * - `payment`: every premium taken and refund paid at the branch, one row each, only ever inserted (a mistake is
 *   reversed by a new row naming it in `reverses_id`). `business_day` is the branch's day the payment belongs to —
 *   the date of `paid_at` in the branch's time zone, or the next day when that one is closed.
 * - `cash_day`: one row per business day that had a payment or was closed: `open`, then `closed` with the day's
 *   cash report frozen in `report` (its closing cash is the next day's opening).
 * Indexes: the journal lists one day newest first, filtered by clerk (method and purpose filter inside a day's few
 * hundred rows); a record's payments are found by the record; a reversal by the row it reverses.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cash_day', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('branch_id').notNullable()
    t.text('day').notNullable()
    t.text('status').notNullable().checkIn(['open', 'closed'], 'cash_day_status_check')
    t.text('closed_at')
    t.text('closed_by').references('id').inTable('staff')
    t.text('report') // JSON: the cash report as closed (shared/payments/cashReport.ts)
    t.unique(['branch_id', 'day'], { indexName: 'cash_day_day_unique' })
    t.index(['status', 'day'], 'cash_day_status_idx')
  })
  await knex.schema.createTable('payment', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('branch_id').notNullable()
    t.text('direction').notNullable().checkIn(['in', 'out'], 'payment_direction_check')
    t.text('purpose')
      .notNullable()
      .checkIn(
        [
          'osago_premium',
          'osago_change_premium',
          'osago_change_refund',
          'osago_duplicate_fee',
          'casco_premium',
          'casco_instalment',
          'termination_refund',
        ],
        'payment_purpose_check',
      )
    t.text('record_type').notNullable()
    t.text('record_id').notNullable()
    t.integer('instalment_no')
    t.integer('amount_kopecks').notNullable()
    t.text('method').notNullable().checkIn(['cash', 'card', 'bank'], 'payment_method_check')
    t.text('receipt').notNullable() // JSON: { number, fiscal: FiscalAttributes | null }
    t.text('clerk_id').notNullable()
    t.text('clerk_name').notNullable()
    t.text('paid_at').notNullable()
    t.text('business_day').notNullable()
    t.text('cash_day_id').references('id').inTable('cash_day')
    t.text('reverses_id').references('id').inTable('payment')
    t.text('reason')
    t.index(['business_day', 'paid_at'], 'payment_day_idx')
    t.index(['business_day', 'clerk_id', 'paid_at'], 'payment_day_clerk_idx')
    t.index(['record_type', 'record_id'], 'payment_record_idx')
    t.index(['reverses_id'], 'payment_reverses_idx')
  })
  // Amounts are positive kopecks; the direction says which way the money went.
  await knex.raw(`CREATE TRIGGER payment_amount_positive BEFORE INSERT ON payment
    WHEN NEW.amount_kopecks IS NULL OR NEW.amount_kopecks <= 0 OR typeof(NEW.amount_kopecks) <> 'integer'
    BEGIN SELECT RAISE(ABORT, 'payment: the amount is a positive integer of kopecks'); END`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS payment_amount_positive')
  await knex.schema.dropTableIfExists('payment')
  await knex.schema.dropTableIfExists('cash_day')
}
