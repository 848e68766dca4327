import { z } from 'zod'
import { referenceFile, verifiedValue } from './envelope'

/**
 * Purposes of use of a vehicle (kind `purposes-of-use`), as printed on the OSAGO application and policy.
 * Names live in the file rather than in the i18n tables because HQ may add a purpose with a data update.
 * `diagnosticCardRequired` is the requirement that follows from the purpose alone; the vehicle category can add
 * its own (vehicle catalogue).
 */

export const purposeOfUseSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be a snake_case code' }),
    name: z.object({ ru: z.string().min(1), en: z.string().min(1) }).strict(),
    diagnosticCardRequired: verifiedValue(z.boolean()),
  })
  .strict()

export const purposesOfUseSchema = z
  .object({
    /** In the order the form lists them. */
    purposes: z.array(purposeOfUseSchema).min(1),
  })
  .strict()
  .superRefine((data, ctx) => {
    const seen = new Set<string>()
    data.purposes.forEach((p, i) => {
      if (seen.has(p.code))
        ctx.addIssue({ code: 'custom', message: `duplicate purpose ${p.code}`, path: ['purposes', i, 'code'] })
      seen.add(p.code)
    })
  })

export const purposesOfUseFileSchema = referenceFile('purposes-of-use', purposesOfUseSchema)

export type PurposeOfUse = z.infer<typeof purposeOfUseSchema>
export type PurposesOfUse = z.infer<typeof purposesOfUseSchema>
export type PurposesOfUseFile = z.infer<typeof purposesOfUseFileSchema>

export function findPurpose(data: PurposesOfUse, code: string): PurposeOfUse | undefined {
  return data.purposes.find((p) => p.code === code)
}

/** The purpose's name in the given language; Russian for any other language (the primary one). */
export function purposeName(purpose: PurposeOfUse, locale: string): string {
  return locale.startsWith('en') ? purpose.name.en : purpose.name.ru
}
