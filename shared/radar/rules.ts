import { z } from 'zod'
import { referenceFile, verifiedValue } from '../reference/envelope'

/**
 * How far the radar of the branch's dates looks ahead and what «this week» means on it (kind `radar-rules`,
 * `resources/rules/radar.json`; docs/decisions.md row 111). Working levels of the branch, not rules of law, so data
 * HQ may replace. The dates themselves come from each feature's own rules (refund-rules, renewal-rules,
 * casco-instalment-terms, branch-attention).
 */
export const RADAR_RULES_KIND = 'radar-rules'

export const radarRulesDataSchema = z
  .object({
    /** Dates from today through today + horizonDays are shown; overdue ones always. */
    horizonDays: verifiedValue(z.number().int().min(1).max(366)),
    /** A deadline within this many days after today is «this week». */
    weekDays: verifiedValue(z.number().int().min(1).max(31)),
  })
  .strict()
export type RadarRulesData = z.infer<typeof radarRulesDataSchema>

export const radarRulesFileSchema = referenceFile(RADAR_RULES_KIND, radarRulesDataSchema)
