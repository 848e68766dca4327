import { fullYearsBetween } from '../dates/calendarDate'
import { formatNumber } from '../format/number'
import { multiply, ratio, roundHalfUp, toNumber, type Ratio } from '../money/exact'
import { versionInForce } from '../reference/envelope'
import { resolveTerritory, type RegionsData } from '../reference/regions'
import { compareRatio, inRange, powerBandLabel, rangeLabel } from './bands'
import { inputError, missingValue, type OsagoError } from './errors'
import type { OsagoDriver, OsagoInput } from './input'
import { countMonthsOfUse, periodRulesFor } from './monthsOfUse'
import type { OsagoTariff, TariffValue } from './tariffSchema'

/**
 * OSAGO premium T = TB × KT × KBM × KVS × KO × KM × KS × KN × KP × KPr (docs/domain/osago-premium.md and
 * docs/domain/product-decisions.md), but never more than the ceiling of 40-FZ art. 9 p. 2: 3 × TB × KT, or 5 × TB × KT
 * where KN applies. Every value comes from the tariff edition passed in; a value it lacks stops the calculation naming
 * table and key. The product and the ceiling are exact; only the final premium is rounded half-up to the kopeck.
 */

export const coefficientCodes = ['tb', 'kt', 'kbm', 'kvs', 'ko', 'km', 'ks', 'kn', 'kp', 'kpr'] as const
export type CoefficientCode = (typeof coefficientCodes)[number]

/** How the directive writes each code (KPr keeps its lower-case r). */
export const coefficientNames: Record<CoefficientCode, string> = {
  tb: 'TB',
  kt: 'KT',
  kbm: 'KBM',
  kvs: 'KVS',
  ko: 'KO',
  km: 'KM',
  ks: 'KS',
  kn: 'KN',
  kp: 'KP',
  kpr: 'KPr',
}

export interface MessageRef {
  key: string
  params: Record<string, string | number>
}

/** One factor of the premium as it is stored with the contract. */
export interface BreakdownItem {
  code: CoefficientCode
  /** `tb`: the base rate in roubles; every other code: the dimensionless coefficient. */
  value: number
  /** Technical row key, stable across locales: 'KM: >120–150 hp', 'KT: 38.angarsk (Иркутская область, Ангарск)'. */
  sourceRow: string
  /** The same row for display, as an i18n key under `osago.rows`. */
  label: MessageRef
  verified: boolean
  source: string | null
}

export interface OsagoWarning {
  code: CoefficientCode
  sourceRow: string
  messageKey: 'osago.warnings.unverified'
  params: { coefficient: string; row: string; source: string }
}

/** Which multiple of TB × KT caps the premium: the standard one, or the higher one where KN applies. */
export type CeilingBasis = 'standard' | 'grossViolations'

/** The ceiling rule as applied, for display: "3 × TB × KT (40-FZ art. 9 p. 2)". */
export interface CeilingRule {
  multiple: number
  basis: CeilingBasis
  /** The rule for display, as an i18n key under `osago.ceiling` with the multiple as its parameter. */
  label: MessageRef
  verified: boolean
  source: string | null
}

export interface OsagoPremium {
  /** What the client pays, the contract stores and the policy prints: the product, capped by the ceiling. */
  premiumKopecks: number
  /** TB × every coefficient, rounded half-up, before the ceiling. */
  uncappedPremiumKopecks: number
  /** multiple × TB × KT, rounded half-up. */
  ceilingKopecks: number
  /** True when the product exceeded the ceiling, so premiumKopecks = ceilingKopecks. */
  ceilingApplied: boolean
  ceiling: CeilingRule
  /** `tb` in roubles (e.g. 7000); the others are coefficients (e.g. 1.17). Display values: money uses premiumKopecks. */
  coefficients: Record<CoefficientCode, number>
  tariffVersion: string
  territoryKey: string
  breakdown: BreakdownItem[]
  /** One entry per value in the breakdown that is not verified (carried forward or weakly sourced). */
  warnings: OsagoWarning[]
}

