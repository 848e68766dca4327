import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../shared/contract'
import { call, makeTestCore, setupBranch, signInAs, TRUSTED_URL } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
})
afterEach(async () => t.dispose())

const origin = { clientId: 'w', senderUrl: TRUSTED_URL, isMainFrame: true }

describe('dispatch: the boundary never crashes and always answers typed errors', () => {
  it('refuses an unknown channel', async () => {
    const r = await t.core.dispatch('staff/drop-tables', {}, origin)
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(await t.core.dispatch(42, {}, origin)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(await t.core.dispatch('__proto__', {}, origin)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
  })

  it('refuses calls from a foreign page or a sub-frame', async () => {
    const foreign = await t.core.dispatch('app/get-status', undefined, {
      ...origin,
      senderUrl: 'https://evil.example/',
    })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } })
    const frame = await t.core.dispatch('app/get-status', undefined, { ...origin, isMainFrame: false })
    expect(frame).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } })
  })

  it('answers wrong types, missing and extra fields with field errors in Russian', async () => {
    const wrongType = await t.core.dispatch('session/sign-in', { login: 5, password: true }, origin)
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Проверьте отмеченные поля' } })
    if (!wrongType.ok)
      expect(wrongType.error.fieldErrors).toEqual({
        login: 'validation.invalidType',
        password: 'validation.invalidType',
      })

    const missing = await t.core.dispatch('session/sign-in', { login: 'admin' }, origin)
    if (missing.ok) throw new Error('expected failure')
    expect(missing.error.fieldErrors).toEqual({ password: 'validation.required' })

    const extra = await t.core.dispatch('session/sign-in', { login: 'admin', password: 'x', isAdmin: true }, origin)
    if (extra.ok) throw new Error('expected failure')
    expect(extra.error.fieldErrors).toEqual({ isAdmin: 'validation.unknownField' })
    // The message's placeholder travels with it: «Лишнее поле: {field}» needs its field.
    expect(extra.error.fieldParams).toEqual({ isAdmin: { field: 'isAdmin' } })
    expect(missing.error.fieldParams).toBeUndefined()

    for (const junk of [null, 'string', 12, [], [1, 2]]) {
      const r = await t.core.dispatch('session/sign-in', junk, origin)
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
  })

  it('refuses 1 MB strings in a field and oversized payloads', async () => {
    const mb = 'я'.repeat(1_000_000)
    const r = await t.core.dispatch('session/sign-in', { login: mb, password: 'x' }, origin)
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const big = await t.core.dispatch('session/sign-in', { login: 'a'.repeat(3_000_000), password: 'x' }, origin)
    expect(big).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
  })

  it('survives cyclic and exotic inputs on every channel', async () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const inputs: unknown[] = [
      undefined,
      null,
      0,
      'x',
      [],
      {},
      cyclic,
      { a: 'я'.repeat(1_000_000) },
      { rowVersion: -1, id: 'no' },
    ]
    for (const channel of CHANNELS) {
      for (const input of inputs) {
        const r = await t.core.dispatch(channel, input, { ...origin, clientId: 'fuzz' })
        expect(typeof r.ok).toBe('boolean')
        if (!r.ok) expect(r.error.code).not.toBe('INTERNAL')
      }
    }
  })

  it("translates error messages into the caller's locale", async () => {
    await call(t.core, 'app/set-locale', { locale: 'en' }, 'en-window')
    const r = await call(t.core, 'staff/list-staff', undefined, 'en-window')
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Please sign in' } })
  })

  it('checks roles in the core: a clerk cannot call staff channels', async () => {
    await signInAs(t.core, 'clerk', 'clerk-window')
    const r = await call(t.core, 'staff/list-staff', undefined, 'clerk-window')
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Недостаточно прав для этой операции' } })
    const audit = await t.core.db('audit_log').where({ action: 'security.forbidden' })
    expect(audit).toHaveLength(1)
  })
})

describe('dispatch: access is checked before the input is parsed', () => {
  const badStaff = { login: 5, role: 'emperor', extra: true }

  it('answers a signed-out caller with a bad payload UNAUTHENTICATED, without field errors', async () => {
    const r = await t.core.dispatch('staff/create-staff', badStaff, { ...origin, clientId: 'nobody' })
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    if (!r.ok) expect(r.error.fieldErrors).toBeUndefined()
    // a 'signed-in' channel too
    const s = await t.core.dispatch('settings/get-security', { junk: 1 }, { ...origin, clientId: 'nobody' })
    expect(s).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('answers a clerk calling an admin channel with a bad payload FORBIDDEN, without field errors', async () => {
    await signInAs(t.core, 'clerk', 'clerk-window')
    const r = await t.core.dispatch('staff/create-staff', badStaff, { ...origin, clientId: 'clerk-window' })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Недостаточно прав для этой операции' } })
    if (!r.ok) expect(r.error.fieldErrors).toBeUndefined()
    expect(await t.core.db('audit_log').where({ action: 'security.forbidden' })).toHaveLength(1)
  })

  it('answers a locked session SESSION_LOCKED before parsing, and still lets whileLocked channels through', async () => {
    await signInAs(t.core, 'clerk', 'clerk-window')
    const c = { ...origin, clientId: 'clerk-window' }
    expect(await t.core.dispatch('session/lock-screen', undefined, c)).toMatchObject({ ok: true })
    expect(await t.core.dispatch('settings/get-security', { junk: 1 }, c)).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    })
    const unlock = await t.core.dispatch('session/unlock-screen', { junk: 1 }, c)
    expect(unlock).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('gives a caller with the right role field errors for a bad payload', async () => {
    await signInAs(t.core, 'admin', 'admin-window')
    const r = await t.core.dispatch('staff/create-staff', badStaff, { ...origin, clientId: 'admin-window' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    if (!r.ok)
      expect(r.error.fieldErrors).toMatchObject({ login: 'validation.invalidType', extra: 'validation.unknownField' })
    // a 'signed-in' channel, any role
    await signInAs(t.core, 'clerk', 'clerk-window')
    const s = await t.core.dispatch('settings/get-security', { junk: 1 }, { ...origin, clientId: 'clerk-window' })
    expect(s).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { junk: 'validation.unknownField' } },
    })
  })

  it('keeps public channels as they were: field errors for anyone', async () => {
    const r = await t.core.dispatch('session/sign-in', { login: 5 }, { ...origin, clientId: 'nobody' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})
