import { formatNumber } from '../format/number'
import { formatAmount } from '../money/format'
import { fullYearsBetween, type CalendarDate } from '../dates/calendarDate'
import { fraction, multiply, ratio, roundHalfUp, toNumber, type Ratio } from '../money/exact'
import { versionInForce } from '../reference/envelope'
import { resolveTerritory, type RegionsData } from '../reference/regions'
import { findMake, findModel, type VehicleCatalog } from '../reference/vehicles'
import { unmetConditions, type ConditionFacts, type DriverFacts } from './conditions'
import { CascoQuoteError, missingValue } from './errors'
import { gapTable } from './gapTable'
import {
  compareRatios,
  factorFromValue,
  priceComponents,
  publicFactors,
  totalOf,
  type AppliedFactor,
  type ComponentBase,
} from './pricing'
import type { CascoProgramsFile, CascoProgramRules, CascoRequirement } from './programsSchema'
import type { CascoOption, CascoQuoteInput, CascoRisks } from './quoteInput'
import type { CascoOptionQuote, CascoProgramResult, CascoQuote, CascoUnderwritingFlag, MessageRef } from './quoteTypes'
import { CascoScheduleInputError, cascoSchedule, type CascoInstalmentRules } from './schedule'
import {
  CASCO_COMPONENTS,
  inIntRange,
  intRangeLabel,
  type CascoComponent,
  type CascoTariff,
  type CascoTariffValue,
} from './tariffSchema'
import { contractFlags, optionFlags } from './underwriting'

/**
 * The CASCO quote: every option the clerk set up, priced on the same vehicle, owner and drivers, with the
 * programs and promotions checked (and explained when unmet), the payment schedule, the GAP table, VIP status,
 * the total-loss threshold and the underwriting checks that fire. Pure: the caller passes the tariff and the
 * programs file in force on the quote date, the instalment rules in force on the first payment date and the
 * catalogues. Bad input or a value missing from the data throws CascoQuoteError.
 */

export interface CascoQuoteContext {
  vehicles: VehicleCatalog
  regions: RegionsData
  programs: CascoProgramsFile
  instalments: CascoInstalmentRules
}

const ref = (key: string, params: Record<string, string | number> = {}): MessageRef => ({ key: `casco.${key}`, params })
// Amounts in messages as the clerk reads them («110 155,50»), not as a float («110155.5»): the text adds «₽».
const roubles = (kopecks: number) => formatAmount(kopecks)
const coversDamage = (r: CascoRisks) => r === 'damage' || r === 'damageTheft'
const coversTheft = (r: CascoRisks) => r === 'theft' || r === 'damageTheft'

interface DriverCalc extends DriverFacts {
  factor: AppliedFactor
}

interface VehicleFacts {
  modelId: string | null
  modelName: string
  foreign: boolean
  /** null: not in the catalogue, so the theft statistics are unknown. */
  theftProne: boolean | null
  theftProneVerified: boolean
}

/** What every option shares. */
interface Contract {
  input: CascoQuoteInput
  tariff: CascoTariff
  programs: CascoProgramsFile
  startDate: CalendarDate
  quoteYear: number
  vehicleAge: number
  ageBandIndex: number
  ageBandLabel: string
  vehicleClass: string
  vehicle: VehicleFacts
  drivers: 'unlimited' | DriverCalc[]
  /** The region the owner is registered in. */
  ownerRegion: { code: string; name: string }
  /** Factors fixed by the vehicle, the owner and the drivers. */
  factors: AppliedFactor[]
}

export function quoteCasco(input: CascoQuoteInput, tariff: CascoTariff, ctx: CascoQuoteContext): CascoQuote {
  if (!versionInForce([tariff], input.quoteDate)) {
    throw new CascoQuoteError('tariff', 'quoteDate', 'casco.errors.tariffNotInForce', {
      version: tariff.version,
      date: input.quoteDate,
    })
  }
  if (!versionInForce([ctx.programs], input.quoteDate)) {
    throw new CascoQuoteError('tariff', 'quoteDate', 'casco.errors.programsNotInForce', {
      version: ctx.programs.version,
      date: input.quoteDate,
    })
  }
  const contract = prepareContract(input, tariff, ctx)
  const shared = contractFlags(
    {
      sumInsuredKopecks: input.sumInsuredKopecks,
      vehicleAge: contract.vehicleAge,
      drivers: contract.drivers,
    },
    ctx.programs.data.underwriting,
  )
  const options = input.options.map((option, index) => quoteOption(contract, option, index, shared, ctx))
  return {
    tariffVersion: tariff.version,
    programsVersion: ctx.programs.version,
    startDate: contract.startDate,
    vehicleAgeYears: contract.vehicleAge,
    vehicleClass: contract.vehicleClass,
    options,
    underwritingFlags: shared,
  }
}

