import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates/calendarDate'
import type { JournalEntry } from '../../shared/payments/payment'
import { AppError } from '../app/appError'
import { write } from '../db/write'
import { call, expectOk } from '../testing/testCore'
import { cashReportFor, recordPayment } from './api'
import { makeDesk, type Desk } from './testing/desk'

/**
 * The journal through the real handlers: every money movement lands in it once, with its direction, purpose,
 * amount, clerk and business day; closing a day locks it; a refund paid after closing belongs to the next day.
 * One core for the file: each test works on a day of its own (the clock moves forward a day or more).
 */
let d: Desk
beforeAll(async () => {
  d = await makeDesk()
}, 60_000)
afterAll(async () => d.dispose())

/** 10:00 Moscow time on `date` (07:00 UTC). */
const msk = (date: string, time = '10:00') => {
  const [h, m] = time.split(':').map(Number) as [number, number]
  return new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), h - 3, m))
}

async function journal(day: string, client = 's'): Promise<JournalEntry[]> {
  return (await expectOk(call(d.core, 'payments/list-journal', { day, limit: 200 }, client))).items
}

const paymentRows = (recordId: string) => d.core.db('payment').where({ record_id: recordId })

describe('the payments journal', () => {
  it('an OSAGO policy issued: one payment in, its premium, the clerk, today, the typed number normalised', async () => {
    await d.at(msk('2026-11-23'))
    const policy = await d.issueOsago('card')
    const rows = await paymentRows(policy.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      direction: 'in',
      purpose: 'osago_premium',
      record_type: 'osago_policy',
      amount_kopecks: policy.calculation!.premiumKopecks,
      method: 'card',
      clerk_name: 'Сотрудник clerk1',
      business_day: '2026-11-23',
    })
    expect(JSON.parse(rows[0].receipt as string)).toEqual({ number: policy.payment!.receiptNumber, fiscal: null })
    expect(policy.payment!.receiptNumber).toMatch(/^ФД \d+$/)
    // The payment and its day travel to HQ with the policy, in the same write.
    const outbox = (await d.core.db('outbox').where({ entity: 'payment', entity_id: rows[0].id })) as unknown[]
    expect(outbox).toHaveLength(1)
    expect(await d.core.db('cash_day').where({ day: '2026-11-23' }).first('status')).toEqual({ status: 'open' })
  })

  it('a typed receipt number that is no fiscal document number is refused at its field, and nothing is written', async () => {
    await d.at(msk('2026-11-24'))
    const p = await expectOk(call(d.core, 'osago/create-draft', undefined, 'c'))
    const { completeDraft } = await import('../../shared/osago/testing/completeDraft')
    const calculated = await expectOk(
      call(
        d.core,
        'osago/calculate-policy',
        { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(d.today()) },
        'c',
      ),
    )
    const r = await call(
      d.core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calculated.rowVersion,
        payment: { method: 'cash', receiptNumber: 'чек', amountKopecks: calculated.calculation!.premiumKopecks },
      },
      'c',
    )
    expect(r).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'payment.receiptNumber': 'validation.receiptNumber.format' } },
    })
    expect(await paymentRows(p.id)).toHaveLength(0)
  })

  it('a CASCO contract issued: its first instalment in, instalment 1, the clerk who took it', async () => {
    await d.at(msk('2026-11-25'))
    const contract = await d.issueCasco('cash', 'c2')
    const rows = await paymentRows(contract.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      direction: 'in',
      purpose: 'casco_premium',
      record_type: 'casco_quote',
      instalment_no: 1,
      amount_kopecks: contract.schedule!.payments[0]!.amountKopecks,
      method: 'cash',
      clerk_name: 'Сотрудник clerk2',
      business_day: '2026-11-25',
    })
  })

  it('a termination refund: paid out, cash through the till, a transfer as a bank payment with its order number', async () => {
    await d.at(msk('2026-11-26'))
    const cash = await d.refund('cash')
    const transfer = await d.refund('transfer')
    for (const [a, method, document] of [
      [cash, 'cash', cash.paymentDocument],
      [transfer, 'bank', transfer.paymentDocument],
    ] as const) {
      const rows = await paymentRows(a.id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        direction: 'out',
        purpose: 'termination_refund',
        record_type: 'termination_application',
        amount_kopecks: a.paidKopecks,
        method,
        business_day: '2026-11-26',
      })
      expect(JSON.parse(rows[0].receipt as string)).toEqual({ number: document, fiscal: null })
    }
    const report = await cashReportFor(d.core.db, '2026-11-26')
    expect(report.branch.refundedKopecks).toEqual({ cash: cash.paidKopecks, card: 0, bank: transfer.paidKopecks })
    expect(report.byPurpose.termination_refund).toEqual({
      inKopecks: 0,
      outKopecks: cash.paidKopecks! + transfer.paidKopecks!,
    })
  })

  it('an OSAGO change with an extra premium: paid in with the change', async () => {
    await d.at(msk('2026-11-27'))
    const policy = await d.issueOsago('cash')
    await d.at(msk('2026-12-20'))
    const started = await expectOk(
      call(d.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'add-driver' }, 'c'),
    )
    const after = structuredClone(started.after)
    if (after.drivers.mode !== 'list') throw new Error('list expected')
    after.drivers.list.push({
      ...after.drivers.list[0]!,
      surname: 'Кузнецов',
      birthDate: addDays(d.today(), -19 * 366),
      licence: { series: '9930', number: '123123' },
      licenseSince: addDays(d.today(), -30),
      kbmClass: '3',
    })
    const priced = await expectOk(
      call(d.core, 'osagoChange/calculate-change', { id: started.id, rowVersion: started.rowVersion, after }, 'c'),
    )
    const amount = priced.calculation!.amountKopecks
    expect(amount).toBeGreaterThan(0)
    const applied = await expectOk(
      call(
        d.core,
        'osagoChange/apply-change',
        {
          id: priced.id,
          rowVersion: priced.rowVersion,
          payment: { method: 'card', receiptNumber: 'ФД 900 ФП 1234567890', amountKopecks: amount },
        },
        'c',
      ),
    )
    const rows = await paymentRows(applied.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      direction: 'in',
      purpose: 'osago_change_premium',
      record_type: 'osago_change',
      amount_kopecks: amount,
      method: 'card',
      business_day: '2026-12-20',
    })
    expect(applied.settlement!.payment!.receiptNumber).toBe('ФД 900 ФП 1234567890')
  })
})

