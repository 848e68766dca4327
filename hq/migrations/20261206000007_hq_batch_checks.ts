import type { Knex } from 'knex'

/**
 * A push batch's rows without a foreign-key check each (issue 12 point 4; decision 117). On PostgreSQL every inserted
 * `hq_record` row looked up its branch and every `hq_change` row its device: 1,000 lookups of the same two rows a
 * batch of 500, by row triggers, ~4–9 ms of the batch statement's ~15–30 ms (auto_explain, bench:sync) — inside the
 * branch's lock, where batches of one branch queue. The batch already holds both rows: it locks its branch row
 * (`for update`) and writes its device's last-seen time in the same statement, which fails the batch when either is
 * missing (hq/records.ts `writePushBatch`). HQ deletes neither branches nor devices.
 *
 * PostgreSQL only: SQLite's HQ is one process for a small office and drops a foreign key only by rebuilding the
 * table; its checks cost a lookup in the same file.
 */
const CHECKS = [
  {
    table: 'hq_record',
    column: 'branch_code',
    name: 'hq_record_branch_code_foreign',
    refTable: 'hq_branch',
    ref: 'code',
  },
  { table: 'hq_change', column: 'device_id', name: 'hq_change_device_id_foreign', refTable: 'hq_device', ref: 'id' },
] as const

const isPg = (knex: Knex) => String(knex.client.config.client) === 'pg'

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return
  for (const c of CHECKS) await knex.raw(`alter table ${c.table} drop constraint if exists ${c.name}`)
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return
  for (const c of CHECKS)
    await knex.raw(
      `alter table ${c.table} add constraint ${c.name} foreign key (${c.column}) references ${c.refTable} (${c.ref})`,
    )
}