function prepareContract(input: CascoQuoteInput, tariff: CascoTariff, ctx: CascoQuoteContext): Contract {
  const t = tariff.data
  const version = tariff.version
  const startDate = input.startDate ?? input.quoteDate
  const quoteYear = Number(input.quoteDate.slice(0, 4))
  const vehicleAge = Math.max(0, Number(startDate.slice(0, 4)) - input.vehicle.year)

  const vehicle = vehicleFacts(input, ctx)

  const mv = input.vehicle.marketValueKopecks
  const cls = t.vehicleClasses.find(
    (c) =>
      c.categories.includes(input.vehicle.category) &&
      mv > c.marketValue.overKopecks &&
      (c.marketValue.upToKopecks === null || mv <= c.marketValue.upToKopecks),
  )
  if (!cls)
    throw missingValue(version, 'vehicleClasses', `${input.vehicle.category}, ${mv / 100} RUB`, 'vehicle.category')
  const ageBandIndex = t.vehicleAgeBands.findIndex((b) => inIntRange(b, vehicleAge))
  const ageBand = t.vehicleAgeBands[ageBandIndex]
  if (!ageBand) throw missingValue(version, 'vehicleAgeBands', `${vehicleAge} years`, 'vehicle.year')

  const drivers = driverFactors(input, tariff, startDate)
  const factors: AppliedFactor[] = []
  if (drivers === 'unlimited') {
    const owner = input.owner.type
    factors.push(
      factorFromValue(
        'drivers',
        t.drivers.unlimited[owner],
        t.drivers.appliesTo,
        ref(owner === 'legal' ? 'factors.driversUnlimitedLegal' : 'factors.driversUnlimitedIndividual'),
      ),
    )
  } else {
    // The driver whose factor is highest sets the contract's (the first one on a tie).
    factors.push(drivers.reduce((a, b) => (compareRatios(b.factor.ratio, a.factor.ratio) > 0 ? b : a)).factor)
  }

  factors.push(
    factorFromValue(
      'ownerType',
      t.ownerType[input.owner.type],
      t.ownerType.appliesTo,
      ref(input.owner.type === 'legal' ? 'factors.ownerLegal' : 'factors.ownerIndividual'),
    ),
  )

  const place = resolveTerritory(ctx.regions, input.owner.region, input.owner.city)
  if (!place.ok)
    throw new CascoQuoteError('input', 'owner.region', 'casco.errors.unknownRegion', { region: input.owner.region })
  const regional = t.region.byRegionCode[place.region.code]
  factors.push(
    regional
      ? factorFromValue('region', regional, t.region.appliesTo, ref('factors.region', { region: place.region.name }))
      : factorFromValue(
          'region',
          t.region.otherRegions,
          t.region.appliesTo,
          ref('factors.regionOther', { region: place.region.name }),
        ),
  )

  const prone = vehicle.theftProne === true
  const theftFactor = factorFromValue(
    'theftProne',
    prone ? t.theftProne.theftProne : t.theftProne.other,
    t.theftProne.appliesTo,
    ref(
      vehicle.theftProne === null
        ? 'factors.modelNotInCatalogue'
        : prone
          ? 'factors.theftProne'
          : 'factors.notTheftProne',
      { model: vehicle.modelName },
    ),
  )
  if (!vehicle.theftProneVerified) theftFactor.verified = false
  factors.push(theftFactor)

  factors.push(antiTheftFactor(input, tariff))

  factors.push(
    factorFromValue(
      'newCar',
      input.vehicle.newCar ? t.newCar.new : t.newCar.used,
      t.newCar.appliesTo,
      ref(input.vehicle.newCar ? 'factors.newCar' : 'factors.usedCar'),
    ),
  )

  const km = input.vehicle.mileageKm
  const band = t.mileage.bands.find((b) => inIntRange(b.km, km))
  if (!band) throw missingValue(version, 'mileage', `${km} km`, 'vehicle.mileageKm')
  factors.push(
    factorFromValue(
      'mileage',
      band.value,
      t.mileage.appliesTo,
      // «48 250 км», grouped as the clerk reads it.
      ref('factors.mileage', { km: formatNumber(km), band: intRangeLabel(band.km) }),
    ),
  )

  const term = t.term.rows.find((r) => r.months === input.termMonths)
  if (!term) throw missingValue(version, 'term', `${input.termMonths} months`, 'termMonths')
  factors.push(factorFromValue('term', term.value, t.term.appliesTo, ref('factors.term', { months: input.termMonths })))

  return {
    input,
    tariff,
    programs: ctx.programs,
    startDate,
    quoteYear,
    vehicleAge,
    ageBandIndex,
    ageBandLabel: intRangeLabel(ageBand),
    vehicleClass: cls.code,
    vehicle,
    drivers,
    ownerRegion: { code: place.region.code, name: place.region.name },
    factors,
  }
}

