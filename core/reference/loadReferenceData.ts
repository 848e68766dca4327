import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import type { z } from 'zod'
import { versionInForce, type Envelope } from '../../shared/reference/envelope'
import { productionCalendarFileSchema } from '../../shared/reference/productionCalendar'
import { purposesOfUseFileSchema } from '../../shared/reference/purposes'
import { regionsFileSchema } from '../../shared/reference/regions'
import { vehicleCatalogFileSchema } from '../../shared/reference/vehicles'
import { osagoTariffFileSchema } from '../../shared/osago/tariffSchema'
import { terminationRulesFileSchema } from '../../shared/termination/rulesSchema'
import { cascoInstalmentsFileSchema } from '../../shared/casco/schedule'
import { cascoTariffFileSchema } from '../../shared/casco/tariffSchema'
import { cascoProgramsFileSchema } from '../../shared/casco/programsSchema'
import { insurerDetailsFileSchema } from '../../shared/reference/insurer'
import { inspectionChecklistFileSchema } from '../../shared/inspection/checklist'
import { ReferenceDataError, readResource } from './readResource'

/**
 * Registry of reference kinds: the `kind` written in a file → the schema of the whole file.
 * REGISTRATION POINT: every new kind of reference file (OSAGO tariff tables, CASCO tariff, deadlines, checklists…)
 * adds its `kind: fileSchema` here. A file whose kind is not registered stops the start-up, and so does a
 * registered kind with no bundled file, so a table can be neither silently ignored nor silently missing.
 */
export const REFERENCE_SCHEMAS = {
  'vehicle-catalog': vehicleCatalogFileSchema,
  'production-calendar': productionCalendarFileSchema,
  'purposes-of-use': purposesOfUseFileSchema,
  regions: regionsFileSchema,
  'osago-tariff': osagoTariffFileSchema,
  'termination-rules': terminationRulesFileSchema,
  'casco-instalments': cascoInstalmentsFileSchema,
  'casco-tariff': cascoTariffFileSchema,
  'casco-programs': cascoProgramsFileSchema,
  /** A configurable example is bundled; each insurer ships its own details (printed on policies). */
  'insurer-details': insurerDetailsFileSchema,
  'inspection-checklist': inspectionChecklistFileSchema,
} as const

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
    throw new ReferenceDataError(file, 'kind',
      `unknown reference kind ${JSON.stringify(kind)}; known kinds: ${Object.keys(REFERENCE_SCHEMAS).join(', ')}`)
  }
  return kind
}

/**
 * Reads and validates every reference file: the bundled ones, then HQ's updates in `overrideDir`, which add
 * versions. Any invalid file stops with a ReferenceDataError naming the file and the field — the app must not
 * run on reference data it cannot trust. A version id identifies its content, so the same kind and version with
 * different content is an error; an identical copy (HQ shipped what a later build bundles) is kept once.
 */
export function loadReferenceData(options: LoadReferenceOptions): ReferenceData {
  const versions = Object.fromEntries(Object.keys(REFERENCE_SCHEMAS).map((k) => [k, [] as Envelope[]])) as
    Record<ReferenceKind, Envelope[]>
  const files: LoadedReferenceFile[] = []

  const sources: Array<{ dir: string; origin: LoadedReferenceFile['origin'] }> = [{ dir: options.bundledDir, origin: 'bundled' }]
  if (options.overrideDir) sources.push({ dir: options.overrideDir, origin: 'override' })

  for (const { dir, origin } of sources) {
    for (const folder of REFERENCE_FOLDERS) {
      const root = join(dir, folder)
      if (!existsSync(root)) {
        if (origin === 'bundled') throw new ReferenceDataError(root, '(folder)', 'the bundled reference folder is missing')
        continue
      }
      for (const file of jsonFilesUnder(root)) {
        const kind = readKind(file)
        const parsed = readResource(file, REFERENCE_SCHEMAS[kind]) as Envelope
        const same = versions[kind].findIndex((v) => v.version === parsed.version)
        if (same >= 0) {
          if (isDeepStrictEqual(versions[kind][same], parsed)) continue
          const other = files.find((f) => f.kind === kind && f.version === parsed.version)
          throw new ReferenceDataError(file, 'version',
            `version ${parsed.version} of ${kind} is already loaded from ${other?.file ?? 'another file'} with different content`)
        }
        const clash = versions[kind].find((v) => v.effectiveFrom === parsed.effectiveFrom)
        if (clash) {
          throw new ReferenceDataError(file, 'effectiveFrom',
            `${kind} versions ${clash.version} and ${parsed.version} both take effect on ${parsed.effectiveFrom}`)
        }
        versions[kind].push(parsed)
        files.push({
          kind, version: parsed.version, effectiveFrom: parsed.effectiveFrom, effectiveTo: parsed.effectiveTo, file, origin,
        })
      }
    }
  }

  for (const kind of Object.keys(REFERENCE_SCHEMAS) as ReferenceKind[]) {
    if (versions[kind].length === 0) {
      throw new ReferenceDataError(join(options.bundledDir, REFERENCE_FOLDERS[0]), 'kind', `no file of kind ${kind}`)
    }
    versions[kind].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0))
  }
  return { versions: versions as unknown as ReferenceData['versions'], files }
}

/** No version of a kind is in force on a date: nothing to calculate with, and nothing is guessed. */
export class ReferenceNotInForceError extends Error {
  constructor(readonly kind: ReferenceKind, readonly date: string) {
    super(`No version of reference data ${kind} is in force on ${date}`)
    this.name = 'ReferenceNotInForceError'
  }
}

/** The version of `kind` in force on `date` (for tariffs: the contract's conclusion date). */
export function referenceInForce<K extends ReferenceKind>(data: ReferenceData, kind: K, date: string): ReferenceFileOf<K> {
  const found = versionInForce(data.versions[kind] as Envelope[], date)
  if (!found) throw new ReferenceNotInForceError(kind, date)
  return found as ReferenceFileOf<K>
}

/** Version id per kind in force on `date` (null where none is): recorded on contracts and shown in the status bar. */
export function versionIdsInForce(data: ReferenceData, date: string): Record<ReferenceKind, string | null> {
  return Object.fromEntries((Object.keys(data.versions) as ReferenceKind[]).map((kind) =>
    [kind, versionInForce(data.versions[kind] as Envelope[], date)?.version ?? null])) as Record<ReferenceKind, string | null>
}
