import { z } from 'zod'
import { referenceFile, verifiedValue } from '../reference/envelope'

/**
 * Personal data rules (kind `personal-data-rules`, `resources/rules/personal-data.json`; docs/domain/personal-data.md):
 * - the consent text the client signs (152-FZ art. 9), with its own version: the card records which version was
 *   signed and when, and the OSAGO application prints it;
 * - how long a card is kept after the client's last contract ended (152-FZ art. 5 p. 7 and art. 21 p. 7: no longer
 *   than the purpose needs, then destroyed), the admin's erasure check reads it.
 * Data, not code: HQ ships a new text or a new period as a new version with its effective date.
 */
export const PERSONAL_DATA_RULES_KIND = 'personal-data-rules'

export const personalDataRulesDataSchema = z
  .object({
    consent: z
      .object({
        /** The version printed on the form and recorded on the card («ПДн-2026-01»). */
        textVersion: z.string().min(1),
        title: z.string().min(1),
        /** Paragraphs as printed. */
        paragraphs: z.array(z.string().min(1)).min(1),
        source: z.string().min(1),
      })
      .strict(),
    retention: z
      .object({
        /** Full years a card is kept after the end of the client's last contract (or last record without one). */
        yearsAfterLastRecord: verifiedValue(z.number().int().min(1)),
      })
      .strict(),
  })
  .strict()
export type PersonalDataRules = z.infer<typeof personalDataRulesDataSchema>

export const personalDataRulesFileSchema = referenceFile(PERSONAL_DATA_RULES_KIND, personalDataRulesDataSchema)
