import type { Knex } from 'knex'

/**
 * Issue 9: CASCO ends by loss not by an insured event and by refusal after the cooling-off (GK RF art. 958), so the
 * application's kind check takes two more kinds; and a late payout stores what the delay cost with its basis (the
 * penalty of seed 004 or GK RF art. 395 interest, with the key-rate periods) as JSON in `late_payout`.
 * SQLite cannot alter a CHECK constraint: termination_application is rebuilt from its own stored DDL with its
 * indexes and triggers (as in 20261121000010); the new column is added natively afterwards.
 */
const TABLE = 'termination_application'
const OLD_KINDS = "in ('osago-early-termination','cooling-off','casco-sale')"
const NEW_KINDS = "in ('osago-early-termination','cooling-off','casco-sale','casco-loss','casco-refusal')"

async function rebuildKinds(knex: Knex, from: string, to: string): Promise<void> {
  const objects = (await knex.raw(
    `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = '${TABLE}' AND sql IS NOT NULL`,
  )) as Array<{ type: string; name: string; sql: string }>
  const table = objects.find((o) => o.type === 'table')!
  if (!table.sql.includes(from)) throw new Error(`${TABLE}: kind check "${from}" not found`)
  const rebuilt = table.sql
    .replace(/^CREATE TABLE\s+[`"]?termination_application[`"]?/i, `CREATE TABLE \`${TABLE}_rebuild\``)
    .replace(from, to)
  await knex.raw(rebuilt)
  await knex.raw(`INSERT INTO ${TABLE}_rebuild SELECT * FROM ${TABLE}`)
  await knex.raw(`DROP TABLE ${TABLE}`)
  await knex.raw(`ALTER TABLE ${TABLE}_rebuild RENAME TO ${TABLE}`)
  for (const o of objects) if (o.type === 'index' || o.type === 'trigger') await knex.raw(o.sql)
}

export async function up(knex: Knex): Promise<void> {
  await rebuildKinds(knex, OLD_KINDS, NEW_KINDS)
  await knex.raw(`ALTER TABLE ${TABLE} ADD COLUMN late_payout TEXT`)
}

export async function down(knex: Knex): Promise<void> {
  // Native DROP COLUMN keeps the table and its triggers; the rebuild then finds the DDL it started from.
  await knex.raw(`ALTER TABLE ${TABLE} DROP COLUMN late_payout`)
  await knex(TABLE).whereIn('kind', ['casco-loss', 'casco-refusal']).delete()
  await rebuildKinds(knex, NEW_KINDS, OLD_KINDS)
}
