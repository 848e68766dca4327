import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cashReport, type CashReportLine } from './cashReport'
import { MONEY_METHODS, PAYMENT_PURPOSES } from './payment'

const line = (over: Partial<CashReportLine>): CashReportLine => ({
  direction: 'in',
  purpose: 'osago_premium',
  method: 'cash',
  amountKopecks: 100_00,
  clerkId: 'c1',
  clerkName: 'Петрова Анна',
  reversesId: null,
  ...over,
})

describe('the daily cash report', () => {
  it('opening + cash received − cash paid out = closing; card and bank beside the till', () => {
    const r = cashReport('2026-12-06', 5_000_00, [
      line({ amountKopecks: 812_345 }),
      line({ method: 'card', amountKopecks: 1_000_00, clerkId: 'c2', clerkName: 'Андреев Олег' }),
      line({ direction: 'out', purpose: 'termination_refund', amountKopecks: 300_00 }),
      line({ direction: 'out', purpose: 'termination_refund', method: 'bank', amountKopecks: 7_000_00 }),
    ])
    expect(r.branch.receivedKopecks).toEqual({ cash: 812_345, card: 1_000_00, bank: 0 })
    expect(r.branch.refundedKopecks).toEqual({ cash: 300_00, card: 0, bank: 7_000_00 })
    expect(r.closingCashKopecks).toBe(5_000_00 + 812_345 - 300_00)
    expect(r.clerks.map((c) => [c.clerkName, c.cashNetKopecks])).toEqual([
      ['Андреев Олег', 0],
      ['Петрова Анна', 812_345 - 300_00],
    ])
    expect(r.byPurpose).toEqual({
      osago_premium: { inKopecks: 812_345 + 1_000_00, outKopecks: 0 },
      termination_refund: { inKopecks: 0, outKopecks: 7_300_00 },
    })
  })

  it('a reversal corrects the direction it reverses: a receipt reversed is no refund', () => {
    const r = cashReport('2026-12-06', 0, [
      line({ amountKopecks: 500_00 }),
      line({ direction: 'out', amountKopecks: 500_00, reversesId: 'p1' }),
    ])
    expect(r.branch.receivedKopecks.cash).toBe(0)
    expect(r.branch.refundedKopecks.cash).toBe(0)
    expect(r.closingCashKopecks).toBe(0)
    expect(r.branch.payments).toBe(2)
  })

  it('refuses an amount that is not positive kopecks', () => {
    for (const amountKopecks of [0, -1, 1.5, Number.NaN])
      expect(() => cashReport('2026-12-06', 0, [line({ amountKopecks })])).toThrow(/kopecks/)
  })

  it('property: the clerks add up to the branch; closing − opening is the cash that moved', () => {
    const lines = fc.array(
      fc.record({
        direction: fc.constantFrom('in' as const, 'out' as const),
        purpose: fc.constantFrom(...PAYMENT_PURPOSES),
        method: fc.constantFrom(...MONEY_METHODS),
        amountKopecks: fc.integer({ min: 1, max: 10_000_000_00 }),
        clerkId: fc.constantFrom('c1', 'c2', 'c3'),
        clerkName: fc.constant('Сотрудник'),
        reversesId: fc.option(fc.constant('p0'), { freq: 4 }),
      }),
      { maxLength: 40 },
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_00 }), lines, (opening, ls) => {
        const r = cashReport('2026-12-06', opening, ls)
        const signed = (l: CashReportLine) => (l.direction === 'in' ? 1 : -1) * l.amountKopecks
        const cashMoved = ls.filter((l) => l.method === 'cash').reduce((s, l) => s + signed(l), 0)
        expect(r.closingCashKopecks).toBe(opening + cashMoved)
        for (const m of MONEY_METHODS) {
          expect(r.clerks.reduce((s, c) => s + c.receivedKopecks[m], 0)).toBe(r.branch.receivedKopecks[m])
          expect(r.clerks.reduce((s, c) => s + c.refundedKopecks[m], 0)).toBe(r.branch.refundedKopecks[m])
        }
        const net = Object.values(r.byPurpose).reduce((s, p) => s + p.inKopecks - p.outKopecks, 0)
        expect(net).toBe(ls.reduce((s, l) => s + signed(l), 0))
        expect(r.branch.payments).toBe(ls.length)
      }),
    )
  })
})
