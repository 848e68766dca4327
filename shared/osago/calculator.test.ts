import { describe, expect, it } from 'vitest'
import { addDays, addMonths, addYears } from '../dates/calendarDate'
import { calculateOsagoPremium, type OsagoOutcome, type OsagoPremium } from './calculator'
import { baseInput, regions, tariff6209, tariff7204, tariffs } from './testFixtures'
import type { OsagoDriver, OsagoInput } from './input'
import { selectTariff } from './selectTariff'
import type { OsagoTariff } from './tariffSchema'

function calc(input: OsagoInput, tariff: OsagoTariff = tariff6209): OsagoOutcome {
  return calculateOsagoPremium(input, tariff, regions)
}

function ok(input: OsagoInput, tariff: OsagoTariff = tariff6209): OsagoPremium {
  const r = calc(input, tariff)
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}

const START = '2024-03-05'

/** A driver of exactly `age` full years with exactly `experience` full years on START. */
function driver(age: number, experience: number, kbmClass: OsagoDriver['kbmClass'] = '4'): OsagoDriver {
  return { birthDate: addYears(START, -age), licenseSince: addYears(START, -experience), kbmClass }
}

/** The day after the anniversary: one year short of `age`. */
function justUnder(date: string): string {
  return addDays(date, 1)
}

describe('OSAGO premium — worked example', () => {
  it('multiplies TB by every coefficient and rounds once', () => {
    const r = ok(baseInput())
    expect(r.coefficients).toEqual({
      tb: 7000,
      kt: 1.16,
      kbm: 1,
      kvs: 0.91,
      ko: 1,
      km: 1.1,
      ks: 1,
      kn: 1,
      kp: 1,
      kpr: 1,
    })
    // 7000 × 1.16 × 1.00 × 0.91 × 1.1 = 8128.12 RUB
    expect(r.premiumKopecks).toBe(812_812)
    expect(r.tariffVersion).toBe('6209-U')
    expect(r.territoryKey).toBe('40.kaluga')
  })

  it('rounds half-up at exactly half a kopeck', () => {
    const tariff = structuredClone(tariff6209)
    tariff.data.tb.find((x) => x.ownerType === 'individual')!.chosen.value = 1646.25
    const input = baseInput({
      owner: { type: 'individual', region: 'Владимирская область', city: null, kbmClass: '4' },
      drivers: [driver(37, 3, '4')],
      periodsOfUse: [{ from: START, to: addDays(addMonths(START, 3), -1) }],
    })
    const r = ok({ ...input, vehicle: { ...input.vehicle, powerHp: 60 } }, tariff)
    expect(r.coefficients).toMatchObject({ tb: 1646.25, kt: 1, kbm: 1, kvs: 1, km: 1, ks: 0.5 })
    // 164 625 kopecks × 0.5 = 82 312.5 → 82 313
    expect(r.premiumKopecks).toBe(82_313)
  })

  it('stores a breakdown with source rows and flags unverified values', () => {
    const r = ok(baseInput())
    expect(r.breakdown.map((b) => b.code)).toEqual(['tb', 'kt', 'kbm', 'kvs', 'ko', 'km', 'ks', 'kn', 'kp', 'kpr'])
    const byCode = Object.fromEntries(r.breakdown.map((b) => [b.code, b]))
    expect(byCode.km).toMatchObject({ value: 1.1, sourceRow: 'KM: >70–100 hp', verified: true })
    expect(byCode.kt).toMatchObject({ sourceRow: 'KT: 40.kaluga (Калужская область, Калуга)', verified: false })
    expect(byCode.kt?.label).toEqual({
      key: 'osago.rows.ktCity',
      params: { region: 'Калужская область', city: 'Калуга' },
    })
    expect(byCode.tb?.sourceRow).toBe("TB: B/individual (insurer's choice, corridor 1646–7535 RUB)")
    expect(byCode.kvs?.sourceRow).toBe('KVS: age 40–49, experience 15+ (driver 1 of 1)')
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['kt', 'kvs', 'tb'])
    expect(r.warnings[0]).toMatchObject({ messageKey: 'osago.warnings.unverified' })
  })

  it('has no warnings when every value used is verified', () => {
    const tariff = structuredClone(tariff6209)
    tariff.data.tb.forEach((row) => {
      row.chosen.verified = true
    })
    tariff.data.kt['40.kaluga']!.verified = true
    tariff.data.kvs.values.forEach((row) =>
      row.forEach((cell) => {
        if (cell) cell.verified = true
      }),
    )
    expect(ok(baseInput(), tariff).warnings).toEqual([])
  })
})