function vehicleFacts(input: CascoQuoteInput, ctx: CascoQuoteContext): VehicleFacts {
  const m = input.vehicle.model
  if ('other' in m) {
    return {
      modelId: null,
      modelName: m.other.name,
      foreign: m.other.foreign,
      theftProne: null,
      theftProneVerified: true,
    }
  }
  const model = findModel(ctx.vehicles, m.modelId)
  if (!model)
    throw new CascoQuoteError('input', 'vehicle.model.modelId', 'casco.errors.unknownModel', { model: m.modelId })
  const make = findMake(ctx.vehicles, model.makeId)
  const domestic = ctx.programs.data.domesticMakes.value
  return {
    modelId: model.id,
    modelName: `${make?.name ?? model.makeId} ${model.model}`,
    foreign: !domestic.includes(model.makeId),
    theftProne: model.theftProne.value,
    theftProneVerified: model.theftProne.verified,
  }
}

function driverFactors(
  input: CascoQuoteInput,
  tariff: CascoTariff,
  startDate: CalendarDate,
): 'unlimited' | DriverCalc[] {
  if (input.drivers === 'unlimited') return 'unlimited'
  const t = tariff.data.drivers
  const count = input.drivers.length
  return input.drivers.map((d, i) => {
    const field = (name: string) => `drivers[${i}].${name}`
    let age: number
    if (d.birthDate !== undefined) {
      if (d.birthDate > startDate)
        throw new CascoQuoteError('input', field('birthDate'), 'casco.errors.birthAfterStart')
      age = fullYearsBetween(d.birthDate, startDate)
    } else {
      age = d.age!
    }
    let experience: number
    if (d.licenseSince !== undefined) {
      if (d.licenseSince > startDate)
        throw new CascoQuoteError('input', field('licenseSince'), 'casco.errors.licenceAfterStart')
      experience = fullYearsBetween(d.licenseSince, startDate)
    } else {
      experience = d.experienceYears!
    }
    const experienceField = field(d.licenseSince !== undefined ? 'licenseSince' : 'experienceYears')
    if (experience > age - 16) {
      throw new CascoQuoteError('input', experienceField, 'casco.errors.experienceExceedsAge', { experience, age })
    }
    const ai = t.ageBands.findIndex((b) => inIntRange(b, age))
    const ei = t.experienceBands.findIndex((b) => inIntRange(b, experience))
    const ageBand = t.ageBands[ai]
    const expBand = t.experienceBands[ei]
    if (!ageBand)
      throw missingValue(
        tariff.version,
        'drivers',
        `age ${age}`,
        field(d.birthDate !== undefined ? 'birthDate' : 'age'),
      )
    if (!expBand) throw missingValue(tariff.version, 'drivers', `experience ${experience}`, experienceField)
    const cell = t.values[ai]?.[ei]
    const rowKey = `age ${intRangeLabel(ageBand)}, experience ${intRangeLabel(expBand)}`
    if (!cell) throw missingValue(tariff.version, 'drivers', rowKey, experienceField)
    const gender = t.gender[d.gender]
    const product = multiply(cell.value, gender.value)
    const factor: AppliedFactor = {
      code: 'drivers',
      ratio: product,
      appliesTo: t.appliesTo,
      reason: ref(d.gender === 'female' ? 'factors.driverFemale' : 'factors.driverMale', {
        driver: i + 1,
        count,
        age,
        experience,
        ageBand: intRangeLabel(ageBand),
        experienceBand: intRangeLabel(expBand),
      }),
      verified: cell.verified && gender.verified,
      source: [cell.source, gender.source].filter(Boolean).join('; ') || null,
    }
    return { number: i + 1, age, experience, loading: compareRatios(product, ratio(1)) > 0, factor }
  })
}

