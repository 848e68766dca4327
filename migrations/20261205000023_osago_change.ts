import type { Knex } from 'knex'

/**
 * Changes to issued OSAGO policies and duplicates of lost ones (issue 15, points 3 and 4; core/osagoChange).
 *
 * - `osago_change`: one row per change of an issued policy — its kind, the data before and after, the calculation
 *   of the additional premium or refund, the payment or refund due, the old and new blank of a re-issue — and one per
 *   duplicate of a lost policy (kind `duplicate`, with its fee). The policy's own documents stay as issued
 *   (osago_document is frozen once issued); the policy's current data is its last applied change's `after`.
 * - `policy_blank` gains the status `lost` (a blank the client lost, recorded when its duplicate is issued) with
 *   `lost_at`, `lost_by`, `lost_reason`. SQLite cannot alter a CHECK constraint, so the table is rebuilt from its own
 *   CREATE statement with `lost` added; its indexes are re-created from theirs, its shape triggers with `lost`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('osago_change', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('policy_id').notNullable().references('id').inTable('osago_policy')
    t.text('kind').notNullable()
    t.text('status').notNullable().checkIn(['draft', 'calculated', 'applied', 'discarded'], 'osago_change_status_check')
    t.text('print_form').notNullable().checkIn(['addendum', 'reissue', 'duplicate'], 'osago_change_print_check')
    t.text('effective_date').notNullable()
    t.text('before').notNullable()
    t.text('after').notNullable()
    t.text('calculation')
    t.text('settlement')
    t.integer('amount_kopecks')
    t.integer('fee_kopecks')
    t.text('old_blank_id')
    t.text('new_blank_id')
    t.text('new_series')
    t.text('new_number')
    t.text('reason')
    t.text('applied_at')
    t.text('applied_by').references('id').inTable('staff')
    t.text('created_by').references('id').inTable('staff')
    t.index(['policy_id', 'status', 'applied_at'], 'osago_change_policy_idx')
  })

  await rebuildBlankTable(knex, (sql) => sql.replace(STATUSES_BEFORE, "$1,'lost')"))
  await knex.schema.alterTable('policy_blank', (t) => {
    t.text('lost_at')
    t.text('lost_by').references('id').inTable('staff')
    t.text('lost_reason')
  })
  await blankTriggers(knex, true)
}

/** The status list of the CHECK as written by the first migration, whatever the spacing. */
const STATUSES_BEFORE = /(in\s*\(\s*'available'\s*,\s*'used'\s*,\s*'spoiled')\s*\)/i
const STATUSES_AFTER = /(in\s*\(\s*'available'\s*,\s*'used'\s*,\s*'spoiled')\s*,\s*'lost'\s*\)/i

/**
 * Rebuilds policy_blank with its CREATE statement changed by `edit`: a copy under another name, the rows copied,
 * the old table dropped (its triggers and indexes with it), the copy renamed, the indexes re-created. No foreign key
 * points at policy_blank, so dropping it inside the migration's transaction is safe with foreign keys on.
 */
async function rebuildBlankTable(knex: Knex, edit: (sql: string) => string): Promise<void> {
  const objects = (await knex('sqlite_master')
    .where({ tbl_name: 'policy_blank' })
    .whereNotNull('sql')
    .select('type', 'name', 'sql')) as Array<{ type: string; name: string; sql: string }>
  const table = objects.find((o) => o.type === 'table')
  if (!table) throw new Error('policy_blank: no table')
  const edited = edit(table.sql)
  if (edited === table.sql) throw new Error('policy_blank: its status CHECK is not the one this migration knows')
  const columns = ((await knex.raw('PRAGMA table_info(policy_blank)')) as Array<{ name: string }>)
    .map((c) => `"${c.name}"`)
    .join(', ')
  await knex.raw(edited.replace(/^CREATE TABLE\s+[`"]?policy_blank[`"]?/i, 'CREATE TABLE "policy_blank_next"'))
  await knex.raw(`INSERT INTO policy_blank_next (${columns}) SELECT ${columns} FROM policy_blank`)
  await knex.raw('DROP TABLE policy_blank')
  await knex.raw('ALTER TABLE policy_blank_next RENAME TO policy_blank')
  for (const o of objects.filter((x) => x.type === 'index')) await knex.raw(o.sql)
}

/** The shape and no-reuse triggers of migration 20261121000002, with `lost` when `withLost`. */
async function blankTriggers(knex: Knex, withLost: boolean): Promise<void> {
  for (const name of ['policy_blank_shape_insert', 'policy_blank_shape_update', 'policy_blank_no_reuse'])
    await knex.raw(`DROP TRIGGER IF EXISTS ${name}`)
  const shapeOk = (row: string) => `(
    ${row}.status = 'available' AND ${row}.policy_id IS NULL AND ${row}.used_at IS NULL AND ${row}.spoiled_at IS NULL
    OR ${row}.status = 'used' AND ${row}.policy_id IS NOT NULL AND ${row}.used_at IS NOT NULL AND ${row}.spoiled_at IS NULL
    OR ${row}.status = 'spoiled' AND ${row}.spoiled_at IS NOT NULL AND ${row}.spoiled_reason IS NOT NULL
    ${withLost ? `OR ${row}.status = 'lost' AND ${row}.policy_id IS NOT NULL AND ${row}.lost_at IS NOT NULL AND ${row}.lost_reason IS NOT NULL` : ''}
  )`
  await knex.raw(`CREATE TRIGGER policy_blank_shape_insert BEFORE INSERT ON policy_blank
    WHEN NOT ${shapeOk('NEW')} BEGIN SELECT RAISE(ABORT, 'policy_blank: fields do not match the status'); END`)
  await knex.raw(`CREATE TRIGGER policy_blank_shape_update BEFORE UPDATE ON policy_blank
    WHEN NOT ${shapeOk('NEW')} BEGIN SELECT RAISE(ABORT, 'policy_blank: fields do not match the status'); END`)
  // Spoiled and lost are final, and a used blank never returns to stock: a blank is never used twice.
  const final = withLost ? "OLD.status IN ('spoiled', 'lost')" : "OLD.status = 'spoiled'"
  await knex.raw(`CREATE TRIGGER policy_blank_no_reuse BEFORE UPDATE OF status ON policy_blank
    WHEN ${final} AND NEW.status <> OLD.status OR OLD.status = 'used' AND NEW.status = 'available'
    BEGIN SELECT RAISE(ABORT, 'policy_blank: a used or spoiled blank never returns to stock'); END`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('osago_change')
  for (const name of ['policy_blank_shape_insert', 'policy_blank_shape_update', 'policy_blank_no_reuse'])
    await knex.raw(`DROP TRIGGER IF EXISTS ${name}`)
  // The previous schema has no lost blank: one recorded lost goes back as spoiled, with its reason.
  await knex.raw(
    "UPDATE policy_blank SET status = 'spoiled', spoiled_at = lost_at, spoiled_by = lost_by, spoiled_reason = lost_reason WHERE status = 'lost'",
  )
  await knex.schema.alterTable('policy_blank', (t) => {
    t.dropColumn('lost_reason')
    t.dropColumn('lost_by')
    t.dropColumn('lost_at')
  })
  await rebuildBlankTable(knex, (sql) => sql.replace(STATUSES_AFTER, '$1)'))
  await blankTriggers(knex, false)
}
