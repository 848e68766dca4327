import { z } from 'zod'
import { referenceFile, verifiedValue } from '../reference/envelope'
import { territoryKeySchema } from '../reference/regions'

/**
 * One edition of the OSAGO tariff (kind `osago-tariff`): every table of docs/domain/osago-premium.md as data, each
 * value with its provenance. Coefficients are decimals as printed in the directive; money (TB) is in whole roubles as
 * the directive prints it and becomes kopecks only inside the calculation.
 */

export const vehicleCategories = ['B', 'BE'] as const
export type VehicleCategory = (typeof vehicleCategories)[number]
export const ownerTypes = ['individual', 'legal'] as const
export type OwnerType = (typeof ownerTypes)[number]
export const kbmClasses = ['M', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const
export type KbmClass = (typeof kbmClasses)[number]

const coefficient = verifiedValue(z.number().positive())
export type TariffValue = z.infer<typeof coefficient>
/** Roubles with at most 2 decimals, so that TB × 100 is a whole number of kopecks. */
const roubles = verifiedValue(
  z
    .number()
    .positive()
    .refine((x) => /^\d+(?:\.\d{1,2})?$/.test(String(x)), {
      message: 'at most 2 decimals (kopecks)',
    }),
)

const categories = z.array(z.enum(vehicleCategories)).min(1)

/** Inclusive integer range; `to: null` is open-ended. */
const intRange = z
  .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative().nullable() })
  .strict()
  .refine((r) => r.to === null || r.from <= r.to, { message: 'to is before from', path: ['to'] })
export type IntRange = z.infer<typeof intRange>

/** Consecutive ranges covering [start, ∞) without gaps or overlaps. */
function contiguous(ranges: readonly IntRange[], start: number): boolean {
  let next = start
  for (const [i, r] of ranges.entries()) {
    if (r.from !== next) return false
    if (r.to === null) return i === ranges.length - 1
    next = r.to + 1
  }
  return false
}

const tbRowSchema = z
  .object({
    categories,
    ownerType: z.enum(ownerTypes),
    corridor: z.object({ min: roubles, max: roubles }).strict(),
    /** The insurer's own base rate, which must lie inside the corridor. */
    chosen: roubles,
  })
  .strict()
  .refine((r) => r.corridor.min.value <= r.chosen.value && r.chosen.value <= r.corridor.max.value, {
    message: 'chosen TB is outside the corridor',
    path: ['chosen'],
  })

const kvsSchema = z
  .object({
    ageBands: z.array(intRange).min(1),
    experienceBands: z.array(intRange).min(1),
    /** values[age band][experience band]; null where the combination is impossible (experience > age − 16). */
    values: z.array(z.array(coefficient.nullable())),
  })
  .strict()
  .refine((k) => contiguous(k.ageBands, 16), { message: 'age bands must run from 16 without gaps', path: ['ageBands'] })
  .refine((k) => contiguous(k.experienceBands, 0), {
    message: 'experience bands must run from 0 without gaps',
    path: ['experienceBands'],
  })
  .refine(
    (k) => k.values.length === k.ageBands.length && k.values.every((row) => row.length === k.experienceBands.length),
    {
      message: 'values must have one row per age band and one column per experience band',
      path: ['values'],
    },
  )

const kmBandSchema = z
  .object({
    /** Exclusive lower edge in hp: an edge value belongs to the lower band (70 hp → the 50–70 band). */
    overHp: z.number().nonnegative(),
    /** Inclusive upper edge in hp; null for the top band. */
    upToHp: z.number().positive().nullable(),
    value: coefficient,
  })
  .strict()

const kmTableSchema = z
  .object({ categories, bands: z.array(kmBandSchema).min(1) })
  .strict()
  .refine(
    (t) =>
      t.bands[0]?.overHp === 0 &&
      t.bands.every((b, i) => {
        const next = t.bands[i + 1]
        return next ? b.upToHp !== null && b.upToHp > b.overHp && next.overHp === b.upToHp : b.upToHp === null
      }),
    { message: 'power bands must run from 0 hp upwards without gaps, the last one open-ended', path: ['bands'] },
  )

export const osagoTariffDataSchema = z
  .object({
    tb: z.array(tbRowSchema).min(1),
    kt: z.record(territoryKeySchema, coefficient),
    kbm: z.partialRecord(z.enum(kbmClasses), coefficient),
    kvs: kvsSchema,
    ko: z
      .object({ limited: coefficient, unlimited: z.object({ individual: coefficient, legal: coefficient }).strict() })
      .strict(),
    km: z.object({ kwToHp: coefficient, tables: z.array(kmTableSchema).min(1) }).strict(),
    /** KS by months of use within the one-year term. */
    ks: z
      .object({
        maxPeriods: verifiedValue(z.number().int().positive()),
        /**
         * The least total months of use each owner type may choose (40-FZ art. 16; the directive's KS table). null:
         * periods of use are not sold to that owner type — they are refused, never accepted and then ignored.
         */
        minTotalMonths: z
          .object({
            individual: verifiedValue(z.number().int().min(1).max(12)),
            legal: verifiedValue(z.number().int().min(1).max(12).nullable()),
          })
          .strict(),
        rows: z
          .array(z.object({ months: intRange, value: coefficient }).strict())
          .min(1)
          .refine(
            (rows) =>
              contiguous(
                rows.map((r) => r.months),
                rows[0]?.months.from ?? 0,
              ),
            {
              message: 'month rows must be consecutive, the last one open-ended',
            },
          ),
      })
      .strict()
      .refine(
        (ks) =>
          [ks.minTotalMonths.individual.value, ks.minTotalMonths.legal.value].every(
            (m) => m === null || m >= (ks.rows[0]?.months.from ?? 0),
          ),
        {
          message: 'a minimum below the first KS row would have no coefficient',
          path: ['minTotalMonths'],
        },
      ),
    kn: z.object({ none: coefficient, grossViolations: coefficient }).strict(),
    kp: z.object({ oneYearRu: coefficient }).strict(),
    /** KPr for a vehicle used with a trailer; without a trailer the coefficient is not applied. */
    kpr: z.array(z.object({ categories, ownerType: z.enum(ownerTypes), value: coefficient }).strict()),
    /**
     * The premium ceiling of 40-FZ art. 9 p. 2: at most `standard` × TB × KT, or `grossViolations` × TB × KT where KN
     * (art. 9 p. 3) applies. The multiples are the law's, not the directive's, but they live in each edition so that an
     * amendment arrives as data on its own effective dates (the edition's) like every other value.
     */
    ceiling: z
      .object({
        standard: verifiedValue(z.number().int().positive()),
        grossViolations: verifiedValue(z.number().int().positive()),
      })
      .strict()
      .refine((c) => c.standard.value <= c.grossViolations.value, {
        message: 'the multiple with KN cannot be below the standard one',
        path: ['grossViolations'],
      }),
  })
  .strict()
export type OsagoTariffData = z.infer<typeof osagoTariffDataSchema>

export const osagoTariffFileSchema = referenceFile('osago-tariff', osagoTariffDataSchema)
export type OsagoTariff = z.infer<typeof osagoTariffFileSchema>