function antiTheftFactor(input: CascoQuoteInput, tariff: CascoTariff): AppliedFactor {
  const a = tariff.data.antiTheft
  const installed = input.vehicle.antiTheft
  if (installed.length === 0) return factorFromValue('antiTheft', a.none, a.appliesTo, ref('factors.antiTheftNone'))
  let best: AppliedFactor | null = null
  installed.forEach((system, i) => {
    const value = a.systems[system]
    if (!value) throw missingValue(tariff.version, 'antiTheft', system, `vehicle.antiTheft[${i}]`)
    const f = factorFromValue('antiTheft', value, a.appliesTo, ref(`factors.antiTheft.${system}`))
    if (!best || compareRatios(f.ratio, best.ratio) < 0) best = f
  })
  return best!
}

function presentComponents(option: CascoOption): CascoComponent[] {
  const has: Record<CascoComponent, boolean> = {
    damage: coversDamage(option.risks),
    theft: coversTheft(option.risks),
    extras: option.extras.length > 0,
    gap: option.gap,
    uts: option.uts,
    accident: option.accident !== null,
    liability: option.extendedLiabilityKopecks !== null,
  }
  return CASCO_COMPONENTS.filter((c) => has[c])
}

function rate(tv: CascoTariffValue): { rate: Ratio; verified: boolean } {
  return { rate: ratio(tv.value), verified: tv.verified }
}

function componentBases(c: Contract, option: CascoOption, index: number): ComponentBase[] {
  const t = c.tariff.data
  const version = c.tariff.version
  const si = c.input.sumInsuredKopecks
  const at = (name: string) => `options[${index}].${name}`
  const out: ComponentBase[] = []
  for (const code of presentComponents(option)) {
    switch (code) {
      case 'damage':
      case 'theft': {
        const tv = t.baseRates[c.vehicleClass]?.[code][c.ageBandIndex]
        if (!tv)
          throw missingValue(version, 'baseRates', `${c.vehicleClass}/${code}/age ${c.ageBandLabel}`, 'vehicle.year')
        out.push({
          code,
          baseKopecks: si,
          ...rate(tv),
          reason: ref(`rates.${code}`, { vehicleClass: c.vehicleClass, ageBand: c.ageBandLabel, age: c.vehicleAge }),
        })
        break
      }
      case 'extras': {
        const total = option.extras.reduce((s, e) => s + e.valueKopecks, 0)
        out.push({
          code,
          baseKopecks: total,
          ...rate(t.extras.ratePercent[option.risks]),
          reason: ref('rates.extras', { count: option.extras.length }),
        })
        break
      }
      case 'gap':
        out.push({ code, baseKopecks: si, ...rate(t.gap.ratePercent), reason: ref('rates.gap') })
        break
      case 'uts':
        out.push({ code, baseKopecks: si, ...rate(t.uts.ratePercent), reason: ref('rates.uts') })
        break
      case 'accident': {
        const a = option.accident!
        if (a.sumPerSeatKopecks > t.accident.maxSumPerSeatKopecks.value) {
          throw new CascoQuoteError('input', at('accident.sumPerSeatKopecks'), 'casco.errors.accidentSumTooLarge', {
            max: roubles(t.accident.maxSumPerSeatKopecks.value),
          })
        }
        if (a.seats > t.accident.maxSeats.value) {
          throw new CascoQuoteError('input', at('accident.seats'), 'casco.errors.accidentSeatsTooMany', {
            max: t.accident.maxSeats.value,
          })
        }
        out.push({
          code,
          baseKopecks: a.sumPerSeatKopecks * a.seats,
          ...rate(t.accident.ratePercent),
          reason: ref('rates.accident', { seats: a.seats, sumPerSeat: roubles(a.sumPerSeatKopecks) }),
        })
        break
      }
      case 'liability': {
        const limit = option.extendedLiabilityKopecks!
        if (limit > t.liability.maxLimitKopecks.value) {
          throw new CascoQuoteError('input', at('extendedLiabilityKopecks'), 'casco.errors.liabilityAboveMax', {
            max: roubles(t.liability.maxLimitKopecks.value),
          })
        }
        out.push({
          code,
          baseKopecks: limit,
          ...rate(t.liability.ratePercent),
          reason: ref('rates.liability', { limit: roubles(limit) }),
        })
        break
      }
    }
  }
  return out
}

