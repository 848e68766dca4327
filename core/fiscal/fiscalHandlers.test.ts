import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../app/createCore'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { readFiscalSettings } from './api'
import { AtolWebSimulator } from './testing/atolWebSimulator'

/** The register settings through the real dispatch: roles, zod, the device-local row, the audit, the check. */
let core: Core
let dispose: () => Promise<void>
let sim: AtolWebSimulator
let url: string

beforeEach(async () => {
  const t = await makeTestCore()
  core = t.core
  dispose = t.dispose
  await setupBranch(core)
  await signInAs(core, 'admin', 'admin')
  await signInAs(core, 'clerk', 'clerk')
  sim = new AtolWebSimulator({ pollsBeforeReady: 0 })
  url = await sim.start()
})
afterEach(async () => {
  await sim.stop()
  await dispose()
})

describe('fiscal settings', () => {
  it('start with no register; the admin sets ATOL’s web server, everyone reads it, the change is audited', async () => {
    expect(await expectOk(call(core, 'fiscal/get-settings', {}, 'clerk'))).toEqual({ driver: 'none' })
    const saved = await expectOk(
      call(core, 'fiscal/set-settings', { driver: 'atol-web', url: `${url}/`, timeoutSeconds: 20 }, 'admin'),
    )
    expect(saved).toEqual({ driver: 'atol-web', url, timeoutSeconds: 20 })
    expect(await expectOk(call(core, 'fiscal/get-settings', undefined, 'clerk'))).toEqual(saved)
    expect(await readFiscalSettings(core.db)).toEqual(saved)
    const audit = await core
      .db('audit_log')
      .where({ action: 'fiscal.settings-updated' })
      .select('actor_login', 'before', 'after')
    expect(audit).toEqual([
      { actor_login: 'admin', before: JSON.stringify({ driver: 'none' }), after: JSON.stringify(saved) },
    ])
    // Device-local: nothing for HQ.
    expect(await core.db('outbox').where('data', 'like', '%atol-web%').count({ n: '*' }).first()).toEqual({ n: 0 })
    await expectOk(call(core, 'fiscal/set-settings', { driver: 'none' }, 'admin'))
    expect(await readFiscalSettings(core.db)).toEqual({ driver: 'none' })
  })

  it('only the admin changes or checks the register', async () => {
    const set = await call(core, 'fiscal/set-settings', { driver: 'none' }, 'clerk')
    expect(set.ok ? null : set.error.code).toBe('FORBIDDEN')
    const check = await call(core, 'fiscal/check-register', {}, 'clerk')
    expect(check.ok ? null : check.error.code).toBe('FORBIDDEN')
  })

  it('refuses an address that is not http(s) and a timeout out of range, at the field', async () => {
    for (const [input, field, key] of [
      [{ driver: 'atol-web', url: 'file:///etc/passwd', timeoutSeconds: 30 }, 'url', 'validation.registerUrl.format'],
      [{ driver: 'atol-web', url: 'javascript:alert(1)', timeoutSeconds: 30 }, 'url', 'validation.registerUrl.format'],
      [
        { driver: 'atol-web', url: 'http://user:pw@127.0.0.1:16732', timeoutSeconds: 30 },
        'url',
        'validation.registerUrl.format',
      ],
      [{ driver: 'atol-web', url: '127.0.0.1:16732', timeoutSeconds: 30 }, 'url', 'validation.registerUrl.format'],
      [
        { driver: 'atol-web', url: 'http://127.0.0.1:16732', timeoutSeconds: 2 },
        'timeoutSeconds',
        'validation.number.min',
      ],
      [
        { driver: 'atol-web', url: 'http://127.0.0.1:16732', timeoutSeconds: 600 },
        'timeoutSeconds',
        'validation.number.max',
      ],
    ] as const) {
      const r = await call(core, 'fiscal/set-settings', input as never, 'admin')
      expect(r.ok, input.url).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION')
        expect(r.error.fieldErrors?.[field], `${input.url} ${input.timeoutSeconds}`).toBe(key)
      }
    }
    const unknown = await call(core, 'fiscal/set-settings', { driver: 'shtrih' } as never, 'admin')
    expect(unknown.ok).toBe(false)
    expect(await readFiscalSettings(core.db)).toEqual({ driver: 'none' })
  })

  it('checks the register: the saved one, or the form’s before saving; an unreachable one says why', async () => {
    expect(await expectOk(call(core, 'fiscal/check-register', undefined, 'admin'))).toMatchObject({
      driver: 'none',
      connected: false,
      error: null,
    })
    const form = { driver: 'atol-web', url, timeoutSeconds: 5 } as const
    expect(await expectOk(call(core, 'fiscal/check-register', { settings: form }, 'admin'))).toEqual({
      driver: 'atol-web',
      connected: true,
      shiftOpen: false,
      shiftNumber: null,
      shiftExpired: false,
      error: null,
    })
    await expectOk(call(core, 'fiscal/set-settings', form, 'admin'))
    sim.openShiftAt(new Date(Date.now() - 25 * 3600_000))
    expect(await expectOk(call(core, 'fiscal/check-register', {}, 'admin'))).toMatchObject({
      connected: true,
      shiftOpen: true,
      shiftNumber: 1,
      shiftExpired: true,
    })
    await sim.stop()
    expect(await expectOk(call(core, 'fiscal/check-register', {}, 'admin'))).toEqual({
      driver: 'atol-web',
      connected: false,
      shiftOpen: null,
      shiftNumber: null,
      shiftExpired: null,
      error: { key: 'fiscal.errors.unreachable', params: { url } },
    })
  })
})
