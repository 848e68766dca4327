import { z } from 'zod'
import { emptyParty } from '../party/draft'
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
    /**
     * Erasure past retention (`client/erase`, docs/domain/personal-data.md#erasure): what the act of erasure states
     * — the legal ground, the method, the categories of data destroyed — and which fields of the card are emptied.
     * The fields are checked against the party draft at load (every personal field listed, nothing unknown).
     */
    erasure: z
      .object({
        ground: z.string().min(1),
        method: z.string().min(1),
        categories: z.array(z.string().min(1)).min(1),
        /** What lists show for an erased card. */
        erasedName: z.string().min(1),
        fields: z
          .object({ person: z.array(z.string().min(1)).min(1), organisation: z.array(z.string().min(1)).min(1) })
          .strict(),
        source: z.string().min(1),
      })
      .strict()
      .superRefine((e, ctx) => {
        // A field the party has and the list lacks would stay on an erased card; one the party lacks erases nothing.
        for (const kind of ['person', 'organisation'] as const) {
          const want = leafPaths(emptyParty(kind)).filter((p) => p !== 'kind')
          const listed = new Set(e.fields[kind])
          for (const path of want.filter((p) => !listed.has(p)))
            ctx.addIssue({ code: 'custom', message: `personal field not listed: ${path}`, path: ['fields', kind] })
          for (const path of e.fields[kind].filter((p) => !want.includes(p)))
            ctx.addIssue({ code: 'custom', message: `not a field of the party: ${path}`, path: ['fields', kind] })
        }
      }),
  })
  .strict()
export type PersonalDataRules = z.infer<typeof personalDataRulesDataSchema>

export const personalDataRulesFileSchema = referenceFile(PERSONAL_DATA_RULES_KIND, personalDataRulesDataSchema)

/** Every leaf of a party draft as a dotted path (`passport.series`). */
export function leafPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? leafPaths(v as object, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  )
}
