import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { abiOf, NativeBindingError, prepareElectronBinding, PROJECT_ROOT, targetOf } from './nativeBinding'

/**
 * The Electron build of better-sqlite3 is made apart from node_modules. The download is stood in by a server on
 * 127.0.0.1 that prebuild-install (the real one) is pointed at through its documented host variable.
 */
const NODE_BINDING = join(PROJECT_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

let dir: string
let server: Server
let served: Buffer
const requests: string[] = []
let host: string

function tarball(binary: Buffer): Buffer {
  const work = mkdtempSync(join(dir, 'tar-'))
  mkdirSync(join(work, 'build', 'Release'), { recursive: true })
  writeFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binary)
  execFileSync('tar', ['-czf', join(work, 'out.tar.gz'), '-C', work, 'build'])
  return readFileSync(join(work, 'out.tar.gz'))
}

// A cache per call: prebuild-install keeps downloads by URL, and each case serves different bytes at one URL.
let caches = 0
const env = () => ({
  ...process.env,
  npm_config_better_sqlite3_binary_host: host,
  npm_config_cache: join(dir, `npm-cache-${++caches}`),
})

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'native-binding-test-'))
  server = createServer((req, res) => {
    requests.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'application/gzip' })
    res.end(served)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((r) => server.close(r))
  rmSync(dir, { recursive: true, force: true })
})

describe('npm run native:electron', () => {
  const target = targetOf()
  const abi = abiOf(PROJECT_ROOT, target)

  it("downloads the Electron build into its own folder and leaves node_modules' Node build loadable", async () => {
    const before = sha(NODE_BINDING)
    const electronBinary = Buffer.concat([
      Buffer.from('\x7fELF stand-in '),
      Buffer.from(`node_register_module_v${abi}\0`),
    ])
    served = tarball(electronBinary)
    const outDir = join(dir, 'native-ok')
    const result = await prepareElectronBinding({ outDir, env: env(), allowCompile: false, log: () => {} })
    expect(result).toMatchObject({ reused: false, method: 'prebuilt', file: join(outDir, 'better_sqlite3.node') })
    expect(readFileSync(result.file)).toEqual(electronBinary)
    expect(requests.at(-1)).toBe(
      `/v${target.betterSqlite3Version}/better-sqlite3-v${target.betterSqlite3Version}-electron-v${abi}-${target.platform}-${target.arch}.tar.gz`,
    )
    expect(JSON.parse(readFileSync(join(outDir, 'binding.json'), 'utf8'))).toMatchObject({
      electronVersion: target.electronVersion,
      platform: process.platform,
    })

    // A second run (every npm start) reuses it without downloading.
    const count = requests.length
    expect(count).toBeGreaterThan(0)
    expect(await prepareElectronBinding({ outDir, env: env(), allowCompile: false, log: () => {} })).toMatchObject({
      reused: true,
    })
    expect(requests.length).toBe(count)
    // Another target (packaging Windows installers on Linux) is fetched for that platform.
    served = tarball(electronBinary)
    await prepareElectronBinding({
      outDir: join(dir, 'native-win'),
      platform: 'win32',
      arch: 'x64',
      env: env(),
      allowCompile: false,
      log: () => {},
    })
    expect(requests.at(-1)).toContain(`-electron-v${abi}-win32-x64.tar.gz`)

    expect(sha(NODE_BINDING)).toBe(before)
    expect(
      execFileSync(
        process.execPath,
        ['-e', "console.log(new (require('better-sqlite3'))(':memory:').prepare('select 7 as n').get().n)"],
        { cwd: PROJECT_ROOT, encoding: 'utf8' },
      ).trim(),
    ).toBe('7')
  })

  it("refuses a binary built for another ABI (Node's) and installs nothing", async () => {
    served = tarball(readFileSync(NODE_BINDING))
    const outDir = join(dir, 'native-wrong-abi')
    await expect(prepareElectronBinding({ outDir, env: env(), allowCompile: false, log: () => {} })).rejects.toThrow(
      new RegExp(`module version ${process.versions.modules}, but Electron needs ${abi}`),
    )
    expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false)
  })

  it('offline: stops with a message saying so, without trying to compile, and changes nothing', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise((r) => closed.close(r))
    const outDir = join(dir, 'native-offline')
    const before = sha(NODE_BINDING)
    const error = await prepareElectronBinding({
      outDir,
      env: { ...env(), npm_config_better_sqlite3_binary_host: `http://127.0.0.1:${port}` },
      log: () => {},
    }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(NativeBindingError)
    expect((error as Error).message).toMatch(/ECONNREFUSED/)
    expect((error as Error).message).toMatch(/skipped: no network/)
    expect((error as Error).message).toMatch(/node_modules was not changed/)
    expect(existsSync(outDir)).toBe(false)
    expect(sha(NODE_BINDING)).toBe(before)
  })
})

describe('packaging configuration', () => {
  const builder = parse(readFileSync(resolve(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>
  const scripts = (
    JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts

  it('never rebuilds node_modules and ships the separate binding beside the app', () => {
    expect(builder.npmRebuild).toBe(false)
    expect(builder.nodeGypRebuild).toBe(false)
    expect(builder.extraResources).toContainEqual(expect.objectContaining({ from: 'native/electron', to: 'native' }))
    expect(JSON.stringify(builder.files)).not.toMatch(/native/)
  })

  it('makes the Electron build before start and before every installer, and never in build or test', () => {
    expect(scripts.prestart).toMatch(/native:electron/)
    for (const name of ['dist', 'dist:win', 'dist:linux']) {
      const script = scripts[name]!
      expect(script.indexOf('native:electron')).toBeGreaterThan(-1)
      expect(script.indexOf('native:electron')).toBeLessThan(script.indexOf('electron-builder'))
    }
    expect(scripts['dist:win']).toMatch(/native:electron -- --platform win32 --arch x64/)
    for (const name of ['build', 'test', 'test:unit', 'test:smoke', 'test:e2e', 'smoke']) {
      expect(scripts[name] ?? '').not.toMatch(/native:electron|electron-rebuild|npm rebuild/)
    }
  })

  it("keeps electron-builder's default deb dependencies (libsecret for safeStorage) and has its icons", () => {
    expect(builder.deb?.depends).toBeUndefined()
    const iconDir = resolve(PROJECT_ROOT, builder.directories.buildResources as string)
    const png = readFileSync(join(iconDir, 'icon.png'))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })
})