describe('KVS band edges (age and experience in full years on the start date)', () => {
  const kvsFor = (d: OsagoDriver) => ok(baseInput({ drivers: [d] })).coefficients.kvs
  const ageEdges: Array<[number, number, number]> = [
    [21, 1.84, 1.71],
    [24, 1.71, 1.54],
    [29, 1.54, 1.48],
    [34, 1.48, 1.46],
    [39, 1.46, 1.43],
    [49, 1.43, 1.39],
    [59, 1.39, 1.35],
  ]
  it.each(ageEdges)('age %i/%i+1 with 2 years of experience', (age, below, above) => {
    expect(kvsFor(driver(age, 2))).toBe(below)
    expect(kvsFor(driver(age + 1, 2))).toBe(above)
  })
  it('the birthday itself counts as a full year; the day before does not', () => {
    const at22 = driver(22, 2)
    expect(kvsFor(at22)).toBe(1.71)
    expect(kvsFor({ ...at22, birthDate: justUnder(at22.birthDate) })).toBe(1.84)
  })
  const expEdges: Array<[number, number, number]> = [
    [0, 1.5, 1.44],
    [1, 1.44, 1.43],
    [2, 1.43, 0.96],
    [4, 0.96, 0.95],
    [6, 0.95, 0.94],
    [9, 0.94, 0.93],
    [14, 0.93, 0.91],
  ]
  it.each(expEdges)('experience %i/%i+1 at age 45', (exp, below, above) => {
    expect(kvsFor(driver(45, exp))).toBe(below)
    expect(kvsFor(driver(45, exp + 1))).toBe(above)
  })
  it('experience runs to the licence anniversary', () => {
    const d = driver(45, 3)
    expect(kvsFor(d)).toBe(0.96)
    expect(kvsFor({ ...d, licenseSince: justUnder(d.licenseSince) })).toBe(1.43)
  })
  it('uses the oldest band for 60+', () => {
    expect(kvsFor(driver(85, 60))).toBe(0.83)
  })
  it('rejects experience greater than age − 16', () => {
    expect(kvsFor(driver(20, 4))).toBe(1.65)
    const r = calc(baseInput({ drivers: [driver(40, 20), driver(20, 5)] }))
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'input',
        field: 'drivers[1].licenseSince',
        messageKey: 'osago.errors.experienceExceedsAge',
        params: { experience: 5, age: 20 },
      },
    })
  })
  it('rejects a licence or birth after the start date', () => {
    expect(calc(baseInput({ drivers: [{ ...driver(40, 0), licenseSince: addDays(START, 1) }] }))).toMatchObject({
      ok: false,
      error: { field: 'drivers[0].licenseSince', messageKey: 'osago.errors.licenceAfterStart' },
    })
    expect(calc(baseInput({ drivers: [{ ...driver(40, 0), birthDate: addDays(START, 1) }] }))).toMatchObject({
      ok: false,
      error: { field: 'drivers[0].birthDate', messageKey: 'osago.errors.birthAfterStart' },
    })
  })
})

