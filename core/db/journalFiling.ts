import type BetterSqlite3 from 'better-sqlite3'

/**
 * `write_journal`'s INSTEAD OF trigger as migration 20261205000016 creates it: an entry with no `change_id` becomes
 * one audit_log row and nothing else. `PreparedWrites.fileJournal` (core/db/write.ts) inserts runs of such entries —
 * every entry of a pulled page — straight into audit_log, the same row without running the trigger program once per
 * entry (a page of 1,000 audit entries: ~15 % less SQLite time for them, measured for issue 12). It does so only
 * while the database's trigger is this one and the view has no other: a later migration that changes how entries
 * are filed turns the shortcut off by itself, and every entry goes through the view again.
 */
const JOURNAL_TRIGGER = `CREATE TRIGGER write_journal_file INSTEAD OF INSERT ON write_journal
    BEGIN
      INSERT INTO outbox (change_id, entity, entity_id, op, row_version, data, changed_at, changed_by)
        SELECT NEW.change_id, NEW.entity, NEW.entity_id, NEW.op, NEW.row_version, NEW.data, NEW.at, NEW.actor_id
        WHERE NEW.change_id IS NOT NULL;
      INSERT INTO audit_log (id, at, actor_id, actor_login, action, entity, entity_id, before, after)
        VALUES (NEW.audit_id, NEW.at, NEW.actor_id, NEW.actor_login, NEW.action, NEW.entity, NEW.entity_id,
          NEW.before, NEW.after);
    END`

/** audit_log's columns, each with the journal column the trigger takes it from. */
export const AUDIT_FROM_JOURNAL: ReadonlyArray<readonly [string, string]> = [
  ['id', 'audit_id'],
  ['at', 'at'],
  ['actor_id', 'actor_id'],
  ['actor_login', 'actor_login'],
  ['action', 'action'],
  ['entity', 'entity'],
  ['entity_id', 'entity_id'],
  ['before', 'before'],
  ['after', 'after'],
]

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim()

/** Whether audit-only journal entries may go straight into audit_log on this connection's database. */
export function auditGoesDirect(conn: BetterSqlite3.Database): boolean {
  const triggers = conn
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'write_journal'")
    .all() as Array<{ name: string; sql: string | null }>
  return (
    triggers.length === 1 &&
    triggers[0]!.name === 'write_journal_file' &&
    normalise(triggers[0]!.sql ?? '') === normalise(JOURNAL_TRIGGER)
  )
}
