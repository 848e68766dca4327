import type { Knex } from 'knex'

/**
 * CASCO contracts concluded in the app can be terminated at the counter: casco_quote gets the date it ended (like
 * osago_policy), and a termination application may now point at a CASCO contract. SQLite cannot alter a CHECK
 * constraint, so termination_application is rebuilt from its own stored DDL with its indexes and triggers.
 */
const TABLE = 'termination_application'
const OLD_SOURCES = "in ('osago','manual')"
const NEW_SOURCES = "in ('osago','casco','manual')"

async function rebuildSources(knex: Knex, from: string, to: string): Promise<void> {
  const objects = (await knex.raw(
    `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = '${TABLE}' AND sql IS NOT NULL`,
  )) as Array<{ type: string; name: string; sql: string }>
  const table = objects.find((o) => o.type === 'table')!
  if (!table.sql.includes(from)) throw new Error(`${TABLE}: source check "${from}" not found`)
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
  await knex.raw('ALTER TABLE casco_quote ADD COLUMN terminated_on TEXT')
  await rebuildSources(knex, OLD_SOURCES, NEW_SOURCES)
}

export async function down(knex: Knex): Promise<void> {
  await knex('termination_application').where({ contract_source: 'casco' }).delete()
  await rebuildSources(knex, NEW_SOURCES, OLD_SOURCES)
  // Native DROP COLUMN (SQLite ≥ 3.35) keeps the table and its triggers, unlike a table rebuild.
  await knex.raw('ALTER TABLE casco_quote DROP COLUMN terminated_on')
}
