import type { Knex } from 'knex'

/**
 * The policies the radar's diagnostic-card item must look at (core/osago/api.ts diagnosticCardsEnding), kept by
 * triggers. The radar read every policy in force and its document to find the few whose card ends before the
 * policy does: at 1,000,000 contracts (104,431 in force) that was 1.6 s per `radar/get`, on the home screen
 * (bench:db `radar`).
 *
 * `osago_card_watch (policy_id, end_date, valid_until, changed)`: an issued or printed, not terminated policy whose
 * card as issued ends before the policy (`valid_until`, from its document's draft), or that has an applied change
 * (`changed`: the card in force may then be another; the radar works it out from the changes, as before). The radar
 * reads the rows with `end_date` from today on by their index. Local only (not synced: the same data as the
 * policy, its document and its changes), so the Writer, sync pull, the bench's clones and later migrations keep it
 * without knowing it exists.
 *
 * A trigger refreshes the row of one policy from the three tables: deletes it, then writes it again if the policy
 * belongs. Triggers on the document and the change run only for a policy that is issued or printed, so a draft's
 * saves and a pulled page of drafts pay one primary-key read, not a parse of the draft's JSON.
 */
const IN_FORCE_STATUSES = `('issued', 'printed')`
const CARD = `json_extract(d.draft, '$.vehicle.diagnosticCard.validUntil')`

/** Deletes and writes again the watch row of the policy `id` (an SQL expression). */
function refresh(id: string): string {
  return `DELETE FROM osago_card_watch WHERE policy_id = ${id};
    INSERT INTO osago_card_watch (policy_id, end_date, valid_until, changed)
      SELECT p.id, p.end_date, ${CARD},
        EXISTS (SELECT 1 FROM osago_change c WHERE c.policy_id = p.id AND c.status = 'applied')
      FROM osago_policy p JOIN osago_document d ON d.id = p.id
      WHERE p.id = ${id} AND p.status IN ${IN_FORCE_STATUSES} AND p.terminated_on IS NULL AND p.end_date IS NOT NULL
        AND (${CARD} < p.end_date
          OR EXISTS (SELECT 1 FROM osago_change c WHERE c.policy_id = p.id AND c.status = 'applied'));`
}

/** The policy `id` (an SQL expression) is issued or printed: the body of a document's or a change's trigger runs. */
const issued = (id: string) => `(SELECT status FROM osago_policy WHERE id = ${id}) IN ${IN_FORCE_STATUSES}`

const TRIGGERS: ReadonlyArray<[name: string, sql: string]> = [
  [
    'osago_card_watch_policy_ai',
    `AFTER INSERT ON osago_policy WHEN new.status IN ${IN_FORCE_STATUSES} BEGIN ${refresh('new.id')} END`,
  ],
  [
    'osago_card_watch_policy_au',
    `AFTER UPDATE OF status, end_date, terminated_on ON osago_policy
       WHEN old.status IN ${IN_FORCE_STATUSES} OR new.status IN ${IN_FORCE_STATUSES} BEGIN ${refresh('new.id')} END`,
  ],
  [
    'osago_card_watch_policy_ad',
    `AFTER DELETE ON osago_policy BEGIN DELETE FROM osago_card_watch WHERE policy_id = old.id; END`,
  ],
  [
    'osago_card_watch_document_ai',
    `AFTER INSERT ON osago_document WHEN ${issued('new.id')} BEGIN ${refresh('new.id')} END`,
  ],
  [
    'osago_card_watch_document_au',
    `AFTER UPDATE OF draft ON osago_document WHEN ${issued('new.id')} BEGIN ${refresh('new.id')} END`,
  ],
  [
    'osago_card_watch_document_ad',
    `AFTER DELETE ON osago_document BEGIN DELETE FROM osago_card_watch WHERE policy_id = old.id; END`,
  ],
  [
    'osago_card_watch_change_ai',
    `AFTER INSERT ON osago_change WHEN new.status = 'applied' AND ${issued('new.policy_id')} BEGIN ${refresh('new.policy_id')} END`,
  ],
  [
    'osago_card_watch_change_au',
    `AFTER UPDATE OF status ON osago_change WHEN ${issued('new.policy_id')} BEGIN ${refresh('new.policy_id')} END`,
  ],
  [
    'osago_card_watch_change_ad',
    `AFTER DELETE ON osago_change WHEN ${issued('old.policy_id')} BEGIN ${refresh('old.policy_id')} END`,
  ],
]

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE osago_card_watch (
    policy_id TEXT PRIMARY KEY NOT NULL,
    end_date TEXT NOT NULL,
    valid_until TEXT,
    changed INTEGER NOT NULL
  ) WITHOUT ROWID`)
  await knex.raw('CREATE INDEX osago_card_watch_end_idx ON osago_card_watch (end_date)')
  // The policies there are now, of those not ended: the range of the end date's index the radar read before (two
  // days back, whatever the branch's time zone). An ended policy never comes back into force.
  await knex.raw(`INSERT INTO osago_card_watch (policy_id, end_date, valid_until, changed)
    SELECT p.id, p.end_date, ${CARD},
      EXISTS (SELECT 1 FROM osago_change c WHERE c.policy_id = p.id AND c.status = 'applied')
    FROM osago_policy p JOIN osago_document d ON d.id = p.id
    WHERE p.end_date >= date('now', '-2 days') AND +p.status IN ${IN_FORCE_STATUSES} AND p.terminated_on IS NULL
      AND (${CARD} < p.end_date
        OR EXISTS (SELECT 1 FROM osago_change c WHERE c.policy_id = p.id AND c.status = 'applied'))`)
  for (const [name, sql] of TRIGGERS) await knex.raw(`CREATE TRIGGER ${name} ${sql}`)
}

export async function down(knex: Knex): Promise<void> {
  for (const [name] of TRIGGERS) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`)
  await knex.raw('DROP TABLE IF EXISTS osago_card_watch')
}
