import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Channel } from '../../shared/contract'
import { contract } from '../../shared/contract'
import { ROLES } from '../../shared/contract/roles'
import { call, expectOk, makeTestCore, setupBranch, signInAs, TEST_PASSWORD_COST } from '../testing/testCore'
import { PASSWORD_COST } from './password'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
})
afterEach(async () => t.dispose())

describe('roles are enforced in the core', () => {
  const adminOnly = (Object.keys(contract) as Channel[]).filter((c) => {
    const access = contract[c].access
    return Array.isArray(access) && access.length === 1 && access[0] === 'admin'
  })

  it('keeps staff administration, security settings and receiving blanks admin-only', () => {
    // Other features add admin-only channels (sync enrolment…); each one is refused to other roles below.
    expect(adminOnly).toEqual(
      expect.arrayContaining([
        'blanks/receive-range',
        'settings/update-security',
        'staff/create-staff',
        'staff/list-staff',
        'staff/reset-password',
        'staff/update-staff',
      ]),
    )
  })

  for (const role of ROLES.filter((r) => r !== 'admin')) {
    it(`a ${role} is refused every admin-only channel`, async () => {
      await signInAs(t.core, role, 'w')
      for (const channel of adminOnly) {
        const r = await t.core.dispatch(
          channel,
          {},
          { clientId: 'w', senderUrl: 'app://branch-desk/index.html', isMainFrame: true },
        )
        // Validation may fail first for some inputs; give each a valid shape so the role check is what answers.
        if (!r.ok && r.error.code === 'VALIDATION') continue
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
      expect(await call(t.core, 'staff/list-staff', undefined, 'w')).toMatchObject({ error: { code: 'FORBIDDEN' } })
      expect(
        await call(
          t.core,
          'staff/create-staff',
          { login: 'x123', fullName: 'X', role: 'admin', password: 'Abc123456' },
          'w',
        ),
      ).toMatchObject({ error: { code: 'FORBIDDEN' } })
    })
  }

  it('nobody signed in is refused everything but the public channels', async () => {
    expect(await call(t.core, 'staff/list-staff', undefined, 'anon')).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await call(t.core, 'settings/get-security', undefined, 'anon')).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
    await expectOk(call(t.core, 'app/get-status', undefined, 'anon'))
  })
})

