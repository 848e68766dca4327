import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CascoQuoteRecord } from '../../shared/casco/contract'
import type { CascoPlan } from '../../shared/casco/schedule'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import { damage, submittedCase, submittedInspection } from '../casco/testing/cascoCase'
import type { Knex } from 'knex'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { contractsInForce } from './dueList'
import { instalmentPaymentsQuery } from './instalmentRows'

/**
 * CASCO instalments after issue through the real channels (docs/domain/payments.md#casco-instalments): the due list,
 * taking an instalment into the journal, refusing it twice, and what a late one turns into as the branch's clock
 * moves (ManualClock; the branch is in Moscow). The shipped terms: reminder 7 days before, 5 days' grace, then the
 * cover suspended from the day after the last day to pay, the contract ended 30 days after that.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
const passwords: Record<string, string> = { c: 'Own12345', s: 'Own12345', i: 'Own12345' }
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  signedIn = false
})
/** The inspector and the supervisor, signed in by the first contract a test issues (the hook stays short). */
let signedIn = false
afterEach(async () => t.dispose())

const today = () => todayIn('Europe/Moscow', t.clock.now())

/** Moves the branch's clock to 10:00 Moscow time on `date`; everyone unlocks the screen the idle lock closed. */
async function on(date: string) {
  t.clock.set(new Date(`${date}T07:00:00Z`))
  for (const [client, password] of Object.entries(passwords))
    await call(t.core, 'session/unlock-screen', { password }, client)
}

async function issued(plan: CascoPlan = 'four', insuredPhone = '+7 916 555-12-34'): Promise<CascoQuoteRecord> {
  if (!signedIn) {
    await signInAs(t.core, 'inspector', 'i')
    await signInAs(t.core, 'supervisor', 's')
    signedIn = true
  }
  const s = await submittedCase(t.core, 'c', (d) => {
    d.options[0]!.plan = plan
    d.insured.phone = insuredPhone
  })
  await submittedInspection(t.core, 'i', s.id, [damage()])
  const decided = await expectOk(call(t.core, 'approval/get-case', { quoteId: s.id }, 's'))
  await expectOk(
    call(
      t.core,
      'approval/decide',
      {
        quoteId: s.id,
        quoteRowVersion: decided.quote.rowVersion,
        decision: 'approved',
        validUntil: addDays(today(), 10),
      },
      's',
    ),
  )
  const approved = await expectOk(call(t.core, 'casco/get-quote', { id: s.id }, 'c'))
  const first = approved.result!.options[0]!.schedule.payments[0]!.amountKopecks
  return expectOk(
    call(
      t.core,
      'casco/issue-contract',
      {
        id: s.id,
        rowVersion: approved.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: first },
      },
      'c',
    ),
  )
}

const accept = (contractId: string, instalmentNo: number, amountKopecks: number, receiptNumber = 'ФД 101') =>
  call(
    t.core,
    'payments/accept-instalment',
    { contractId, instalmentNo, payment: { amountKopecks, method: 'cash', receiptNumber } },
    'c',
  )