type CeilingField = 'uncappedPremiumKopecks' | 'ceilingKopecks' | 'ceilingApplied' | 'ceiling'

/**
 * A calculation as stored with a contract. Those stored before the ceiling existed lack its fields (their
 * premium was not capped), so every reader of a stored calculation must do without them.
 */
export type StoredOsagoPremium = Omit<OsagoPremium, CeilingField> & Partial<Pick<OsagoPremium, CeilingField>>

/** The ceiling part of a stored calculation, or null for one stored before the ceiling existed. */
export function storedCeiling(p: StoredOsagoPremium): Pick<OsagoPremium, CeilingField> | null {
  const { uncappedPremiumKopecks, ceilingKopecks, ceilingApplied, ceiling } = p
  if (
    uncappedPremiumKopecks === undefined ||
    ceilingKopecks === undefined ||
    ceilingApplied === undefined ||
    ceiling === undefined
  )
    return null
  return { uncappedPremiumKopecks, ceilingKopecks, ceilingApplied, ceiling }
}

export type OsagoOutcome = { ok: true; value: OsagoPremium } | { ok: false; error: OsagoError }

class Stop {
  constructor(readonly error: OsagoError) {}
}

function item(code: CoefficientCode, tv: TariffValue, sourceRow: string, label: MessageRef): BreakdownItem {
  return { code, value: tv.value, sourceRow, label, verified: tv.verified, source: tv.source ?? null }
}

/** A coefficient the rules say is not applied: neutral 1, settled by the product decisions rather than a table. */
function notApplied(code: CoefficientCode, reason: string, label: MessageRef): BreakdownItem {
  return {
    code,
    value: 1,
    sourceRow: `${coefficientNames[code]}: not applied (${reason})`,
    label,
    verified: true,
    source: 'docs/domain/product-decisions.md',
  }
}

const ref = (key: string, params: Record<string, string | number> = {}): MessageRef => ({
  key: `osago.rows.${key}`,
  params,
})

export function calculateOsagoPremium(input: OsagoInput, tariff: OsagoTariff, regions: RegionsData): OsagoOutcome {
  try {
    return { ok: true, value: calculate(input, tariff, regions) }
  } catch (e) {
    if (e instanceof Stop) return { ok: false, error: e.error }
    throw e
  }
}