/** Franchise, settlement, territory and the clerk's discount: what the option itself chooses. */
function optionFactors(
  c: Contract,
  option: CascoOption,
  index: number,
  present: readonly CascoComponent[],
): AppliedFactor[] {
  const t = c.tariff.data
  const out: AppliedFactor[] = []
  const fr = option.franchise
  if (fr.type === 'none') {
    out.push({
      code: 'franchise',
      ratio: ratio(1),
      appliesTo: t.franchise.appliesTo,
      reason: ref('factors.franchiseNone'),
      verified: true,
      source: null,
    })
  } else {
    const si = c.input.sumInsuredKopecks
    // The franchise as % of the sum insured, exactly: the bands are edges in %.
    const pct: Ratio = fr.mode === 'percent' ? ratio(fr.value) : multiply(fraction(fr.value, si), 100)
    const bands = t.franchise[fr.type]
    const band = bands.find((b) => compareRatios(pct, ratio(b.upToPercent)) <= 0)
    if (!band) {
      throw new CascoQuoteError('input', `options[${index}].franchise.value`, 'casco.errors.franchiseTooLarge', {
        max: bands.at(-1)!.upToPercent,
      })
    }
    const shown = Math.round(toNumber(pct) * 100) / 100
    const key = `factors.franchise.${fr.type}.${fr.mode}`
    out.push(
      factorFromValue(
        'franchise',
        band.value,
        t.franchise.appliesTo,
        ref(
          key,
          fr.mode === 'amount'
            ? { amount: roubles(fr.value), percent: formatNumber(shown), band: formatNumber(band.upToPercent) }
            : { percent: formatNumber(fr.value), band: formatNumber(band.upToPercent) },
        ),
      ),
    )
  }
  out.push(
    factorFromValue(
      'settlement',
      t.settlement[option.settlement],
      t.settlement.appliesTo,
      ref(`factors.settlement.${option.settlement}`),
    ),
  )
  out.push(
    factorFromValue(
      'territory',
      t.territory[option.territory],
      t.territory.appliesTo,
      ref(`factors.territory.${option.territory}`),
    ),
  )
  if (option.discountPercent > 0) {
    const d = ratio(option.discountPercent)
    out.push({
      code: 'discount',
      ratio: fraction(100n * d.den - d.num, 100n * d.den),
      appliesTo: present,
      reason: ref('factors.discount', { percent: formatNumber(option.discountPercent) }),
      verified: true,
      source: null,
    })
  }
  return out
}

function programResult(
  code: CascoProgramResult['code'],
  kind: CascoProgramResult['kind'],
  rules: CascoProgramRules,
  facts: ConditionFacts,
): CascoProgramResult {
  const unmet = unmetConditions(rules.conditions, facts)
  return {
    code,
    kind,
    applied: unmet.length === 0,
    unmetConditions: unmet,
    requires: [...rules.requires],
    unverifiedRules: rules.conditions.some((x) => !x.verified),
  }
}

