import { z } from 'zod'
import { referenceFile, verifiedValue } from '../reference/envelope'

/**
 * What a change to an issued OSAGO policy may be and how each is handled (kind `osago-change-rules`,
 * `resources/rules/osago-change-rules.json`; the rules and their sources: docs/domain/osago-changes.md). Data,
 * not code: HQ may ship another version with its own effective date.
 */
export const OSAGO_CHANGE_RULES_KIND = 'osago-change-rules'

export const CHANGE_KIND_CODES = [
  'add-driver',
  'remove-driver',
  'passport',
  'address',
  'plate',
  'registration-document',
  'period-of-use',
] as const
export type ChangeKindCode = (typeof CHANGE_KIND_CODES)[number]

/**
 * The parts of the application a kind may change, as dotted paths of the OSAGO draft (shared/osago/draft.ts).
 * The core takes exactly these from the clerk's edit and keeps everything else as it was.
 */
export const CHANGE_PATHS = [
  'drivers',
  'insured.passport',
  'insured.address',
  'owner.person.passport',
  'owner.person.address',
  'owner.entity.address',
  'vehicle.plate',
  'vehicle.registrationDoc',
  'contract.periodsOfUse',
] as const
export type ChangePath = (typeof CHANGE_PATHS)[number]

/** How the change goes on paper: an addendum to the policy, or the policy re-issued on a new blank. */
export const PRINT_FORMS = ['addendum', 'reissue'] as const
export type PrintForm = (typeof PRINT_FORMS)[number]

const changeKindSchema = z
  .object({
    code: z.enum(CHANGE_KIND_CODES),
    changes: z.array(z.enum(CHANGE_PATHS)).min(1),
    /** Whether the premium is recalculated (a coefficient may move: KBM/KVS, KT, KS). */
    reprices: z.boolean(),
    /**
     * Whether a lower recalculated premium is refunded. The law asks an additional premium for a higher risk and
     * names no refund for a lower one on a change (docs/domain/osago-changes.md#refunds): false for those kinds.
     */
    refundsDecrease: z.boolean(),
    print: z.enum(PRINT_FORMS),
    source: z.string().min(1),
    /** The legal basis as the addendum prints it, in Russian (the client reads it). */
    basis: z.string().min(1),
    verified: z.boolean(),
  })
  .strict()
export type ChangeKind = z.infer<typeof changeKindSchema>

export const osagoChangeRulesDataSchema = z
  .object({
    kinds: z
      .array(changeKindSchema)
      .min(1)
      .refine((ks) => new Set(ks.map((k) => k.code)).size === ks.length, { message: 'a kind is listed twice' }),
    /** The fee for a duplicate of a lost policy, in kopecks (0 when the rules name none). */
    duplicateFeeKopecks: verifiedValue(z.number().int().min(0)),
  })
  .strict()
export type OsagoChangeRulesData = z.infer<typeof osagoChangeRulesDataSchema>

export const osagoChangeRulesFileSchema = referenceFile(OSAGO_CHANGE_RULES_KIND, osagoChangeRulesDataSchema)

export function changeKindOf(data: OsagoChangeRulesData, code: string): ChangeKind | undefined {
  return data.kinds.find((k) => k.code === code)
}
