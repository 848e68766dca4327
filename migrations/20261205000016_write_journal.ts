import type { Knex } from 'knex'

/**
 * `write_journal`: one statement files a whole write's outbox and audit entries (issue 11: «Рассчитать» in at most
 * four statements). An insert-only view with no rows of its own; its INSTEAD OF trigger puts each entry into
 * `audit_log` and, when the entry is a local change to a synced table (`change_id` given), into `outbox` too — in
 * the same transaction as the rows, as before. The Writer (core/db/write.ts) is its only user. The two tables, their
 * append-only triggers and what push and the audit screens read are unchanged.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE VIEW write_journal AS SELECT
      NULL AS change_id, NULL AS op, NULL AS row_version, NULL AS data,
      NULL AS audit_id, NULL AS at, NULL AS actor_id, NULL AS actor_login, NULL AS action,
      NULL AS entity, NULL AS entity_id, NULL AS before, NULL AS after
    WHERE 0`)
  await knex.raw(`CREATE TRIGGER write_journal_file INSTEAD OF INSERT ON write_journal
    BEGIN
      INSERT INTO outbox (change_id, entity, entity_id, op, row_version, data, changed_at, changed_by)
        SELECT NEW.change_id, NEW.entity, NEW.entity_id, NEW.op, NEW.row_version, NEW.data, NEW.at, NEW.actor_id
        WHERE NEW.change_id IS NOT NULL;
      INSERT INTO audit_log (id, at, actor_id, actor_login, action, entity, entity_id, before, after)
        VALUES (NEW.audit_id, NEW.at, NEW.actor_id, NEW.actor_login, NEW.action, NEW.entity, NEW.entity_id,
          NEW.before, NEW.after);
    END`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS write_journal_file')
  await knex.raw('DROP VIEW IF EXISTS write_journal')
}
