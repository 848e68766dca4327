import { formatNumber } from '../format/number'
import { formatAmount } from '../money/format'
import { addDays, addMonths, type CalendarDate } from '../dates/calendarDate'
import type { CascoOwnerType, CascoPreviousPolicy, CascoRisks, CascoSettlement } from './quoteInput'
import type { CascoCondition } from './programsSchema'
import type { MessageRef } from './quoteTypes'
import type { CascoComponent } from './tariffSchema'

/**
 * The closed set of program conditions: how each is tested against the quote and how it is explained when unmet.
 * Parameters come from the programs file; the facts are what the quote knows about the vehicle, the people and
 * the option being priced.
 */

export interface DriverFacts {
  /** 1-based, as the clerk numbers the drivers. */
  number: number
  age: number
  experience: number
  /** The driver's age/experience × gender factor is above 1. */
  loading: boolean
}

export interface ConditionFacts {
  vehicleAge: number
  modelYear: number
  quoteYear: number
  mileageKm: number
  modelId: string | null
  modelName: string
  foreign: boolean
  ownerType: CascoOwnerType
  /** Where the owner is registered: the region's code and name in the regions file. */
  ownerRegion: { code: string; name: string }
  /** Region names by code, to name the regions a condition asks for. */
  regionNames: Readonly<Record<string, string>>
  termMonths: number
  startDate: CalendarDate
  sumInsuredKopecks: number
  drivers: 'unlimited' | DriverFacts[]
  previousPolicy: CascoPreviousPolicy | null
  risks: CascoRisks
  settlement: CascoSettlement
  /** The option's priced components that the tariff's driver factor applies to. */
  driverPricedComponents: readonly CascoComponent[]
  discountPercent: number
  /** Before promotions while promotions are checked; the final premium for a status. */
  premiumKopecks: number
}

const msg = (key: string, params: Record<string, string | number> = {}): MessageRef => ({
  key: `casco.conditions.${key}`,
  params,
})
// Amounts in messages as the clerk reads them («110 155,50»), not as a float («110155.5»): the text adds «₽».
const roubles = (kopecks: number) => formatAmount(kopecks)
const covers = (risks: CascoRisks, risk: 'damage' | 'theft') => risks === 'damageTheft' || risks === risk
const numbers = (drivers: DriverFacts[]) => drivers.map((d) => d.number).join(', ')
/** Settlements where the insurer sends the car to a service station (seed 002's "referral"). */
export const REFERRAL_SETTLEMENTS: readonly CascoSettlement[] = ['dealer', 'nonDealer']

