import { todayIn } from '../../shared/dates/calendarDate'
import { defineFeature } from '../app/feature'
import { requireUser, type HandlersOf } from '../ipc/handlers'
import { homeWork } from './homeWork'

/** The home screen's day of work for the signed-in user's role (shared/home/contract.ts). */
export const homeApp = defineFeature({
  name: 'home',
  handlers: ({ db, timeZone }) =>
    ({
      'home/get-work': async (input, ctx) => {
        const user = requireUser(ctx)
        return homeWork(db, { id: user.id, role: user.role }, todayIn(timeZone, ctx.now), input?.limit ?? 5)
      },
    }) satisfies HandlersOf<'home/get-work'>,
  syncedTables: [],
})
