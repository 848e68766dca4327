import { z } from 'zod'
import { channel } from '../contract/channel'
import type { CalendarDate } from '../dates/calendarDate'
import type { RadarDateRole, Urgency } from './urgency'

/**
 * The radar of the branch's dates (issue 17 point 3; docs/decisions.md row 111): every date that matters from today
 * through the horizon (resources/rules/radar.json), and every overdue one, most urgent first. Each kind is asked of
 * the feature that owns it (its api.ts), computed by the same rule its documents use, and listed for a role that
 * may open that feature's list.
 */
export const RADAR_KINDS = [
  'payout',
  'coolingOff',
  'instalment',
  'approval',
  'blanksLow',
  'diagnosticCard',
  'renewal',
] as const
export type RadarKind = (typeof RADAR_KINDS)[number]

/** Where the renderer opens the item's record: a named route of the router. */
export interface RadarRoute {
  name: string
  params?: Record<string, string>
  query?: Record<string, string>
}

export interface RadarItem {
  /** Unique on the radar (kind and record). */
  key: string
  kind: RadarKind
  date: CalendarDate
  dateRole: RadarDateRole
  /** Days from today to `date` (negative: past). */
  daysLeft: number
  urgency: Urgency
  /** The record as people name it: a policy or contract number, an application's incoming number, a series. */
  title: string
  /** The client, the vehicle: what tells two records apart at a glance. */
  subtitle: string | null
  /** What the kind's line says (i18n `radar.detail.<kind>` with these values; money in kopecks). */
  params: Record<string, string | number>
  /** What missing the date costs or has cost (i18n `radar.consequence.<key>`), when it is past or the rule names it. */
  consequence: { key: string; params: Record<string, string | number> } | null
  route: RadarRoute
}

export interface Radar {
  today: CalendarDate
  /** The last day looked at (today + the horizon). */
  until: CalendarDate
  horizonDays: number
  weekDays: number
  /** The kinds this role is shown (what it may open), whether or not they have items. */
  kinds: RadarKind[]
  items: RadarItem[]
  counts: Record<Urgency, number>
  countsByKind: Partial<Record<RadarKind, number>>
}

export const radarContract = {
  'radar/get': channel<Radar>()({
    input: z
      .strictObject({
        /** Only these kinds (the screen's filter); all the role may see when absent. */
        kinds: z.array(z.enum(RADAR_KINDS)).max(RADAR_KINDS.length).optional(),
      })
      .optional(),
    access: 'signed-in',
  }),
} as const