function quoteOption(
  c: Contract,
  option: CascoOption,
  index: number,
  shared: CascoUnderwritingFlag[],
  ctx: CascoQuoteContext,
): CascoOptionQuote {
  const rules = ctx.programs.data
  const input = c.input
  const present = presentComponents(option)
  const bases = componentBases(c, option, index)
  const plain = [...c.factors, ...optionFactors(c, option, index, present)]
  const plainPremium = totalOf(priceComponents(bases, plain))

  const facts: ConditionFacts = {
    vehicleAge: c.vehicleAge,
    modelYear: input.vehicle.year,
    quoteYear: c.quoteYear,
    mileageKm: input.vehicle.mileageKm,
    modelId: c.vehicle.modelId,
    modelName: c.vehicle.modelName,
    foreign: c.vehicle.foreign,
    ownerType: input.owner.type,
    ownerRegion: c.ownerRegion,
    regionNames: Object.fromEntries(ctx.regions.regions.map((r) => [r.code, r.name])),
    termMonths: input.termMonths,
    startDate: c.startDate,
    sumInsuredKopecks: input.sumInsuredKopecks,
    drivers:
      c.drivers === 'unlimited'
        ? 'unlimited'
        : c.drivers.map(({ number, age, experience, loading }) => ({ number, age, experience, loading })),
    previousPolicy: input.previousPolicy,
    risks: option.risks,
    settlement: option.settlement,
    driverPricedComponents: present.filter((code) => c.tariff.data.drivers.appliesTo.includes(code)),
    discountPercent: option.discountPercent,
    premiumKopecks: plainPremium,
  }

  const base = programResult(option.program, 'base', rules.programs[option.program], facts)
  const addons = (['gap', 'uts'] as const)
    .filter((a) => option[a])
    .map((a) => programResult(a, 'addon', rules.addons[a], facts))

  // Promotions do not combine: of those whose conditions hold, the one giving the lowest premium applies.
  const promotions = rules.promotions.map((p) => {
    const result = { ...programResult(p.code, 'promotion', p, facts), applied: false, discount: p.discount.value }
    const factor: AppliedFactor = factorFromValue(
      'promotion',
      p.discount,
      p.appliesTo,
      ref(`factors.promotion.${p.code}`),
    )
    const premium = result.unmetConditions.length === 0 ? totalOf(priceComponents(bases, [...plain, factor])) : null
    return { result, factor, premium, discountVerified: p.discount.verified }
  })
  const best = promotions.reduce<(typeof promotions)[number] | null>(
    (a, p) => (p.premium !== null && (a === null || p.premium < a.premium!) ? p : a),
    null,
  )
  for (const p of promotions) {
    if (p === best) p.result.applied = true
    else if (p.premium !== null) p.result.unmetConditions = [ref('programs.notCombined')]
  }

  const factors = best ? [...plain, best.factor] : plain
  const components = priceComponents(bases, factors)
  const premiumKopecks = totalOf(components)
  if (premiumKopecks <= 0) throw new CascoQuoteError('input', 'sumInsuredKopecks', 'casco.errors.premiumZero')

  let schedule: CascoOptionQuote['schedule']
  try {
    const s = cascoSchedule(
      { premiumKopecks, plan: option.plan, firstPaymentDate: input.firstPaymentDate },
      ctx.instalments,
    )
    schedule = { plan: option.plan, ...s }
  } catch (e) {
    if (e instanceof CascoScheduleInputError) {
      throw new CascoQuoteError(
        'input',
        e.field === 'firstPaymentDate' ? 'firstPaymentDate' : `options[${index}].plan`,
        e.messageKey,
      )
    }
    throw e
  }

  const vip = programResult('vip', 'status', rules.vip, { ...facts, premiumKopecks })
  const programs = [base, ...addons, ...promotions.map((p) => p.result), vip]

  const tl = rules.totalLoss
  const tlBasis = tl.basis === 'sumInsured' ? input.sumInsuredKopecks : input.vehicle.marketValueKopecks
  const totalLossThresholdKopecks = roundHalfUp(multiply(tlBasis, tl.share.value))

  const own = optionFlags(
    {
      modelName: c.vehicle.modelName,
      theftProne: c.vehicle.theftProne,
      antiTheft: input.vehicle.antiTheft,
      risks: option.risks,
      discountPercent: option.discountPercent,
    },
    rules.underwriting,
  )

  const publicList = publicFactors(factors, present)
  const warnings: MessageRef[] = []
  const unverifiedItems = [
    ...components.filter((x) => !x.verified).map((x) => `rate:${x.code}`),
    ...publicList.filter((f) => !f.verified).map((f) => f.code),
  ]
  if (best && !best.discountVerified && !unverifiedItems.includes('promotion')) unverifiedItems.push('promotion')
  if (unverifiedItems.length > 0) warnings.push(ref('warnings.unverifiedValues', { items: unverifiedItems.join(', ') }))
  const unverifiedPrograms = programs.filter((p) => p.unverifiedRules).map((p) => p.code)
  if (unverifiedPrograms.length > 0)
    warnings.push(ref('warnings.unverifiedRules', { programs: unverifiedPrograms.join(', ') }))
  if (schedule.surchargeUnverified) warnings.push(ref('warnings.unverifiedSurcharge', { plan: option.plan }))

  const requirements = [...new Set<CascoRequirement>([...base.requires, ...addons.flatMap((a) => a.requires)])]
  const quote: CascoOptionQuote = {
    index,
    program: option.program,
    eligible: base.applied && addons.every((a) => a.applied),
    premiumKopecks,
    components,
    factors: publicList,
    programs,
    requirements,
    schedule,
    vip: vip.applied,
    totalLossThresholdKopecks,
    underwritingFlags: [...shared, ...own],
    warnings,
  }
  if (option.gap) {
    quote.gapTable = gapTable({
      sumInsuredKopecks: input.sumInsuredKopecks,
      startDate: c.startDate,
      termMonths: input.termMonths,
      reductionPerYear: rules.gapCover.reductionPerYear.value,
    })
  }
  return quote
}
