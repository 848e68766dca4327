import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeOsagoCounter, type OsagoCounter } from '../print/testing/osagoCounter'
import { setState } from '../sync/syncState'
import { call, expectOk, signInAs } from '../testing/testCore'

/**
 * HQ's "print before national registration" setting, through the real OSAGO and print channels. The setting
 * and the register's answer are put where a sync leaves them (sync_state, osago_registration): the sync path that
 * fills them is tested in core/sync.
 */
const PRINTER = 'Kyocera ECOSYS P2040dn'

let t: OsagoCounter
let platform: OsagoCounter['platform']
let sell: OsagoCounter['sell']

beforeEach(async () => {
  t = await makeOsagoCounter([PRINTER])
  ;({ platform, sell } = t)
})
afterEach(() => t.dispose())

/** What the engine stores after enrolment and a sync: the device id and HQ's settings for the branch. */
async function enrolledWith(printBeforeRegistration: boolean): Promise<void> {
  await setState(t.core.db, 'device_id', 'device-1')
  await setState(t.core.db, 'hq_settings', JSON.stringify({ printBeforeRegistration }))
}

/** The register's answer as a pull writes it (id = the policy's id). */
async function answer(
  policyId: string,
  outcome: { status: 'registered' } | { status: 'refused'; reason: string | null },
): Promise<void> {
  const now = t.clock.now().toISOString()
  await t.core.db('osago_registration').insert({
    id: policyId,
    policy_id: policyId,
    created_at: now,
    updated_at: now,
    row_version: 1,
    status: outcome.status,
    registration_id: outcome.status === 'registered' ? 'SIM-0A1B2C3D4E5F' : null,
    registered_at: outcome.status === 'registered' ? '2026-11-21T09:30:00.000Z' : null,
    refusal_reason: outcome.status === 'refused' ? outcome.reason : null,
    register_name: 'simulated-national-register',
  })
}

const printBlank = (id: string) =>
  call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id, printerName: PRINTER }, 'c')
const registration = (id: string) => expectOk(call(t.core, 'osago/get-registration', { id }, 'c'))

describe('printing the OSAGO blank before national registration', () => {
  it('a device not enrolled with HQ prints the blank at once', async () => {
    const policy = await sell()
    expect(await registration(policy.id)).toEqual({
      status: 'not-enrolled',
      registrationId: null,
      registeredAt: null,
      refusalReason: null,
      blankPrintAllowed: true,
    })
    expect(await expectOk(printBlank(policy.id))).toEqual({ printed: true })
    expect(platform.jobs).toHaveLength(1)
  })

  it('a branch HQ lets print first prints the blank before the register answers', async () => {
    await enrolledWith(true)
    const policy = await sell()
    expect(await registration(policy.id)).toMatchObject({ status: 'pending', blankPrintAllowed: true })
    expect(await expectOk(printBlank(policy.id))).toEqual({ printed: true })
  })

  it('otherwise the blank waits for registration while its preview, the archive copy and the application stay available', async () => {
    await enrolledWith(false)
    const policy = await sell()
    expect(await registration(policy.id)).toEqual({
      status: 'pending',
      registrationId: null,
      registeredAt: null,
      refusalReason: null,
      blankPrintAllowed: false,
    })

    const refused = await printBlank(policy.id)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!refused.ok && refused.error.message).toMatch(
      /^Полис ещё не зарегистрирован в базе РСА.*только после регистрации/,
    )
    expect(platform.jobs).toHaveLength(0)
    expect((await expectOk(call(t.core, 'osago/get-policy', { id: policy.id }, 'c'))).status).toBe('issued')
    expect(await t.core.db('audit_log').where({ action: 'print.printed' })).toHaveLength(0)

    await expectOk(
      call(t.core, 'print/preview-document', { kind: 'osago-policy-blank', id: policy.id, printerName: PRINTER }, 'c'),
    )
    await expectOk(
      call(t.core, 'print/print-document', { kind: 'osago-policy-archive', id: policy.id, printerName: PRINTER }, 'c'),
    )
    await expectOk(
      call(t.core, 'print/print-document', { kind: 'osago-application', id: policy.id, printerName: PRINTER }, 'c'),
    )
    expect(platform.jobs.map((j) => j.jobName)).toEqual([
      expect.stringMatching(/архивная копия/),
      expect.stringMatching(/Заявление/i),
    ])

    await answer(policy.id, { status: 'registered' })
    expect(await registration(policy.id)).toEqual({
      status: 'registered',
      registrationId: 'SIM-0A1B2C3D4E5F',
      registeredAt: '2026-11-21T09:30:00.000Z',
      refusalReason: null,
      blankPrintAllowed: true,
    })
    expect(await expectOk(printBlank(policy.id))).toEqual({ printed: true })
    expect((await expectOk(call(t.core, 'osago/get-policy', { id: policy.id }, 'c'))).status).toBe('printed')
  })

  it('a refusal by the register keeps the policy off its blank whatever the setting, and says why', async () => {
    await enrolledWith(true)
    const known = await sell()
    await answer(known.id, { status: 'refused', reason: 'blank-already-registered' })
    expect(await registration(known.id)).toMatchObject({
      status: 'refused',
      refusalReason: 'blank-already-registered',
      blankPrintAllowed: false,
    })
    const r = await printBlank(known.id)
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!r.ok && r.error.message).toBe(
      'База РСА отказала в регистрации полиса: на этом бланке уже зарегистрирован другой полис. Печатать его на бланке нельзя — обратитесь в головной офис',
    )

    // A reason the app has no text for is shown as the register gave it.
    const other = await sell()
    await answer(other.id, { status: 'refused', reason: 'VIN не совпадает с данными ГИБДД' })
    const r2 = await printBlank(other.id)
    expect(!r2.ok && r2.error.message).toContain('отказала в регистрации полиса: VIN не совпадает с данными ГИБДД.')
    expect(platform.jobs).toHaveLength(0)
    await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-policy-blank', id: other.id }, 'c'))
  })

  it('reports a policy not yet issued as such, and keeps registration from roles that do not sell OSAGO', async () => {
    await enrolledWith(false)
    const calculated = await sell('calculated')
    expect(await registration(calculated.id)).toMatchObject({ status: 'not-issued', blankPrintAllowed: false })
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'osago/get-registration', { id: calculated.id }, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(
      await call(t.core, 'osago/get-registration', { id: '01937a4e-0000-7000-8000-000000000000' }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