function calculate(input: OsagoInput, tariff: OsagoTariff, regions: RegionsData): OsagoPremium {
  const t = tariff.data
  const version = tariff.version
  const missing = (table: string, key: string, field: string | null = null) =>
    new Stop(missingValue(version, table, key, field))
  const owner = input.owner
  const vehicle = input.vehicle

  if (!versionInForce([tariff], input.conclusionDate)) {
    throw new Stop({
      kind: 'tariff',
      field: 'conclusionDate',
      messageKey: 'osago.errors.tariffNotInForce',
      params: { version, date: input.conclusionDate },
    })
  }
  if (input.startDate < input.conclusionDate) {
    throw new Stop(
      inputError('startDate', 'osago.errors.startBeforeConclusion', { conclusionDate: input.conclusionDate }),
    )
  }

  // TB: the insurer's own rate for the category and owner type.
  const tbRow = t.tb.find((r) => r.ownerType === owner.type && r.categories.includes(vehicle.category))
  if (!tbRow) throw missing('TB', `${vehicle.category}/${owner.type}`)
  const tb = item(
    'tb',
    tbRow.chosen,
    `TB: ${vehicle.category}/${owner.type} (insurer's choice, corridor ${tbRow.corridor.min.value}–${tbRow.corridor.max.value} RUB)`,
    ref(owner.type === 'legal' ? 'tbLegal' : 'tbIndividual', {
      category: vehicle.category,
      // «1 399–8 665 ₽»: the corridor is read (and printed) as Russian numbers.
      min: formatNumber(tbRow.corridor.min.value),
      max: formatNumber(tbRow.corridor.max.value),
    }),
  )

  // KT: residence of an individual owner / registration of a legal entity, both given as owner.region/city.
  const place = resolveTerritory(regions, owner.region, owner.city)
  if (!place.ok) throw new Stop(inputError('owner.region', 'osago.errors.unknownRegion', { region: owner.region }))
  const ktValue = t.kt[place.territoryKey]
  if (!ktValue) throw missing('KT', place.territoryKey, 'owner.region')
  const placeName = place.region.federalCity
    ? place.region.name
    : `${place.region.name}, ${place.city ? place.city.name : 'other settlements'}`
  const kt = item(
    'kt',
    ktValue,
    `KT: ${place.territoryKey} (${placeName})`,
    place.region.federalCity
      ? ref('ktFederal', { region: place.region.name })
      : place.city
        ? ref('ktCity', { region: place.region.name, city: place.city.name })
        : ref('ktOther', { region: place.region.name }),
  )

  // KBM, KVS, KO: by the drivers list.
  let kbm: BreakdownItem
  let kvs: BreakdownItem
  let ko: BreakdownItem
  if (input.drivers === 'unlimited') {
    if (owner.kbmClass === undefined) throw new Stop(inputError('owner.kbmClass', 'osago.errors.ownerKbmRequired'))
    const ownerKbm = t.kbm[owner.kbmClass]
    if (!ownerKbm) throw missing('KBM', `class ${owner.kbmClass}`, 'owner.kbmClass')
    kbm = item(
      'kbm',
      ownerKbm,
      `KBM: class ${owner.kbmClass} (owner, unlimited list)`,
      ref('kbmOwner', { class: owner.kbmClass }),
    )
    kvs = notApplied('kvs', 'unlimited list', ref('kvsUnlimited'))
    const koValue = t.ko.unlimited[owner.type]
    ko = item(
      'ko',
      koValue,
      `KO: unlimited list, ${owner.type}`,
      ref(owner.type === 'legal' ? 'koUnlimitedLegal' : 'koUnlimitedIndividual'),
    )
  } else {
    const drivers = input.drivers
    const factors = drivers.map((d, i) => driverFactors(d, i, drivers.length, input.startDate, tariff))
    kbm = worst(factors.map((f) => f.kbm))
    kvs = worst(factors.map((f) => f.kvs))
    ko = item('ko', t.ko.limited, 'KO: limited list', ref('koLimited'))
  }

  const km = powerFactor(input, tariff)
  const ks = periodFactor(input, tariff)

  const kn = input.grossViolations
    ? item('kn', t.kn.grossViolations, 'KN: gross violations', ref('knGross'))
    : item('kn', t.kn.none, 'KN: no gross violations', ref('knNone'))

  const kp = item('kp', t.kp.oneYearRu, 'KP: one-year contract, RU-registered vehicle', ref('kpOneYear'))

  let kpr: BreakdownItem
  if (vehicle.usedWithTrailer) {
    const row = t.kpr.find((r) => r.ownerType === owner.type && r.categories.includes(vehicle.category))
    if (!row) throw missing('KPr', `${vehicle.category}/${owner.type}`, 'vehicle.usedWithTrailer')
    kpr = item(
      'kpr',
      row.value,
      `KPr: trailer, ${vehicle.category}/${owner.type}`,
      ref(owner.type === 'legal' ? 'kprTrailerLegal' : 'kprTrailerIndividual', { category: vehicle.category }),
    )
  } else {
    kpr = notApplied('kpr', 'no trailer', ref('kprNone'))
  }

  const breakdown = [tb, kt, kbm, kvs, ko, km, ks, kn, kp, kpr]
  const tbKopecks = roundHalfUp(multiply(tb.value, 100))
  const uncapped = multiply(tbKopecks, ...breakdown.slice(1).map((b) => b.value))

  // The law caps the final premium, after every coefficient (trailer included); the cap itself uses TB and KT only.
  const basis: CeilingBasis = input.grossViolations ? 'grossViolations' : 'standard'
  const multiple = t.ceiling[basis]
  const limit = multiply(tbKopecks, kt.value, multiple.value)
  const ceilingApplied = compareRatio(uncapped, limit) > 0
  // Rounding once, at the end: min(round(a), round(b)) = round(min(a, b)) since rounding is monotone.
  const premiumKopecks = roundHalfUp(ceilingApplied ? limit : uncapped)
  const ceiling: CeilingRule = {
    multiple: multiple.value,
    basis,
    label: {
      key: basis === 'grossViolations' ? 'osago.ceiling.ruleGross' : 'osago.ceiling.rule',
      params: { multiple: multiple.value },
    },
    verified: multiple.verified,
    source: multiple.source ?? null,
  }
  const coefficients = Object.fromEntries(breakdown.map((b) => [b.code, b.value])) as Record<CoefficientCode, number>
  const warnings: OsagoWarning[] = breakdown
    .filter((b) => !b.verified)
    .map((b) => ({
      code: b.code,
      sourceRow: b.sourceRow,
      messageKey: 'osago.warnings.unverified',
      params: { coefficient: coefficientNames[b.code], row: b.sourceRow, source: b.source ?? '' },
    }))
  return {
    premiumKopecks,
    uncappedPremiumKopecks: roundHalfUp(uncapped),
    ceilingKopecks: roundHalfUp(limit),
    ceilingApplied,
    ceiling,
    coefficients,
    tariffVersion: version,
    territoryKey: place.territoryKey,
    breakdown,
    warnings,
  }
}

