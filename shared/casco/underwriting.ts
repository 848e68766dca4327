import { formatNumber } from '../format/number'
import { formatAmount } from '../money/format'
import type { AntiTheftSystem } from './tariffSchema'
import type { CascoProgramsData } from './programsSchema'
import type { CascoRisks } from './quoteInput'
import type { CascoUnderwritingFlag, UnderwritingCode } from './quoteTypes'
import type { DriverFacts } from './conditions'

/**
 * The quote-side underwriting checks of docs/domain/casco.md#c6 (damage found at inspection is the inspection's own):
 * thresholds come from the programs file, and a check set to null there does not fire.
 */

const flag = (code: UnderwritingCode, params: Record<string, string | number> = {}): CascoUnderwritingFlag => ({
  code,
  reason: { key: `casco.underwriting.${code}`, params },
})
// Amounts in messages as the clerk reads them («110 155,50»), not as a float («110155.5»): the text adds «₽».
const roubles = (kopecks: number) => formatAmount(kopecks)

export interface ContractUnderwritingFacts {
  sumInsuredKopecks: number
  vehicleAge: number
  drivers: 'unlimited' | DriverFacts[]
}

/** Checks that fire whatever option the clerk picks. */
export function contractFlags(
  f: ContractUnderwritingFacts,
  rules: CascoProgramsData['underwriting'],
): CascoUnderwritingFlag[] {
  const out: CascoUnderwritingFlag[] = []
  const limit = rules.branchSumInsuredLimitKopecks
  if (limit && f.sumInsuredKopecks > limit.value) {
    out.push(flag('sumInsuredAboveLimit', { limit: roubles(limit.value), actual: roubles(f.sumInsuredKopecks) }))
  }
  if (rules.maxVehicleAge && f.vehicleAge > rules.maxVehicleAge.value) {
    out.push(flag('oldVehicle', { max: rules.maxVehicleAge.value, actual: f.vehicleAge }))
  }
  const young = rules.youngDriver
  if (young && f.drivers !== 'unlimited') {
    const who = f.drivers.filter((d) => d.age < young.ageBelow.value || d.experience < young.experienceBelow.value)
    if (who.length > 0) {
      out.push(
        flag('youngDrivers', {
          drivers: who.map((d) => d.number).join(', '),
          age: young.ageBelow.value,
          experience: young.experienceBelow.value,
        }),
      )
    }
  }
  return out
}

export interface OptionUnderwritingFacts {
  modelName: string
  /** null: a model the catalogue does not know. */
  theftProne: boolean | null
  antiTheft: readonly AntiTheftSystem[]
  risks: CascoRisks
  discountPercent: number
}

/** Checks that depend on the option: what it covers and the clerk's discount. */
export function optionFlags(
  f: OptionUnderwritingFacts,
  rules: CascoProgramsData['underwriting'],
): CascoUnderwritingFlag[] {
  const out: CascoUnderwritingFlag[] = []
  const theftCovered = f.risks === 'theft' || f.risks === 'damageTheft'
  if (rules.theftProne?.enabled && f.theftProne === true && theftCovered) {
    out.push(flag('theftProneModel', { model: f.modelName }))
    const required = rules.theftProne.requiredAntiTheft.value
    if (required.length > 0 && !required.some((s) => f.antiTheft.includes(s))) {
      out.push(flag('antiTheftMissing', { model: f.modelName, systems: required.join(', ') }))
    }
  }
  const corridor = rules.discountCorridorPercent
  if (corridor && f.discountPercent > corridor.value) {
    out.push(
      flag('discountOutsideCorridor', { percent: formatNumber(f.discountPercent), max: formatNumber(corridor.value) }),
    )
  }
  return out
}
