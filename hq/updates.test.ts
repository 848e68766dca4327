import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrolOverHttp } from './testing/builders'
import { startHq, type RunningHq } from './testing/hqHarness'
import { publishUpdate, setUpdateCap, versionFromName } from './updates'
import { APP_VERSION_HEADER } from '../shared/update/contract'
import { revokeDevice } from './admin'

/** electron-updater's own feed parser and URL resolution: what the app's updater does with HQ's answer. */
const require = createRequire(import.meta.url)
const { parseUpdateInfo, resolveFiles } = require('electron-updater/out/providers/Provider') as {
  parseUpdateInfo(
    raw: string | null,
    channelFile: string,
    channelFileUrl: URL,
  ): {
    version: string
    files: Array<{ url: string; sha512: string; size: number }>
    path: string
    sha512: string
    releaseDate: string
  }
  resolveFiles(info: unknown, baseUrl: URL): Array<{ url: URL; info: { sha512: string; size: number } }>
}

const ROOT = resolve(import.meta.dirname, '..')
let hq: RunningHq
let dir: string
let token: string
const installers: Record<string, Buffer> = {}

function installer(name: string, size = 300_000): string {
  const data = randomBytes(size)
  installers[name] = data
  const path = join(dir, name)
  writeFileSync(path, data)
  return path
}

const enrolDevice = (branch: string) => enrolOverHttp(hq, branch)

const feed = (channel: string, file: string, version: string | null, t: string | null = token) =>
  fetch(`${hq.url}/updates/${channel}/${file}?noCache=1`, {
    headers: { ...(t ? { authorization: `Bearer ${t}` } : {}), ...(version ? { [APP_VERSION_HEADER]: version } : {}) },
  })

beforeAll(async () => {
  hq = await startHq()
  dir = mkdtempSync(join(tmpdir(), 'bd-updates-'))
  ;({ token } = await enrolDevice('MSK-01'))
  const win = installer('BranchDesk-Setup-0.2.0.exe')
  writeFileSync(`${win}.blockmap`, randomBytes(1000))
  await publishUpdate(hq.db, hq.blobDir, win, {}, new Date('2026-12-05T10:00:00Z'))
  await publishUpdate(
    hq.db,
    hq.blobDir,
    installer('branch-desk-0.2.0-x86_64.AppImage'),
    {},
    new Date('2026-12-05T10:00:00Z'),
  )
  await publishUpdate(hq.db, hq.blobDir, installer('branch-desk-0.2.0-amd64.deb'), {}, new Date('2026-12-05T10:01:00Z'))
  await publishUpdate(hq.db, hq.blobDir, installer('BranchDesk-Setup-0.3.0.exe'), {}, new Date('2026-12-20T10:00:00Z'))
  await publishUpdate(
    hq.db,
    hq.blobDir,
    installer('BranchDesk-Setup-0.4.0-beta.1.exe'),
    { channel: 'beta' },
    new Date('2026-12-21T10:00:00Z'),
  )
}, 60_000)
afterAll(async () => {
  await hq?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('publish-update', () => {
  it('reads the version from electron-builder’s artifact names', () => {
    expect(versionFromName('/tmp/BranchDesk-Setup-0.2.0.exe')).toBe('0.2.0')
    expect(versionFromName('branch-desk-0.2.0-x86_64.AppImage')).toBe('0.2.0')
    expect(versionFromName('branch-desk-1.10.3-rc.2-amd64.deb')).toBe('1.10.3-rc.2')
    expect(versionFromName('branch-desk_0.2.0_amd64.deb')).toBe('0.2.0')
    expect(versionFromName('installer.exe')).toBeNull()
  })

  it('is idempotent for the same file and refuses other content under a published name or kind', async () => {
    const again = await publishUpdate(hq.db, hq.blobDir, join(dir, 'BranchDesk-Setup-0.2.0.exe'), {}, new Date())
    expect(again.files.map((f) => [f.name, f.alreadyPublished])).toEqual([
      ['BranchDesk-Setup-0.2.0.exe', true],
      ['BranchDesk-Setup-0.2.0.exe.blockmap', true],
    ])
    const other = join(dir, 'other', 'BranchDesk-Setup-0.2.0.exe')
    rmSync(join(dir, 'other'), { recursive: true, force: true })
    spawnSync('mkdir', ['-p', join(dir, 'other')])
    writeFileSync(other, randomBytes(10))
    await expect(publishUpdate(hq.db, hq.blobDir, other, {}, new Date())).rejects.toThrow(
      /already published on stable with different content/,
    )
    writeFileSync(join(dir, 'other', 'Setup-0.2.0-second.exe'), randomBytes(10))
    await expect(
      publishUpdate(hq.db, hq.blobDir, join(dir, 'other', 'Setup-0.2.0-second.exe'), { version: '0.2.0' }, new Date()),
    ).rejects.toThrow(/already has a \.exe installer/)
    await expect(publishUpdate(hq.db, hq.blobDir, join(dir, 'other', 'x.msi'), {}, new Date())).rejects.toThrow(
      /not an installer/,
    )
    await expect(publishUpdate(hq.db, hq.blobDir, other, { channel: 'Stable!' }, new Date())).rejects.toThrow(
      /bad channel/,
    )
  })

  it('runs from the command line (npm run hq -- publish-update … --channel …; update-cap)', () => {
    const env = { ...process.env, HQ_DATA_DIR: join(dir, 'cli') }
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'hq/main.ts'), ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      })
    const pub = run(['publish-update', join(dir, 'BranchDesk-Setup-0.3.0.exe'), '--channel', 'pilot'])
    expect(pub.stdout + pub.stderr).toContain('Version 0.3.0 for windows is offered on channel pilot.')
    expect(pub.status).toBe(0)
    expect(run(['updates']).stdout).toContain('pilot  windows  0.3.0  BranchDesk-Setup-0.3.0.exe')
    expect(run(['update-cap', '--branch', 'NOPE', '--version', '0.2.0'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('no branch NOPE'),
    })
  }, 60_000)
})

