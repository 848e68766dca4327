import { z } from 'zod'
import { referenceFile, verifiedValue } from '../reference/envelope'

/**
 * The business settings of the KBM re-check after sync (kind `kbm-rules`, `resources/rules/kbm.json`;
 * docs/domain/kbm-check.md#re-check-after-sync): how far back issued policies are re-checked and how many requests
 * one sync run may make. Data with effective dates, so HQ may ship others (a larger backlog after an outage, the
 * national database's own limits) without a new build.
 */
export const KBM_RULES_KIND = 'kbm-rules'

export const kbmRulesDataSchema = z
  .object({
    recheck: z
      .object({
        /** Policies concluded within this many days before today are re-checked. */
        windowDays: verifiedValue(z.number().int().min(1).max(366)),
        /** At most this many policies (one request each) per successful sync run. */
        perRun: verifiedValue(z.number().int().min(1).max(100)),
      })
      .strict(),
  })
  .strict()
export type KbmRulesData = z.infer<typeof kbmRulesDataSchema>

export const kbmRulesFileSchema = referenceFile(KBM_RULES_KIND, kbmRulesDataSchema)
