import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
})
afterEach(async () => t.dispose())

describe('sign-in, lock-out, idle lock, sign-out', () => {
  it('signs in with the right password and says nothing about which part was wrong otherwise', async () => {
    const s = await expectOk(call(t.core, 'session/sign-in', { login: 'admin', password: ADMIN.password }))
    expect(s).toMatchObject({ status: 'signed-in', user: { login: 'admin', role: 'admin' } })
    const wrong = await call(t.core, 'session/sign-in', { login: 'admin', password: 'nope' }, 'w2')
    const unknown = await call(t.core, 'session/sign-in', { login: 'ghost', password: 'nope' }, 'w2')
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', message: 'Неверный логин или пароль' },
    })
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', message: 'Неверный логин или пароль' },
    })
  })

  it('never stores the password in plain text, nor in the audit log or outbox', async () => {
    const dump = JSON.stringify([await t.core.db('staff'), await t.core.db('audit_log'), await t.core.db('outbox')])
    expect(dump).not.toContain(ADMIN.password)
    const audit = JSON.stringify(await t.core.db('audit_log'))
    expect(audit).not.toMatch(/scrypt\$/)
  })

  it('locks the login after the configured number of failures, for the configured period', async () => {
    for (let i = 1; i <= 4; i++) {
      expect(await call(t.core, 'session/sign-in', { login: 'admin', password: 'bad' })).toMatchObject({
        error: { code: 'INVALID_CREDENTIALS' },
      })
    }
    expect(await call(t.core, 'session/sign-in', { login: 'admin', password: 'bad' })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    })
    // Even the right password is refused while locked.
    const locked = await call(t.core, 'session/sign-in', { login: 'admin', password: ADMIN.password })
    expect(locked).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } })
    if (!locked.ok) expect(locked.error.message).toContain('15 мин')
    t.clock.advance(14 * 60_000)
    expect(await call(t.core, 'session/sign-in', { login: 'admin', password: ADMIN.password })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    })
    t.clock.advance(61_000)
    await expectOk(call(t.core, 'session/sign-in', { login: 'admin', password: ADMIN.password }))
    const actions = (await t.core.db('audit_log').select('action')).map((r: { action: string }) => r.action)
    expect(actions).toContain('session.account-locked')
    expect(actions).toContain('session.sign-in-refused-locked')
  })

  it("lock-out follows the admin's settings", async () => {
    await signInAs(t.core, 'admin', 'a')
    const current = await expectOk(call(t.core, 'settings/get-security', undefined, 'a'))
    await expectOk(
      call(
        t.core,
        'settings/update-security',
        { idleLockMinutes: 5, maxFailedSignIns: 3, lockoutMinutes: 2, rowVersion: current.rowVersion },
        'a',
      ),
    )
    for (let i = 0; i < 2; i++) await call(t.core, 'session/sign-in', { login: 'admin', password: 'bad' }, 'b')
    expect(await call(t.core, 'session/sign-in', { login: 'admin', password: 'bad' }, 'b')).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    })
    t.clock.advance(2 * 60_000 + 1)
    await expectOk(call(t.core, 'session/sign-in', { login: 'admin', password: ADMIN.password }, 'b'))
  })

  it('locks an idle session in the core even if the renderer never asked, and unlocks with the password', async () => {
    await signInAs(t.core, 'admin', 'a')
    t.clock.advance(9 * 60_000)
    await expectOk(call(t.core, 'staff/list-staff', undefined, 'a'))
    t.clock.advance(10 * 60_000 + 1)
    expect(await call(t.core, 'staff/list-staff', undefined, 'a')).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    })
    expect(await expectOk(call(t.core, 'session/get-session', undefined, 'a'))).toMatchObject({ status: 'locked' })
    expect(await call(t.core, 'session/unlock-screen', { password: 'wrong' }, 'a')).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS' },
    })
    await expectOk(call(t.core, 'session/unlock-screen', { password: ADMIN.password }, 'a'))
    await expectOk(call(t.core, 'staff/list-staff', undefined, 'a'))
  })

  it("locks on the renderer's request and status polling does not count as activity", async () => {
    await signInAs(t.core, 'admin', 'a')
    for (let i = 0; i < 12; i++) {
      t.clock.advance(60_000)
      await expectOk(call(t.core, 'session/get-session', undefined, 'a'))
    }
    expect(await expectOk(call(t.core, 'session/get-session', undefined, 'a'))).toMatchObject({ status: 'locked' })
    await expectOk(call(t.core, 'session/unlock-screen', { password: ADMIN.password }, 'a'))
    expect(await expectOk(call(t.core, 'session/lock-screen', undefined, 'a'))).toMatchObject({ status: 'locked' })
  })

  it('signs out', async () => {
    await signInAs(t.core, 'admin', 'a')
    expect(await expectOk(call(t.core, 'session/sign-out', undefined, 'a'))).toEqual({ status: 'signed-out' })
    expect(await call(t.core, 'staff/list-staff', undefined, 'a')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
  })

  it('makes a user with an admin-set password change it before anything else', async () => {
    await signInAs(t.core, 'admin', 'a')
    await expectOk(
      call(
        t.core,
        'staff/create-staff',
        { login: 'clerk9', fullName: 'Петров П.П.', role: 'clerk', password: 'Temp12345' },
        'a',
      ),
    )
    const s = await expectOk(call(t.core, 'session/sign-in', { login: 'clerk9', password: 'Temp12345' }, 'c'))
    expect(s.status).toBe('must-change-password')
    expect(await call(t.core, 'settings/get-security', undefined, 'c')).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(
      await call(t.core, 'session/change-password', { currentPassword: 'Temp12345', newPassword: 'Temp12345' }, 'c'),
    ).toMatchObject({ error: { code: 'VALIDATION', fieldErrors: { newPassword: 'errors.samePassword' } } })
    expect(
      await expectOk(
        call(t.core, 'session/change-password', { currentPassword: 'Temp12345', newPassword: 'Mine12345' }, 'c'),
      ),
    ).toMatchObject({ status: 'signed-in' })
    await expectOk(call(t.core, 'settings/get-security', undefined, 'c'))
  })
})

describe('lock-out under parallel attempts', () => {
  it('counts every wrong attempt even when they arrive at once', async () => {
    const t2 = await makeTestCore()
    await setupBranch(t2.core)
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call(t2.core, 'session/sign-in', { login: 'admin', password: 'bad' }, `w${i}`),
      ),
    )
    expect(attempts.filter((r) => !r.ok && r.error.code === 'ACCOUNT_LOCKED')).toHaveLength(1)
    expect(await call(t2.core, 'session/sign-in', { login: 'admin', password: ADMIN.password })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    })
    await t2.dispose()
  })
})
