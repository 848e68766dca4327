import { z } from 'zod'
import { formatNumber } from '../format/number'
import { referenceFile, verifiedValue, versionInForce } from '../reference/envelope'

/**
 * One edition of the insurer's own CASCO tariff (kind `casco-tariff`). CASCO is not tariff-regulated
 * (docs/domain/casco.md), so every number here is the insurer's choice; the bundled file is a configurable example.
 *
 * A premium is made of components (hull damage, hull theft, extra equipment, GAP, loss of marketable value,
 * accident insurance, extended liability). Each component is its base amount × a rate in % × the factors whose
 * `appliesTo` names it; which factor touches which component is data too, so that e.g. the theft price can be
 * made independent of the drivers (seed 002) without a code change.
 */

export const CASCO_COMPONENTS = ['damage', 'theft', 'extras', 'gap', 'uts', 'accident', 'liability'] as const
export type CascoComponent = (typeof CASCO_COMPONENTS)[number]

export const ANTI_THEFT_SYSTEMS = [
  'immobiliser',
  'alarm',
  'alarmAutostart',
  'satellite',
  'partnerSatellite',
  'mechanicalLock',
  'glassEtching',
] as const
export type AntiTheftSystem = (typeof ANTI_THEFT_SYSTEMS)[number]

export const CASCO_TARIFF_KIND = 'casco-tariff'

const MAX_KOPECKS = 1e13

const coefficient = verifiedValue(z.number().positive())
export type CascoTariffValue = z.infer<typeof coefficient>
/** A discount factor: a franchise or a promotion may lower the price, never raise it. */
const discountFactor = verifiedValue(z.number().positive().max(1))
/** Rate in % of the component's base amount. */
const percent = verifiedValue(z.number().positive().max(100))
const kopecks = verifiedValue(z.number().int().positive().max(MAX_KOPECKS))

const appliesTo = z
  .array(z.enum(CASCO_COMPONENTS))
  .min(1)
  .refine((a) => new Set(a).size === a.length, { message: 'a component is listed twice' })

/** Inclusive integer range; `to: null` is open-ended. */
const intRange = z
  .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative().nullable() })
  .strict()
  .refine((r) => r.to === null || r.from <= r.to, { message: 'to is before from', path: ['to'] })
export type CascoIntRange = z.infer<typeof intRange>

/** Consecutive ranges from `start` (or from the first range's start) to ∞ without gaps or overlaps. */
function contiguous(ranges: readonly CascoIntRange[], start?: number): boolean {
  let next = start ?? ranges[0]?.from
  for (const [i, r] of ranges.entries()) {
    if (r.from !== next) return false
    if (r.to === null) return i === ranges.length - 1
    next = r.to + 1
  }
  return false
}

const classCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, { message: 'must be a code (letters, digits, -)' })

const vehicleClassSchema = z
  .object({
    code: classCode,
    /** Vehicle categories (as in the vehicle catalogue) the class takes. */
    categories: z.array(z.string().min(1)).min(1),
    /** Market value range: over `overKopecks` up to and including `upToKopecks` (null: no upper limit). */
    marketValue: z
      .object({
        overKopecks: z.number().int().nonnegative(),
        upToKopecks: z.number().int().positive().nullable(),
      })
      .strict()
      .refine((r) => r.upToKopecks === null || r.overKopecks < r.upToKopecks, {
        message: 'empty range',
        path: ['upToKopecks'],
      }),
  })
  .strict()

const baseRateRowSchema = z
  .object({
    /** One rate per vehicle age band; null where the tariff does not insure the risk at that age. */
    damage: z.array(percent.nullable()),
    theft: z.array(percent.nullable()),
  })
  .strict()

const franchiseBandSchema = z
  .object({
    /** Franchise as % of the sum insured, up to and including this value (over the previous band's edge). */
    upToPercent: z.number().positive().max(100),
    value: discountFactor,
  })
  .strict()

/** Bands rising in size, each no dearer than the one before: a bigger franchise never costs more. */
const franchiseBands = z
  .array(franchiseBandSchema)
  .min(1)
  .refine(
    (bands) =>
      bands.every((b, i) => {
        const prev = bands[i - 1]
        return !prev || (b.upToPercent > prev.upToPercent && b.value.value <= prev.value.value)
      }),
    { message: 'bands must rise in size with non-increasing factors' },
  )

const gendered = z.object({ male: coefficient, female: coefficient }).strict()