/** null when the condition holds; otherwise why not. */
export function checkCondition(c: CascoCondition, f: ConditionFacts): MessageRef | null {
  switch (c.type) {
    case 'maxVehicleAge':
      return f.vehicleAge <= c.years ? null : msg('maxVehicleAge', { max: c.years, actual: f.vehicleAge })
    case 'risksAre':
      return f.risks === c.risks ? null : msg(`risksAre.${c.risks}`)
    case 'risksInclude':
      return covers(f.risks, c.risk) ? null : msg(`risksInclude.${c.risk}`)
    case 'settlementIs':
      return f.settlement === c.settlement ? null : msg(`settlementIs.${c.settlement}`)
    case 'nonDealerForeignOnly':
      return f.settlement !== 'nonDealer' || f.foreign ? null : msg('nonDealerForeignOnly', { model: f.modelName })
    case 'dealerMaxVehicleAge':
      return f.settlement !== 'dealer' || f.vehicleAge <= c.years
        ? null
        : msg('dealerMaxVehicleAge', { max: c.years, actual: f.vehicleAge })
    case 'mileageBelow':
      return f.mileageKm < c.km
        ? null
        : msg('mileageBelow', { max: formatNumber(c.km), actual: formatNumber(f.mileageKm) })
    case 'modelYearRecent':
      return f.modelYear >= f.quoteYear - c.years
        ? null
        : msg('modelYearRecent', { earliest: f.quoteYear - c.years, actual: f.modelYear })
    case 'ownerTypeIs':
      return f.ownerType === c.ownerType ? null : msg(`ownerTypeIs.${c.ownerType}`)
    case 'ownerRegionIn':
      return c.regions.includes(f.ownerRegion.code)
        ? null
        : msg('ownerRegionIn', {
            regions: c.regions.map((code) => f.regionNames[code] ?? code).join(', '),
            actual: f.ownerRegion.name,
          })
    case 'settlementByReferral':
      return REFERRAL_SETTLEMENTS.includes(f.settlement) ? null : msg('settlementByReferral')
    case 'termMonths':
      return f.termMonths === c.months ? null : msg('termMonths', { months: c.months, actual: f.termMonths })
    case 'noClerkDiscount':
      return f.discountPercent === 0 ? null : msg('noClerkDiscount', { percent: formatNumber(f.discountPercent) })
    case 'modelIn':
      return f.modelId !== null && c.models.includes(f.modelId) ? null : msg('modelIn', { model: f.modelName })
    case 'driversLimited':
      return f.drivers === 'unlimited' ? msg('driversLimited') : null
    case 'driversPriced':
      return f.driverPricedComponents.length > 0 ? null : msg('driversPriced')
    case 'everyDriverAgeOver': {
      if (f.drivers === 'unlimited') return msg('driversLimited')
      const young = f.drivers.filter((d) => d.age <= c.years)
      return young.length === 0 ? null : msg('everyDriverAgeOver', { years: c.years, drivers: numbers(young) })
    }
    case 'everyDriverExperienceOver': {
      if (f.drivers === 'unlimited') return msg('driversLimited')
      const novices = f.drivers.filter((d) => d.experience <= c.years)
      return novices.length === 0
        ? null
        : msg('everyDriverExperienceOver', { years: c.years, drivers: numbers(novices) })
    }
    case 'noDriverLoading': {
      if (f.drivers === 'unlimited') return msg('driversLimited')
      const loaded = f.drivers.filter((d) => d.loading)
      return loaded.length === 0 ? null : msg('noDriverLoading', { drivers: numbers(loaded) })
    }
    case 'previousPolicy':
      return f.previousPolicy ? null : msg('previousPolicy')
    case 'previousTermMonths': {
      const p = f.previousPolicy
      if (!p) return msg('previousPolicy')
      return addDays(addMonths(p.startDate, c.months), -1) === p.endDate
        ? null
        : msg('previousTermMonths', { months: c.months })
    }
    case 'maxPreviousClaims': {
      const p = f.previousPolicy
      if (!p) return msg('previousPolicy')
      return p.claims <= c.max ? null : msg('maxPreviousClaims', { max: c.max, actual: p.claims })
    }
    case 'sameOwnerAndInsured': {
      const p = f.previousPolicy
      if (!p) return msg('previousPolicy')
      return p.sameOwnerAndInsured ? null : msg('sameOwnerAndInsured')
    }
    case 'startsDayAfterPrevious': {
      const p = f.previousPolicy
      if (!p) return msg('previousPolicy')
      const expected = addDays(p.endDate, 1)
      return f.startDate === expected ? null : msg('startsDayAfterPrevious', { expected, actual: f.startDate })
    }
    case 'minSumInsured':
      return f.sumInsuredKopecks >= c.kopecks
        ? null
        : msg('minSumInsured', { min: roubles(c.kopecks), actual: roubles(f.sumInsuredKopecks) })
    case 'minPremium':
      return f.premiumKopecks >= c.kopecks
        ? null
        : msg('minPremium', { min: roubles(c.kopecks), actual: roubles(f.premiumKopecks) })
  }
}

/**
 * Every unmet condition, each explained once: conditions that depend on the same missing thing (no previous
 * policy, an unlimited list) give one message rather than a repeat per condition.
 */
export function unmetConditions(conditions: readonly CascoCondition[], facts: ConditionFacts): MessageRef[] {
  const out: MessageRef[] = []
  const seen = new Set<string>()
  for (const c of conditions) {
    const m = checkCondition(c, facts)
    if (!m) continue
    const id = JSON.stringify(m)
    if (!seen.has(id)) out.push(m)
    seen.add(id)
  }
  return out
}
