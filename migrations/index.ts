import type { Knex } from 'knex'
import * as foundation from './20261121000001_foundation'
import * as blanks from './20261121000002_blanks'
import * as printing from './20261121000003_printing'
import * as osago from './20261121000004_osago'
import * as termination from './20261121000005_termination'
import * as casco from './20261121000006_casco'
import * as inspection from './20261121000007_inspection'
import * as approval from './20261121000008_approval'
import * as sync from './20261121000009_sync'
import * as cascoTermination from './20261121000010_casco_termination'
import * as terminationGrounds from './20261205000012_termination_grounds'
import * as calendarDeadlines from './20261205000013_calendar_deadlines'
import * as backup from './20261205000014_backup'
import * as osagoDocuments from './20261205000015_osago_documents'
import * as writeJournal from './20261205000016_write_journal'
import * as cascoDocuments from './20261205000017_casco_documents'
import * as searchIndex from './20261205000018_search_index'
import * as searchDigits from './20261205000019_search_digits'
import * as osagoEndDate from './20261205000020_osago_end_date'
import * as kbmRecheck from './20261205000021_kbm_recheck'
import * as renewalLinks from './20261205000022_renewal_links'
import * as osagoChange from './20261205000023_osago_change'
import * as client from './20261205000024_client'
import * as kbmRecheckDismissal from './20261206000001_kbm_recheck_dismissal'
import * as fiscalSettings from './20261206000003_fiscal_settings'
import * as payments from './20261206000004_payments'
import * as documentLedger from './20261206000006_document_ledger'
import * as blankMoves from './20261206000007_blank_moves'
import * as osagoCardWatch from './20261206000008_osago_card_watch'

/**
 * Migrations are listed explicitly (not discovered on disk) so that the bundled main process carries them.
 * Append new ones at the end; never edit one that has shipped.
 */
export interface Migration {
  name: string
  up(knex: Knex): Promise<void>
  down(knex: Knex): Promise<void>
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '20261121000001_foundation', ...foundation },
  { name: '20261121000002_blanks', ...blanks },
  { name: '20261121000003_printing', ...printing },
  { name: '20261121000004_osago', ...osago },
  { name: '20261121000005_termination', ...termination },
  { name: '20261121000006_casco', ...casco },
  { name: '20261121000007_inspection', ...inspection },
  { name: '20261121000008_approval', ...approval },
  { name: '20261121000009_sync', ...sync },
  { name: '20261121000010_casco_termination', ...cascoTermination },
  { name: '20261205000012_termination_grounds', ...terminationGrounds },
  { name: '20261205000013_calendar_deadlines', ...calendarDeadlines },
  { name: '20261205000014_backup', ...backup },
  { name: '20261205000015_osago_documents', ...osagoDocuments },
  { name: '20261205000016_write_journal', ...writeJournal },
  { name: '20261205000017_casco_documents', ...cascoDocuments },
  { name: '20261205000018_search_index', ...searchIndex },
  { name: '20261205000019_search_digits', ...searchDigits },
  { name: '20261205000020_osago_end_date', ...osagoEndDate },
  { name: '20261205000021_kbm_recheck', ...kbmRecheck },
  { name: '20261205000022_renewal_links', ...renewalLinks },
  { name: '20261205000023_osago_change', ...osagoChange },
  { name: '20261205000024_client', ...client },
  { name: '20261206000001_kbm_recheck_dismissal', ...kbmRecheckDismissal },
  { name: '20261206000003_fiscal_settings', ...fiscalSettings },
  { name: '20261206000004_payments', ...payments },
  { name: '20261206000006_document_ledger', ...documentLedger },
  { name: '20261206000007_blank_moves', ...blankMoves },
  { name: '20261206000008_osago_card_watch', ...osagoCardWatch },
]

export function migrationSource(upTo?: string): Knex.MigrationSource<Migration> {
  const list = upTo ? MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === upTo) + 1) : MIGRATIONS
  return {
    getMigrations: async () => [...list],
    getMigrationName: (m) => m.name,
    getMigration: async (m) => m,
  }
}
