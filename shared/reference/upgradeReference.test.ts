import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { osagoTariffFileSchema } from '../osago/tariffSchema'
import { terminationRulesFileSchema } from '../termination/rulesSchema'
import { upgradeReference } from './upgradeReference'

const resources = resolve(import.meta.dirname, '../../resources')
type Json = any
const read = (path: string): Json => JSON.parse(readFileSync(resolve(resources, path), 'utf8'))
const tariffs = () => [read('tariffs/osago/2022-09-13_6209-U.json'), read('tariffs/osago/2025-12-09_7204-U.json')]
const rules = () => [read('rules/termination.json')]

/** A tariff as the previous build's schema had it: no ceiling, no minimum months per owner type. */
function olderTariff(edition: Json, patch: Json = {}): Json {
  const f = structuredClone(edition)
  delete f.data.ceiling
  delete f.data.ks.minTotalMonths
  return { ...f, ...patch }
}

/** Termination rules as the previous build's schema had them (the fields issue 9 added, removed). */
function olderRules(edition: Json, patch: Json = {}): Json {
  const f = structuredClone(edition)
  const d = f.data
  delete d.osago.grounds['policyholder-liquidation']
  delete d.osago.grounds['insurer-false-information']
  for (const g of Object.values(d.osago.grounds) as Json[]) delete g.refund
  delete d.limitationPeriod
  delete d.postedApplication
  delete d.coolingOff.laterDateOnRequest
  delete d.latePayout.consequence
  delete d.latePayout.statutoryInterest
  delete d.cascoSale.terminationDate
  delete d.cascoLoss
  delete d.cascoRefusal
  return { ...f, ...patch }
}

describe('upgradeReference: HQ files of an older shape', () => {
  it('fills an older OSAGO tariff: the law’s ceiling multiples with their mark, the months minimum unverified', () => {
    const hq = olderTariff(tariffs()[1], { version: 'hq-2026-06.1', effectiveFrom: '2026-06-01' })
    hq.data.kn.grossViolations.value = 1.6
    expect(osagoTariffFileSchema.safeParse(hq).success).toBe(false)
    const { file, filled } = upgradeReference(hq, tariffs())
    expect(filled).toEqual(['ceiling', 'ks.minTotalMonths'])
    const parsed = osagoTariffFileSchema.parse(file)
    expect(parsed.data.ceiling.standard).toMatchObject({ value: 3, verified: true })
    expect(parsed.data.ceiling.grossViolations).toMatchObject({ value: 5, verified: true })
    expect(parsed.data.ceiling.standard.source).toMatch(
      /^filled by the reference upgrade from the bundled edition 7204-U.*40-FZ art\. 9 p\. 2/,
    )
    expect(parsed.data.ks.minTotalMonths.individual).toMatchObject({ value: 3, verified: false })
    expect(parsed.data.ks.minTotalMonths.legal).toMatchObject({ value: null, verified: false })
    expect(parsed.data.ks.minTotalMonths.individual.source).toContain(
      'filled by the reference upgrade from the bundled edition 7204-U',
    )
    // HQ's own values are never touched, and the input is not mutated.
    expect(parsed.data.kn.grossViolations.value).toBe(1.6)
    expect(hq.data.ceiling).toBeUndefined()
  })

  it('fills from the bundled edition in force when the file starts', () => {
    const hq = olderTariff(tariffs()[0], {
      version: 'hq-2023.1',
      effectiveFrom: '2023-01-01',
      effectiveTo: '2023-12-31',
    })
    expect((upgradeReference(hq, tariffs()).file as Json).data.ks.minTotalMonths.individual.source).toContain(
      'bundled edition 6209-U',
    )
  })

  it('keeps an older copy of a bundled edition identical to it', () => {
    const [first] = tariffs()
    expect(upgradeReference(olderTariff(first), tariffs()).file).toEqual(first)
  })

  it('leaves a file already in today’s shape, of another kind, or not a file, untouched', () => {
    const current = { ...tariffs()[1], version: 'hq.2' }
    expect(upgradeReference(current, tariffs())).toEqual({ file: current, filled: [] })
    const vehicles = read('reference/vehicles.json')
    expect(upgradeReference(vehicles, tariffs()).file).toBe(vehicles)
    expect(upgradeReference('nonsense', tariffs()).file).toBe('nonsense')
    expect(upgradeReference(olderTariff(tariffs()[1]), []).filled).toEqual([])
  })

  it('fills older termination rules from the bundled edition, unverified, keeping HQ’s values', () => {
    const hq = olderRules(rules()[0], { version: '2023-01-30.9' })
    hq.data.osago.payoutDeadline.value.count = 15
    expect(terminationRulesFileSchema.safeParse(hq).success).toBe(false)
    const { file, filled } = upgradeReference(hq, rules())
    expect(filled).toEqual(
      expect.arrayContaining([
        'osago.grounds.owner-change.refund',
        'osago.grounds.policyholder-liquidation',
        'osago.grounds.insurer-false-information',
        'limitationPeriod',
        'postedApplication',
        'coolingOff.laterDateOnRequest',
        'latePayout.consequence',
        'latePayout.statutoryInterest',
        'cascoSale.terminationDate',
        'cascoLoss',
        'cascoRefusal',
      ]),
    )
    const parsed = terminationRulesFileSchema.parse(file)
    expect(parsed.data.osago.payoutDeadline.value.count).toBe(15)
    expect(parsed.data.osago.grounds['owner-change'].refund).toMatchObject({ value: 'osago-formula', verified: false })
    expect(parsed.data.osago.grounds['owner-change'].terminationDate.verified).toBe(true)
    expect(parsed.data.limitationPeriod).toMatchObject({ value: { years: 3 }, verified: false })
    expect(parsed.data.latePayout.consequence).toMatchObject({ value: 'contractual-penalty', verified: false })
    expect(parsed.data.latePayout.statutoryInterest.verified).toBe(false)
    expect(parsed.data.cascoLoss.refundRule.verified).toBe(false)
    for (const v of [
      parsed.data.postedApplication,
      parsed.data.cascoRefusal.documents,
      parsed.data.osago.grounds['insurer-false-information'].refund,
    ]) {
      expect(v.verified).toBe(false)
      expect(v.source).toContain('filled by the reference upgrade from the bundled edition 2023-01-30.2')
    }
  })
})
