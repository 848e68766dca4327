import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import en from '../i18n/en/casco'
import ru from '../i18n/ru/casco'
import { hasMessage } from '../i18n/messages'
import { checkCondition, type ConditionFacts } from './conditions'
import { conditionSchema, type CascoCondition } from './programsSchema'
import type { CascoQuoteInputJson } from './quoteInput'
import type { MessageRef } from './quoteTypes'
import { ANTI_THEFT_SYSTEMS } from './tariffSchema'
import { baseInput, quote } from './testFixtures'

type Tree = { readonly [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

/** The quote engine's files (the feature's screens and drafts have their own messages and tests). */
const ENGINE_FILES = [
  'conditions.ts',
  'errors.ts',
  'gapTable.ts',
  'pricing.ts',
  'programsSchema.ts',
  'quote.ts',
  'quoteInput.ts',
  'quoteTypes.ts',
  'schedule.ts',
  'tariffSchema.ts',
  'underwriting.ts',
  '../../scripts/calc/casco.ts',
]

const ruKeys = leaves(ru as Tree)
const enKeys = leaves(en as Tree)
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

/** Quotes that between them produce every factor, rate, warning, check and program message. */
function scenarios(): CascoQuoteInputJson[] {
  const b = baseInput()
  const v = b.vehicle
  return [
    baseInput({
      options: [
        {
          risks: 'damageTheft',
          settlement: 'dealer',
          gap: true,
          uts: true,
          plan: 'two',
          extras: [{ name: 'Диски', valueKopecks: 10_000_000 }],
          accident: { sumPerSeatKopecks: 10_000_000, seats: 2 },
          extendedLiabilityKopecks: 100_000_000,
        },
        {
          risks: 'damage',
          settlement: 'clientChoice',
          territory: 'rfAbroad',
          franchise: { type: 'conditional', mode: 'amount', value: 100_000 },
          discountPercent: 15,
        },
        { risks: 'damage', settlement: 'nonDealer', franchise: { type: 'conditional', mode: 'percent', value: 1 } },
        { risks: 'damage', settlement: 'cash', franchise: { type: 'unconditional', mode: 'amount', value: 100_000 } },
        { risks: 'damage', settlement: 'cash', franchise: { type: 'unconditional', mode: 'percent', value: 1 } },
        { program: 'theft', risks: 'theft', settlement: 'cash' },
      ],
    }),
    baseInput({
      drivers: [
        { age: 45, experienceYears: 25, gender: 'female' },
        { age: 20, experienceYears: 1, gender: 'male' },
      ],
      vehicle: { ...v, year: 2014, antiTheft: [] },
    }),
    baseInput({
      drivers: 'unlimited',
      owner: { type: 'legal', region: 'Москва', city: null },
      termMonths: 6,
      sumInsuredKopecks: 60_000_000,
      vehicle: {
        ...v,
        model: { other: { name: 'Tank 300', foreign: true } },
        newCar: true,
        mileageKm: 100,
        antiTheft: ['immobiliser'],
      },
    }),
    baseInput({
      drivers: [{ age: 45, experienceYears: 25, gender: 'male' }],
      vehicle: { ...v, model: { modelId: 'hyundai-solaris' } },
    }),
    baseInput({
      vehicle: {
        model: { modelId: 'kia-sportage' },
        category: 'B',
        year: 2025,
        marketValueKopecks: 900_000_000,
        newCar: true,
        mileageKm: 10,
        antiTheft: ['satellite'],
      },
      owner: { type: 'individual', region: 'Московская область', city: null },
      sumInsuredKopecks: 900_000_000,
      drivers: [{ age: 45, experienceYears: 25, gender: 'male' }],
    }),
    baseInput({
      startDate: '2026-03-05',
      previousPolicy: { startDate: '2025-03-05', endDate: '2026-03-04', claims: 0, sameOwnerAndInsured: true },
    }),
    baseInput({ drivers: [{ age: 25, experienceYears: 5, gender: 'female' }] }),
    baseInput({ drivers: 'unlimited' }),
    ...ANTI_THEFT_SYSTEMS.map((s) => baseInput({ vehicle: { ...v, antiTheft: [s] } })),
  ]
}

/** Facts that fail every condition, with every enum variant of the parameterised ones. */
function failingConditions(): MessageRef[] {
  const facts: ConditionFacts = {
    vehicleAge: 20,
    modelYear: 2000,
    quoteYear: 2026,
    mileageKm: 50_000,
    modelId: null,
    modelName: 'Lada Vesta',
    foreign: false,
    ownerType: 'legal',
    ownerRegion: { code: '40', name: 'Калужская область' },
    regionNames: { '77': 'Москва', '50': 'Московская область' },
    termMonths: 6,
    startDate: '2026-03-10',
    sumInsuredKopecks: 100,
    drivers: [{ number: 1, age: 20, experience: 1, loading: true }],
    previousPolicy: { startDate: '2025-01-01', endDate: '2025-06-30', claims: 5, sameOwnerAndInsured: false },
    risks: 'damageTheft',
    settlement: 'nonDealer',
    driverPricedComponents: [],
    discountPercent: 5,
    premiumKopecks: 100,
  }
  const out: MessageRef[] = []
  const check = (c: unknown, f: ConditionFacts = facts) => {
    const m = checkCondition(conditionSchema.parse(c) as CascoCondition, f)
    expect(m, JSON.stringify(c)).not.toBeNull()
    out.push(m!)
  }
  const p = { verified: true }
  for (const type of ['maxVehicleAge', 'dealerMaxVehicleAge', 'modelYearRecent'])
    check({ type, years: 5, ...p }, { ...facts, settlement: 'dealer' })
  for (const type of ['everyDriverAgeOver', 'everyDriverExperienceOver']) check({ type, years: 30, ...p })
  for (const type of [
    'nonDealerForeignOnly',
    'noClerkDiscount',
    'driversLimited',
    'driversPriced',
    'previousPolicy',
    'sameOwnerAndInsured',
    'noDriverLoading',
    'startsDayAfterPrevious',
  ]) {
    check(
      { type, ...p },
      type === 'driversLimited'
        ? { ...facts, drivers: 'unlimited' }
        : type === 'previousPolicy'
          ? { ...facts, previousPolicy: null }
          : facts,
    )
  }
  check({ type: 'risksAre', risks: 'damage', ...p })
  check({ type: 'risksAre', risks: 'theft', ...p })
  check({ type: 'risksAre', risks: 'damageTheft', ...p }, { ...facts, risks: 'theft' })
  check({ type: 'risksInclude', risk: 'damage', ...p }, { ...facts, risks: 'theft' })
  check({ type: 'risksInclude', risk: 'theft', ...p }, { ...facts, risks: 'damage' })
  for (const settlement of ['dealer', 'clientChoice', 'cash']) check({ type: 'settlementIs', settlement, ...p })
  check({ type: 'settlementIs', settlement: 'nonDealer', ...p }, { ...facts, settlement: 'cash' })
  check({ type: 'ownerTypeIs', ownerType: 'individual', ...p })
  check({ type: 'ownerTypeIs', ownerType: 'legal', ...p }, { ...facts, ownerType: 'individual' })
  check({ type: 'ownerRegionIn', regions: ['77', '50'], ...p })
  check({ type: 'settlementByReferral', ...p }, { ...facts, settlement: 'clientChoice' })
  check({ type: 'mileageBelow', km: 1000, ...p })
  check({ type: 'termMonths', months: 12, ...p })
  check({ type: 'previousTermMonths', months: 12, ...p })
  check({ type: 'modelIn', models: ['kia-rio'], ...p })
  check({ type: 'maxPreviousClaims', max: 1, ...p })
  check({ type: 'minSumInsured', kopecks: 1000, ...p })
  check({ type: 'minPremium', kopecks: 1000, ...p })
  return out
}

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('CASCO messages', () => {
  it('exist for every key written in the engine, the input schema and the calculator command', () => {
    const used = new Set<string>()
    const files = ENGINE_FILES.map((f) => new URL(f, import.meta.url))
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(casco\.[a-zA-Z.]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(40)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })

  it('have a text, with every placeholder filled, for each explanation the quote gives — and every such text is reachable', () => {
    const refs: MessageRef[] = [...failingConditions()]
    for (const input of scenarios()) {
      const q = quote(input)
      refs.push(...q.underwritingFlags.map((f) => f.reason))
      for (const o of q.options) {
        refs.push(
          ...o.components.map((c) => c.reason),
          ...o.factors.map((f) => f.reason),
          ...o.warnings,
          ...o.underwritingFlags.map((f) => f.reason),
        )
        for (const p of o.programs) refs.push(...p.unmetConditions)
      }
    }
    const produced = new Set<string>()
    for (const r of refs) {
      produced.add(r.key)
      for (const locale of [ruKeys, enKeys]) {
        const text = locale.get(r.key)
        expect(text, r.key).toBeDefined()
        for (const p of placeholders(text!)) expect(r.params, `${r.key} {${p}}`).toHaveProperty(p)
      }
    }
    const explained = [
      'casco.factors.',
      'casco.rates.',
      'casco.conditions.',
      'casco.underwriting.',
      'casco.warnings.',
      'casco.programs.',
    ]
    expect([...ruKeys.keys()].filter((k) => explained.some((p) => k.startsWith(p)) && !produced.has(k))).toEqual([])
  })

  it('name every program, requirement, component, risk, settlement, plan and anti-theft system', () => {
    for (const code of ['resoauto', 'theft', 'gap', 'uts', 'moscowHit', 'experience', 'renewal', 'vip'])
      expect(ruKeys.has(`casco.programNames.${code}`), code).toBe(true)
    for (const s of ANTI_THEFT_SYSTEMS) expect(ruKeys.has(`casco.antiTheftSystems.${s}`), s).toBe(true)
    expect(ruKeys.get('casco.requirements.inspectionWithPhotos')).toMatch(/осмотр/)
  })
})
