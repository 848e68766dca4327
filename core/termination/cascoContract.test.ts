import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import type { ApplicationDetailsInput } from '../../shared/termination/application'
import { damage, submittedCase, submittedInspection } from '../casco/testing/cascoCase'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/** A CASCO contract concluded in this app is found at the termination desk and ends when its application completes. */
let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
})
afterEach(async () => t.dispose())

async function issuedCasco() {
  const today = todayIn('Europe/Moscow', t.clock.now())
  const s = await submittedCase(t.core, 'c')
  await submittedInspection(t.core, 'i', s.id, [damage()])
  const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: s.id }, 's'))
  await expectOk(
    call(
      t.core,
      'approval/decide',
      { quoteId: s.id, quoteRowVersion: c.quote.rowVersion, decision: 'approved', validUntil: addDays(today, 10) },
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

const details = (over: Partial<ApplicationDetailsInput>): ApplicationDetailsInput => ({
  kind: 'cooling-off',
  ground: null,
  eventDate: null,
  cascoChoice: null,
  insuredEventOccurred: false,
  applicant: { fullName: 'Смирнов Алексей Игоревич', passport: '4519 123456', phone: '8 916 123-45-67', address: null },
  representative: null,
  payout: { method: 'cash' },
  ...over,
})

describe('CASCO contracts at the termination desk', () => {
  it('finds the issued contract, not quotes, and marks it terminated when the application completes', async () => {
    const issued = await issuedCasco()
    // Concluded today by an individual: its cooling-off window is on the desk's deadline list.
    const deadlines = await expectOk(call(t.core, 'termination/list-deadlines', { dueSoonDays: 30 }, 'c'))
    expect(deadlines.coolingOffClosing).toEqual([
      expect.objectContaining({ source: 'casco', contractId: issued.id, contractNumber: issued.contractNumber }),
    ])
    const found = await expectOk(call(t.core, 'termination/find-contracts', { query: issued.contractNumber! }, 'c'))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      source: 'casco',
      id: issued.id,
      product: 'casco',
      number: issued.contractNumber,
      enteredByHand: false,
      premiumKopecks: issued.totalKopecks,
      terminatedOn: null,
    })
    await submittedCase(t.core, 'c')
    expect(
      (await expectOk(call(t.core, 'termination/find-contracts', { query: 'смирнов' }, 'c'))).map((x) => x.id),
    ).toEqual([issued.id])

    let a = await expectOk(
      call(
        t.core,
        'termination/register-application',
        { contract: { source: 'casco', id: issued.id }, details: details({}) },
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
    a = await expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, 'c'))
    expect(a.status).not.toBe('received')
    const row = await t.core.db('casco_quote').where({ id: issued.id }).first()
    expect(row.terminated_on).toBe(todayIn('Europe/Moscow', t.clock.now()))
    const outbox = await t.core
      .db('outbox')
      .where({ entity: 'casco_quote', entity_id: issued.id })
      .orderBy('seq', 'desc')
      .first()
    expect(JSON.parse(outbox.data)).toMatchObject({ terminated_on: row.terminated_on })
  })
})
