import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RESOURCES_DIR } from '../core/testing/testCore'
import { createCore, type Core } from '../core/app/createCore'
import { startHq, type RunningHq } from './testing/hqHarness'

/** Enrolment is HQ's only door open without a token: guessing codes from one address is slowed down. */
let hq: RunningHq | undefined
let core: Core | undefined
let dir: string | undefined
afterEach(async () => {
  await core?.close()
  await hq?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  hq = core = dir = undefined
})

const attempt = (url: string, code: string) =>
  fetch(`${url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'probe', branch: null }),
  })

describe('enrolment rate limit', () => {
  it('refuses an address after the allowed attempts per minute, with a code the device explains', async () => {
    hq = await startHq({ enrolAttemptsPerMinute: 3 })
    const answers = []
    for (let i = 0; i < 4; i++) {
      const res = await attempt(hq.url, `AAAA-BBBB-CCCC-000${i}`)
      answers.push({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code })
    }
    expect(answers.slice(0, 3).map((a) => a.code)).toEqual([
      'enrolment-code-invalid',
      'enrolment-code-invalid',
      'enrolment-code-invalid',
    ])
    expect(answers[3]).toEqual({ status: 429, code: 'rate-limited' })
    // Other routes are not limited by it.
    expect((await fetch(`${hq.url}/v1/health`)).status).toBe(200)

    // The branch admin is told to wait, in Russian, at the enrolment form.
    dir = mkdtempSync(join(tmpdir(), 'bd-enrol-limit-'))
    core = await createCore({
      dataDir: dir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: (u) => u.startsWith('app://branch-desk/'),
    })
    const r = await core.dispatch(
      'sync/enrol-new-device',
      { hqUrl: hq.url, code: 'AAAA-BBBB-CCCC-0009', deviceName: 'Касса' },
      { clientId: 'w', senderUrl: 'app://branch-desk/index.html', isMainFrame: true },
    )
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'Слишком много попыток подключения. Подождите минуту и попробуйте снова' },
    })
  })
})
