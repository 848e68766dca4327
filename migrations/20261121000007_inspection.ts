import type { Knex } from 'knex'

/**
 * Vehicle inspections for CASCO (issue 4, points 4–5): the report, its damage rows and its photos.
 * `quote_id` names the CASCO quote the inspection was made for; it is plain text without a foreign key because
 * the quote may be created later or on another device (and an inspection may exist without one).
 * Photo files live in the data folder by SHA-256 (core/photos); a photo row names its file by that hash.
 * Damage rows and photos are never deleted: `removed_at` hides them, so the outbox carries the removal to HQ.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('inspection', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('number').notNullable().unique('inspection_number_uq')
    t.text('status').notNullable().checkIn(['draft', 'submitted', 'returned'], 'inspection_status_check')
    t.text('quote_id')
    t.text('report').notNullable() // JSON as typed (autosaved)
    t.text('checklist_version').notNullable()
    t.text('inspector_id').notNullable().references('id').inTable('staff')
    t.text('inspected_at') // local date-time copied out of the report, for sorting
    t.text('plate')
    t.text('vin')
    t.text('client_name')
    t.text('vehicle')
    // Lower-cased number, plate, VIN, client and vehicle: SQLite's LIKE folds case for ASCII only.
    t.text('search_text')
    t.text('submitted_at')
    t.text('submitted_by')
    t.text('returned_at')
    t.text('returned_by')
    t.text('return_reason')
    t.index(['status', 'updated_at'], 'inspection_status_idx')
    t.index(['inspector_id', 'updated_at'], 'inspection_inspector_idx')
    t.index(['quote_id'], 'inspection_quote_idx')
  })

  await knex.schema.createTable('inspection_damage', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('inspection_id').notNullable().references('id').inTable('inspection')
    t.integer('seq').notNullable()
    t.text('view').notNullable().checkIn(['top', 'front', 'rear', 'left', 'right'], 'inspection_damage_view_check')
    t.double('x').notNullable().checkBetween([0, 1], 'inspection_damage_x_check')
    t.double('y').notNullable().checkBetween([0, 1], 'inspection_damage_y_check')
    t.text('zone_code').notNullable().defaultTo('')
    t.text('part_code').notNullable().defaultTo('')
    t.text('type_code').notNullable().defaultTo('')
    t.double('size_cm')
    t.text('severity').notNullable().defaultTo('')
    t.text('note').notNullable().defaultTo('')
    t.text('removed_at')
    t.unique(['inspection_id', 'seq'], { indexName: 'inspection_damage_seq_uq' })
  })

  await knex.schema.createTable('inspection_photo', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('inspection_id').notNullable().references('id').inTable('inspection')
    t.text('sha256').notNullable()
    t.text('shot').notNullable()
    t.text('damage_id').references('id').inTable('inspection_damage')
    t.text('captured_at').notNullable()
    t.text('source').notNullable().checkIn(['camera', 'file', 'drawn'], 'inspection_photo_source_check')
    t.text('device').notNullable().defaultTo('')
    t.text('file_name').notNullable().defaultTo('')
    t.integer('width').notNullable()
    t.integer('height').notNullable()
    t.integer('bytes').notNullable()
    t.text('format').notNullable()
    t.double('gps_lat')
    t.double('gps_lon')
    t.double('gps_accuracy_m')
    t.text('removed_at')
    t.index(['inspection_id'], 'inspection_photo_inspection_idx')
    t.index(['sha256'], 'inspection_photo_sha_idx')
  })
  // A damage photo belongs to a damage row; any other shot does not.
  await knex.raw(`CREATE TRIGGER inspection_photo_damage_link BEFORE INSERT ON inspection_photo
    WHEN (NEW.shot = 'damage') <> (NEW.damage_id IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'inspection_photo: damage_id is required for damage shots and only for them'); END`)
  await knex.raw(`CREATE TRIGGER inspection_photo_damage_link_update BEFORE UPDATE OF shot, damage_id ON inspection_photo
    WHEN (NEW.shot = 'damage') <> (NEW.damage_id IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'inspection_photo: damage_id is required for damage shots and only for them'); END`)
  // The same picture twice in one inspection is a mistake or an attempt to pass one corner off as another.
  await knex.raw(
    'CREATE UNIQUE INDEX inspection_photo_once_uq ON inspection_photo (inspection_id, sha256) WHERE removed_at IS NULL',
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('inspection_photo')
  await knex.schema.dropTableIfExists('inspection_damage')
  await knex.schema.dropTableIfExists('inspection')
}