/**
 * KBM × KVS of one listed driver on the contract's start date, by the same rows the premium uses: what makes a
 * driver "the most expensive" for the what-if (shared/osago/whatIf.ts). Null where the driver cannot be priced.
 */
export function driverRiskFactor(d: OsagoDriver, startDate: string, tariff: OsagoTariff): Ratio | null {
  try {
    const f = driverFactors(d, 0, 1, startDate, tariff)
    return multiply(f.kbm.value, f.kvs.value)
  } catch (e) {
    if (e instanceof Stop) return null
    throw e
  }
}

/** The highest coefficient wins (the worst driver sets the contract's KVS and KBM); the first one on a tie. */
function worst(items: readonly BreakdownItem[]): BreakdownItem {
  return items.reduce((a, b) => (b.value > a.value ? b : a))
}

function driverFactors(
  d: OsagoDriver,
  i: number,
  count: number,
  startDate: string,
  tariff: OsagoTariff,
): { kbm: BreakdownItem; kvs: BreakdownItem } {
  const t = tariff.data
  const field = (name: string) => `drivers[${i}].${name}`
  const who = `driver ${i + 1} of ${count}`
  if (d.birthDate > startDate) throw new Stop(inputError(field('birthDate'), 'osago.errors.birthAfterStart'))
  if (d.licenseSince > startDate) throw new Stop(inputError(field('licenseSince'), 'osago.errors.licenceAfterStart'))
  // Full years on the contract start date (product decision).
  const age = fullYearsBetween(d.birthDate, startDate)
  const experience = fullYearsBetween(d.licenseSince, startDate)
  if (experience > age - 16) {
    throw new Stop(inputError(field('licenseSince'), 'osago.errors.experienceExceedsAge', { experience, age }))
  }
  const ai = t.kvs.ageBands.findIndex((b) => inRange(b, age))
  const ei = t.kvs.experienceBands.findIndex((b) => inRange(b, experience))
  const ageBand = t.kvs.ageBands[ai]
  const expBand = t.kvs.experienceBands[ei]
  if (!ageBand || !expBand)
    throw new Stop(missingValue(tariff.version, 'KVS', `age ${age}, experience ${experience}`, field('birthDate')))
  const rowKey = `age ${rangeLabel(ageBand)}, experience ${rangeLabel(expBand)}`
  const cell = t.kvs.values[ai]?.[ei]
  if (!cell) throw new Stop(missingValue(tariff.version, 'KVS', rowKey, field('licenseSince')))
  const kvs = item(
    'kvs',
    cell,
    `KVS: ${rowKey} (${who})`,
    ref('kvs', { age: rangeLabel(ageBand), experience: rangeLabel(expBand), driver: i + 1, count }),
  )

  const kbmValue = t.kbm[d.kbmClass]
  if (!kbmValue) throw new Stop(missingValue(tariff.version, 'KBM', `class ${d.kbmClass}`, field('kbmClass')))
  const kbm = item(
    'kbm',
    kbmValue,
    `KBM: class ${d.kbmClass} (${who})`,
    ref('kbmDriver', { class: d.kbmClass, driver: i + 1, count }),
  )
  return { kbm, kvs }
}

