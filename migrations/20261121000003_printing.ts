import type { Knex } from 'knex'

/**
 * Printer profiles: each printer's X/Y correction (millimetres) for printing onto pre-printed blanks, set from a
 * calibration page. Synced like settings, so HQ can see how a branch's printers are set up.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('printer_profile', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('printer_name').notNullable().unique()
    t.float('offset_x_mm').notNullable().defaultTo(0)
    t.float('offset_y_mm').notNullable().defaultTo(0)
  })
  // The same bound as the contract: a larger value is a wrong layout or a wrong printer, not paper feed.
  await knex.raw(`CREATE TRIGGER printer_profile_offset_insert BEFORE INSERT ON printer_profile
    WHEN abs(NEW.offset_x_mm) > 20 OR abs(NEW.offset_y_mm) > 20
    BEGIN SELECT RAISE(ABORT, 'printer offsets are limited to 20 mm'); END`)
  await knex.raw(`CREATE TRIGGER printer_profile_offset_update BEFORE UPDATE ON printer_profile
    WHEN abs(NEW.offset_x_mm) > 20 OR abs(NEW.offset_y_mm) > 20
    BEGIN SELECT RAISE(ABORT, 'printer offsets are limited to 20 mm'); END`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('printer_profile')
}