describe('staff administration', () => {
  beforeEach(async () => signInAs(t.core, 'admin', 'a'))

  it('creates, edits, disables and re-enables staff; each write goes to the outbox and the audit log', async () => {
    const m = await expectOk(
      call(
        t.core,
        'staff/create-staff',
        { login: 'Inspector.One', fullName: 'Сидоров С.С.', role: 'inspector', password: 'Temp12345' },
        'a',
      ),
    )
    expect(m).toMatchObject({
      login: 'inspector.one',
      role: 'inspector',
      active: true,
      mustChangePassword: true,
      rowVersion: 1,
    })
    const edited = await expectOk(
      call(
        t.core,
        'staff/update-staff',
        { id: m.id, rowVersion: 1, fullName: 'Сидоров Сергей', role: 'supervisor' },
        'a',
      ),
    )
    expect(edited).toMatchObject({ fullName: 'Сидоров Сергей', role: 'supervisor', rowVersion: 2 })
    expect(await call(t.core, 'staff/update-staff', { id: m.id, rowVersion: 1, active: false }, 'a')).toMatchObject({
      error: { code: 'CONFLICT' },
    })
    await expectOk(call(t.core, 'staff/update-staff', { id: m.id, rowVersion: 2, active: false }, 'a'))
    expect(await call(t.core, 'session/sign-in', { login: 'inspector.one', password: 'Temp12345' }, 'i')).toMatchObject(
      { error: { code: 'ACCOUNT_DISABLED' } },
    )
    await expectOk(call(t.core, 'staff/update-staff', { id: m.id, rowVersion: 3, active: true }, 'a'))

    const outbox = await t.core.db('outbox').where({ entity: 'staff', entity_id: m.id }).orderBy('seq')
    expect(outbox.map((o: { op: string; row_version: number }) => `${o.op}:${o.row_version}`)).toEqual([
      'insert:1',
      'update:2',
      'update:3',
      'update:4',
    ])
    const audit = await t.core
      .db('audit_log')
      .where({ entity: 'staff', entity_id: m.id })
      .andWhere('action', 'like', 'staff.%')
      .orderBy('seq')
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'staff.created',
      'staff.updated',
      'staff.disabled',
      'staff.enabled',
    ])
    expect(JSON.parse((audit[1] as { before: string }).before)).toMatchObject({
      role: 'inspector',
      password_hash: '[redacted]',
    })
  })

  it('refuses a duplicate login at the field', async () => {
    expect(
      await call(
        t.core,
        'staff/create-staff',
        { login: 'admin', fullName: 'X', role: 'clerk', password: 'Temp12345' },
        'a',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', fieldErrors: { login: 'errors.loginTaken' } } })
  })

  it('refuses a weak password with a field error', async () => {
    expect(
      await call(
        t.core,
        'staff/create-staff',
        { login: 'clerk5', fullName: 'X', role: 'clerk', password: 'short' },
        'a',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { password: 'validation.password.tooShort' } },
    })
  })

  it('a disabled user loses an open session at once', async () => {
    await signInAs(t.core, 'clerk', 'c')
    const clerk = (await expectOk(call(t.core, 'staff/list-staff', undefined, 'a'))).find((s) => s.login === 'clerk1')!
    await expectOk(
      call(t.core, 'staff/update-staff', { id: clerk.id, rowVersion: clerk.rowVersion, active: false }, 'a'),
    )
    expect(await call(t.core, 'settings/get-security', undefined, 'c')).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
  })

  it('never leaves the branch without an active admin', async () => {
    const me = (await expectOk(call(t.core, 'staff/list-staff', undefined, 'a'))).find((s) => s.login === 'admin')!
    expect(
      await call(t.core, 'staff/update-staff', { id: me.id, rowVersion: me.rowVersion, active: false }, 'a'),
    ).toMatchObject({ error: { code: 'CONFLICT' } })
    expect(
      await call(t.core, 'staff/update-staff', { id: me.id, rowVersion: me.rowVersion, role: 'clerk' }, 'a'),
    ).toMatchObject({ error: { code: 'CONFLICT' } })
  })

  it('resets a password: old one stops working, the person must change it', async () => {
    await signInAs(t.core, 'clerk', 'c')
    const clerk = (await expectOk(call(t.core, 'staff/list-staff', undefined, 'a'))).find((s) => s.login === 'clerk1')!
    await expectOk(call(t.core, 'staff/reset-password', { id: clerk.id, newPassword: 'Reset12345' }, 'a'))
    expect(await call(t.core, 'settings/get-security', undefined, 'c')).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await call(t.core, 'session/sign-in', { login: 'clerk1', password: 'Own12345' }, 'c')).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS' },
    })
    expect(
      await expectOk(call(t.core, 'session/sign-in', { login: 'clerk1', password: 'Reset12345' }, 'c')),
    ).toMatchObject({ status: 'must-change-password' })
  })
})

describe('first run', () => {
  it('refuses to create a second branch (the public channel cannot add admins later)', async () => {
    const r = await call(t.core, 'setup/create-branch', {
      branch: { code: 'X1', name: 'X', city: 'Y' },
      admin: { login: 'intruder', fullName: 'I', password: 'Intrude123' },
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await t.core.db('staff').where({ login: 'intruder' })).toHaveLength(0)
  })
})

describe('password hashes', () => {
  it("a core told nothing hashes at the app's cost; the tests' lower cost is theirs alone", async () => {
    // The test cores hash at TEST_PASSWORD_COST (core/testing/testCore.ts); the host and the E2E pass nothing.
    const app = await makeTestCore({ passwordCost: undefined })
    try {
      await setupBranch(app.core)
      await signInAs(app.core, 'clerk', 'w')
      const hashes = (await app.core.db('staff').pluck('password_hash')) as string[]
      expect(hashes).toHaveLength(2)
      for (const h of hashes)
        expect(h.startsWith(`scrypt$${PASSWORD_COST.N}$${PASSWORD_COST.r}$${PASSWORD_COST.p}$`)).toBe(true)
    } finally {
      await app.dispose()
    }
    const [lowered] = (await t.core.db('staff').pluck('password_hash')) as string[]
    expect(lowered!.startsWith(`scrypt$${TEST_PASSWORD_COST.N}$`)).toBe(true)
  })
})
