/**
 * `npm run native:electron` (run before `npm start` and every `npm run dist:*`): puts an Electron-ABI build of
 * better-sqlite3 in `native/electron/better_sqlite3.node`, APART from node_modules. node_modules keeps Node's
 * build, so `npm test`, the calculators and HQ keep working; the shell hands this file to knex as
 * `nativeBinding` (electron/main/appPaths.ts), and electron-builder ships it as `resources/native/`.
 *
 * How: prebuild-install (better-sqlite3's own installer) downloads the prebuilt binary for the installed
 * Electron version, target platform and arch into a scratch copy of the package — never into node_modules.
 * If there is no prebuilt binary for the host, @electron/rebuild compiles the scratch copy (Electron headers
 * are downloaded). Offline, it stops with a message saying so and leaves everything as it was.
 *
 *   npm run native:electron [-- --platform win32 --arch x64] [--out native/electron] [--force]
 */
import { execFile } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const PROJECT_ROOT = resolve(import.meta.dirname, '..')
export const BINDING_FILE = 'better_sqlite3.node'
const STAMP_FILE = 'binding.json'

export interface BindingTarget {
  electronVersion: string
  betterSqlite3Version: string
  platform: string
  arch: string
}

export interface PrepareOptions {
  projectRoot?: string
  outDir?: string
  platform?: string
  arch?: string
  /** Ignore an up-to-date binding already in outDir. */
  force?: boolean
  /** Environment for the download (tests point prebuild-install's host at a stand-in server here). */
  env?: NodeJS.ProcessEnv
  /** Compile with @electron/rebuild when no prebuilt binary can be had (host platform only). Default true. */
  allowCompile?: boolean
  log?: (line: string) => void
}

export class NativeBindingError extends Error {
  override name = 'NativeBindingError'
}

function packageVersion(root: string, name: string): string {
  const file = join(root, 'node_modules', name, 'package.json')
  if (!existsSync(file))
    throw new NativeBindingError(`${name} is not installed in ${root}/node_modules: run npm ci first.`)
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

export function targetOf(opts: PrepareOptions = {}): BindingTarget {
  const root = opts.projectRoot ?? PROJECT_ROOT
  return {
    electronVersion: packageVersion(root, 'electron'),
    betterSqlite3Version: packageVersion(root, 'better-sqlite3'),
    platform: opts.platform ?? process.platform,
    arch: opts.arch ?? process.arch,
  }
}

function sameTarget(a: unknown, b: BindingTarget): boolean {
  const x = a as Partial<BindingTarget> | null
  return Boolean(
    x &&
    x.electronVersion === b.electronVersion &&
    x.betterSqlite3Version === b.betterSqlite3Version &&
    x.platform === b.platform &&
    x.arch === b.arch,
  )
}

/** Makes (or reuses) the Electron build; returns its path. node_modules is only read. */
export async function prepareElectronBinding(
  opts: PrepareOptions = {},
): Promise<{ file: string; reused: boolean; method: 'prebuilt' | 'compiled' | 'reused' }> {
  const root = opts.projectRoot ?? PROJECT_ROOT
  const outDir = resolve(root, opts.outDir ?? join('native', 'electron'))
  const log = opts.log ?? ((line: string) => console.log(line))
  const target = targetOf(opts)
  const file = join(outDir, BINDING_FILE)
  const stampFile = join(outDir, STAMP_FILE)
  if (
    !opts.force &&
    existsSync(file) &&
    existsSync(stampFile) &&
    sameTarget(JSON.parse(readFileSync(stampFile, 'utf8')), target)
  ) {
    log(
      `better-sqlite3 for Electron ${target.electronVersion} (${target.platform}-${target.arch}) is up to date: ${file}`,
    )
    return { file, reused: true, method: 'reused' }
  }

  // A scratch project holding a copy of the package: prebuild-install and @electron/rebuild write into the
  // package they work on, and that must never be node_modules' own.
  const project = mkdtempSync(join(tmpdir(), 'branch-desk-native-'))
  try {
    const source = join(root, 'node_modules', 'better-sqlite3')
    const scratch = join(project, 'node_modules', 'better-sqlite3')
    cpSync(source, scratch, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) })
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'native-scratch',
        version: '0.0.0',
        private: true,
        dependencies: { 'better-sqlite3': target.betterSqlite3Version },
      }),
    )
    const built = join(scratch, 'build', 'Release', BINDING_FILE)
    let method: 'prebuilt' | 'compiled'
    const downloadError = await downloadPrebuilt(root, scratch, target, opts.env ?? process.env).then(
      () => null,
      (e: unknown) => e as Error,
    )
    if (!downloadError && existsSync(built)) {
      method = 'prebuilt'
    } else {
      const hostTarget = target.platform === process.platform && target.arch === process.arch
      // Offline, compiling cannot work either (it needs Electron's headers) — and node-gyp may then quietly build
      // against Node's headers instead, which the ABI check below would catch, after minutes of compiling.
      if (opts.allowCompile === false || !hostTarget || isNetworkError(downloadError)) {
        const why = !hostTarget
          ? 'compiling for another platform is not possible here'
          : isNetworkError(downloadError)
            ? 'skipped: no network'
            : null
        throw new NativeBindingError(offlineMessage(target, downloadError, why))
      }
      log(
        `No prebuilt better-sqlite3 for Electron ${target.electronVersion} could be downloaded (${firstLine(downloadError)}); compiling it with @electron/rebuild…`,
      )
      try {
        await compileWithElectronRebuild(root, project, target)
      } catch (e) {
        throw new NativeBindingError(offlineMessage(target, downloadError, firstLine(e)))
      }
      if (!existsSync(built))
        throw new NativeBindingError(offlineMessage(target, downloadError, '@electron/rebuild produced no binary'))
      method = 'compiled'
    }
    checkAbi(built, abiOf(root, target))
    mkdirSync(outDir, { recursive: true })
    copyFileSync(built, file)
    writeFileSync(stampFile, `${JSON.stringify({ ...target, method, madeAt: new Date().toISOString() }, null, 2)}\n`)
    log(`better-sqlite3 for Electron ${target.electronVersion} (${target.platform}-${target.arch}, ${method}): ${file}`)
    return { file, reused: false, method }
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
}

