import type { Knex } from 'knex'

/**
 * One change sequence per branch instead of one for all of HQ (issue 12). A branch's devices pull only that
 * branch's records and the reference files HQ publishes, so the order that matters is per branch: each branch
 * row carries its own counter, taken (locked to commit) by whoever writes that branch's records, and writers of
 * different branches no longer queue on one row. Reference files reach every branch through a link row placed
 * in each branch's sequence when the file is published, so a device's cursor stays one number.
 *
 * Existing positions stay valid: every branch counter starts at the old global value, and every published file
 * gets a link at its old global position — a cursor a device holds means the same after the migration.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('hq_branch', (t) => {
    t.bigInteger('seq').notNullable().defaultTo(0)
  })
  const counter = (await knex('hq_counter').where({ name: 'seq' }).first('value')) as
    { value: number | string } | undefined
  await knex('hq_branch').update({ seq: Number(counter?.value ?? 0) })

  await knex.schema.createTable('hq_branch_reference', (t) => {
    t.text('branch_code').notNullable().references('code').inTable('hq_branch')
    t.bigInteger('seq').notNullable()
    t.text('reference_id').notNullable().references('id').inTable('hq_reference')
    t.primary(['branch_code', 'seq'])
  })
  const branches = (await knex('hq_branch').select('code')) as Array<{ code: string }>
  const references = (await knex('hq_reference').select('id', 'seq')) as Array<{ id: string; seq: number | string }>
  const links = branches.flatMap((b) =>
    references.map((r) => ({ branch_code: b.code, seq: Number(r.seq), reference_id: r.id })),
  )
  for (let i = 0; i < links.length; i += 300) await knex('hq_branch_reference').insert(links.slice(i, i + 300))
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('hq_branch_reference')
  await knex.schema.alterTable('hq_branch', (t) => {
    t.dropColumn('seq')
  })
}
