import type { Knex } from 'knex'
import * as foundation from './20261201000001_hq_foundation'
import * as updates from './20261205000014_hq_updates'
import * as branchSequence from './20261205000020_hq_branch_sequence'
import * as staffBranch from './20261205000021_hq_staff_branch'
import * as severalInstances from './20261205000022_hq_several_instances'
import * as clientLookup from './20261206000002_hq_client_lookup'
import * as reportIndexes from './20261206000003_hq_report_indexes'
import * as documentLedger from './20261206000006_hq_document_ledger'
import * as batchChecks from './20261206000007_hq_batch_checks'

/** HQ's own migrations, listed explicitly (run by `npm run hq` at start). Append; never edit a shipped one. */
export interface HqMigration {
  name: string
  up(knex: Knex): Promise<void>
  down(knex: Knex): Promise<void>
}

export const HQ_MIGRATIONS: readonly HqMigration[] = [
  { name: '20261201000001_hq_foundation', ...foundation },
  { name: '20261205000014_hq_updates', ...updates },
  { name: '20261205000020_hq_branch_sequence', ...branchSequence },
  { name: '20261205000021_hq_staff_branch', ...staffBranch },
  { name: '20261205000022_hq_several_instances', ...severalInstances },
  { name: '20261206000002_hq_client_lookup', ...clientLookup },
  { name: '20261206000003_hq_report_indexes', ...reportIndexes },
  { name: '20261206000006_hq_document_ledger', ...documentLedger },
  { name: '20261206000007_hq_batch_checks', ...batchChecks },
]

export function hqMigrationSource(): Knex.MigrationSource<HqMigration> {
  return {
    getMigrations: async () => [...HQ_MIGRATIONS],
    getMigrationName: (m) => m.name,
    getMigration: async (m) => m,
  }
}
