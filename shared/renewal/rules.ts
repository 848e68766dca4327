import { z } from 'zod'
import { addDays, diffDays, type CalendarDate } from '../dates/calendarDate'
import { referenceFile, verifiedValue } from '../reference/envelope'

/**
 * When a contract may be renewed (kind `renewal-rules`, `resources/rules/renewal.json`): from `windowDays` before
 * its last day up to that last day (docs/domain/renewal.md#r1). Data, not a constant, so HQ may ship another window.
 */
export const RENEWAL_RULES_KIND = 'renewal-rules'

const windowSchema = z.object({ windowDays: verifiedValue(z.number().int().min(1).max(366)) }).strict()

export const renewalRulesDataSchema = z.object({ osago: windowSchema, casco: windowSchema }).strict()
export type RenewalRulesData = z.infer<typeof renewalRulesDataSchema>

export const renewalRulesFileSchema = referenceFile(RENEWAL_RULES_KIND, renewalRulesDataSchema)

export type RenewalWindow =
  | { ok: true; daysLeft: number }
  /** Too early: the window opens on `opensOn`. */
  | { ok: false; reason: 'tooEarly'; opensOn: CalendarDate }
  /** The contract has ended: a new contract, not a renewal. */
  | { ok: false; reason: 'ended' }

/**
 * Whether a contract whose last day of cover is `endDate` may be renewed on `today`: from `windowDays` before the
 * end through the last day itself, both inclusive (docs/domain/renewal.md#r1).
 */
export function renewalWindow(today: CalendarDate, endDate: CalendarDate, windowDays: number): RenewalWindow {
  const daysLeft = diffDays(today, endDate)
  if (daysLeft < 0) return { ok: false, reason: 'ended' }
  if (daysLeft > windowDays) return { ok: false, reason: 'tooEarly', opensOn: addDays(endDate, -windowDays) }
  return { ok: true, daysLeft }
}

/** The renewal's first day: the day after the old one ends, or today when that is already past. */
export function renewalStart(today: CalendarDate, oldEnd: CalendarDate): CalendarDate {
  const next = addDays(oldEnd, 1)
  return next < today ? today : next
}
