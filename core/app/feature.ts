import type { Channel } from '../../shared/contract'
import type { DocumentKind } from '../../shared/print/contract'
import type { DerivedColumns } from '../db/derived'
import type { WriteHook } from '../db/write'
import type { SyncedTableName } from '../db/syncedTables'
import type { Db } from '../db/openDatabase'
import type { Handler, Handlers } from '../ipc/handlers'
import type { DocumentRegistry, PrintableDocument } from '../print/documents'
import type { BlankLayoutFile } from '../print/osago/blankLayout'
import type { PrintPlatform } from '../print/platform'
import type { PreviewFiles } from '../print/previewFiles'
import type { ReferenceData } from '../reference/loadReferenceData'
import type { PhotoFetcher } from '../photos/photoFetcher'
import type { PhotoStore } from '../photos/photoStore'
import type { FileDialogs } from '../files/fileDialogs'
import type { SessionRegistry } from '../session/api'
import type { SyncSetUp } from '../sync/api'
import type { UpdatesSetUp } from '../update/api'
import type { BackupsSetUp } from '../backup/api'
import type { AtRestState } from '../client/api'
import type { ScryptCost } from '../staff/api'
import type { Clock } from './clock'

/**
 * What createCore has running before the features are folded in: the database, the reference data, the clock,
 * the sessions, and the long-lived services (the print kit, the photo pool, the sync engine, the updater, the
 * backup scheduler) whose handlers and hooks the features expose. A feature's `handlers` and `documents` read it.
 */
export interface CoreServices {
  db: Db
  clock: Clock
  reference: ReferenceData
  sessions: SessionRegistry
  timeZone: string
  appVersion: string
  dataDir: string
  files: FileDialogs
  logsDir?: string
  crashDumpsDir?: string
  print: {
    /** Filled from every feature's `documents` before any handler is built. */
    documents: DocumentRegistry
    layouts: readonly BlankLayoutFile[]
    previews: PreviewFiles
    platform: PrintPlatform
  }
  photos: { store: PhotoStore; fetcher: PhotoFetcher }
  sync: SyncSetUp
  updates: UpdatesSetUp
  backups: BackupsSetUp
  /** The operating system's disk encryption of the data folder, asked at start (core/client/atRest.ts). */
  atRest: Promise<AtRestState>
  /** scrypt's cost for new password hashes (core/staff/password.ts; `CoreOptions.passwordCost`). */
  passwordCost: ScryptCost
}

/** A feature's printable documents by kind (core/print/documents.ts); createCore registers them all the same way. */
export type DocumentSet = Partial<Record<DocumentKind, PrintableDocument<any>>>

/**
 * The unit of composition (issue 11; modelled on Actual Budget's `loot-core/src/server/<feature>/app.ts`): each
 * `core/<feature>/app.ts` exports one of these, and createCore folds the list `FEATURES` (core/app/createCore.ts) into
 * the handler table, the document registry and the synced tables. Adding a feature = one app.ts and one line there.
 */
export interface Feature {
  /** The folder name, the same in shared/, core/ and renderer/src/features/. */
  name: string
  /** The channels it answers (named handler functions), built once at start. */
  handlers(core: CoreServices): Partial<Handlers>
  /** Its printable documents, registered before `handlers` is called. */
  documents?(core: CoreServices): DocumentSet
  /**
   * The synced tables it owns and writes through the Writer; together exactly core/db/syncedTables.ts. They are
   * also the entities HQ judges for it: HQ may not import core/, so it keeps its own registry
   * (hq/rules/registry.ts `ENTITY_RULES`), and hq/rules/featureRules.test.ts checks it covers exactly these.
   */
  syncedTables: readonly SyncedTableName[]
  /**
   * Columns of its tables derived from the row (search_text): recomputed locally whenever a row is applied from
   * HQ, never taken from HQ (core/db/derived.ts); createCore registers them for the Writer.
   */
  derived?: readonly DerivedColumns[]
  /** Steps it adds to other features' writes, in their transaction (core/db/write.ts `WriteHook`). */
  writeHooks?: readonly WriteHook[]
}

export function defineFeature<const F extends Feature>(feature: F): F {
  return feature
}

/** Registers every feature's documents; a kind two features claim stops the start. */
export function registerDocuments(features: readonly Feature[], core: CoreServices): void {
  for (const f of features) {
    for (const [kind, doc] of Object.entries(f.documents?.(core) ?? {})) {
      core.print.documents.register(kind as DocumentKind, doc as PrintableDocument<unknown>)
    }
  }
}

/**
 * The handler table: every feature's handlers, a channel answered by two features or by none stops the start
 * (core/app/handlersComplete.test.ts proves the table on a real core).
 */
export function foldHandlers(features: readonly Feature[], core: CoreServices, channels: readonly Channel[]): Handlers {
  const table = new Map<Channel, { feature: string; handler: Handler<Channel> }>()
  for (const f of features) {
    for (const [channel, handler] of Object.entries(f.handlers(core))) {
      const owner = table.get(channel as Channel)
      if (owner) throw new Error(`Channel ${channel} is handled by both ${owner.feature} and ${f.name}`)
      table.set(channel as Channel, { feature: f.name, handler: handler as Handler<Channel> })
    }
  }
  const missing = channels.filter((c) => !table.has(c))
  if (missing.length) throw new Error(`Channels without a handler: ${missing.join(', ')}`)
  const out: Partial<Record<Channel, Handler<Channel>>> = {}
  for (const [channel, { handler }] of table) out[channel] = handler
  // Every channel is present (checked above); each handler came typed for its channel from its feature's map.
  return out as Handlers
}