/** KM on engine power in hp; kW are converted exactly with the tariff's factor before the band is chosen. */
function powerFactor(input: OsagoInput, tariff: OsagoTariff): BreakdownItem {
  const t = tariff.data
  const { category, powerHp, powerKw } = input.vehicle
  const table = t.km.tables.find((x) => x.categories.includes(category))
  if (!table) throw new Stop(missingValue(tariff.version, 'KM', category, 'vehicle.category'))
  const hp: Ratio = powerHp !== undefined ? ratio(powerHp) : multiply(powerKw!, t.km.kwToHp.value)
  const band = table.bands.find(
    (b) => compareRatio(hp, b.overHp) > 0 && (b.upToHp === null || compareRatio(hp, b.upToHp) <= 0),
  )
  if (!band)
    throw new Stop(
      missingValue(
        tariff.version,
        'KM',
        `${toNumber(hp)} hp`,
        powerHp !== undefined ? 'vehicle.powerHp' : 'vehicle.powerKw',
      ),
    )
  const bandLabel = powerBandLabel(band)
  // «110,16 л. с.», not «110.16»: the label is read (and printed) in Russian.
  const decimalRu = (x: number) => formatNumber(x)
  const hpShown = Math.round(toNumber(hp) * 100) / 100
  const result = item(
    'km',
    band.value,
    powerHp !== undefined ? `KM: ${bandLabel} hp` : `KM: ${bandLabel} hp (${powerKw} kW = ${hpShown} hp)`,
    powerHp !== undefined
      ? ref('km', { band: bandLabel, hp: decimalRu(hpShown) })
      : ref('kmKw', { band: bandLabel, hp: decimalRu(hpShown), kw: decimalRu(powerKw!) }),
  )
  // The conversion factor is part of the calculation: an unverified factor makes the row unverified too.
  if (powerKw !== undefined && !t.km.kwToHp.verified) {
    result.verified = false
    result.source = `${result.source ?? ''}; kW→hp factor ${t.km.kwToHp.value}: ${t.km.kwToHp.source ?? 'no source'}`
  }
  return result
}

/** KS: individuals only; the whole term counts 12 months when no periods of use are given. */
function periodFactor(input: OsagoInput, tariff: OsagoTariff): BreakdownItem {
  const ks = tariff.data.ks
  const periods = input.periodsOfUse ?? []
  const individual = input.owner.type === 'individual'
  // Periods the tariff does not sell to this owner type are refused here, never priced as if absent.
  const counted = countMonthsOfUse(periods, periodRulesFor(ks, input.owner.type, input.startDate))
  if (!counted.ok) throw new Stop(counted.error)
  if (!individual && periods.length === 0) return notApplied('ks', 'legal entity', ref('ksLegal'))
  const months = periods.length === 0 ? 12 : counted.months
  const row = ks.rows.find((r) => inRange(r.months, months))
  if (!row) throw new Stop(missingValue(tariff.version, 'KS', `${months} months`, 'periodsOfUse'))
  return periods.length === 0
    ? item(
        'ks',
        row.value,
        `KS: whole term, 12 months (row ${rangeLabel(row.months)})`,
        ref('ksWholeTerm', { row: rangeLabel(row.months) }),
      )
    : item(
        'ks',
        row.value,
        `KS: ${months} months of use (row ${rangeLabel(row.months)})`,
        ref('ks', { months, row: rangeLabel(row.months) }),
      )
}
