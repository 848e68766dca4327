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

/**
 * What the branch admin must act on (issue 14): blanks running out or held without their print, the device's
 * exchange with HQ, staff locked out or still to change the password the admin gave them, backups. Each names the
 * screen where it is dealt with; its text is `home.attention.<key>` with `params` (and `at` formatted as `date`).
 */
export const HOME_ATTENTION_KEYS = [
  'blanksNone',
  'blanksLow',
  'blanksUnprinted',
  'syncNotEnrolled',
  'syncRevoked',
  'syncFailing',
  'syncStale',
  'syncNever',
  'syncIssues',
  'staffLocked',
  'staffPasswordPending',
  'backupNoFolder',
  'backupFailed',
  // Personal data (core/client): cards past their retention period, the disk not encrypted or not known to be.
  'clientsPastRetention',
  'diskNotEncrypted',
  'diskEncryptionUnknown',
] as const
export type HomeAttentionKey = (typeof HOME_ATTENTION_KEYS)[number]
/** The route each line opens: a menu section, or the client cards past retention (core/client, no menu of its own). */
export type HomeAttentionSection = 'blanks' | 'sync' | 'staff' | 'settings' | 'client-retention'

export interface HomeAttention {
  key: HomeAttentionKey
  /** The screen (menu section) where the admin deals with it. */
  section: HomeAttentionSection
  level: 'error' | 'warning'
  params: Record<string, string | number>
  /** An ISO time the message names (the last exchange, the end of a lock-out), or null. */
  at: string | null
  /** The cause in its own words: a sync failure's i18n key and parameters. */
  reason: { key: string; params: Record<string, string | number> } | null
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
  /** The branch admin's: what to act on, errors first; `more` names the sections with more than shown. */
  attention: { items: HomeAttention[]; more: HomeAttentionSection[] } | null
}

export const homeContract = {
  'home/get-work': channel<HomeWork>()({
    input: z.strictObject({ limit: z.number().int().min(1).max(20).default(5) }).optional(),
    access: EVERYONE,
  }),
} as const
