import { z } from 'zod'
import { referenceFile, verifiedValue, versionInForce } from '../reference/envelope'
import { CASCO_OWNER_TYPES, CASCO_RISKS, CASCO_SETTLEMENTS } from './quoteInput'
import { ANTI_THEFT_SYSTEMS, CASCO_COMPONENTS } from './tariffSchema'

/**
 * CASCO programs, promotions and underwriting rules (kind `casco-programs`): who may buy what, which discounts
 * apply and which quotes the underwriter must see. Kept apart from the tariff because promotions come and go on
 * their own dates. Each condition is one of a closed set of checks (the code knows how to test it and how to
 * explain it when unmet); its parameters, the discounts and the thresholds are data.
 */

export const CASCO_PROGRAMS_KIND = 'casco-programs'

export const CASCO_PROMOTIONS = ['moscowHit', 'experience', 'renewal'] as const
export type CascoPromotion = (typeof CASCO_PROMOTIONS)[number]
export const CASCO_ADDONS = ['gap', 'uts'] as const
export type CascoAddon = (typeof CASCO_ADDONS)[number]
/** What the contract needs once the program is chosen (shown to the clerk, enforced by the inspection step). */
export const CASCO_REQUIREMENTS = ['inspectionWithPhotos'] as const
export type CascoRequirement = (typeof CASCO_REQUIREMENTS)[number]

const years = z.number().int().nonnegative()
const kopecks = z.number().int().positive()
/** Where a rule comes from; an unverified rule is applied but flagged like an unverified tariff value. */
const provenance = { verified: z.boolean(), source: z.string().optional() }
const rule = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.strictObject({ type: z.literal(type), ...shape, ...provenance })

export const conditionSchema = z.discriminatedUnion('type', [
  rule('maxVehicleAge', { years }),
  rule('risksAre', { risks: z.enum(CASCO_RISKS) }),
  rule('risksInclude', { risk: z.enum(['damage', 'theft']) }),
  rule('settlementIs', { settlement: z.enum(CASCO_SETTLEMENTS) }),
  /** Repair at a non-dealer station is offered for foreign makes only (seed 002). */
  rule('nonDealerForeignOnly', {}),
  rule('dealerMaxVehicleAge', { years }),
  rule('mileageBelow', { km: z.number().int().positive() }),
  /** Model year of the quote's year or up to `years` before it ("current or previous" = 1). */
  rule('modelYearRecent', { years }),
  rule('ownerTypeIs', { ownerType: z.enum(CASCO_OWNER_TYPES) }),
  /** The owner is registered in one of these regions (2-digit codes of the regions file: 77 Moscow, 50 its region). */
  rule('ownerRegionIn', { regions: z.array(z.string().regex(/^\d{2}$/)).min(1) }),
  /** Repair at a station the insurer sends the car to (dealer or not), not the client's choice or money. */
  rule('settlementByReferral', {}),
  rule('termMonths', { months: z.number().int().min(1).max(12) }),
  /** No discretionary (commercial) discount by the clerk. */
  rule('noClerkDiscount', {}),
  rule('modelIn', { models: z.array(z.string().min(1)).min(1) }),
  rule('driversLimited', {}),
  /**
   * The option's price depends on the drivers: the tariff's driver factor touches one of its components. Theft
   * only (and GAP) are priced without the drivers' age and experience (seed 002), so a discount for them has
   * nothing to reward there.
   */
  rule('driversPriced', {}),
  /** Every listed driver strictly over `years` full years of age on the start date. */
  rule('everyDriverAgeOver', { years }),
  rule('everyDriverExperienceOver', { years }),
  rule('previousPolicy', {}),
  rule('previousTermMonths', { months: z.number().int().min(1).max(12) }),
  rule('maxPreviousClaims', { max: z.number().int().nonnegative() }),
  rule('sameOwnerAndInsured', {}),
  /** No driver whose age/experience factor raises the price (and a limited list). */
  rule('noDriverLoading', {}),
  rule('startsDayAfterPrevious', {}),
  rule('minSumInsured', { kopecks }),
  /** On the option's premium before promotions (for a status: after them). */
  rule('minPremium', { kopecks }),
])
export type CascoCondition = z.infer<typeof conditionSchema>
export type CascoConditionType = CascoCondition['type']

const programSchema = z.strictObject({
  conditions: z.array(conditionSchema),
  requires: z.array(z.enum(CASCO_REQUIREMENTS)).default([]),
  source: z.string().optional(),
})
export type CascoProgramRules = z.infer<typeof programSchema>

const promotionSchema = programSchema
  .extend({
    code: z.enum(CASCO_PROMOTIONS),
    /** The price factor when the promotion applies (0.85 = −15 %). */
    discount: verifiedValue(z.number().positive().max(1)),
    appliesTo: z.array(z.enum(CASCO_COMPONENTS)).min(1),
  })
  .strict()
export type CascoPromotionRules = z.infer<typeof promotionSchema>

/** A check left out (null) does not fire; HQ can switch one off without a code change. */
const underwritingSchema = z.strictObject({
  branchSumInsuredLimitKopecks: verifiedValue(kopecks).nullable(),
  maxVehicleAge: verifiedValue(years).nullable(),
  youngDriver: z.strictObject({ ageBelow: verifiedValue(years), experienceBelow: verifiedValue(years) }).nullable(),
  /** Theft-prone model with theft covered; a missing required anti-theft system is a check of its own. */
  theftProne: z
    .strictObject({
      enabled: z.boolean(),
      requiredAntiTheft: verifiedValue(z.array(z.enum(ANTI_THEFT_SYSTEMS))),
    })
    .nullable(),
  /** The clerk's discount may go up to this % without the underwriter. */
  discountCorridorPercent: verifiedValue(z.number().nonnegative().max(100)).nullable(),
})

export const cascoProgramsDataSchema = z.strictObject({
  programs: z.strictObject({ resoauto: programSchema, theft: programSchema }),
  addons: z.strictObject({ gap: programSchema, uts: programSchema }),
  /** Promotions do not combine: the one giving the lowest premium applies. */
  promotions: z
    .array(promotionSchema)
    .refine((p) => new Set(p.map((x) => x.code)).size === p.length, { message: 'a promotion is listed twice' }),
  vip: programSchema,
  /** The sum insured falls by this share a year, counted for every started month; GAP pays the difference. */
  gapCover: z.strictObject({ reductionPerYear: verifiedValue(z.number().positive().max(1)) }),
  /** Total loss: repair above this share of the basis (seed 002: 80 % of the value). */
  totalLoss: z.strictObject({
    share: verifiedValue(z.number().positive().max(1)),
    basis: z.enum(['sumInsured', 'marketValue']),
  }),
  underwriting: underwritingSchema,
  /** Makes that are not foreign cars ("иномарки"): non-dealer repair is not offered for them. */
  domesticMakes: verifiedValue(z.array(z.string().min(1))),
})
export type CascoProgramsData = z.infer<typeof cascoProgramsDataSchema>

export const cascoProgramsFileSchema = referenceFile(CASCO_PROGRAMS_KIND, cascoProgramsDataSchema)
export type CascoProgramsFile = z.infer<typeof cascoProgramsFileSchema>

export function selectCascoPrograms(
  versions: readonly CascoProgramsFile[],
  quoteDate: string,
): CascoProgramsFile | undefined {
  return versionInForce(versions, quoteDate)
}
