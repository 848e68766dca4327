import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import type { DriverDraft } from '../../shared/osago/draft'
import type { OsagoPolicy } from '../../shared/osago/policy'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

async function issuedPolicy(): Promise<OsagoPolicy> {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const calculated = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) }, 'c'),
  )
  return expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calculated.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calculated.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
}

/** A 30-year-old driver with ten years behind the wheel: KVS no worse than the listed ones. */
const experienced: DriverDraft = {
  surname: 'Кузнецов',
  name: 'Павел',
  patronymic: 'Андреевич',
  gender: 'male',
  birthDate: '1996-02-10',
  licence: { series: '9930', number: '123123' },
  licenseSince: '2014-05-20',
  licenseYearOnly: false,
  kbmClass: '3',
  kbmReason: '',
}

/** Moves the branch's clock; the clerk unlocks the screen the idle lock closed. */
async function later(days: number) {
  t.clock.set(new Date(t.clock.now().getTime() + days * 86_400_000))
  await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
}

describe('a change to an issued OSAGO policy', () => {
  it('adds a driver: priced on the conclusion date tariff pro rata, paid, re-issued on a new blank, audited', async () => {
    const policy = await issuedPolicy()
    await later(100)
    const started = await expectOk(
      call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'add-driver' }, 'c'),
    )
    expect(started).toMatchObject({ status: 'draft', print: 'reissue', paths: ['drivers'] })
    expect(started.effectiveDate).toBe(addDays(today, 100))
    // A second change waits until this one is finished.
    expect(await call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'plate' }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })

    const after = structuredClone(started.after)
    if (after.drivers.mode !== 'list') throw new Error('list expected')
    // A young first-time driver raises KVS; the edit also tries to change the plate, which this kind ignores.
    after.drivers.list.push({ ...experienced, birthDate: addDays(today, -19 * 366), licenseSince: addDays(today, -30) })
    after.vehicle.plate = 'А001АА77'
    const priced = await expectOk(
      call(t.core, 'osagoChange/calculate-change', { id: started.id, rowVersion: started.rowVersion, after }, 'c'),
    )
    expect(priced.after.vehicle.plate).toBe(started.before.vehicle.plate)
    const c = priced.calculation!
    expect(c.tariffVersion).toBe(policy.calculation!.tariffVersion)
    expect(c.currentPremiumKopecks).toBe(policy.calculation!.premiumKopecks)
    expect(c.newPremiumKopecks).toBeGreaterThan(c.currentPremiumKopecks)
    expect(c.newPremiumKopecks).toBeLessThanOrEqual(policy.calculation!.ceilingKopecks!)
    expect(c.termDays).toBe(365)
    expect(c.remainingDays).toBe(365 - 99)
    expect(c.amountKopecks).toBe(Math.round(((c.newPremiumKopecks - c.currentPremiumKopecks) * 266) / 365))
    expect(c.direction).toBe('additional')

    const unpaid = await call(t.core, 'osagoChange/apply-change', { id: priced.id, rowVersion: priced.rowVersion }, 'c')
    expect(unpaid).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'payment.amountKopecks': 'osagoChange.errors.paymentMismatch' } },
    })
    const applied = await expectOk(
      call(
        t.core,
        'osagoChange/apply-change',
        {
          id: priced.id,
          rowVersion: priced.rowVersion,
          payment: { method: 'card', receiptNumber: 'ФД 2', amountKopecks: c.amountKopecks },
        },
        'c',
      ),
    )
    expect(applied).toMatchObject({
      status: 'applied',
      settlement: { kind: 'payment', amountKopecks: c.amountKopecks },
      newBlank: { series: 'ААК', number: '0000000102' },
    })
    // The old blank is spoiled for the record, the policy moved to the new one; its issued application stays.
    expect(await t.core.db('policy_blank').where({ number: '0000000101' }).first()).toMatchObject({
      status: 'spoiled',
      policy_id: policy.id,
    })
    const now = await expectOk(call(t.core, 'osago/get-policy', { id: policy.id }, 'c'))
    expect(now).toMatchObject({ status: 'issued', blank: { number: '0000000102' } })
    expect(now.draft.drivers).toEqual(policy.draft.drivers)
    const audit = (await t.core.db('audit_log').where({ entity: 'osago_change', entity_id: applied.id })).map(
      (a: { action: string }) => a.action,
    )
    expect(audit).toEqual(['osago.change-started', 'osago.change-calculated', 'osago.change-applied'])
    expect(await t.core.db('outbox').where({ entity: 'osago_change', entity_id: applied.id })).toHaveLength(3)

    // The next change starts from the data this one left, priced against its new premium.
    const next = await expectOk(
      call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'passport' }, 'c'),
    )
    expect(next.before.drivers).toEqual(applied.after.drivers)
    expect(next.print).toBe('addendum')
    const passport = structuredClone(next.after)
    if (passport.insured.kind !== 'person') throw new Error('person expected')
    passport.insured.passport.number = '765432'
    const noPremium = await expectOk(
      call(t.core, 'osagoChange/calculate-change', { id: next.id, rowVersion: next.rowVersion, after: passport }, 'c'),
    )
    expect(noPremium.calculation).toMatchObject({
      amountKopecks: 0,
      direction: 'none',
      currentPremiumKopecks: c.newPremiumKopecks,
    })
    const kept = await expectOk(
      call(t.core, 'osagoChange/apply-change', { id: noPremium.id, rowVersion: noPremium.rowVersion }, 'c'),
    )
    expect(kept.newBlank).toBeNull()
    expect(await call(t.core, 'osago/get-policy', { id: policy.id }, 'c')).toMatchObject({
      value: { blank: { number: '0000000102' } },
    })
  })

  it('removing a driver lowers the premium but refunds nothing, as the rules say', async () => {
    const policy = await issuedPolicy()
    const started = await expectOk(
      call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'remove-driver' }, 'c'),
    )
    const after = structuredClone(started.after)
    if (after.drivers.mode !== 'list') throw new Error('list expected')
    after.drivers.list.pop()
    const priced = await expectOk(
      call(t.core, 'osagoChange/calculate-change', { id: started.id, rowVersion: started.rowVersion, after }, 'c'),
    )
    expect(priced.calculation).toMatchObject({ direction: 'none', amountKopecks: 0, noRefundByRule: true })
    expect(priced.calculation!.differenceKopecks).toBeLessThan(0)
    // A removal that removes nobody is refused at the field.
    const none = await expectOk(
      call(
        t.core,
        'osagoChange/save-change',
        { id: priced.id, rowVersion: priced.rowVersion, after: started.before },
        'c',
      ),
    )
    expect(
      await call(t.core, 'osagoChange/calculate-change', { id: none.id, rowVersion: none.rowVersion }, 'c'),
    ).toMatchObject({ ok: false, error: { fieldErrors: { drivers: 'osagoChange.errors.noDriverRemoved' } } })
    const discarded = await expectOk(
      call(t.core, 'osagoChange/discard-change', { id: none.id, rowVersion: none.rowVersion }, 'c'),
    )
    expect(discarded.status).toBe('discarded')
    // Discarded is final; the policy may take another change now.
    expect(
      await call(t.core, 'osagoChange/save-change', { id: none.id, rowVersion: discarded.rowVersion, after }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await expectOk(call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'plate' }, 'c'))
  })
})

