import { addDays, addMonths, isCalendarDate } from '../dates/calendarDate'
import { compareRatio } from './bands'
import { driverRiskFactor } from './calculator'
import { FIRST_TIME_KBM_CLASS, mayLimitDrivers, ownerType, type DriverDraft, type OsagoDraft } from './draft'
import type { OsagoInput } from './input'
import { monthsInPeriod } from './monthsOfUse'
import { kbmClasses, type KbmClass, type OsagoTariff } from './tariffSchema'

/**
 * What-if on the OSAGO quote (issue 17, decision 110): the alternatives a clerk is asked about, each a named
 * transformation of the draft priced by the live quote's own calculator. The alternative travels to the renderer
 * as data (kind + params) and `applyOsagoAlternative` — the very function that produced the priced draft — turns
 * it into the draft the clerk gets, so applying it gives exactly the premium it showed.
 *
 * Pricing starts from the input the quote already parsed: `applyToParsedInput` is the same alternative on the parsed
 * input (a property test holds it equal to parsing the applied draft), so an alternative costs one calculation and
 * no parse — what keeps "never more than the calculation's own time per alternative" (issue 17).
 */

export const USE_MONTHS = [3, 6, 9, 12] as const
export type UseMonths = (typeof USE_MONTHS)[number]

export type OsagoAlternative =
  /** The named list replaced by "any driver"; the owner's class is the listed owner's, else first-time (class 3). */
  | { kind: 'anyDriver'; ownerKbmClass: string }
  /** The listed driver with the highest KBM × KVS taken off the list. */
  | { kind: 'withoutDriver'; index: number }
  /** One period of use from the start date for this many months; 12 = the whole term (no periods). */
  | { kind: 'monthsOfUse'; months: UseMonths }

export interface WhatIfLabel {
  key: string
  params: Record<string, string | number>
}

export interface OsagoWhatIf {
  alternative: OsagoAlternative
  label: WhatIfLabel
  premiumKopecks: number
  /** premiumKopecks − the quote's premium: negative is cheaper. */
  differenceKopecks: number
}

export interface OsagoWhatIfContext {
  /** The live quote's own pricing of a parsed input: its premium in kopecks, or null where the quote refuses it. */
  price(input: OsagoInput): number | null
  /** The tariff edition the quote used (its KBM, KVS and period rules). */
  tariff: OsagoTariff
}

/**
 * The draft with the alternative applied: a new object sharing the parts it does not change (the argument is
 * untouched). A shallow copy, not a clone: the what-if prices several drafts per keystroke.
 */
export function applyOsagoAlternative(draft: OsagoDraft, alternative: OsagoAlternative): OsagoDraft {
  switch (alternative.kind) {
    case 'anyDriver':
      return { ...draft, drivers: { mode: 'unlimited', ownerKbmClass: alternative.ownerKbmClass } }
    case 'withoutDriver':
      if (draft.drivers.mode !== 'list') return draft
      return {
        ...draft,
        drivers: { mode: 'list', list: draft.drivers.list.filter((_, i) => i !== alternative.index) },
      }
    case 'monthsOfUse': {
      const start = draft.contract.startDate
      const periodsOfUse =
        alternative.months === 12 ? [] : [{ from: start, to: addDays(addMonths(start, alternative.months), -1) }]
      return { ...draft, contract: { ...draft.contract, periodsOfUse } }
    }
  }
}

/**
 * The alternative on the quote's parsed input: exactly what `parseOsagoInput(draftToPremiumInput(applied draft))`
 * gives (shared/osago/whatIf.test.ts holds the two equal), or null where that parse would refuse. A new object
 * sharing the parts it does not change.
 */
export function applyToParsedInput(input: OsagoInput, alternative: OsagoAlternative): OsagoInput | null {
  switch (alternative.kind) {
    case 'anyDriver': {
      // The parse's own normalisation of a KBM class (shared/osago/input.ts `kbmClass`).
      const kbmClass = alternative.ownerKbmClass.trim().toUpperCase()
      if (!(kbmClasses as readonly string[]).includes(kbmClass)) return null
      return { ...input, owner: { ...input.owner, kbmClass: kbmClass as KbmClass }, drivers: 'unlimited' }
    }
    case 'withoutDriver': {
      if (input.drivers === 'unlimited') return input
      const drivers = input.drivers.filter((_, i) => i !== alternative.index)
      return drivers.length === 0 ? null : { ...input, drivers }
    }
    case 'monthsOfUse': {
      const { periodsOfUse: _whole, ...rest } = input
      if (alternative.months === 12) return rest
      return {
        ...rest,
        periodsOfUse: [{ from: input.startDate, to: addDays(addMonths(input.startDate, alternative.months), -1) }],
      }
    }
  }
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** The owner's class when the owner is on the list (same name and birth date), else the first-time class. */
function ownerClassFromList(draft: OsagoDraft, list: readonly DriverDraft[]): string {
  const owner =
    draft.ownerIsInsured || !draft.owner ? draft.insured : draft.owner.type === 'individual' ? draft.owner.person : null
  if (!owner || !('surname' in owner)) return FIRST_TIME_KBM_CLASS
  const match = list.find(
    (d) =>
      same(d.surname, owner.surname) &&
      same(d.name, owner.name) &&
      d.birthDate !== '' &&
      d.birthDate === owner.birthDate,
  )
  return match && match.kbmClass.trim() !== '' ? match.kbmClass.trim().toUpperCase() : FIRST_TIME_KBM_CLASS
}

/** «Смирнова О. П.»; null without a surname. */
function shortName(d: DriverDraft): string | null {
  const surname = d.surname.trim()
  if (!surname) return null
  const initials = [d.name, d.patronymic]
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => `${x[0]!.toUpperCase()}.`)
  return [surname, initials.join(' ')].filter(Boolean).join(' ')
}

