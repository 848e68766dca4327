import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { BackupSummary } from '../../shared/backup/contract'
import { backupIdSchema } from '../../shared/backup/contract'

/**
 * A backup folder, as the admin chose it:
 *
 *   <chosen>/BranchDesk-<branch code>/
 *     2026-12-05T15-00-00Z/          one backup: manifest.json (written last), branch-desk.sqlite, reference-updates/
 *     photos/<aa>/<sha256>.orig …    every photo once, shared by all backups (photos never change: named by hash)
 *
 * A backup folder without its manifest is unfinished (a run that was cut) and is never offered for restore.
 */
export const MANIFEST_FILE = 'manifest.json'
export const DATABASE_FILE = 'branch-desk.sqlite'
export const REFERENCE_DIR = 'reference-updates'
export const PHOTO_POOL = 'photos'

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

export const manifestSchema = z.object({
  format: z.literal('branch-desk-backup'),
  formatVersion: z.literal(1),
  id: backupIdSchema,
  createdAt: z.string(),
  appVersion: z.string(),
  installationId: z.string(),
  branch: z.object({ code: z.string(), name: z.string() }).nullable(),
  database: z.object({ file: z.literal(DATABASE_FILE), bytes: z.number().int().min(0), sha256 }),
  /** Names of the migrations the database has: a restore refuses a backup made by a newer app. */
  migrations: z.array(z.string()),
  /** Photos this backup needs, by hash; their files are in the folder's photo pool (all three variants). */
  photos: z.array(sha256),
  missingPhotos: z.array(sha256),
  referenceFiles: z.array(z.string()),
  pendingChanges: z.number().int().min(0),
})
export type BackupManifest = z.infer<typeof manifestSchema>

export function seriesFolder(chosen: string, branchCode: string | null): string {
  return join(chosen, `BranchDesk-${(branchCode ?? 'branch').replace(/[^0-9A-Za-zА-Яа-яЁё-]/gu, '_')}`)
}

/** A backup id from its time: a folder name that sorts by time and is valid on every file system. */
export function backupIdAt(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')
}

export function readManifest(backupDir: string): BackupManifest | null {
  const file = join(backupDir, MANIFEST_FILE)
  if (!existsSync(file)) return null
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => join(dir, d.name))
  } catch {
    return []
  }
}

export interface FoundBackup {
  dir: string
  /** The series folder holding the backup and its photo pool. */
  series: string
  manifest: BackupManifest
}

/** The finished backups of one series folder. */
export function listSeries(series: string): FoundBackup[] {
  return subfolders(series).flatMap((dir) => {
    const manifest = readManifest(dir)
    return manifest && manifest.id === dir.split(/[\\/]/).pop() ? [{ dir, series, manifest }] : []
  })
}

/**
 * Backups under a folder the admin pointed at: the chosen folder itself may be a backup, a series folder, or the
 * folder holding series folders (the one chosen for backups on the old computer). Newest first.
 */
export function findBackups(chosen: string): FoundBackup[] {
  const found = new Map<string, FoundBackup>()
  const direct = readManifest(chosen)
  if (direct) found.set(chosen, { dir: chosen, series: join(chosen, '..'), manifest: direct })
  for (const series of [chosen, ...subfolders(chosen)]) for (const b of listSeries(series)) found.set(b.dir, b)
  return [...found.values()].sort((a, b) => (a.manifest.createdAt < b.manifest.createdAt ? 1 : -1))
}

export function summarize(b: FoundBackup): BackupSummary {
  const m = b.manifest
  return {
    id: m.id,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    branchCode: m.branch?.code ?? null,
    branchName: m.branch?.name ?? null,
    databaseBytes: m.database.bytes,
    photos: m.photos.length,
    pendingChanges: m.pendingChanges,
  }
}

/** Whether a folder exists and is a directory (a USB stick that is plugged in). */
export function folderExists(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