describe('the feed and files, enrolled devices only', () => {
  it('refuses a request without a valid token, and a revoked device', async () => {
    expect((await feed('stable', 'latest.yml', '0.1.0', null)).status).toBe(401)
    expect(await (await feed('stable', 'latest.yml', '0.1.0', 'not-a-token')).json()).toMatchObject({
      error: { code: 'token-invalid' },
    })
    const file = await fetch(`${hq.url}/updates/stable/BranchDesk-Setup-0.2.0.exe`)
    expect(file.status).toBe(401)
    const other = await enrolDevice('SPB-01')
    await revokeDevice(hq.db, other.deviceId, new Date())
    expect(await (await feed('stable', 'latest.yml', '0.1.0', other.token)).json()).toMatchObject({
      error: { code: 'device-revoked' },
    })
  })

  it('serves electron-updater’s generic feed for Windows and Linux; the files it names match their sha512 and size', async () => {
    const res = await feed('stable', 'latest.yml', '0.1.0')
    expect(res.status).toBe(200)
    const base = new URL(`${hq.url}/updates/stable/`)
    const info = parseUpdateInfo(await res.text(), 'latest.yml', new URL('latest.yml', base))
    expect(info).toMatchObject({
      version: '0.3.0',
      path: 'BranchDesk-Setup-0.3.0.exe',
      releaseDate: '2026-12-20T10:00:00.000Z',
    })
    const [file] = resolveFiles(info, base)
    expect(file!.url.href).toBe(`${hq.url}/updates/stable/BranchDesk-Setup-0.3.0.exe`)
    const body = Buffer.from(
      await (await fetch(file!.url, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(),
    )
    expect(createHash('sha512').update(body).digest('base64')).toBe(file!.info.sha512)
    expect(body.length).toBe(file!.info.size)

    const linux = parseUpdateInfo(
      await (await feed('stable', 'latest-linux.yml', '0.1.0')).text(),
      'latest-linux.yml',
      new URL('latest-linux.yml', base),
    )
    expect(linux.version).toBe('0.2.0')
    expect(linux.files.map((f) => f.url)).toEqual(['branch-desk-0.2.0-x86_64.AppImage', 'branch-desk-0.2.0-amd64.deb'])
    expect(linux.files[1]!.sha512).toBe(
      createHash('sha512').update(installers['branch-desk-0.2.0-amd64.deb']!).digest('base64'),
    )
    expect(await feed('beta', 'latest.yml', '0.3.0').then((r) => r.text())).toContain('version: 0.4.0-beta.1')
    expect(await (await feed('nightly', 'latest.yml', '0.1.0')).json()).toMatchObject({ error: { code: 'no-update' } })
  })

  it('serves installers and blockmaps with byte ranges (resume), 416 past the end', async () => {
    const data = installers['BranchDesk-Setup-0.2.0.exe']!
    const get = (name: string, range?: string) =>
      fetch(`${hq.url}/updates/stable/${name}`, {
        headers: { authorization: `Bearer ${token}`, ...(range ? { range } : {}) },
      })
    const part = await get('BranchDesk-Setup-0.2.0.exe', 'bytes=1000-1999')
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${data.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(1000, 2000))).toBe(true)
    const rest = await get('BranchDesk-Setup-0.2.0.exe', 'bytes=299990-')
    expect(Buffer.from(await rest.arrayBuffer()).equals(data.subarray(299_990))).toBe(true)
    const suffix = await get('BranchDesk-Setup-0.2.0.exe', 'bytes=-5')
    expect(suffix.headers.get('content-range')).toBe(`bytes 299995-299999/${data.length}`)
    const past = await get('BranchDesk-Setup-0.2.0.exe', `bytes=${data.length}-`)
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${data.length}`)
    expect((await get('BranchDesk-Setup-0.2.0.exe.blockmap')).status).toBe(200)
    expect(await (await get('nothing-0.1.0.exe')).json()).toMatchObject({ error: { code: 'update-file-unknown' } })
    expect((await get('..%2F..%2Fhq.sqlite')).status).toBe(404)
  })
})

describe('the update cap', () => {
  it('offers the newest release not above the branch’s cap; never an older or the same version', async () => {
    await setUpdateCap(hq.db, 'MSK-01', '0.2.0')
    const offered = async (running: string | null) => {
      const r = await feed('stable', 'latest.yml', running)
      return r.status === 200
        ? /^version: (.+)$/m.exec(await r.text())![1]
        : ((await r.json()) as { error: { code: string } }).error.code
    }
    expect(await offered('0.1.0')).toBe('0.2.0')
    expect(await offered(null)).toBe('0.2.0')
    // A branch already above the cap (installed before the cap was set) is not offered 0.2.0.
    expect(await offered('0.2.5')).toBe('no-update')
    expect(await offered('0.2.0')).toBe('no-update')
    // Nor can it fetch a release above the cap by name.
    const above = await fetch(`${hq.url}/updates/stable/BranchDesk-Setup-0.3.0.exe`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(above.status).toBe(403)
    expect(await above.json()).toMatchObject({ error: { code: 'update-above-cap' } })
    // Other branches are not capped.
    const spb = await enrolDevice('KZN-01')
    expect(/^version: (.+)$/m.exec(await (await feed('stable', 'latest.yml', '0.1.0', spb.token)).text())![1]).toBe(
      '0.3.0',
    )
    await setUpdateCap(hq.db, 'MSK-01', null)
    expect(await offered('0.2.5')).toBe('0.3.0')
    await expect(setUpdateCap(hq.db, 'MSK-01', 'latest')).rejects.toThrow(/bad version/)
  })
})
