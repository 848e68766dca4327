import { mkdtempSync, rmSync } from 'node:fs'
import type { FileDialogs } from '../../files/fileDialogs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ManualClock } from '../../app/clock'
import { createCore, type Core } from '../../app/createCore'
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract'
import type { Result } from '../../../shared/contract/result'
import type { SyncOptions } from '../setUpSync'
import type { Fetch } from '../hqClient'
import { TEST_PASSWORD_COST } from '../../testing/testCore'

export const RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', '..', 'resources')
const TRUSTED = 'app://branch-desk/index.html'

export interface Device {
  core: Core
  clock: ManualClock
  dir: string
  call<C extends Channel>(channel: C, input: ChannelInput<C>, clientId?: string): Promise<Result<ChannelOutput<C>>>
  ok<C extends Channel>(channel: C, input: ChannelInput<C>, clientId?: string): Promise<ChannelOutput<C>>
  dispose(): Promise<void>
}

/** A branch device: a real core on its own SQLite file and data folder, syncing through `fetch` (injectable). */
export async function makeDevice(
  opts: { sync?: SyncOptions; clock?: ManualClock; files?: FileDialogs } = {},
): Promise<Device> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-device-'))
  const clock = opts.clock ?? new ManualClock()
  const core = await createCore({
    dataDir: dir,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: (url) => url.startsWith('app://branch-desk/'),
    clock,
    ...(opts.files ? { files: opts.files } : {}),
    sync: { batchSize: 100, deviceName: 'test-device', ...opts.sync },
    passwordCost: TEST_PASSWORD_COST,
  })
  const call = <C extends Channel>(channel: C, input: ChannelInput<C>, clientId = 'window-1') =>
    core.dispatch(channel, input, { clientId, senderUrl: TRUSTED, isMainFrame: true }) as Promise<
      Result<ChannelOutput<C>>
    >
  const ok = async <C extends Channel>(channel: C, input: ChannelInput<C>, clientId = 'window-1') => {
    const r = await call(channel, input, clientId)
    if (!r.ok)
      throw new Error(`${channel}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`)
    return r.value
  }
  return {
    core,
    clock,
    dir,
    call,
    ok,
    async dispose() {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const ADMIN = { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' }

/** The branch's first device: creates the branch and its admin, signs the admin in on `admin`. */
export async function establishBranch(device: Device, code = 'MSK-01'): Promise<void> {
  await device.ok('setup/create-branch', { branch: { code, name: 'Филиал «Тверской»', city: 'Москва' }, admin: ADMIN })
  await device.ok('session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'admin')
}

/** Adds a staff member as the admin (client `admin`) and signs them in on `clientId` with a changed password. */
export async function addStaff(
  device: Device,
  role: 'clerk' | 'inspector' | 'supervisor',
  login: string,
  clientId = login,
): Promise<string> {
  const created = (await device.ok(
    'staff/create-staff',
    { login, fullName: `Сотрудник ${login}`, role, password: 'Temp12345' },
    'admin',
  )) as { id: string }
  await device.ok('session/sign-in', { login, password: 'Temp12345' }, clientId)
  await device.ok('session/change-password', { currentPassword: 'Temp12345', newPassword: 'Own12345' }, clientId)
  return created.id
}

export type Fault = 'none' | 'drop-request' | 'lose-answer' | 'duplicate'

/**
 * A transport that misbehaves on purpose: drops a request before it leaves (HQ never sees it), loses the answer
 * after HQ has processed the request (a killed connection after commit), or delivers the request twice at once.
 */
export function faultyFetch(pick: (url: URL, method: string) => Fault, base: Fetch = fetch): Fetch {
  return (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const fault = pick(url, init?.method ?? 'GET')
    if (fault === 'drop-request') throw new TypeError('fetch failed (fault: request dropped)')
    if (fault === 'lose-answer') {
      const res = await base(input, init)
      await res.arrayBuffer()
      throw new TypeError('fetch failed (fault: answer lost)')
    }
    if (fault === 'duplicate') {
      const [first, second] = await Promise.all([base(input, init), base(input, init)])
      await first.arrayBuffer()
      return second
    }
    return base(input, init)
  }) as Fetch
}

/** Counts outbox rows by state on a device. */
export async function outboxState(device: Device): Promise<{ pending: number; accepted: number; other: number }> {
  const rows = (await device.core.db('outbox').select('sent_at', 'outcome')) as Array<{
    sent_at: string | null
    outcome: string | null
  }>
  return {
    pending: rows.filter((r) => r.sent_at === null).length,
    accepted: rows.filter((r) => r.outcome === 'accepted').length,
    other: rows.filter((r) => r.sent_at !== null && r.outcome !== 'accepted').length,
  }
}
