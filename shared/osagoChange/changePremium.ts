import { addDays, isCalendarDate, type CalendarDate } from '../dates/calendarDate'
import { fraction, multiply, roundHalfUp, type Ratio } from '../money/exact'
// The day count of a refund on termination, reused so that a change and a termination count days the same way.
import { unexpiredShare } from '../termination/periodsOfUse'

/**
 * The additional premium or the refund on a change to an issued OSAGO policy (docs/domain/osago-changes.md#premium):
 *
 *   amount = (new annual premium − current annual premium) × remaining days / days in the term
 *
 * The new annual premium is priced with recalculated coefficients on the tariff edition of the CONCLUSION date
 * (the caller prices it so) and is never above the premium ceiling of 40-FZ art. 9 p. 2; the remaining days run
 * from the day the change takes effect to the last day of cover, both inclusive. The exact amount is rounded
 * half-up once, to the kopeck. Positive: an additional premium the client pays; negative: a refund the insurer
 * owes — unless the kind's rules refund nothing for a lower risk, when the amount is 0.
 */
export interface ChangePremiumInput {
  /** The annual premium of the policy as it stands (the issued one, or the last change's new one). */
  currentPremiumKopecks: number
  /** The annual premium recalculated with the changed data, before the ceiling is applied again here. */
  newPremiumKopecks: number
  /** The ceiling of 40-FZ art. 9 p. 2 on the new data (multiple × TB × KT), in kopecks. */
  ceilingKopecks: number
  contractStart: CalendarDate
  /** Last day of cover, inclusive. */
  contractEnd: CalendarDate
  /** The day the change takes effect: the day it is made, or the start of cover if that is later. */
  effectiveDate: CalendarDate
  /** Whether a lower recalculated premium is refunded (the kind's rules). */
  refundsDecrease: boolean
}

export type ChangeDirection = 'additional' | 'refund' | 'none'

export interface ChangePremium {
  /** Signed: > 0 the client pays, < 0 the insurer refunds. Integer kopecks. */
  amountKopecks: number
  direction: ChangeDirection
  /** The new annual premium after the ceiling. */
  newPremiumKopecks: number
  currentPremiumKopecks: number
  /** new − current, annual. */
  differenceKopecks: number
  remainingDays: number
  termDays: number
  /** The exact amount before the one rounding, as "num/den" kopecks (for the calculation sheet). */
  exact: string
  /** Set when the rules refund nothing for a lower premium of this kind, so the amount is 0. */
  noRefundByRule: boolean
  ceilingApplied: boolean
}

export class ChangePremiumInputError extends Error {
  constructor(
    readonly field: keyof ChangePremiumInput,
    message: string,
  ) {
    super(message)
  }
}

function kopecks(field: keyof ChangePremiumInput, v: number, min = 0): void {
  if (!Number.isSafeInteger(v) || v < min) throw new ChangePremiumInputError(field, `${field} must be whole kopecks`)
}

export function calculateChangePremium(input: ChangePremiumInput): ChangePremium {
  kopecks('currentPremiumKopecks', input.currentPremiumKopecks)
  kopecks('newPremiumKopecks', input.newPremiumKopecks)
  kopecks('ceilingKopecks', input.ceilingKopecks, 1)
  for (const f of ['contractStart', 'contractEnd', 'effectiveDate'] as const) {
    if (!isCalendarDate(input[f])) throw new ChangePremiumInputError(f, `${f} must be YYYY-MM-DD`)
  }
  if (input.contractEnd < input.contractStart)
    throw new ChangePremiumInputError('contractEnd', 'the term ends before it starts')
  if (input.effectiveDate > input.contractEnd)
    throw new ChangePremiumInputError('effectiveDate', 'the change takes effect after the term')
  const ceilingApplied = input.newPremiumKopecks > input.ceilingKopecks
  const newPremiumKopecks = ceilingApplied ? input.ceilingKopecks : input.newPremiumKopecks
  const differenceKopecks = newPremiumKopecks - input.currentPremiumKopecks
  // Days after the day before the change: the change's own day counts as remaining (it is covered on new terms).
  const effective = input.effectiveDate < input.contractStart ? input.contractStart : input.effectiveDate
  const { unexpiredDays, totalDays } = unexpiredShare(input.contractStart, input.contractEnd, addDays(effective, -1))
  const noRefundByRule = differenceKopecks < 0 && !input.refundsDecrease
  const exact: Ratio = noRefundByRule ? fraction(0, 1) : multiply(differenceKopecks, fraction(unexpiredDays, totalDays))
  const amountKopecks = roundHalfUp(exact) + 0 // + 0 turns a -0 into 0
  return {
    amountKopecks,
    direction: amountKopecks > 0 ? 'additional' : amountKopecks < 0 ? 'refund' : 'none',
    newPremiumKopecks,
    currentPremiumKopecks: input.currentPremiumKopecks,
    differenceKopecks,
    remainingDays: unexpiredDays,
    termDays: totalDays,
    exact: reduced(exact),
    noRefundByRule,
    ceilingApplied,
  }
}

function reduced(r: Ratio): string {
  let a = r.num < 0n ? -r.num : r.num
  let b = r.den
  while (b !== 0n) [a, b] = [b, a % b]
  const g = a === 0n ? r.den : a
  return `${r.num / g}/${r.den / g}`
}
