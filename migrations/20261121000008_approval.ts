import type { Knex } from 'knex'

/**
 * Supervisors' decisions on CASCO quotes. Append-only in the database itself, like `audit_log`: a decision or
 * its comment is never edited or removed, a later decision supersedes an earlier one. Each row keeps what the
 * supervisor saw — the quote's row version, the inspection report and the underwriting checks that fired — so
 * the decision can be judged later against the facts of its time.
 * `inspection_id` has no foreign key: the report may come from another device through HQ before its row does.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('approval_decision', (t) => {
    t.text('id').primary()
    t.text('created_at').notNullable()
    t.text('updated_at').notNullable()
    t.integer('row_version').notNullable().defaultTo(1)
    t.text('quote_id').notNullable().references('id').inTable('casco_quote')
    t.integer('quote_row_version').notNullable()
    t.text('inspection_id')
    t.text('decision')
      .notNullable()
      .checkIn(['approved', 'approved-with-conditions', 'returned', 'rejected'], 'approval_decision_check')
    t.text('return_to') // who must act on a return: the clerk (terms) or the inspector (report)
    t.text('comment')
    t.text('conditions') // JSON array of texts
    t.text('valid_until')
    t.text('checks').notNullable() // JSON: the underwriting checks that fired when the decision was taken
    t.text('decided_by').notNullable().references('id').inTable('staff')
    t.text('decided_by_name').notNullable()
    t.text('decided_at').notNullable()
    t.index(['quote_id', 'decided_at'], 'approval_decision_quote_idx')
  })
  // What each decision must carry: a reason for a return or a refusal, conditions and a validity date for a
  // conditional approval, a validity date for any approval.
  await knex.raw(`CREATE TRIGGER approval_decision_shape BEFORE INSERT ON approval_decision
    WHEN NOT (
      NEW.decision = 'approved' AND NEW.valid_until IS NOT NULL
      OR NEW.decision = 'approved-with-conditions' AND NEW.valid_until IS NOT NULL AND NEW.conditions IS NOT NULL AND NEW.conditions <> '[]'
      OR NEW.decision = 'returned' AND coalesce(NEW.return_to, '') IN ('clerk', 'inspector') AND length(trim(coalesce(NEW.comment, ''))) > 0
      OR NEW.decision = 'rejected' AND length(trim(coalesce(NEW.comment, ''))) > 0
    )
    BEGIN SELECT RAISE(ABORT, 'approval_decision: fields do not match the decision'); END`)
  // Four eyes, also below the core: whoever created the quote never decides on it.
  await knex.raw(`CREATE TRIGGER approval_decision_four_eyes BEFORE INSERT ON approval_decision
    WHEN NEW.decided_by = (SELECT created_by FROM casco_quote WHERE id = NEW.quote_id)
    BEGIN SELECT RAISE(ABORT, 'approval_decision: the quote''s author cannot decide on it'); END`)
  await knex.raw(`CREATE TRIGGER approval_decision_no_update BEFORE UPDATE ON approval_decision
    BEGIN SELECT RAISE(ABORT, 'approval_decision is append-only'); END`)
  await knex.raw(`CREATE TRIGGER approval_decision_no_delete BEFORE DELETE ON approval_decision
    BEGIN SELECT RAISE(ABORT, 'approval_decision is append-only'); END`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS approval_decision_shape')
  await knex.raw('DROP TRIGGER IF EXISTS approval_decision_four_eyes')
  await knex.raw('DROP TRIGGER IF EXISTS approval_decision_no_update')
  await knex.raw('DROP TRIGGER IF EXISTS approval_decision_no_delete')
  await knex.schema.dropTableIfExists('approval_decision')
}