export const cascoTariffDataSchema = z
  .object({
    vehicleClasses: z.array(vehicleClassSchema).min(1),
    /** Vehicle age in full model years (year of the start date − model year), from 0 upwards. */
    vehicleAgeBands: z.array(intRange).min(1),
    /** By class code: base rates in % of the sum insured. */
    baseRates: z.record(classCode, baseRateRowSchema),
    drivers: z
      .object({
        appliesTo,
        ageBands: z.array(intRange).min(1),
        experienceBands: z.array(intRange).min(1),
        /** values[age band][experience band]; null where the combination is impossible. */
        values: z.array(z.array(coefficient.nullable())),
        gender: gendered,
        /** Any driver admitted ("multidrive"), by owner type. */
        unlimited: z.object({ individual: coefficient, legal: coefficient }).strict(),
      })
      .strict()
      .refine((d) => contiguous(d.ageBands), {
        message: 'age bands must run upwards without gaps, the last one open-ended',
        path: ['ageBands'],
      })
      .refine((d) => contiguous(d.experienceBands, 0), {
        message: 'experience bands must run from 0 without gaps',
        path: ['experienceBands'],
      })
      .refine(
        (d) =>
          d.values.length === d.ageBands.length && d.values.every((row) => row.length === d.experienceBands.length),
        {
          message: 'values must have one row per age band and one column per experience band',
          path: ['values'],
        },
      ),
    ownerType: z.object({ appliesTo, individual: coefficient, legal: coefficient }).strict(),
    /** By the owner's region (2-digit code of the regions file); every other region takes `otherRegions`. */
    region: z
      .object({
        appliesTo,
        byRegionCode: z.record(z.string().regex(/^\d{2}$/, { message: 'must be a 2-digit region code' }), coefficient),
        otherRegions: coefficient,
      })
      .strict(),
    /** Theft-prone models as the vehicle catalogue marks them. */
    theftProne: z.object({ appliesTo, theftProne: coefficient, other: coefficient }).strict(),
    /** The strongest installed system (lowest factor) counts; `none` when nothing is installed. */
    antiTheft: z
      .object({ appliesTo, none: coefficient, systems: z.partialRecord(z.enum(ANTI_THEFT_SYSTEMS), coefficient) })
      .strict(),
    newCar: z.object({ appliesTo, new: coefficient, used: coefficient }).strict(),
    mileage: z
      .object({
        appliesTo,
        bands: z
          .array(z.object({ km: intRange, value: coefficient }).strict())
          .min(1)
          .refine(
            (b) =>
              contiguous(
                b.map((x) => x.km),
                0,
              ),
            { message: 'mileage bands must run from 0 km without gaps, the last one open-ended' },
          ),
      })
      .strict(),
    franchise: z.object({ appliesTo, conditional: franchiseBands, unconditional: franchiseBands }).strict(),
    settlement: z
      .object({ appliesTo, dealer: coefficient, clientChoice: coefficient, nonDealer: coefficient, cash: coefficient })
      .strict(),
    territory: z.object({ appliesTo, rf: coefficient, rfAbroad: coefficient }).strict(),
    /** Short-term factor by the contract term in months. */
    term: z
      .object({
        appliesTo,
        rows: z
          .array(z.object({ months: z.number().int().min(1).max(12), value: coefficient }).strict())
          .min(1)
          .refine((rows) => new Set(rows.map((r) => r.months)).size === rows.length, {
            message: 'a term is listed twice',
          }),
      })
      .strict(),
    /** Extra equipment: rate in % of its declared value, by the risks the hull is insured against. */
    extras: z
      .object({ ratePercent: z.object({ damage: percent, theft: percent, damageTheft: percent }).strict() })
      .strict(),
    gap: z.object({ ratePercent: percent }).strict(),
    uts: z.object({ ratePercent: percent }).strict(),
    accident: z
      .object({
        ratePercent: percent,
        maxSumPerSeatKopecks: kopecks,
        maxSeats: verifiedValue(z.number().int().positive()),
      })
      .strict(),
    liability: z.object({ ratePercent: percent, maxLimitKopecks: kopecks }).strict(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const codes = new Set<string>()
    t.vehicleClasses.forEach((c, i) => {
      if (codes.has(c.code))
        ctx.addIssue({ code: 'custom', message: `duplicate class ${c.code}`, path: ['vehicleClasses', i, 'code'] })
      codes.add(c.code)
      const rates = t.baseRates[c.code]
      if (!rates) {
        ctx.addIssue({ code: 'custom', message: `no base rates for class ${c.code}`, path: ['baseRates'] })
        return
      }
      for (const risk of ['damage', 'theft'] as const) {
        if (rates[risk].length !== t.vehicleAgeBands.length) {
          ctx.addIssue({ code: 'custom', message: 'one rate per vehicle age band', path: ['baseRates', c.code, risk] })
        }
      }
    })
    for (const code of Object.keys(t.baseRates)) {
      if (!codes.has(code))
        ctx.addIssue({ code: 'custom', message: `base rates for an unknown class ${code}`, path: ['baseRates', code] })
    }
    if (!contiguous(t.vehicleAgeBands, 0)) {
      ctx.addIssue({
        code: 'custom',
        message: 'vehicle age bands must run from 0 without gaps, the last one open-ended',
        path: ['vehicleAgeBands'],
      })
    }
  })
export type CascoTariffData = z.infer<typeof cascoTariffDataSchema>

export const cascoTariffFileSchema = referenceFile(CASCO_TARIFF_KIND, cascoTariffDataSchema)
export type CascoTariff = z.infer<typeof cascoTariffFileSchema>

/** The tariff edition in force on the quote (conclusion) date; its version goes on the contract. */
export function selectCascoTariff(versions: readonly CascoTariff[], quoteDate: string): CascoTariff | undefined {
  return versionInForce(versions, quoteDate)
}

export function inIntRange(range: CascoIntRange, x: number): boolean {
  return range.from <= x && (range.to === null || x <= range.to)
}

/** "22–24", "65+", "3" — as the tables print their rows. */
export function intRangeLabel(range: CascoIntRange): string {
  // A row as the clerk reads it: «50 000–100 000» for a mileage band, grouped as its message's own number is.
  const n = (x: number) => formatNumber(x, 0)
  if (range.to === null) return `${n(range.from)}+`
  return range.from === range.to ? n(range.from) : `${n(range.from)}–${n(range.to)}`
}