/** The months the draft's periods of use count for KS (12 without periods); null when they cannot be counted. */
function currentMonths(draft: OsagoDraft): number | null {
  const periods = draft.contract.periodsOfUse
  if (periods.length === 0) return 12
  if (periods.some((p) => !isCalendarDate(p.from) || !isCalendarDate(p.to) || p.to < p.from)) return null
  return periods.reduce((sum, p) => sum + monthsInPeriod(p), 0)
}

// Russian counts months in three forms (3 месяца, 6 месяцев): one message per choice, no plural rules.
const MONTHS_LABEL = {
  3: 'whatIf.osago.months.m3',
  6: 'whatIf.osago.months.m6',
  9: 'whatIf.osago.months.m9',
} as const

/** The alternatives worth pricing for this draft, with their labels (not yet priced). */
export function osagoAlternatives(
  draft: OsagoDraft,
  input: OsagoInput,
  tariff: OsagoTariff,
): Array<{ alternative: OsagoAlternative; label: WhatIfLabel }> {
  const out: Array<{ alternative: OsagoAlternative; label: WhatIfLabel }> = []
  if (draft.drivers.mode === 'list' && mayLimitDrivers(draft)) {
    const list = draft.drivers.list
    const ownerKbmClass = ownerClassFromList(draft, list)
    out.push({
      alternative: { kind: 'anyDriver', ownerKbmClass },
      label: { key: 'whatIf.osago.anyDriver', params: { class: ownerKbmClass } },
    })
    const worst = mostExpensiveDriver(input, tariff)
    if (list.length > 1 && worst !== null) {
      const name = shortName(list[worst]!)
      out.push({
        alternative: { kind: 'withoutDriver', index: worst },
        label: name
          ? { key: 'whatIf.osago.withoutDriver', params: { name } }
          : { key: 'whatIf.osago.withoutDriverNumber', params: { n: worst + 1 } },
      })
    }
  }
  // 40-FZ art. 16: periods of use only for an owner the tariff sells them to, and never below its minimum.
  const minMonths = tariff.data.ks.minTotalMonths[ownerType(draft)].value
  const months = currentMonths(draft)
  if (minMonths !== null && months !== null && isCalendarDate(draft.contract.startDate)) {
    for (const m of USE_MONTHS) {
      if (m < minMonths || m === months) continue
      out.push({
        alternative: { kind: 'monthsOfUse', months: m },
        label:
          m === 12 ? { key: 'whatIf.osago.wholeYear', params: {} } : { key: MONTHS_LABEL[m], params: { months: m } },
      })
    }
  }
  return out
}

/** Index of the listed driver with the highest KBM × KVS (the first on a tie); null when one cannot be priced. */
export function mostExpensiveDriver(input: OsagoInput, tariff: OsagoTariff): number | null {
  if (input.drivers === 'unlimited') return null
  const { startDate } = input
  let best: { index: number; factor: NonNullable<ReturnType<typeof driverRiskFactor>> } | null = null
  for (const [index, d] of input.drivers.entries()) {
    const factor = driverRiskFactor(d, startDate, tariff)
    if (factor === null) return null
    if (!best || compareRatio(factor, best.factor) > 0) best = { index, factor }
  }
  return best?.index ?? null
}

/**
 * Every alternative priced beside the quote's premium, from the input the quote parsed (`input` is the draft's).
 * One calculation per alternative, nothing else; those the calculator refuses (the rules do not allow them for
 * this owner or vehicle) are left out, not shown as errors.
 */
export function osagoWhatIf(
  draft: OsagoDraft,
  input: OsagoInput,
  premiumKopecks: number,
  ctx: OsagoWhatIfContext,
): OsagoWhatIf[] {
  const out: OsagoWhatIf[] = []
  for (const { alternative, label } of osagoAlternatives(draft, input, ctx.tariff)) {
    const applied = applyToParsedInput(input, alternative)
    const priced = applied && ctx.price(applied)
    if (priced === null) continue
    out.push({ alternative, label, premiumKopecks: priced, differenceKopecks: priced - premiumKopecks })
  }
  return out
}
