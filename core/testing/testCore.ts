import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ManualClock } from '../app/clock'
import { createCore, type Core, type CoreOptions } from '../app/createCore'
import { RecordingAtRestPlatform } from '../client/api'
import type { ScryptCost } from '../staff/api'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract'
import type { Result } from '../../shared/contract/result'

export const TRUSTED_URL = 'app://branch-desk/index.html'
export const RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources')

/** scrypt at N = 1024 (the app's is 16384): still a real hash, verified by the same code. */
export const TEST_PASSWORD_COST: ScryptCost = { N: 1024, r: 8, p: 1 }

/** A real core on a real SQLite file in a fresh temp folder, with a clock the test moves. */

export async function makeTestCore(
  extra: Pick<CoreOptions, 'print' | 'atRest' | 'files' | 'passwordCost'> = {},
): Promise<{ core: Core; clock: ManualClock; dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'branch-desk-test-'))
  const clock = new ManualClock()
  const core = await createCore({
    dataDir: dir,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: (url) => url.startsWith('app://branch-desk/'),
    clock,
    // The disk's encryption is the machine's, not the test's (core/client/atRest.ts); a test that checks it passes its own.
    atRest: new RecordingAtRestPlatform(),
    // Real scrypt hashes at a sixteenth of the app's cost: a test signs several people in, and at the app's cost
    // the hashing was a third of a typical core test's time. The E2E and the app keep the app's cost (tested in
    // core/setup/setup.test.ts).
    passwordCost: TEST_PASSWORD_COST,
    ...extra,
  })
  return {
    core,
    clock,
    dir,
    async dispose() {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Calls a channel the way a window would. */
export function call<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
  clientId = 'window-1',
): Promise<Result<ChannelOutput<C>>> {
  return core.dispatch(channel, input, { clientId, senderUrl: TRUSTED_URL, isMainFrame: true }) as Promise<
    Result<ChannelOutput<C>>
  >
}

export async function expectOk<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p
  if (!r.ok)
    throw new Error(`expected ok, got ${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`)
  return r.value
}

export const ADMIN = { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' }

export async function setupBranch(core: Core): Promise<void> {
  await expectOk(
    call(core, 'setup/create-branch', {
      branch: { code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' },
      admin: ADMIN,
    }),
  )
}

/** Creates a staff member as the admin (on a separate admin client) and signs them in on `clientId`. */
export async function signInAs(
  core: Core,
  role: 'clerk' | 'inspector' | 'supervisor' | 'admin',
  clientId: string,
  login = `${role}1`,
): Promise<void> {
  if (role === 'admin') {
    await expectOk(call(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, clientId))
    return
  }
  await expectOk(call(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'admin-console'))
  await expectOk(
    call(
      core,
      'staff/create-staff',
      { login, fullName: `Сотрудник ${login}`, role, password: 'Temp12345' },
      'admin-console',
    ),
  )
  await expectOk(call(core, 'session/sign-in', { login, password: 'Temp12345' }, clientId))
  await expectOk(
    call(core, 'session/change-password', { currentPassword: 'Temp12345', newPassword: 'Own12345' }, clientId),
  )
}
