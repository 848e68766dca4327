import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import type { z } from 'zod'
import { versionInForce, type Envelope } from '../../shared/reference/envelope'
import { REFERENCE_SCHEMAS } from '../../shared/contract/referenceSchemas'
import { upgradeReference } from '../../shared/reference/upgradeReference'
import { ReferenceDataError, readResource } from './readResource'

export { REFERENCE_SCHEMAS }

/** Folders under the bundled and override directories that hold reference files (searched recursively). */
const REFERENCE_FOLDERS = ['reference', 'tariffs', 'rules'] as const

export type ReferenceKind = keyof typeof REFERENCE_SCHEMAS
export type ReferenceFileOf<K extends ReferenceKind> = z.infer<(typeof REFERENCE_SCHEMAS)[K]>

export interface LoadedReferenceFile {
  kind: ReferenceKind
  version: string
  effectiveFrom: string
  effectiveTo: string | null
  file: string
  /** `override` = shipped by HQ after the app was built. */
  origin: 'bundled' | 'override'
}

export interface ReferenceData {
  /** Every version of every kind, ordered by effectiveFrom; pick one with `versionInForce` / `referenceInForce`. */
  versions: { [K in ReferenceKind]: ReferenceFileOf<K>[] }
  /** Where each version came from (diagnostics, the about screen, support). */
  files: LoadedReferenceFile[]
  /** HQ's files this build does not take, with why (see loadReferenceData). */
  skipped: SkippedReferenceFile[]
}

export interface LoadReferenceOptions {
  /** The app's bundled `resources/` folder. */
  bundledDir: string
  /** Folder where HQ reference updates are stored; optional, may not exist yet. */
  overrideDir?: string
}

function isKind(kind: unknown): kind is ReferenceKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(REFERENCE_SCHEMAS, kind)
}

function jsonFilesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...jsonFilesUnder(path))
    else if (name.endsWith('.json')) out.push(path)
  }
  return out
}

function readKind(file: string): ReferenceKind {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new ReferenceDataError(file, '(file)', e instanceof Error ? e.message : String(e))
  }
  const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined
  if (!isKind(kind)) {
    throw new ReferenceDataError(
      file,
      'kind',
      `unknown reference kind ${JSON.stringify(kind)}; known kinds: ${Object.keys(REFERENCE_SCHEMAS).join(', ')}`,
    )
  }
  return kind
}

/** An HQ file the running build does not take, with why: logged at start and shown to support. */
export interface SkippedReferenceFile {
  file: string
  reason: string
  /** Set when a later revision for the same start date is used instead: nothing of HQ's is lost. */
  superseded?: true
}

/** Later revision first: "2023-01-30.10" after "2023-01-30.2". */
const revisionOrder = new Intl.Collator('en', { numeric: true }).compare

/**
 * Reads and validates every reference file: the bundled ones, then HQ's updates in `overrideDir`, which add
 * versions. A bundled file that is invalid stops with a ReferenceDataError naming the file and the field — the
 * app must not run on reference data it was not built with. HQ's files are judged one by one: one this build
 * cannot take (a schema made stricter by an upgrade, the same version with other content, an older revision for
 * the same start date) is skipped with its reason, because a file installed under an older build must never stop
 * the app from starting; `installReference` refuses a new file that would be skipped. A version id identifies its
 * content, so an identical copy (HQ shipped what a later build bundles) is kept once.
 */