async function downloadPrebuilt(
  root: string,
  scratch: string,
  target: BindingTarget,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  // better-sqlite3's own installer, resolved from where it sits in node_modules (nested or hoisted).
  const fromPackage = createRequire(join(root, 'node_modules', 'better-sqlite3', 'package.json'))
  const bin = fromPackage.resolve('prebuild-install/bin.js')
  await run(
    process.execPath,
    [
      bin,
      '--runtime',
      'electron',
      '--target',
      target.electronVersion,
      '--platform',
      target.platform,
      '--arch',
      target.arch,
      '--verbose',
    ],
    {
      cwd: scratch,
      env,
      timeout: 180_000,
    },
  )
}

async function compileWithElectronRebuild(root: string, project: string, target: BindingTarget): Promise<void> {
  const fromRoot = createRequire(join(root, 'package.json'))
  const { rebuild } = (await import(pathToFileURL(fromRoot.resolve('@electron/rebuild')).href)) as {
    rebuild: (o: Record<string, unknown>) => Promise<void>
  }
  await rebuild({
    buildPath: project,
    electronVersion: target.electronVersion,
    arch: target.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
  })
}

/** Electron's NODE_MODULE_VERSION, from the same node-abi table prebuild-install names its downloads by. */
export function abiOf(root: string, target: BindingTarget): string {
  const fromInstaller = createRequire(
    createRequire(join(root, 'node_modules', 'better-sqlite3', 'package.json')).resolve(
      'prebuild-install/package.json',
    ),
  )
  const nodeAbi = fromInstaller('node-abi') as { getAbi(target: string, runtime: string): string }
  return nodeAbi.getAbi(target.electronVersion, 'electron')
}

/**
 * A non-N-API addon exports `node_register_module_v<ABI>`: the one symbol that says which runtime it loads in.
 * Checked on the file so a Node build (module version 115) never ships as the Electron one.
 */
export function checkAbi(file: string, expected: string): void {
  const found = [
    ...new Set(
      readFileSync(file)
        .toString('latin1')
        .match(/node_register_module_v\d+/gu) ?? [],
    ),
  ].map((s) => s.slice('node_register_module_v'.length))
  if (found.length !== 1 || found[0] !== expected) {
    throw new NativeBindingError(
      `The better-sqlite3 binary obtained is built for module version ${found.join(', ') || 'unknown'}, but Electron needs ${expected}; nothing was installed.`,
    )
  }
}

const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up/u

function isNetworkError(e: unknown): boolean {
  if (!e) return false
  return NETWORK_ERRORS.test(`${(e as Error).message ?? ''}\n${(e as { stderr?: string }).stderr ?? ''}`)
}

function firstLine(e: unknown): string {
  if (!e) return 'unknown error'
  const err = e as { message?: string; stderr?: string }
  const lines = `${err.stderr ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const warnings = lines.filter((l) => /\b(warn|error|ERR!)\b/iu.test(l))
  return (warnings.length ? warnings.slice(-2) : [(err.message ?? String(e)).split('\n')[0]!]).join(' | ')
}

function offlineMessage(target: BindingTarget, download: unknown, compile: string | null): string {
  return [
    `Could not get better-sqlite3 ${target.betterSqlite3Version} built for Electron ${target.electronVersion} (${target.platform}-${target.arch}).`,
    `  download: ${firstLine(download)}`,
    ...(compile ? [`  compile:  ${compile}`] : []),
    "This step needs the internet (the prebuilt binary, or Electron's headers to compile). Run it on a machine",
    'that can download them; node_modules was not changed, so `npm test` still works here.',
  ].join('\n')
}

function parseArgs(argv: string[]): PrepareOptions {
  const opts: PrepareOptions = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = argv[++i]
      if (!v) throw new NativeBindingError(`${arg} needs a value`)
      return v
    }
    if (arg === '--platform') opts.platform = value()
    else if (arg === '--arch') opts.arch = value()
    else if (arg === '--out') opts.outDir = value()
    else if (arg === '--force') opts.force = true
    else if (arg === '--no-compile') opts.allowCompile = false
    else throw new NativeBindingError(`unknown option ${arg}`)
  }
  return opts
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  prepareElectronBinding(parseArgs(process.argv.slice(2))).catch((e: unknown) => {
    console.error(e instanceof NativeBindingError ? e.message : e)
    process.exit(1)
  })
}