describe('KM power bands (edges belong to the lower band)', () => {
  const km = (vehicle: Partial<OsagoInput['vehicle']>) => {
    const input = baseInput()
    const { powerHp: _, ...rest } = input.vehicle
    return ok({ ...input, vehicle: { ...rest, ...vehicle } })
  }
  it.each([
    [50, 0.6],
    [50.01, 1.0],
    [70, 1.0],
    [70.01, 1.1],
    [71, 1.1],
    [100, 1.1],
    [100.01, 1.2],
    [120, 1.2],
    [121, 1.4],
    [150, 1.4],
    [150.01, 1.6],
    [400, 1.6],
    [1, 0.6],
  ])('%f hp → %f', (hp, expected) => {
    expect(km({ powerHp: hp }).coefficients.km).toBe(expected)
  })
  it.each([
    [36.77, 0.6],
    [36.78, 1.0],
    [51.48, 1.0],
    [51.49, 1.1],
    [73.54, 1.1],
    [73.55, 1.2],
    [88.25, 1.2],
    [88.26, 1.4],
    [110.32, 1.4],
    [110.33, 1.6],
  ])('%f kW (× 1.35962) → %f', (kw, expected) => {
    expect(km({ powerKw: kw }).coefficients.km).toBe(expected)
  })
  it('shows the conversion in the source row and inherits the factor’s verification', () => {
    const km110 = km({ powerKw: 110 }).breakdown.find((b) => b.code === 'km')!
    expect(km110.sourceRow).toBe('KM: >120–150 hp (110 kW = 149.56 hp)')
    expect(km110.verified).toBe(false)
    expect(km({ powerHp: 150 }).breakdown.find((b) => b.code === 'km')).toMatchObject({
      sourceRow: 'KM: >120–150 hp',
      verified: true,
    })
  })
})

describe('KS months of use', () => {
  const withMonths = (periods: OsagoInput['periodsOfUse'], ownerType: 'individual' | 'legal' = 'individual') => {
    const input = baseInput({ periodsOfUse: periods })
    return calc({
      ...input,
      owner: { ...input.owner, type: ownerType },
      drivers: ownerType === 'legal' ? 'unlimited' : input.drivers,
    })
  }
  const exact = (n: number) => [{ from: START, to: addDays(addMonths(START, n), -1) }]
  const extraDay = (n: number) => [{ from: START, to: addMonths(START, n) }]
  const table: Array<[number, number]> = [
    [3, 0.5],
    [4, 0.6],
    [5, 0.65],
    [6, 0.7],
    [7, 0.8],
    [8, 0.9],
    [9, 0.95],
    [10, 1.0],
  ]

  it.each(table)('exactly %i months → %f', (n, ks) => {
    const r = withMonths(exact(n))
    expect(r.ok && r.value.coefficients.ks).toBe(ks)
  })
  it.each(table.slice(0, -1))('%i months and one day counts one month more', (n) => {
    const r = withMonths(extraDay(n))
    const next = table.find(([m]) => m === n + 1)![1]
    expect(r.ok && r.value.coefficients.ks).toBe(next)
  })
  it('2 months and a day is 3 months; exactly 2 months is too short for an individual', () => {
    expect(withMonths(extraDay(2))).toMatchObject({ ok: true, value: { coefficients: { ks: 0.5 } } })
    expect(withMonths(exact(2))).toMatchObject({
      ok: false,
      error: {
        kind: 'input',
        field: 'periodsOfUse',
        messageKey: 'osago.errors.periodsTooShort',
        params: { months: 2, min: 3 },
      },
    })
  })
  it('adds up to three periods and uses the 10+ row up to the whole year', () => {
    const r = withMonths([
      { from: START, to: addDays(addMonths(START, 2), -1) },
      { from: addMonths(START, 4), to: addDays(addMonths(START, 6), -1) },
    ])
    expect(r).toMatchObject({ ok: true, value: { coefficients: { ks: 0.6 } } })
    const ks = withMonths(exact(12))
    expect(ks.ok && ks.value.breakdown.find((b) => b.code === 'ks')?.sourceRow).toBe('KS: 12 months of use (row 10+)')
  })
  it('counts the whole term without periods of use', () => {
    const r = ok(baseInput())
    expect(r.breakdown.find((b) => b.code === 'ks')).toMatchObject({
      value: 1,
      sourceRow: 'KS: whole term, 12 months (row 10+)',
    })
  })
  it('is not applied for a legal entity, which uses the vehicle all year', () => {
    const r = withMonths(undefined, 'legal')
    expect(r).toMatchObject({ ok: true, value: { coefficients: { ks: 1 } } })
    expect(r.ok && r.value.breakdown.find((b) => b.code === 'ks')?.sourceRow).toBe('KS: not applied (legal entity)')
  })
  it('refuses periods of use for a legal entity instead of ignoring them (40-FZ art. 16; tariff ks.minTotalMonths.legal = null)', () => {
    for (const months of [1, 4, 12]) {
      expect(withMonths(exact(months), 'legal')).toMatchObject({
        ok: false,
        error: { kind: 'input', field: 'periodsOfUse', messageKey: 'osago.errors.periodsNotForLegalEntity' },
      })
    }
  })
  it('applies KS to a legal entity if a tariff edition sells it periods of use, with that edition’s minimum', () => {
    const input = baseInput({
      periodsOfUse: exact(6),
      owner: { type: 'legal', region: 'Калужская область', city: 'Калуга', kbmClass: '4' },
      drivers: 'unlimited',
    })
    const ks = {
      ...tariff6209.data.ks,
      minTotalMonths: { ...tariff6209.data.ks.minTotalMonths, legal: { value: 6, verified: false } },
    }
    const edition = { ...tariff6209, data: { ...tariff6209.data, ks } }
    expect(calculateOsagoPremium(input, edition, regions)).toMatchObject({
      ok: true,
      value: { coefficients: { ks: 0.7 } },
    })
    expect(calculateOsagoPremium({ ...input, periodsOfUse: exact(5) }, edition, regions)).toMatchObject({
      ok: false,
      error: { field: 'periodsOfUse', messageKey: 'osago.errors.periodsTooShort', params: { min: 6, months: 5 } },
    })
  })
  it('still checks the periods themselves', () => {
    expect(withMonths([{ from: addDays(START, -1), to: addMonths(START, 4) }])).toMatchObject({
      ok: false,
      error: { field: 'periodsOfUse[0]', messageKey: 'osago.errors.periodOutsideTerm' },
    })
  })
})

