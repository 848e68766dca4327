import { describe, expect, it } from 'vitest'
import { MissingRuleError } from './errors'
import { terminationRulesFileSchema, terminationRulesInForce } from './rulesSchema'
import { bundledRulesFile } from './testing/rules'

describe('termination rules data', () => {
  it('the bundled file has the values of the product decisions', () => {
    const d = bundledRulesFile.data
    expect(d.osago.riskShare.value).toBe('0.77')
    expect(d.osago.payoutDeadline.value).toMatchObject({ count: 14, unit: 'calendar-days' })
    expect(d.coolingOff.windowDays.value).toBe(14)
    expect(d.coolingOff.payoutDeadline.value).toMatchObject({ count: 10, unit: 'working-days' })
    expect(d.latePayout.penaltyRatePerDay.value).toBe('0.01')
    expect(d.osago.grounds.death.terminationDate.value).toBe('event-date')
    expect(d.osago.grounds['vehicle-loss'].terminationDate.value).toBe('event-date')
    for (const g of ['owner-change', 'license-revoked', 'mobilisation'] as const) {
      expect(d.osago.grounds[g].terminationDate.value).toBe('application-date')
    }
  })
  it('issue 9: every rule carries its legal source, and the unconfirmed ones say so', () => {
    const d = bundledRulesFile.data
    expect(d.osago.grounds['policyholder-liquidation']).toMatchObject({
      terminationDate: { value: 'event-date', verified: false },
      refund: { value: 'osago-formula', verified: false },
    })
    expect(d.osago.grounds['insurer-false-information']).toMatchObject({
      terminationDate: { value: 'event-date', verified: false },
      refund: { value: 'none', verified: false },
    })
    expect(d.osago.grounds['policyholder-liquidation'].terminationDate.source).toMatch(/837-P/)
    expect(d.cascoLoss.refundRule).toMatchObject({
      value: { method: 'pro-rata-unexpired-days', expenseShare: '0' },
      verified: true,
    })
    expect(d.cascoLoss.refundRule.source).toMatch(/958 p\. 3/)
    expect(d.cascoRefusal.refundRule).toMatchObject({ value: { method: 'none' }, verified: false })
    expect(d.cascoRefusal.refundRule.source).toMatch(/958 p\. 3/)
    expect(d.limitationPeriod).toMatchObject({ value: { years: 3, lastDayNonWorking: 'next-working-day' } })
    expect(d.limitationPeriod.source).toMatch(/art\. 196.*art\. 200/)
    expect(d.postedApplication.source).toMatch(/194 p\. 2/)
    expect(d.postedApplication.value.payoutDeadlineFrom).toBe('receipt-date')
    expect(d.latePayout.consequence.value).toBe('contractual-penalty')
    expect(d.latePayout.statutoryInterest.source).toMatch(/art\. 395/)
    expect(d.osago.payoutDeadline.value.lastDayNonWorking).toBe('next-working-day')
    expect(d.osago.grounds['owner-change'].documents.value.required).toContain('ptsCopyWithNewOwner')
    expect(d.cascoSale.documents.value.required).toContain('ptsCopyWithNewOwner')
    const sources = JSON.stringify(d).match(/"source":/g) ?? []
    const verifiedMarks = JSON.stringify(d).match(/"verified":/g) ?? []
    expect(sources.length).toBe(verifiedMarks.length)
  })
  it('a file missing a ground fails naming that key', () => {
    const broken = structuredClone(bundledRulesFile) as { data: { osago: { grounds: Record<string, unknown> } } }
    delete broken.data.osago.grounds.mobilisation
    const parsed = terminationRulesFileSchema.safeParse(broken)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['data', 'osago', 'grounds', 'mobilisation'])
  })
  it('rejects a share that is not a decimal between 0 and 1', () => {
    for (const value of ['1.5', '77%', '0,77', '-0.1']) {
      const bad = structuredClone(bundledRulesFile)
      bad.data.osago.riskShare.value = value
      expect(terminationRulesFileSchema.safeParse(bad).success).toBe(false)
    }
  })
  it('picks the version in force and stops, naming the table, when there is none', () => {
    const newer = { ...bundledRulesFile, version: '2026-03-01.1', effectiveFrom: '2026-03-01' }
    const older = { ...bundledRulesFile, effectiveTo: '2026-02-28' }
    expect(terminationRulesInForce([older, newer], '2026-02-28').version).toBe(bundledRulesFile.version)
    expect(terminationRulesInForce([older, newer], '2026-03-01').version).toBe('2026-03-01.1')
    expect(() => terminationRulesInForce([older, newer], '2023-01-29')).toThrow(MissingRuleError)
    expect(() => terminationRulesInForce([older], '2023-01-29')).toThrow(/termination-rules/)
  })
})
