import { z } from 'zod'
import { channel } from '../contract/channel'
import { idSchema } from '../staff/schemas'
import type { CalendarStatus } from './productionCalendarStatus'
import { DESK } from '../staff/roleGroups'

/** A move of an application's payout deadline after a calendar update (core/termination/payoutDeadlineRecalculation.ts). */
export interface DeadlineChangeNotice {
  previous: string
  current: string
  at: string
  /** `non-working-day-rule`: the once-per-device recount after the rules began moving a last day off a non-working day (GK RF art. 193). */
  reason: 'calendar-updated' | 'non-working-day-rule'
}

/**
 * The production calendar as the screens need it: which years a decree confirms (a deadline counted through any
 * other year is shown as unconfirmed beside the date), and the notices of deadlines moved by a calendar update.
 */
export const productionCalendarContract = {
  'calendar/get-status': channel<CalendarStatus>()({ input: z.strictObject({}).optional(), access: 'signed-in' }),
  'calendar/list-deadline-changes': channel<DeadlineChangeNotice[]>()({
    input: z.strictObject({ applicationId: idSchema }),
    access: DESK,
  }),
} as const
