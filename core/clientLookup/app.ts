import { defineFeature } from '../app/feature'
import { remoteClientHandlers } from './remoteClients'

/**
 * Clients of other branches found through HQ (issue 15 point 1; docs/domain/personal-data.md#clients-of-other-branches):
 * the `client/lookup-remote` and `client/start-osago-for-remote` channels of shared/client/contract.ts. Apart from
 * core/client because it starts an OSAGO draft (core/osago/api.ts), and core/osago reads the client's consent from
 * core/client: one folder holding both would tie the two features in a cycle. It owns no table: HQ's answer is not
 * stored; the draft is OSAGO's.
 */
export const clientLookupApp = defineFeature({
  name: 'clientLookup',
  handlers: ({ db, sync }) => remoteClientHandlers(db, sync.engine),
  syncedTables: [],
})
