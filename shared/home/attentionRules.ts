import { z } from 'zod'
import { referenceFile, verifiedValue } from '../reference/envelope'

/**
 * When the branch admin's home calls something out (kind `branch-attention`,
 * `resources/rules/branch-attention.json`): how few blanks of a series are «running low», how old an unprinted
 * issued policy must be to count as a blank held without its print, and how long without a successful exchange with
 * HQ is «too long». They are the branch's working levels, not rules of law (docs/decisions.md row 90), so they are
 * data HQ may replace with an update rather than constants in code.
 */
export const BRANCH_ATTENTION_KIND = 'branch-attention'

export const branchAttentionDataSchema = z
  .object({
    blanks: z
      .object({
        /** A series with fewer available blanks than this is called out (each series on its own). */
        lowPerSeries: verifiedValue(z.number().int().min(1)),
        /** An OSAGO policy issued on a blank this many days ago or more and still not printed is called out. */
        unprintedAfterDays: verifiedValue(z.number().int().min(0)),
      })
      .strict(),
    sync: z
      .object({
        /** No successful exchange with HQ for this many hours is called out. */
        staleAfterHours: verifiedValue(z.number().int().min(1)),
      })
      .strict(),
  })
  .strict()
export type BranchAttentionData = z.infer<typeof branchAttentionDataSchema>

export const branchAttentionFileSchema = referenceFile(BRANCH_ATTENTION_KIND, branchAttentionDataSchema)