describe('a duplicate of a lost policy', () => {
  it('goes on a new blank with the same data, the old blank recorded lost, the fee from the rules (none)', async () => {
    const policy = await issuedPolicy()
    const kinds = await expectOk(call(t.core, 'osagoChange/get-kinds', undefined, 'c'))
    expect(kinds.duplicateFeeKopecks).toBe(0)
    const dup = await expectOk(
      call(
        t.core,
        'osagoChange/issue-duplicate',
        { policyId: policy.id, policyRowVersion: policy.rowVersion, reason: 'Утерян клиентом', blankId: undefined },
        'c',
      ),
    )
    expect(dup).toMatchObject({
      kind: 'duplicate',
      status: 'applied',
      print: 'duplicate',
      feeKopecks: 0,
      settlement: { kind: 'none' },
      newBlank: { series: 'ААК', number: '0000000102' },
    })
    expect(dup.after).toEqual(policy.draft)
    expect(await t.core.db('policy_blank').where({ number: '0000000101' }).first()).toMatchObject({
      status: 'lost',
      policy_id: policy.id,
      lost_reason: 'Утерян клиентом',
    })
    expect(await call(t.core, 'osago/get-policy', { id: policy.id }, 'c')).toMatchObject({
      value: { status: 'issued', blank: { number: '0000000102' } },
    })
    // A lost blank is final: the database refuses to bring it back.
    await expect(t.core.db('policy_blank').where({ number: '0000000101' }).update({ status: 'used' })).rejects.toThrow(
      /never returns/,
    )
  })
})