describe('drivers list: KBM, KVS, KO', () => {
  it('limited list: the worst KVS and the worst KBM, possibly from different drivers, KO = 1', () => {
    const r = ok(baseInput({ drivers: [driver(45, 20, 'M'), driver(23, 3, '13')] }))
    expect(r.coefficients).toMatchObject({ kbm: 3.92, kvs: 1.13, ko: 1 })
    const rows = Object.fromEntries(r.breakdown.map((b) => [b.code, b.sourceRow]))
    expect(rows.kbm).toBe('KBM: class M (driver 1 of 2)')
    expect(rows.kvs).toBe('KVS: age 22–24, experience 3–4 (driver 2 of 2)')
    expect(rows.ko).toBe('KO: limited list')
  })
  it('accepts the KBM class the AIS returns', () => {
    expect(ok(baseInput({ drivers: [driver(40, 20, '3')] })).coefficients.kbm).toBe(1.17)
    expect(ok(baseInput({ drivers: [driver(40, 20, '13')] })).coefficients.kbm).toBe(0.46)
  })
  it('unlimited list for an individual: KVS 1, owner’s KBM, KO 2.32', () => {
    const input = baseInput({ drivers: 'unlimited' })
    const r = ok({ ...input, owner: { ...input.owner, kbmClass: '6' } })
    expect(r.coefficients).toMatchObject({ kbm: 0.83, kvs: 1, ko: 2.32 })
    expect(r.breakdown.find((b) => b.code === 'kvs')?.sourceRow).toBe('KVS: not applied (unlimited list)')
    // 7000 × 1.16 × 0.83 × 2.32 × 1.1 = 17 199.4592 RUB
    expect(r.premiumKopecks).toBe(1_719_946)
  })
  it('unlimited list needs the owner’s class', () => {
    const input = baseInput({ drivers: 'unlimited' })
    expect(calc({ ...input, owner: { ...input.owner, kbmClass: undefined } })).toMatchObject({
      ok: false,
      error: { kind: 'input', field: 'owner.kbmClass', messageKey: 'osago.errors.ownerKbmRequired' },
    })
  })
})

