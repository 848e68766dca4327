import { defineFeature } from '../app/feature'
import { versionIdsInForce } from '../reference/loadReferenceData'
import { supportHandlers } from './supportHandlers'

/** The admin's diagnostics archive (versions, redacted logs, integrity, counts — never clients' data). */
export const supportApp = defineFeature({
  name: 'support',
  handlers: (core) =>
    supportHandlers({
      db: core.db,
      files: core.files,
      appVersion: core.appVersion,
      logsDir: core.logsDir,
      crashDumpsDir: core.crashDumpsDir,
      referenceVersions: (today) => versionIdsInForce(core.reference, today),
    }),
  syncedTables: [],
})
