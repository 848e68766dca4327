import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import { cascoSaleRefundKopecks } from './cascoSaleRefund'
import { bundledRules as rules, rulesWith } from './testing/rules'

const year = { premiumKopecks: 1_000_000, contractStart: '2025-01-01', contractEnd: '2025-12-31' }

describe('CASCO refund after the car is sold (GK RF art. 958 p. 1)', () => {
  it('pro rata of the unexpired days with the bundled expense share', () => {
    expect(cascoSaleRefundKopecks({ ...year, terminationDate: '2025-03-31' }, rules)).toBe(753_425) // 275/365
  })
  it('keeps the expense share the rules set', () => {
    const withExpenses = rulesWith((r) => { r.cascoSale.refundRule.value.expenseShare = '0.2' })
    expect(cascoSaleRefundKopecks({ ...year, terminationDate: '2025-03-31' }, withExpenses)).toBe(602_740) // 0.8 × 275/365
  })
  it('nothing after the term, everything before it starts', () => {
    expect(cascoSaleRefundKopecks({ ...year, terminationDate: '2026-01-01' }, rules)).toBe(0)
    expect(cascoSaleRefundKopecks({ ...year, terminationDate: '2024-12-31' }, rules)).toBe(1_000_000)
  })
  it('never negative, never above the premium, non-increasing in the termination date', () => {
    const shares = ['0', '0.2', '0.35', '1']
    fc.assert(fc.property(fc.integer({ min: 0, max: 50_000_000 }), fc.constantFrom(...shares), fc.integer({ min: -30, max: 400 }),
      fc.integer({ min: 0, max: 40 }), (premiumKopecks, share, offset, later) => {
        const r = rulesWith((x) => { x.cascoSale.refundRule.value.expenseShare = share })
        const at = (d: number) => cascoSaleRefundKopecks({ ...year, premiumKopecks, terminationDate: addDays('2025-01-01', d) }, r)
        expect(at(offset)).toBeGreaterThanOrEqual(0)
        expect(at(offset)).toBeLessThanOrEqual(premiumKopecks)
        expect(at(offset + later)).toBeLessThanOrEqual(at(offset))
      }))
  })
})