describe('legal entity, KN, KPr', () => {
  const legal = (over: Partial<OsagoInput> = {}) => {
    const input = baseInput({ drivers: 'unlimited', ...over })
    return ok({ ...input, owner: { type: 'legal', region: 'Москва', city: null, kbmClass: '3' } })
  }
  it('prices a legal entity with its own TB, KO 1.97 and no KS', () => {
    const r = legal()
    expect(r.coefficients).toEqual({
      tb: 5200,
      kt: 1.8,
      kbm: 1.17,
      kvs: 1,
      ko: 1.97,
      km: 1.1,
      ks: 1,
      kn: 1,
      kp: 1,
      kpr: 1,
    })
    // 5200 × 1.8 × 1.17 × 1.97 × 1.1 = 23 731.2504 RUB
    expect(r.premiumKopecks).toBe(2_373_125)
  })
  it('KPr: 1.16 for a legal entity’s car with a trailer, 1 for an individual’s', () => {
    const input = baseInput()
    expect(legal({ vehicle: { ...input.vehicle, usedWithTrailer: true } }).coefficients.kpr).toBe(1.16)
    const ind = ok({ ...input, vehicle: { ...input.vehicle, usedWithTrailer: true } })
    expect(ind.breakdown.find((b) => b.code === 'kpr')).toMatchObject({
      value: 1,
      sourceRow: 'KPr: trailer, B/individual',
    })
    expect(ok(input).breakdown.find((b) => b.code === 'kpr')?.sourceRow).toBe('KPr: not applied (no trailer)')
  })
  it('KN 1.5 with gross violations', () => {
    const r = ok(baseInput({ grossViolations: true }))
    expect(r.coefficients.kn).toBe(1.5)
    expect(r.premiumKopecks).toBe(1_219_218) // 812 812 × 1.5
  })
})

describe('territory', () => {
  const at = (region: string, city: string | null, tariff = tariff6209) => {
    const input = baseInput()
    return calc({ ...input, owner: { ...input.owner, region, city } }, tariff)
  }
  it('uses the listed city, else other settlements, a federal city as a whole', () => {
    expect(at('Иркутская область', 'Ангарск')).toMatchObject({
      ok: true,
      value: { coefficients: { kt: 1.6 }, territoryKey: '38.angarsk' },
    })
    expect(at('Иркутская область', 'Саянск')).toMatchObject({
      ok: true,
      value: { coefficients: { kt: 0.92 }, territoryKey: '38.other' },
    })
    expect(at('Москва', null)).toMatchObject({ ok: true, value: { coefficients: { kt: 1.8 }, territoryKey: '77' } })
    expect(at('Санкт-Петербург', null)).toMatchObject({ ok: true, value: { coefficients: { kt: 1.64 } } })
  })
  it('reports an unknown region as an input error', () => {
    expect(at('Марс', null)).toEqual({
      ok: false,
      error: {
        kind: 'input',
        field: 'owner.region',
        messageKey: 'osago.errors.unknownRegion',
        params: { region: 'Марс' },
      },
    })
  })
  it('stops naming table KT and the key when the tariff lacks the territory', () => {
    const tariff = structuredClone(tariff6209)
    delete tariff.data.kt['38.angarsk']
    expect(at('Иркутская область', 'Ангарск', tariff)).toEqual({
      ok: false,
      error: {
        kind: 'tariff',
        field: 'owner.region',
        messageKey: 'osago.errors.tableValueMissing',
        params: { version: '6209-U', table: 'KT', key: '38.angarsk' },
      },
    })
  })
  it('stops on other missing values too', () => {
    const tariff = structuredClone(tariff6209)
    delete tariff.data.kbm['4']
    expect(calc(baseInput(), tariff)).toMatchObject({
      ok: false,
      error: { kind: 'tariff', params: { table: 'KBM', key: 'class 4' } },
    })
    const noTb = structuredClone(tariff6209)
    noTb.data.tb = noTb.data.tb.filter((r) => r.ownerType !== 'individual')
    expect(calc(baseInput(), noTb)).toMatchObject({
      ok: false,
      error: { kind: 'tariff', params: { table: 'TB', key: 'B/individual' } },
    })
    const noKpr = structuredClone(tariff6209)
    noKpr.data.kpr = []
    const input = baseInput()
    expect(calc({ ...input, vehicle: { ...input.vehicle, usedWithTrailer: true } }, noKpr)).toMatchObject({
      ok: false,
      error: { kind: 'tariff', params: { table: 'KPr', key: 'B/individual' } },
    })
  })
})

