import { todayIn } from '../../shared/dates/calendarDate'
import { versionIdsInForce } from '../reference/loadReferenceData'
import { appHandlers } from './appHandlers'
import { defineFeature } from './feature'

/** The app's status for the shell and the home screen: versions, HQ, the signed-in user. */
export const appApp = defineFeature({
  name: 'app',
  handlers: (core) =>
    appHandlers(core.db, core.sessions, {
      hq: core.sync.hqSummary,
      appVersion: core.appVersion,
      referenceVersions: () => versionIdsInForce(core.reference, todayIn(core.timeZone, core.clock.now())),
      timeZone: core.timeZone,
      now: () => core.clock.now(),
    }),
  syncedTables: [],
})
