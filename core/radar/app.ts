import { defineFeature } from '../app/feature'
import { requireUser, type HandlersOf } from '../ipc/handlers'
import { radarFor } from './radarItems'

/** The radar of the branch's dates (issue 17 point 3): each feature's dated items on one calendar, by urgency. */
export const radarApp = defineFeature({
  name: 'radar',
  handlers: ({ db, reference, timeZone }) =>
    ({
      'radar/get': async (input, ctx) =>
        radarFor(db, reference, timeZone, requireUser(ctx).role, ctx.now, input?.kinds),
    }) satisfies HandlersOf<'radar/get'>,
  syncedTables: [],
})