describe('tariff versions', () => {
  it('picks the version on the conclusion date: 08.12.2025 → 6209-U, 09.12.2025 → 7204-U', () => {
    expect(selectTariff(tariffs, '2025-12-08')).toMatchObject({ ok: true, tariff: { version: '6209-U' } })
    expect(selectTariff(tariffs, '2025-12-09')).toMatchObject({ ok: true, tariff: { version: '7204-U' } })
    expect(selectTariff(tariffs, '2022-09-13')).toMatchObject({ ok: true, tariff: { version: '6209-U' } })
    expect(selectTariff(tariffs, '2022-09-12')).toEqual({
      ok: false,
      error: {
        kind: 'tariff',
        field: 'conclusionDate',
        messageKey: 'osago.errors.noTariffVersion',
        params: { date: '2022-09-12' },
      },
    })
  })
  it('follows the conclusion date, not the start date', () => {
    const input = baseInput({ conclusionDate: '2025-12-08', startDate: '2025-12-20' })
    const chosen = selectTariff(tariffs, input.conclusionDate)
    expect(chosen.ok && ok(input, chosen.tariff).tariffVersion).toBe('6209-U')
  })
  it('refuses a tariff not in force on the conclusion date', () => {
    expect(calc(baseInput({ conclusionDate: '2025-12-09', startDate: '2025-12-09' }), tariff6209)).toMatchObject({
      ok: false,
      error: {
        kind: 'tariff',
        messageKey: 'osago.errors.tariffNotInForce',
        params: { version: '6209-U', date: '2025-12-09' },
      },
    })
  })
  it('uses the 7204-U values: Novosibirsk 1.56 → 3.12, Chelyabinsk 2.10 → 1.77', () => {
    const nsk = (date: string, tariff: OsagoTariff) => {
      const input = baseInput({ conclusionDate: date, startDate: date })
      return ok(
        {
          ...input,
          owner: { ...input.owner, region: 'Новосибирская область', city: 'Новосибирск' },
          drivers: [{ ...driver(40, 20), birthDate: '1980-01-01', licenseSince: '2000-01-01' }],
        },
        tariff,
      )
    }
    expect(nsk('2025-12-08', tariff6209).coefficients.kt).toBe(1.56)
    const after = nsk('2025-12-09', tariff7204)
    expect(after.coefficients).toMatchObject({ kt: 3.12, tb: 7500 })
    expect(after.tariffVersion).toBe('7204-U')
    const input = baseInput({ conclusionDate: '2026-01-10', startDate: '2026-01-10' })
    const chel = ok(
      { ...input, owner: { ...input.owner, region: 'Челябинская область', city: 'Челябинск' } },
      tariff7204,
    )
    expect(chel.coefficients.kt).toBe(1.77)
  })
  it('warns that Moscow after 09.12.2025 is carried forward', () => {
    const input = baseInput({ conclusionDate: '2026-02-01', startDate: '2026-02-01' })
    const r = ok({ ...input, owner: { ...input.owner, region: 'Москва', city: null } }, tariff7204)
    expect(r.coefficients.kt).toBe(1.8)
    expect(r.warnings.find((w) => w.code === 'kt')?.params.source).toMatch(/carried forward/)
  })
  it('rejects a start before the conclusion', () => {
    expect(calc(baseInput({ conclusionDate: '2024-03-05', startDate: '2024-03-04' }))).toMatchObject({
      ok: false,
      error: { field: 'startDate', messageKey: 'osago.errors.startBeforeConclusion' },
    })
  })
})

