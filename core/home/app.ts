import { todayIn } from '../../shared/dates/calendarDate'
import { defineFeature } from '../app/feature'
import { referenceInForce } from '../reference/loadReferenceData'
import { requireUser, type HandlersOf } from '../ipc/handlers'
import { homeWork } from './homeWork'
import { personalDataAttention } from '../client/api'

/** The home screen's day of work for the signed-in user's role (shared/home/contract.ts). */
export const homeApp = defineFeature({
  name: 'home',
  handlers: ({ db, timeZone, reference, atRest }) =>
    ({
      'home/get-work': async (input, ctx) => {
        const user = requireUser(ctx)
        const today = todayIn(timeZone, ctx.now)
        const levels = () => referenceInForce(reference, 'branch-attention', today).data
        const renewalDays = () => referenceInForce(reference, 'renewal-rules', today).data.osago.windowDays.value
        return homeWork(db, { id: user.id, role: user.role }, today, input?.limit ?? 5, {
          levels,
          now: ctx.now,
          renewalDays,
          personalData: () => personalDataAttention(db, reference, today, atRest),
        })
      },
    }) satisfies HandlersOf<'home/get-work'>,
  syncedTables: [],
})
