import type { Knex } from 'knex'

/**
 * Renewal at the office (issue 15 point 2, docs/domain/renewal.md): a renewal is a new OSAGO draft or CASCO quote
 * that names the contract it renews. `renews_policy_id` / `renews_contract_id` are indexed so «is this contract
 * already being renewed?» (the worklist, a second renewal attempt, the old contract's link to its renewal) is a
 * lookup, not a scan. CASCO contracts get the end-date index OSAGO got in 20261205000020: the worklist walks both
 * tables by their last day in order and stops after a page.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE osago_policy ADD COLUMN renews_policy_id TEXT')
  await knex.raw('ALTER TABLE casco_quote ADD COLUMN renews_contract_id TEXT')
  await knex.raw('CREATE INDEX osago_renews_idx ON osago_policy (renews_policy_id)')
  await knex.raw('CREATE INDEX casco_renews_idx ON casco_quote (renews_contract_id)')
  await knex.raw('CREATE INDEX casco_end_idx ON casco_quote (end_date)')
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS casco_end_idx')
  await knex.raw('DROP INDEX IF EXISTS casco_renews_idx')
  await knex.raw('DROP INDEX IF EXISTS osago_renews_idx')
  await knex.raw('ALTER TABLE casco_quote DROP COLUMN renews_contract_id')
  await knex.raw('ALTER TABLE osago_policy DROP COLUMN renews_policy_id')
}