export function loadReferenceData(options: LoadReferenceOptions): ReferenceData {
  const versions = Object.fromEntries(Object.keys(REFERENCE_SCHEMAS).map((k) => [k, [] as Envelope[]])) as Record<
    ReferenceKind,
    Envelope[]
  >
  const files: LoadedReferenceFile[] = []
  const skipped: SkippedReferenceFile[] = []

  const sources: Array<{ dir: string; origin: LoadedReferenceFile['origin'] }> = [
    { dir: options.bundledDir, origin: 'bundled' },
  ]
  if (options.overrideDir) sources.push({ dir: options.overrideDir, origin: 'override' })

  for (const { dir, origin } of sources) {
    for (const folder of REFERENCE_FOLDERS) {
      const root = join(dir, folder)
      if (!existsSync(root)) {
        if (origin === 'bundled')
          throw new ReferenceDataError(root, '(folder)', 'the bundled reference folder is missing')
        continue
      }
      for (const file of jsonFilesUnder(root)) {
        try {
          addFile(file, origin)
        } catch (e) {
          if (origin === 'bundled' || !(e instanceof ReferenceDataError)) throw e
          skipped.push({ file, reason: e.message })
        }
      }
    }
  }

  function addFile(file: string, origin: LoadedReferenceFile['origin']): void {
    const kind = readKind(file)
    const parsed = (
      origin === 'override' ? readUpgraded(file, kind) : readResource(file, REFERENCE_SCHEMAS[kind])
    ) as Envelope
    const same = versions[kind].findIndex((v) => v.version === parsed.version)
    if (same >= 0) {
      if (isDeepStrictEqual(versions[kind][same], parsed)) return
      const other = files.find((f) => f.kind === kind && f.version === parsed.version)
      const error = new ReferenceDataError(
        file,
        'version',
        `version ${parsed.version} of ${kind} is already loaded from ${other?.file ?? 'another file'} with different content`,
      )
      if (origin === 'bundled') throw error
      // A copy of an edition this build bundles (a later build may correct its notes and sources): the build's own
      // copy is used and nothing of HQ's is lost, so it is logged, not shown. Two HQ files that disagree are shown.
      if (other?.origin === 'bundled') {
        skipped.push({ file, reason: error.message, superseded: true })
        return
      }
      throw error
    }
    const clashAt = versions[kind].findIndex((v) => v.effectiveFrom === parsed.effectiveFrom)
    const clash = versions[kind][clashAt]
    if (clash) {
      const clashFile = files.findIndex((f) => f.kind === kind && f.version === clash.version)
      // HQ's later revision of a version with the same start date replaces the earlier one; an earlier revision
      // (a copy HQ installed before this build bundled a newer one) gives way. Two bundled files never may clash.
      if (origin === 'bundled' || revisionOrder(parsed.version, clash.version) < 0) {
        const error = new ReferenceDataError(
          file,
          'effectiveFrom',
          `${kind} versions ${clash.version} and ${parsed.version} both take effect on ${parsed.effectiveFrom}`,
        )
        if (origin === 'bundled') throw error
        skipped.push({ file, reason: error.message, superseded: true })
        return
      }
      skipped.push({
        file: files[clashFile]?.file ?? '(unknown)',
        reason: `${kind} ${clash.version} is replaced by the later revision ${parsed.version} from ${file}`,
        superseded: true,
      })
      versions[kind].splice(clashAt, 1)
      if (clashFile >= 0) files.splice(clashFile, 1)
    }
    versions[kind].push(parsed)
    files.push({
      kind,
      version: parsed.version,
      effectiveFrom: parsed.effectiveFrom,
      effectiveTo: parsed.effectiveTo,
      file,
      origin,
    })
  }

  /** HQ's file brought up to this build's shape from the bundled editions (shared/reference/upgradeReference.ts), then judged. */
  function readUpgraded(file: string, kind: ReferenceKind): unknown {
    const bundled = versions[kind].filter((v) =>
      files.some((f) => f.origin === 'bundled' && f.kind === kind && f.version === v.version),
    )
    const { file: upgraded } = upgradeReference(
      JSON.parse(readFileSync(file, 'utf8')) as unknown,
      bundled as Array<Envelope & { data: unknown }>,
    )
    const result = REFERENCE_SCHEMAS[kind].safeParse(upgraded)
    if (result.success) return result.data
    const issue = result.error.issues[0]!
    throw new ReferenceDataError(file, issue.path.length ? issue.path.map(String).join('.') : '(root)', issue.message)
  }

  for (const kind of Object.keys(REFERENCE_SCHEMAS) as ReferenceKind[]) {
    if (versions[kind].length === 0) {
      throw new ReferenceDataError(join(options.bundledDir, REFERENCE_FOLDERS[0]), 'kind', `no file of kind ${kind}`)
    }
    versions[kind].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0))
  }
  // Each kind's list was filled from files its own schema parsed (REFERENCE_SCHEMAS[kind] above); TypeScript cannot
  // follow a map built kind by kind in a loop to the per-kind types of ReferenceData.
  return { versions: versions as unknown as ReferenceData['versions'], files, skipped }
}

/** No version of a kind is in force on a date: nothing to calculate with, and nothing is guessed. */
export class ReferenceNotInForceError extends Error {
  constructor(
    readonly kind: ReferenceKind,
    readonly date: string,
  ) {
    super(`No version of reference data ${kind} is in force on ${date}`)
    this.name = 'ReferenceNotInForceError'
  }
}

/** The version of `kind` in force on `date` (for tariffs: the contract's conclusion date). */
export function referenceInForce<K extends ReferenceKind>(
  data: ReferenceData,
  kind: K,
  date: string,
): ReferenceFileOf<K> {
  const found = versionInForce(data.versions[kind] as Envelope[], date)
  if (!found) throw new ReferenceNotInForceError(kind, date)
  return found as ReferenceFileOf<K>
}

/** Version id per kind in force on `date` (null where none is): recorded on contracts and shown in the status bar. */
export function versionIdsInForce(data: ReferenceData, date: string): Record<ReferenceKind, string | null> {
  return Object.fromEntries(
    (Object.keys(data.versions) as ReferenceKind[]).map((kind) => [
      kind,
      versionInForce(data.versions[kind] as Envelope[], date)?.version ?? null,
    ]),
  ) as Record<ReferenceKind, string | null>
}
