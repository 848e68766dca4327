import { formatNumber } from '../format/number'
import { fraction, multiply, ratio } from '../money/exact'
import { formatAmount } from '../money/format'
import type { CascoDraft, CascoFranchiseDraft } from './draft'
import { compareRatios } from './pricing'
import { CASCO_SETTLEMENTS, type CascoSettlement } from './quoteInput'
import type { CascoPlan } from './schedule'
import type { CascoTariff } from './tariffSchema'

/**
 * What-if on the CASCO comparison (issue 17, decision 110): for each option column, the next franchise step,
 * another settlement and instalments vs one payment — each a named transformation of that column, priced by the
 * same engine as the live quote. The alternative travels as data and `applyCascoAlternative` (the function that
 * produced the priced draft) applies it, so the column then costs exactly what the alternative showed.
 */

export type CascoAlternative =
  /** The franchise moved to the next band of the tariff (from none: the first band of an unconditional one). */
  | { kind: 'franchise'; option: number; franchise: CascoFranchiseDraft }
  | { kind: 'settlement'; option: number; settlement: CascoSettlement }
  | { kind: 'plan'; option: number; plan: CascoPlan }

export interface CascoWhatIf {
  alternative: CascoAlternative
  label: { key: string; params: Record<string, string | number> }
  /** What the client pays for the column with the alternative: the schedule's total (instalment surcharge included). */
  totalKopecks: number
  /** totalKopecks − the column's total now: negative is cheaper. */
  differenceKopecks: number
}

export interface CascoWhatIfContext {
  /**
   * The live quote's own pricing of one column of a draft: its schedule total, or null where the engine refuses it
   * or the column may not be sold (a program's conditions unmet).
   */
  price(draft: CascoDraft, option: number): number | null
  /** The tariff edition the quote used (its franchise bands). */
  tariff: CascoTariff
}

/**
 * The draft with the alternative applied to its column: a new object sharing what it does not change (the argument
 * is untouched). A shallow copy, not a clone: the what-if prices a dozen drafts per keystroke.
 */
export function applyCascoAlternative(draft: CascoDraft, alternative: CascoAlternative): CascoDraft {
  const option = draft.options[alternative.option]
  if (!option) return draft
  const changed =
    alternative.kind === 'franchise'
      ? { ...option, franchise: { ...alternative.franchise } }
      : alternative.kind === 'settlement'
        ? { ...option, settlement: alternative.settlement }
        : { ...option, plan: alternative.plan }
  return { ...draft, options: draft.options.map((o, i) => (i === alternative.option ? changed : o)) }
}

/**
 * The franchise one band up, in the column's own mode: % of the sum insured at the band's edge, or the amount at
 * that edge in whole roubles (never over it, so it stays in that band). Null past the last band or without a sum.
 */
export function nextFranchise(
  current: CascoFranchiseDraft,
  sumInsuredKopecks: number | null,
  tariff: CascoTariff,
): CascoFranchiseDraft | null {
  if (!sumInsuredKopecks || sumInsuredKopecks <= 0) return null
  const type = current.type === 'none' ? 'unconditional' : current.type
  const bands = tariff.data.franchise[type]
  let next = 0
  if (current.type !== 'none') {
    if (current.value === null || current.value <= 0) return null
    const pct =
      current.mode === 'percent' ? ratio(current.value) : multiply(fraction(current.value, sumInsuredKopecks), 100)
    const at = bands.findIndex((b) => compareRatios(pct, ratio(b.upToPercent)) <= 0)
    if (at < 0) return null
    next = at + 1
  }
  const band = bands[next]
  if (!band) return null
  if (current.mode === 'percent') return { type, mode: 'percent', value: band.upToPercent }
  const edge = multiply(sumInsuredKopecks, band.upToPercent, fraction(1, 100))
  const kopecks = Number((edge.num / edge.den / 100n) * 100n)
  return kopecks > 0 ? { type, mode: 'amount', value: kopecks } : null
}

function franchiseLabel(f: CascoFranchiseDraft): CascoWhatIf['label'] {
  const value = f.mode === 'percent' ? formatNumber(f.value ?? 0) : formatAmount(f.value ?? 0)
  return { key: `whatIf.casco.franchise.${f.type}.${f.mode}`, params: { value } }
}

/** The alternatives worth pricing for one column (not yet priced). */
export function cascoAlternatives(
  draft: CascoDraft,
  option: number,
  tariff: CascoTariff,
): Array<{ alternative: CascoAlternative; label: CascoWhatIf['label'] }> {
  const o = draft.options[option]
  if (!o) return []
  const out: Array<{ alternative: CascoAlternative; label: CascoWhatIf['label'] }> = []
  // A franchise discounts damage only: a theft-only column has nothing it would lower.
  const franchise = o.risks === 'theft' ? null : nextFranchise(o.franchise, draft.sumInsuredKopecks, tariff)
  if (franchise) out.push({ alternative: { kind: 'franchise', option, franchise }, label: franchiseLabel(franchise) })
  if (o.risks !== 'theft') {
    for (const settlement of CASCO_SETTLEMENTS) {
      if (settlement === o.settlement) continue
      out.push({
        alternative: { kind: 'settlement', option, settlement },
        label: { key: `whatIf.casco.settlement.${settlement}`, params: {} },
      })
    }
  }
  const plans: CascoPlan[] = o.plan === 'single' ? ['two', 'four'] : ['single']
  for (const plan of plans)
    out.push({ alternative: { kind: 'plan', option, plan }, label: { key: `whatIf.casco.plan.${plan}`, params: {} } })
  return out
}

/**
 * Every column's alternatives priced beside its total (`totals[i]`, null for a column the quote could not sell).
 * One pricing of one column per alternative; those the engine refuses or may not sell are left out.
 */
export function cascoWhatIf(
  draft: CascoDraft,
  totals: ReadonlyArray<number | null>,
  ctx: CascoWhatIfContext,
): CascoWhatIf[] {
  const out: CascoWhatIf[] = []
  totals.forEach((total, option) => {
    if (total === null) return
    for (const { alternative, label } of cascoAlternatives(draft, option, ctx.tariff)) {
      const priced = ctx.price(applyCascoAlternative(draft, alternative), option)
      if (priced === null) continue
      out.push({ alternative, label, totalKopecks: priced, differenceKopecks: priced - total })
    }
  })
  return out
}
