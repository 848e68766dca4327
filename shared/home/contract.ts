import { z } from 'zod'
import { channel } from '../contract/channel'
import { EVERYONE } from '../staff/roleGroups'

/**
 * The home screen's day of work (issue 14): what the signed-in user left unfinished, what came back to them or
 * waits for them, and the OSAGO policies of the branch due for renewal. The core answers only the parts the role
 * may act on (each part is tied to a channel's access in shared/, the same rule as the buttons' `can`), so a part
 * is `null` for a role that has none; each list is short (the newest or most urgent `limit`), with `more` when the
 * full list holds more.
 */
export const HOME_RECORD_KINDS = ['osago', 'casco', 'termination', 'inspection'] as const
export type HomeRecordKind = (typeof HOME_RECORD_KINDS)[number]

export interface HomeItem {
  kind: HomeRecordKind
  /** The record to open. */
  id: string
  /** The record's status code (rendered through that feature's status messages). */
  status: string
  /** Who: the insured, the policyholder or the client; null when not typed yet. */
  title: string | null
  /** What: the vehicle and plate, or the number the clerk reads out. */
  detail: string | null
  /** ISO time the item is ordered by: the last change, or the submission for a case waiting. */
  at: string
}

export interface HomeList<T> {
  items: T[]
  /** Kinds whose full list holds more than is shown (each gets its «Все…» link). */
  more: HomeRecordKind[]
}

export interface HomeRenewal {
  id: string
  /** «ХХХ 0123456789». */
  policyNumber: string | null
  insuredName: string | null
  plate: string | null
  /** YYYY-MM-DD, the policy's last day. */
  endDate: string
  daysLeft: number
}

export interface HomeWork {
  /** YYYY-MM-DD in the branch's time zone. */
  today: string
  /** The user's own unfinished records, newest change first. */
  drafts: HomeList<HomeItem> | null
  /** Cases returned to the user or decided for them (CASCO approvals, inspections sent back), newest first. */
  cases: HomeList<HomeItem> | null
  /** CASCO cases waiting for a supervisor's decision, longest waiting first. */
  waiting: HomeList<HomeItem> | null
  /** OSAGO policies of the branch whose last day is within `days`, soonest first. */
  renewals: { days: number; items: HomeRenewal[]; more: boolean } | null
}

export const homeContract = {
  'home/get-work': channel<HomeWork>()({
    input: z.strictObject({ limit: z.number().int().min(1).max(20).default(5) }).optional(),
    access: EVERYONE,
  }),
} as const