describe('the cash day', () => {
  it('closing locks the day: a refund paid after closing, before midnight, goes into the next day', async () => {
    const day = '2026-12-22'
    await d.at(msk(day, '23:40'))
    // Earlier days with payments are closed first, oldest first (the opening cash comes from the previous day).
    const refused = await call(d.core, 'payments/close-day', { day }, 's')
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    for (const earlier of ['2026-11-23', '2026-11-25', '2026-11-26', '2026-11-27', '2026-12-20'])
      await expectOk(call(d.core, 'payments/close-day', { day: earlier }, 's'))
    const policy = await d.issueOsago('cash')
    const before = await cashReportFor(d.core.db, day)
    // A clerk may not close the day; a supervisor does, and the report is frozen in it.
    expect(await call(d.core, 'payments/close-day', { day }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const closed = await expectOk(call(d.core, 'payments/close-day', { day }, 's'))
    expect(closed).toMatchObject({ status: 'closed', closedByName: 'Сотрудник boss1', report: before })
    expect(closed.report.closingCashKopecks).toBe(before.openingCashKopecks + policy.calculation!.premiumKopecks)
    expect(await call(d.core, 'payments/close-day', { day }, 's')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })

    // 23:50, the same calendar day: the refund belongs to the next business day.
    await d.at(msk(day, '23:50'))
    const late = await d.refund('cash')
    const next = addDays(day, 1)
    expect(await paymentRows(late.id).first('business_day')).toEqual({ business_day: next })
    expect((await journal(day)).map((e) => e.recordId)).toEqual([policy.id])
    expect((await journal(next)).map((e) => e.recordId)).toEqual([late.id])
    // After midnight, the next day's own payments join it; its opening is the closed day's closing cash.
    await d.at(msk(next, '00:10'))
    const morning = await d.issueOsago('card')
    expect((await journal(next)).map((e) => e.recordId).sort()).toEqual([late.id, morning.id].sort())
    const nextReport = await expectOk(call(d.core, 'payments/cash-report', { day: next }, 'c'))
    expect(nextReport.report.openingCashKopecks).toBe(closed.report.closingCashKopecks)
    expect(nextReport.report.closingCashKopecks).toBe(closed.report.closingCashKopecks - late.paidKopecks!)
    // The closed day's report stays as it was closed.
    expect((await expectOk(call(d.core, 'payments/cash-report', { day }, 'c'))).report).toEqual(closed.report)
  })

  it('the Writer refuses a payment into a closed day and any change of a payment', async () => {
    const [row] = (await d.core.db('payment').where({ business_day: '2026-12-22' })) as Array<{ id: string }>
    const actor = { userId: null, login: 'test' }
    const now = new Date()
    await expect(
      write(d.core.db, actor, 'test', now, (w) =>
        w.insert('payment', {
          branch_id: 'x',
          direction: 'in',
          purpose: 'osago_premium',
          record_type: 'osago_policy',
          record_id: 'x',
          amount_kopecks: 100,
          method: 'cash',
          receipt: { number: 'ФД 1', fiscal: null },
          clerk_id: 'x',
          clerk_name: 'x',
          paid_at: now.toISOString(),
          business_day: '2026-12-22',
        }),
      ),
    ).rejects.toMatchObject({ messageKey: 'payments.errors.dayClosed' })
    await expect(
      write(d.core.db, actor, 'test', now, (w) => w.update('payment', row!.id, { amount_kopecks: 1 })),
    ).rejects.toBeInstanceOf(AppError)
    // recordPayment itself never tries: it moves a payment of a closed day to the next open one.
    const moved = await write(d.core.db, actor, 'test', msk('2026-12-22', '12:00'), (w) =>
      recordPayment(w, {
        direction: 'in',
        purpose: 'osago_premium',
        recordType: 'osago_policy',
        recordId: 'x',
        amountKopecks: 100,
        method: 'cash',
        receipt: { number: 'ФД 1', fiscal: null },
        clerk: { id: 'x', name: 'x' },
        paidAt: msk('2026-12-22', '12:00').toISOString(),
        timeZone: 'Europe/Moscow',
      }),
    )
    expect(moved.business_day).toBe('2026-12-23')
    await expect(recordPaymentWith({ amountKopecks: 0 })).rejects.toMatchObject({
      messageKey: 'payments.errors.amount',
    })
  })

  it('a supervisor reverses a payment by a new row the other way; a clerk may not; twice is refused', async () => {
    const day = '2026-12-28'
    await d.at(msk(day))
    const policy = await d.issueOsago('cash')
    const [original] = (await journal(day)).filter((e) => e.recordId === policy.id)
    expect(
      await call(d.core, 'payments/reverse-payment', { id: original!.id, reason: 'Ошибка суммы' }, 'c'),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const noNumber = await call(d.core, 'payments/reverse-payment', { id: original!.id, reason: 'Ошибка суммы' }, 's')
    expect(noNumber).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'payment.receiptNumber': 'validation.required' } },
    })
    const reversal = await expectOk(
      call(
        d.core,
        'payments/reverse-payment',
        { id: original!.id, reason: 'Ошибка суммы', receiptNumber: 'ФД 77' },
        's',
      ),
    )
    expect(reversal).toMatchObject({
      direction: 'out',
      purpose: 'osago_premium',
      recordId: policy.id,
      amountKopecks: original!.amountKopecks,
      reversesId: original!.id,
      clerkName: 'Сотрудник boss1',
      businessDay: day,
    })
    const listed = await journal(day)
    expect(listed.find((e) => e.id === original!.id)!.reversedBy).toBe(reversal.id)
    const report = await cashReportFor(d.core.db, day)
    // A reversed receipt lowers the receipts; it is not a refund to a client.
    expect(report.byPurpose.osago_premium).toEqual({ inKopecks: 0, outKopecks: 0 })
    expect(report.closingCashKopecks).toBe(report.openingCashKopecks)
    expect(
      await call(
        d.core,
        'payments/reverse-payment',
        { id: original!.id, reason: 'Ещё раз', receiptNumber: 'ФД 78' },
        's',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(
      await call(
        d.core,
        'payments/reverse-payment',
        { id: reversal.id, reason: 'Ещё раз', receiptNumber: 'ФД 79' },
        's',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('the journal filters by clerk, method and purpose, a page at a time, newest first', async () => {
    const day = '2026-12-29'
    await d.at(msk(day, '09:00'))
    await d.issueOsago('cash', 'c')
    await d.at(msk(day, '09:30'))
    await d.issueOsago('card', 'c2')
    await d.at(msk(day, '10:00'))
    await d.refund('cash', 'c2')
    const all = await journal(day)
    expect(all.map((e) => e.purpose)).toEqual(['termination_refund', 'osago_premium', 'osago_premium'])
    const clerk2 = (await d.core.db('staff').where({ login: 'clerk2' }).first('id')) as { id: string }
    const page = await expectOk(
      call(d.core, 'payments/list-journal', { day, clerkId: clerk2.id, limit: 1, offset: 1 }, 'c'),
    )
    expect(page).toMatchObject({ total: 2, status: 'open', items: [{ method: 'card', clerkName: 'Сотрудник clerk2' }] })
    const cash = await expectOk(call(d.core, 'payments/list-journal', { day, method: 'cash' }, 'c'))
    expect(cash.total).toBe(2)
    const refunds = await expectOk(call(d.core, 'payments/list-journal', { day, purpose: 'termination_refund' }, 'c'))
    expect(refunds.items.map((e) => e.direction)).toEqual(['out'])
    // One clerk's report: what they took and paid out, from zero.
    const mine = await expectOk(call(d.core, 'payments/cash-report', { day, clerkId: clerk2.id }, 'c'))
    expect(mine.report.openingCashKopecks).toBe(0)
    expect(mine.report.clerks.map((c) => c.clerkName)).toEqual(['Сотрудник clerk2'])
    expect(await call(d.core, 'payments/list-journal', { day }, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(d.core, 'payments/close-day', { day: addDays(d.today(), 1) }, 's')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })
})

function recordPaymentWith(over: { amountKopecks: number }) {
  return write(d.core.db, { userId: null, login: 'test' }, 'test', new Date(), (w) =>
    recordPayment(w, {
      direction: 'in',
      purpose: 'osago_premium',
      recordType: 'osago_policy',
      recordId: 'x',
      method: 'cash',
      receipt: { number: 'ФД 1', fiscal: null },
      clerk: { id: 'x', name: 'x' },
      paidAt: new Date().toISOString(),
      timeZone: 'Europe/Moscow',
      ...over,
    }),
  )
}