describe('premium ceiling (40-FZ art. 9 p. 2): 3 × TB × KT, 5 × TB × KT where KN applies', () => {
  /** 19 years old, licence this year, class M, 200 hp — the first-time client the counter sees most. */
  const young = (over: Partial<OsagoInput> = {}) => {
    const input = baseInput({ drivers: [driver(19, 0, 'M')], ...over })
    return { ...input, vehicle: { ...input.vehicle, powerHp: 200 } }
  }

  it('caps a young class-M driver with a powerful car at 3 × TB × KT', () => {
    const r = ok(young())
    expect(r.coefficients).toMatchObject({ tb: 7000, kt: 1.16, kbm: 3.92, kvs: 2.27, km: 1.6, kn: 1 })
    // 7000 × 1.16 × 3.92 × 2.27 × 1.6 = 115 608.0128 RUB, 4.7 times the ceiling 3 × 7000 × 1.16 = 24 360 RUB
    expect(r.uncappedPremiumKopecks).toBe(11_560_801)
    expect(r.ceilingKopecks).toBe(2_436_000)
    expect(r.ceilingApplied).toBe(true)
    expect(r.premiumKopecks).toBe(2_436_000)
    expect(r.ceiling).toEqual({
      multiple: 3,
      basis: 'standard',
      label: { key: 'osago.ceiling.rule', params: { multiple: 3 } },
      verified: true,
      source: expect.stringContaining('40-FZ art. 9 p. 2'),
    })
  })

  it('uses 5 × TB × KT where KN applies (gross violations)', () => {
    const r = ok(young({ grossViolations: true }))
    // 115 608.0128 × 1.5 = 173 412.0192 RUB against 5 × 7000 × 1.16 = 40 600 RUB
    expect(r).toMatchObject({
      uncappedPremiumKopecks: 17_341_202,
      ceilingKopecks: 4_060_000,
      ceilingApplied: true,
      premiumKopecks: 4_060_000,
    })
    expect(r.ceiling).toMatchObject({
      multiple: 5,
      basis: 'grossViolations',
      label: { key: 'osago.ceiling.ruleGross', params: { multiple: 5 } },
    })
  })

  it('with KN, a premium between 3× and 5× TB × KT is not capped', () => {
    const r = ok(baseInput({ drivers: [driver(40, 20, '0')], grossViolations: true }))
    // 7000 × 1.16 × 2.94 × 0.91 × 1.1 × 1.5 = 35 845.0092 RUB: above 24 360, below 40 600
    expect(r).toMatchObject({
      uncappedPremiumKopecks: 3_584_501,
      ceilingKopecks: 4_060_000,
      ceilingApplied: false,
      premiumKopecks: 3_584_501,
    })
  })

  it('caps a legal entity’s unlimited policy after the trailer coefficient', () => {
    const legal = (usedWithTrailer: boolean) => {
      const input = baseInput({ drivers: 'unlimited' })
      return ok({
        ...input,
        owner: { type: 'legal', region: 'Москва', city: null, kbmClass: '3' },
        vehicle: { ...input.vehicle, powerHp: 110, usedWithTrailer },
      })
    }
    // 5200 × 1.8 × 1.17 × 1.97 × 1.2 = 25 888.6368 RUB: under 3 × 5200 × 1.8 = 28 080 RUB
    expect(legal(false)).toMatchObject({
      uncappedPremiumKopecks: 2_588_864,
      ceilingKopecks: 2_808_000,
      ceilingApplied: false,
      premiumKopecks: 2_588_864,
    })
    // × KPr 1.16 = 30 030.818688 RUB: over it, so the ceiling is charged
    const trailer = legal(true)
    expect(trailer.coefficients).toMatchObject({ ko: 1.97, kpr: 1.16, ks: 1 })
    expect(trailer).toMatchObject({
      uncappedPremiumKopecks: 3_003_082,
      ceilingKopecks: 2_808_000,
      ceilingApplied: true,
      premiumKopecks: 2_808_000,
    })
  })

  it('leaves an ordinary premium unchanged and says the ceiling was not reached', () => {
    const r = ok(baseInput())
    expect(r).toMatchObject({
      premiumKopecks: 812_812,
      uncappedPremiumKopecks: 812_812,
      ceilingKopecks: 2_436_000,
      ceilingApplied: false,
    })
  })

  it('a product exactly at the ceiling is not "applied"; a kopeck-fraction above it is', () => {
    const tariff = structuredClone(tariff6209)
    tariff.data.kvs.values[5]![7]!.value = 1 // age 40–49, experience 15+
    tariff.data.km.tables[0]!.bands.find((b) => b.upToHp === 100)!.value.value = 1
    tariff.data.kbm['4']!.value = 3
    const at = ok(baseInput(), tariff)
    expect(at).toMatchObject({
      uncappedPremiumKopecks: 2_436_000,
      ceilingKopecks: 2_436_000,
      ceilingApplied: false,
      premiumKopecks: 2_436_000,
    })
    tariff.data.kbm['4']!.value = 3.0000001
    const above = ok(baseInput(), tariff)
    // The excess is 0.0002436 of a kopeck: invisible after rounding, but the law's cap is what is charged.
    expect(above).toMatchObject({ uncappedPremiumKopecks: 2_436_000, ceilingApplied: true, premiumKopecks: 2_436_000 })
  })

  it('rounds the ceiling half-up once, and reads the multiple from the data', () => {
    const tariff = structuredClone(tariff6209)
    tariff.data.tb.find((x) => x.ownerType === 'individual')!.chosen.value = 1646.25
    const at = () => {
      const input = young()
      return ok({ ...input, owner: { ...input.owner, region: 'Кабардино-Балкарская Республика', city: null } }, tariff)
    }
    // KT 0.82: 3 × 164 625 × 0.82 = 404 977.5 kopecks → 404 978
    expect(at()).toMatchObject({
      coefficients: { kt: 0.82 },
      ceilingKopecks: 404_978,
      premiumKopecks: 404_978,
      ceilingApplied: true,
    })
    tariff.data.ceiling.standard.value = 7
    // 7 × 164 625 × 0.82 = 944 947.5 → 944 948
    expect(at()).toMatchObject({ ceilingKopecks: 944_948, premiumKopecks: 944_948, ceiling: { multiple: 7 } })
  })

  it('reads the multiples from both tariff editions', () => {
    for (const t of tariffs)
      expect(t.data.ceiling).toMatchObject({
        standard: { value: 3, verified: true },
        grossViolations: { value: 5, verified: true },
      })
    const input = young({
      conclusionDate: '2026-01-10',
      startDate: '2026-01-10',
      drivers: [{ birthDate: '2007-01-01', licenseSince: '2025-12-01', kbmClass: 'M' }],
    })
    const r = ok(input, tariff7204)
    // 7204-U: 3 × 7500 × 1.16 = 26 100 RUB
    expect(r).toMatchObject({
      tariffVersion: '7204-U',
      ceilingKopecks: 2_610_000,
      ceilingApplied: true,
      premiumKopecks: 2_610_000,
    })
  })

  it('carries an unverified multiple to the result so the breakdown can flag it', () => {
    const tariff = structuredClone(tariff6209)
    tariff.data.ceiling.standard = { value: 3, verified: false, source: 'test' }
    expect(ok(baseInput(), tariff).ceiling).toMatchObject({ verified: false, source: 'test' })
  })
})
