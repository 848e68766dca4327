import { z } from 'zod'
import { addMonths, isCalendarDate, type CalendarDate } from '../dates/calendarDate'
import { applyFactors, ratio } from '../money/exact'
import { referenceFile, verifiedValue, versionInForce } from '../reference/envelope'

/**
 * CASCO payment schedule: single payment, two payments or four quarterly ones (docs/domain/product-decisions.md).
 * The surcharge for paying in instalments is data (`resources/rules/casco-instalments.json`), the split is code.
 */
export const CASCO_PLANS = ['single', 'two', 'four'] as const
export type CascoPlan = (typeof CASCO_PLANS)[number]

/** The plan's name is its number of payments, spread evenly over the 12-month year. */
const PAYMENTS: Record<CascoPlan, number> = { single: 1, two: 2, four: 4 }

export const CASCO_INSTALMENTS_KIND = 'casco-instalments'

const planRuleSchema = z
  .object({
    /** Added to the annual premium, as a decimal share ("0.03" = +3 %). */
    surcharge: verifiedValue(z.string().regex(/^\d+(\.\d+)?$/, { message: 'a non-negative decimal share' })),
  })
  .strict()

export const cascoInstalmentsDataSchema = z
  .object({
    plans: z.object({ single: planRuleSchema, two: planRuleSchema, four: planRuleSchema }).strict(),
  })
  .strict()
export type CascoInstalmentRules = z.infer<typeof cascoInstalmentsDataSchema>

export const cascoInstalmentsFileSchema = referenceFile(CASCO_INSTALMENTS_KIND, cascoInstalmentsDataSchema)
export type CascoInstalmentsFile = z.infer<typeof cascoInstalmentsFileSchema>

export interface SchedulePayment {
  dueDate: CalendarDate
  amountKopecks: number
}

export interface CascoSchedule {
  totalKopecks: number
  payments: SchedulePayment[]
  /** The surcharge value used is not verified; the UI shows a warning. */
  surchargeUnverified: boolean
}

/** Bad schedule input; `messageKey` is an i18n key under `casco.schedule`. */
export class CascoScheduleInputError extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
  ) {
    super(`${field}: ${messageKey}`)
    this.name = 'CascoScheduleInputError'
  }
}

/** The instalment rules in force on `date` (the first payment is made on conclusion); stops when none is. */
export function cascoInstalmentsInForce(
  files: readonly CascoInstalmentsFile[],
  date: CalendarDate,
): CascoInstalmentsFile {
  const file = versionInForce(files, date)
  if (!file) throw new Error(`${CASCO_INSTALMENTS_KIND}: no version in force on ${date}`)
  return file
}

/**
 * total = annual premium × (1 + the plan's surcharge), rounded half-up once. Payment k (from 0) is due k × 12/n
 * months after the first date, each counted from the first date rather than chained, so a clamp in a short month
 * does not carry on (30.11 → 28.02 → 30.05 → 30.08, not … → 28.05 → 28.08). The total is split into amounts
 * that differ by at most one kopeck; the extra kopecks go to the earliest payments.
 */
export function cascoSchedule(
  input: { premiumKopecks: number; plan: CascoPlan; firstPaymentDate: CalendarDate },
  rules: CascoInstalmentRules,
): CascoSchedule {
  const { premiumKopecks, plan, firstPaymentDate } = input
  if (!Number.isSafeInteger(premiumKopecks) || premiumKopecks <= 0) {
    throw new CascoScheduleInputError('premiumKopecks', 'casco.schedule.premiumNotKopecks')
  }
  if (!isCalendarDate(firstPaymentDate))
    throw new CascoScheduleInputError('firstPaymentDate', 'casco.schedule.dateFormat')
  const n = PAYMENTS[plan]
  const rule = rules.plans[plan].surcharge
  const s = ratio(rule.value)
  const totalKopecks = applyFactors(premiumKopecks, [{ num: s.den + s.num, den: s.den }])
  if (totalKopecks < n) throw new CascoScheduleInputError('premiumKopecks', 'casco.schedule.premiumTooSmall')

  const base = Math.floor(totalKopecks / n)
  const extra = totalKopecks - base * n
  const payments = Array.from({ length: n }, (_, k) => ({
    dueDate: addMonths(firstPaymentDate, (k * 12) / n),
    amountKopecks: base + (k < extra ? 1 : 0),
  }))
  return { totalKopecks, payments, surchargeUnverified: !rule.verified }
}
