import type { Knex } from 'knex'

/**
 * The ledger of issued documents (issue 17 point 2, decision 108): every printed or saved document with its
 * verification stamp, one row per document (its id is the document id the QR code carries), chained per branch
 * and computer: `seq` counts 1, 2, 3… without gaps in `chain_id`, `prev_hash` is the entry before's `entry_hash`
 * (64 zeros for the first), `entry_hash` the SHA-256 of the entry's canonical serialisation
 * (shared/documentLedger/chain.ts). Synced: HQ accepts an entry only onto its copy of the chain's last one.
 * `document_ledger_chain` (device-local) names this computer's chain — two computers of a branch work offline,
 * and one gapless sequence cannot be appended to by both.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('document_ledger', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('branch_id').notNullable()
    t.text('chain_id').notNullable()
    t.integer('seq').notNullable()
    t.text('kind').notNullable()
    t.text('record_type').notNullable()
    t.text('record_id').notNullable()
    t.text('content_sha256').notNullable()
    t.text('issued_at').notNullable()
    t.text('issued_by')
    t.text('prev_hash').notNullable()
    t.text('entry_hash').notNullable()
    t.unique(['chain_id', 'seq'], { indexName: 'document_ledger_chain_seq_uq' })
    // A reprint of the same content finds its entry by the record, the kind and the hash.
    t.index(['record_id', 'kind'], 'document_ledger_record_idx')
  })
  await knex.schema.createTable('document_ledger_chain', (t) => {
    t.text('chain_id').primary()
    t.text('created_at').notNullable()
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('document_ledger_chain')
  await knex.schema.dropTable('document_ledger')
}
