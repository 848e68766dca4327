import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates/calendarDate'
import type { CashReport } from '../../shared/payments/cashReport'
import type { MoneyMethod, PaymentDirection, PaymentPurpose } from '../../shared/payments/payment'
import { call, expectOk } from '../testing/testCore'
import { makeDesk, type Desk } from './testing/desk'

/**
 * Property: a day at the counter — OSAGO policies issued, CASCO contracts issued with their first instalment,
 * termination refunds paid in cash or by transfer, mistakes reversed by the supervisor, by either clerk — made
 * through the real handlers, reconciles: the day's journal holds exactly one row per money movement, with the
 * amount of the record it is for; the report's sums by purpose and method are those amounts; its closing cash is
 * the opening (the previous closed day's closing) plus cash in minus cash out. Each run is one business day on the
 * same core, closed at its end, so the next run's opening is checked against it.
 */
let d: Desk
beforeAll(async () => {
  d = await makeDesk(60)
}, 60_000)
afterAll(async () => d.dispose())

type Op =
  | { kind: 'osago'; method: 'cash' | 'card'; clerk: 'c' | 'c2' }
  | { kind: 'casco'; method: 'cash' | 'card'; clerk: 'c' | 'c2' }
  | { kind: 'refund'; payout: 'cash' | 'transfer'; clerk: 'c' | 'c2' }
  | { kind: 'reverse'; pick: number }

interface Expected {
  id: string | null
  recordId: string
  purpose: PaymentPurpose
  direction: PaymentDirection
  method: MoneyMethod
  amountKopecks: number
  reverses: number | null
}

const clerk = fc.constantFrom('c' as const, 'c2' as const)
const method = fc.constantFrom('cash' as const, 'card' as const)
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('osago' as const), method, clerk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('casco' as const), method, clerk }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      payout: fc.constantFrom('cash' as const, 'transfer' as const),
      clerk,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(20) }) },
)

let day = '2027-02-01'
let previousClosing = 0
let receipts = 5000

describe('the day’s journal reconciles with what was sold and paid out', () => {
  it('property: sums by purpose and method equal the records; closing = opening + cash in − cash out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        day = addDays(day, 1)
        await d.at(new Date(`${day}T07:00:00Z`))
        const expected: Expected[] = []
        for (const o of ops) {
          if (o.kind === 'osago') {
            const p = await d.issueOsago(o.method, o.clerk)
            const amount = p.calculation!.premiumKopecks
            expected.push({
              id: null,
              recordId: p.id,
              purpose: 'osago_premium',
              direction: 'in',
              method: o.method,
              amountKopecks: amount,
              reverses: null,
            })
          } else if (o.kind === 'casco') {
            const c = await d.issueCasco(o.method, o.clerk)
            expected.push({
              id: null,
              recordId: c.id,
              purpose: 'casco_premium',
              direction: 'in',
              method: o.method,
              amountKopecks: c.schedule!.payments[0]!.amountKopecks,
              reverses: null,
            })
          } else if (o.kind === 'refund') {
            const a = await d.refund(o.payout, o.clerk)
            expected.push({
              id: null,
              recordId: a.id,
              purpose: 'termination_refund',
              direction: 'out',
              method: o.payout === 'cash' ? 'cash' : 'bank',
              amountKopecks: a.paidKopecks!,
              reverses: null,
            })
          } else {
            const open = expected
              .map((e, i) => ({ e, i }))
              .filter(({ e, i }) => e.reverses === null && !expected.some((x) => x.reverses === i))
            if (!open.length) continue
            const { e, i } = open[o.pick % open.length]!
            const original = (await d.core
              .db('payment')
              .where({ record_id: e.recordId, reverses_id: null })
              .first('id')) as { id: string }
            const r = await expectOk(
              call(
                d.core,
                'payments/reverse-payment',
                { id: original.id, reason: 'Ошибка кассира', receiptNumber: `ФД ${++receipts}` },
                's',
              ),
            )
            expected.push({
              id: r.id,
              recordId: e.recordId,
              purpose: e.purpose,
              direction: e.direction === 'in' ? 'out' : 'in',
              method: e.method,
              amountKopecks: e.amountKopecks,
              reverses: i,
            })
          }
        }

        // The journal: one row per movement, as the records say.
        const page = await expectOk(call(d.core, 'payments/list-journal', { day, limit: 200 }, 's'))
        const key = (x: {
          recordId: string
          purpose: string
          direction: string
          method: string
          amountKopecks: number
        }) => `${x.recordId} ${x.purpose} ${x.direction} ${x.method} ${x.amountKopecks}`
        expect(page.total).toBe(expected.length)
        expect(page.items.map(key).sort()).toEqual(expected.map(key).sort())
        expect(page.items.every((e) => e.businessDay === day)).toBe(true)

        // The report: by purpose and method, net of reversals, and the cash balance.
        const { report } = await expectOk(call(d.core, 'payments/cash-report', { day }, 'c'))
        const counts = (e: Expected) => (e.reverses === null ? 1 : -1)
        const bucket = (e: Expected) => (e.reverses === null ? e.direction : e.direction === 'in' ? 'out' : 'in')
        const sum = (f: (e: Expected) => boolean) =>
          expected.filter(f).reduce((s, e) => s + counts(e) * e.amountKopecks, 0)
        const byPurpose: CashReport['byPurpose'] = {}
        for (const e of expected) {
          const p = (byPurpose[e.purpose] ??= { inKopecks: 0, outKopecks: 0 })
          if (bucket(e) === 'in') p.inKopecks += counts(e) * e.amountKopecks
          else p.outKopecks += counts(e) * e.amountKopecks
        }
        expect(report.byPurpose).toEqual(byPurpose)
        for (const m of ['cash', 'card', 'bank'] as const) {
          expect(report.branch.receivedKopecks[m]).toBe(sum((e) => bucket(e) === 'in' && e.method === m))
          expect(report.branch.refundedKopecks[m]).toBe(sum((e) => bucket(e) === 'out' && e.method === m))
        }
        const cashIn = expected
          .filter((e) => e.method === 'cash' && e.direction === 'in')
          .reduce((s, e) => s + e.amountKopecks, 0)
        const cashOut = expected
          .filter((e) => e.method === 'cash' && e.direction === 'out')
          .reduce((s, e) => s + e.amountKopecks, 0)
        expect(report.openingCashKopecks).toBe(previousClosing)
        expect(report.closingCashKopecks).toBe(report.openingCashKopecks + cashIn - cashOut)
        expect(report.clerks.reduce((s, c) => s + c.cashNetKopecks, 0)).toBe(cashIn - cashOut)

        // Closed, the day keeps that report; the next day opens with its closing cash.
        const closed = await expectOk(call(d.core, 'payments/close-day', { day }, 's'))
        expect(closed.report).toEqual(report)
        previousClosing = closed.report.closingCashKopecks
      }),
      { numRuns: 4, endOnFailure: true },
    )
  }, 240_000)
})