describe('CASCO instalments as receivables', () => {
  it('lists the later instalments of an issued contract with the client’s phone; the first is paid at issue', async () => {
    const c = await issued('four')
    const list = await expectOk(call(t.core, 'payments/list-instalments', undefined, 'c'))
    expect(list.today).toBe('2026-11-21')
    expect(list.reminderDaysBefore).toBe(7)
    expect(list.items.map((i) => [i.instalmentNo, i.dueDate, i.status])).toEqual([
      [2, '2027-02-21', 'upcoming'],
      [3, '2027-05-21', 'upcoming'],
      [4, '2027-08-21', 'upcoming'],
    ])
    expect(list.items[0]).toMatchObject({
      contractId: c.id,
      contractNumber: c.contractNumber,
      phone: '+7 916 555-12-34',
      instalmentCount: 4,
      amountKopecks: c.schedule!.payments[1]!.amountKopecks,
      payable: true,
      consequence: null,
    })
    expect(list.counts).toEqual({ upcoming: 3, reminder: 0, due: 0, grace: 0, overdue: 0 })
    // A single-payment contract owes nothing later and is not on the list.
    await issued('single')
    expect((await expectOk(call(t.core, 'payments/list-instalments', undefined, 'c'))).total).toBe(3)

    const schedule = await expectOk(call(t.core, 'payments/get-contract-instalments', { id: c.id }, 'c'))
    expect(schedule.items[0]).toMatchObject({
      instalmentNo: 1,
      status: 'paid',
      payments: [{ amountKopecks: c.firstPayment!.amountKopecks, receiptNumber: 'ФД 1', method: 'cash' }],
    })
    expect(schedule.items.slice(1).map((i) => i.status)).toEqual(['upcoming', 'upcoming', 'upcoming'])
    expect(schedule).toMatchObject({ open: true, partialPayments: false, termsVersion: '2019-01-01.1' })
  })

  it('takes an instalment into the journal in its scheduled amount, and refuses it twice', async () => {
    const c = await issued('four')
    const amount = c.schedule!.payments[1]!.amountKopecks
    await on('2027-02-15')
    const list = await expectOk(call(t.core, 'payments/list-instalments', { statuses: ['reminder'] }, 'c'))
    expect(list.items.map((i) => i.instalmentNo)).toEqual([2])
    expect(list.counts).toMatchObject({ reminder: 1, upcoming: 2 })

    // Not the scheduled amount, not the next one due, not a receipt number: refused at the field, nothing written.
    expect(await accept(c.id, 2, amount - 1)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'payment.amountKopecks': 'instalments.errors.notScheduled' } },
    })
    expect(await accept(c.id, 3, c.schedule!.payments[2]!.amountKopecks)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Сначала нужно оплатить взнос 2' },
    })
    expect(await accept(c.id, 2, amount, 'чек')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'payment.receiptNumber': 'validation.receiptNumber.format' } },
    })
    expect(await accept(c.id, 1, c.schedule!.payments[0]!.amountKopecks)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })

    const after = await expectOk(accept(c.id, 2, amount, 'фд 101'))
    expect(after.items[1]).toMatchObject({
      status: 'paid',
      paidKopecks: amount,
      payments: [
        {
          direction: 'in',
          amountKopecks: amount,
          method: 'cash',
          receiptNumber: 'ФД 101',
          clerkName: 'Сотрудник clerk1',
        },
      ],
    })
    const journal = await expectOk(call(t.core, 'payments/list-journal', { day: '2027-02-15' }, 'c'))
    expect(journal.items).toEqual([
      expect.objectContaining({
        direction: 'in',
        purpose: 'casco_instalment',
        recordType: 'casco_quote',
        recordId: c.id,
        instalmentNo: 2,
        amountKopecks: amount,
        receipt: { number: 'ФД 101', fiscal: null },
        businessDay: '2027-02-15',
      }),
    ])
    expect(await accept(c.id, 2, amount, 'ФД 102')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Взнос 2 уже оплачен' },
    })
    const list2 = await expectOk(call(t.core, 'payments/list-instalments', undefined, 'c'))
    expect(list2.items.map((i) => i.instalmentNo)).toEqual([3, 4])
    expect((await expectOk(call(t.core, 'payments/list-journal', { day: '2027-02-15' }, 'c'))).total).toBe(1)
  })

  it('a late instalment: grace to its last day, then the cover suspended, then the contract ended and unpayable', async () => {
    const c = await issued('two')
    // Two payments: the second six months on, 21.05.2027, a Friday and a working day.
    const amount = c.schedule!.payments[1]!.amountKopecks
    const second = async () =>
      (await expectOk(call(t.core, 'payments/get-contract-instalments', { id: c.id }, 'c'))).items[1]!
    await on('2027-05-14')
    expect(await second()).toMatchObject({ status: 'reminder', daysLeft: 7 })
    await on('2027-05-13')
    expect((await second()).status).toBe('upcoming')
    await on('2027-05-21')
    expect(await second()).toMatchObject({ status: 'due', lastDayToPay: '2027-05-21', daysLeft: 0 })
    await on('2027-05-26')
    expect(await second()).toMatchObject({ status: 'grace', graceLastDay: '2027-05-26', consequence: null })
    await on('2027-05-27')
    expect(await second()).toMatchObject({
      status: 'overdue',
      consequence: { kind: 'suspended', since: '2027-05-22', endsOn: '2027-06-21' },
      payable: true,
    })
    const overdue = await expectOk(call(t.core, 'payments/list-instalments', { statuses: ['overdue'] }, 'c'))
    expect(overdue.items).toEqual([expect.objectContaining({ contractId: c.id, instalmentNo: 2, status: 'overdue' })])
    await on('2027-06-20')
    expect((await second()).consequence).toMatchObject({ kind: 'suspended' })
    await on('2027-06-21')
    expect(await second()).toMatchObject({
      status: 'overdue',
      consequence: { kind: 'terminated', on: '2027-06-21' },
      payable: false,
    })
    expect((await expectOk(call(t.core, 'payments/get-contract-instalments', { id: c.id }, 'c'))).open).toBe(false)
    expect(await accept(c.id, 2, amount)).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Договор прекращён с 21.06.2027 из-за неуплаты взноса: принять оплату нельзя',
      },
    })
  })

  it('a suspended contract is restored by paying the instalment late', async () => {
    const c = await issued('two')
    await on('2027-06-01')
    const paid = await expectOk(accept(c.id, 2, c.schedule!.payments[1]!.amountKopecks))
    expect(paid.items[1]).toMatchObject({ status: 'paid', consequence: null })
    expect(paid.open).toBe(true)
    expect((await expectOk(call(t.core, 'payments/list-instalments', undefined, 'c'))).total).toBe(0)
  })

  it('a payment after the day is closed goes into the next business day', async () => {
    // Issued today with its first instalment; the day is closed, then the client pays the second in advance.
    const c = await issued('four')
    const day = await expectOk(call(t.core, 'payments/cash-report', { day: '2026-11-21' }, 's'))
    await expectOk(
      call(
        t.core,
        'payments/close-day',
        { day: '2026-11-21', ...(day.rowVersion ? { rowVersion: day.rowVersion } : {}) },
        's',
      ),
    )
    const paid = await expectOk(accept(c.id, 2, c.schedule!.payments[1]!.amountKopecks, 'ФД 7'))
    expect(paid.items[1]!.status).toBe('paid')
    const next = await expectOk(call(t.core, 'payments/list-journal', { day: '2026-11-22' }, 'c'))
    expect(next.items).toEqual([expect.objectContaining({ instalmentNo: 2, businessDay: '2026-11-22' })])
    const closed = await expectOk(call(t.core, 'payments/list-journal', { day: '2026-11-21' }, 'c'))
    expect(closed.items.filter((p) => p.purpose === 'casco_instalment')).toEqual([])
  })

  it('a terminated contract takes no instalment and leaves the due list', async () => {
    const c = await issued('four')
    let a = await expectOk(
      call(
        t.core,
        'termination/register-application',
        {
          contract: { source: 'casco', id: c.id },
          details: {
            kind: 'cooling-off',
            ground: null,
            eventDate: null,
            cascoChoice: null,
            insuredEventOccurred: false,
            applicant: {
              fullName: 'Смирнов Алексей Игоревич',
              passport: '4519 123456',
              phone: '8 916 123-45-67',
              address: null,
            },
            representative: null,
            payout: { method: 'cash' },
          },
        },
        'c',
      ),
    )
    a = await expectOk(
      call(
        t.core,
        'termination/set-documents',
        { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
        'c',
      ),
    )
    await expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, 'c'))
    expect(await accept(c.id, 2, c.schedule!.payments[1]!.amountKopecks)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Договор прекращён: взносы по нему не принимаются' },
    })
    expect((await expectOk(call(t.core, 'payments/get-contract-instalments', { id: c.id }, 'c'))).open).toBe(false)
    expect((await expectOk(call(t.core, 'payments/list-instalments', undefined, 'c'))).total).toBe(0)
  })

  it('only the desk takes instalments; a quote that is not a contract has none', async () => {
    const c = await issued('two')
    expect(
      await call(
        t.core,
        'payments/accept-instalment',
        { contractId: c.id, instalmentNo: 2, payment: { amountKopecks: 1, method: 'cash', receiptNumber: 'ФД 5' } },
        'i',
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const draft = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
    expect(await call(t.core, 'payments/get-contract-instalments', { id: draft.id }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('reads the contracts in force by their end date and their payments by the record, never a whole table', async () => {
    const plan = async (q: Knex.QueryBuilder) => {
      const sql = q.toSQL()
      const rows = (await t.core.db.raw(`EXPLAIN QUERY PLAN ${sql.sql}`, sql.bindings as Knex.RawBinding[])) as Array<{
        detail: string
      }>
      return rows.map((r) => r.detail).join('; ')
    }
    expect(await plan(contractsInForce(t.core.db, '2027-01-01'))).toMatch(/casco_end_idx/)
    expect(await plan(instalmentPaymentsQuery(t.core.db, ['a', 'b']))).toMatch(/payment_record_idx/)
  })
})
