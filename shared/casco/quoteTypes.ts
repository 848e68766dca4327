import type { CalendarDate } from '../dates/calendarDate'
import type { CascoPlan, SchedulePayment } from './schedule'
import type { CascoBaseProgram } from './quoteInput'
import type { CascoRequirement } from './programsSchema'
import type { CascoComponent } from './tariffSchema'

/** A message to show: an i18n key under `casco.` and its parameters (money in roubles, dates YYYY-MM-DD). */
export interface MessageRef {
  key: string
  params: Record<string, string | number>
}

export const CASCO_FACTOR_CODES = [
  'drivers',
  'ownerType',
  'region',
  'theftProne',
  'antiTheft',
  'newCar',
  'mileage',
  'franchise',
  'settlement',
  'territory',
  'term',
  'promotion',
  'discount',
] as const
export type CascoFactorCode = (typeof CASCO_FACTOR_CODES)[number]

/** One multiplier of the premium, with the components it touches and why it has this value. */
export interface CascoFactor {
  code: CascoFactorCode
  /** Exact decimal (a product of tariff decimals); display only — the premium is computed from the tariff values. */
  value: number
  appliesTo: CascoComponent[]
  reason: MessageRef
  verified: boolean
  source: string | null
}

/** One priced part of the policy: base amount × rate % × the factors that apply to it, rounded half-up. */
export interface CascoComponentPremium {
  code: CascoComponent
  /** What the rate is taken of: the sum insured, the extras' total value, the accident sum, the liability limit. */
  baseKopecks: number
  ratePercent: number
  reason: MessageRef
  verified: boolean
  premiumKopecks: number
}

export type CascoProgramKind = 'base' | 'addon' | 'promotion' | 'status'

export interface CascoProgramResult {
  code: CascoBaseProgram | 'gap' | 'uts' | 'moscowHit' | 'experience' | 'renewal' | 'vip'
  kind: CascoProgramKind
  /** Base program or add-on: its conditions are met. Promotion: it is the one applied. Status: granted. */
  applied: boolean
  /** Why not (empty when applied); a promotion whose conditions are met but which lost to a better one says so. */
  unmetConditions: MessageRef[]
  /** What the contract must have once this program is chosen (e.g. an inspection with photos). */
  requires: CascoRequirement[]
  /** Promotions: the price factor they give (0.85 = −15 %). */
  discount?: number
  /** Some condition it was checked against is not a confirmed rule. */
  unverifiedRules: boolean
}

export const UNDERWRITING_CODES = [
  'sumInsuredAboveLimit',
  'theftProneModel',
  'antiTheftMissing',
  'oldVehicle',
  'youngDrivers',
  'discountOutsideCorridor',
] as const
export type UnderwritingCode = (typeof UNDERWRITING_CODES)[number]

/** A check that sends the quote to the underwriter (docs/domain/casco.md#c6), with the values that made it fire. */
export interface CascoUnderwritingFlag {
  code: UnderwritingCode
  reason: MessageRef
}

export interface GapRow {
  /** Month of the contract, from 1. */
  month: number
  from: CalendarDate
  to: CalendarDate
  /** What the insurer pays on a total loss or theft in this month without GAP. */
  sumInsuredKopecks: number
  /** What GAP adds on top: the reduction since the start. */
  gapPaysKopecks: number
}

export interface CascoOptionQuote {
  /** Position in the input's options. */
  index: number
  program: CascoBaseProgram
  /** The base program's and every requested add-on's conditions are met: this option may be sold. */
  eligible: boolean
  /** Annual (term) premium before the instalment surcharge: the sum of the components. */
  premiumKopecks: number
  components: CascoComponentPremium[]
  factors: CascoFactor[]
  programs: CascoProgramResult[]
  requirements: CascoRequirement[]
  schedule: { plan: CascoPlan; totalKopecks: number; payments: SchedulePayment[]; surchargeUnverified: boolean }
  gapTable?: GapRow[]
  vip: boolean
  totalLossThresholdKopecks: number
  /** Every check that fires for this option: the contract-wide ones and its own. */
  underwritingFlags: CascoUnderwritingFlag[]
  /** Unverified tariff values or rules used. */
  warnings: MessageRef[]
}

export interface CascoQuote {
  tariffVersion: string
  programsVersion: string
  startDate: CalendarDate
  vehicleAgeYears: number
  vehicleClass: string
  options: CascoOptionQuote[]
  /** Checks that fire whatever option is chosen; each option lists these plus its own. */
  underwritingFlags: CascoUnderwritingFlag[]
}
