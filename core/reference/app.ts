import { defineFeature } from '../app/feature'
import { calendarHandlers } from './calendarHandlers'

/** Reference data is loaded before the database (createCore); the feature answers the calendar's status. */
export const referenceApp = defineFeature({
  name: 'reference',
  handlers: (core) => calendarHandlers(core.reference),
  syncedTables: [],
})
