import type { setUpUpdates } from './setUpUpdates'

/** What other parts of the core may use from core/update (scripts/featureBoundaries.test.ts). */
export { setUpUpdates, type UpdateOptions } from './setUpUpdates'
export type { UpdateFeed, Updater, UpdaterEvent } from './updater'

/** The update service createCore starts before the features: the state machine and its channels. */
export type UpdatesSetUp = ReturnType<typeof setUpUpdates>
