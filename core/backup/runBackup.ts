import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readdirSync } from 'node:fs'
import { copyFile, cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import Database from 'better-sqlite3'
import type { BackupSchedule } from '../../shared/backup/contract'
import { backupsToKeep } from '../../shared/backup/retention'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { PHOTO_VARIANTS, type PhotoStore } from '../photos/photoStore'
import {
  backupIdAt,
  DATABASE_FILE,
  listSeries,
  MANIFEST_FILE,
  PHOTO_POOL,
  REFERENCE_DIR,
  seriesFolder,
  type BackupManifest,
} from './backupFolder'

export interface BackupDeps {
  db: Db
  dataDir: string
  photos: PhotoStore
  appVersion: string
  timeZone: string
  /** better-sqlite3's Electron-ABI build in the app (the same one the core's database runs on). */
  nativeBinding?: string
}

export interface BackupOutcome {
  manifest: BackupManifest
  dir: string
  newPhotos: number
  removed: number
}

export const LIVE_DATABASE = 'branch-desk.sqlite'

/** An unfinished backup's folder name ends with its computer's mark: each computer cleans up only its own. */
const partialSuffix = (installationId: string) => `.${installationId.replace(/[^0-9a-z]/gi, '').slice(-12)}.partial`

export function openSqlite(
  file: string,
  opts: { readonly?: boolean; nativeBinding?: string | undefined },
): Database.Database {
  return new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: true,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  })
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * SQLite's online backup API, from a second, read-only connection: the app keeps working while pages are copied.
 * A commit by the app's connection restarts the copy (SQLite's rule for another connection's writes); after a
 * few restarts the rest is copied in one step, which holds the read lock only for that step (WAL: writers are not
 * blocked by it).
 */
async function onlineBackup(source: string, dest: string, nativeBinding?: string): Promise<void> {
  const conn = openSqlite(source, { readonly: true, nativeBinding })
  try {
    let restarts = 0
    let last = Number.POSITIVE_INFINITY
    await conn.backup(dest, {
      progress: ({ remainingPages }) => {
        if (remainingPages > last) restarts += 1
        last = remainingPages
        return restarts >= 3 ? 0x7fffffff : 1024
      },
    })
  } finally {
    conn.close()
  }
}

interface CopyFacts {
  photos: string[]
  migrations: string[]
  pendingChanges: number
}

/**
 * Checks the copy before it counts as a backup (a failing USB stick is found now, not on the day of the restore)
 * and reads what the manifest records. The copy leaves WAL mode: a backup is one self-contained file.
 */
export function inspectDatabaseCopy(file: string, nativeBinding?: string): CopyFacts & { integrity: string } {
  const conn = openSqlite(file, { nativeBinding })
  try {
    conn.pragma('journal_mode = DELETE')
    const rows = conn.pragma('integrity_check') as Array<{ integrity_check: string }>
    const integrity = rows.map((r) => r.integrity_check).join('; ')
    if (integrity !== 'ok') return { integrity, photos: [], migrations: [], pendingChanges: 0 }
    const has = (table: string) =>
      conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined
    const photos = has('inspection_photo')
      ? (
          conn.prepare('SELECT DISTINCT sha256 FROM inspection_photo ORDER BY sha256').all() as Array<{
            sha256: string
          }>
        ).map((r) => r.sha256)
      : []
    const migrations = has('knex_migrations')
      ? (conn.prepare('SELECT name FROM knex_migrations ORDER BY id').all() as Array<{ name: string }>).map(
          (r) => r.name,
        )
      : []
    const pendingChanges = has('outbox')
      ? (conn.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n
      : 0
    return { integrity, photos, migrations, pendingChanges }
  } finally {
    conn.close()
  }
}

const SUFFIX_OF = (store: PhotoStore, sha: string) => PHOTO_VARIANTS.map((v) => store.path(sha, v))

/** Copies a file under a temporary name and renames it: a cut copy never passes for a whole one. */
async function copyAtomically(src: string, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true })
  const tmp = `${dest}.tmp-${process.pid}`
  await copyFile(src, tmp)
  await rename(tmp, dest)
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
}

/**
 * Makes one backup into the chosen folder, then applies the retention rule to this computer's backups there and
 * drops photos no kept backup needs. The backup's folder takes its final name only when everything is in it.
 */
export async function createBackup(
  deps: BackupDeps,
  opts: { folder: string; schedule: BackupSchedule; installationId: string; now: Date },
): Promise<BackupOutcome> {
  const branch = (await deps.db('branch').first('code', 'name')) as { code: string; name: string } | undefined
  const series = seriesFolder(opts.folder, branch?.code ?? null)
  try {
    await mkdir(series, { recursive: true })
  } catch (e) {
    throw new AppError('CONFLICT', 'backup.errors.folderUnavailable', {
      folder: opts.folder,
      message: (e as Error).message,
    })
  }
  let id = backupIdAt(opts.now)
  for (let n = 2; existsSync(join(series, id)); n++) id = `${backupIdAt(opts.now)}-${n}`
  const partial = join(series, `.${id}${partialSuffix(opts.installationId)}`)
  await rm(partial, { recursive: true, force: true })
  await mkdir(partial)
  try {
    const dbCopy = join(partial, DATABASE_FILE)
    await onlineBackup(join(deps.dataDir, LIVE_DATABASE), dbCopy, deps.nativeBinding)
    const facts = inspectDatabaseCopy(dbCopy, deps.nativeBinding)
    if (facts.integrity !== 'ok')
      throw new AppError('INTERNAL', 'backup.errors.copyDamaged', { message: facts.integrity.slice(0, 200) })

    const pool = join(series, PHOTO_POOL)
    let newPhotos = 0
    const photos: string[] = []
    const missingPhotos: string[] = []
    for (const sha of facts.photos) {
      const sources = SUFFIX_OF(deps.photos, sha)
      if (!existsSync(sources[0]!)) {
        missingPhotos.push(sha)
        continue
      }
      let copied = false
      for (const src of sources) {
        if (!existsSync(src)) continue
        const dest = join(pool, relative(deps.photos.root, src))
        const have = await stat(dest).then(
          (s) => s.size,
          () => -1,
        )
        if (have === (await stat(src)).size) continue
        await copyAtomically(src, dest)
        copied = true
      }
      if (copied) newPhotos += 1
      photos.push(sha)
    }

    const referenceSrc = join(deps.dataDir, 'reference-updates')
    if (existsSync(referenceSrc)) await cp(referenceSrc, join(partial, REFERENCE_DIR), { recursive: true })
    const manifest: BackupManifest = {
      format: 'branch-desk-backup',
      formatVersion: 1,
      id,
      createdAt: opts.now.toISOString(),
      appVersion: deps.appVersion,
      installationId: opts.installationId,
      branch: branch ? { code: branch.code, name: branch.name } : null,
      database: { file: DATABASE_FILE, bytes: (await stat(dbCopy)).size, sha256: await sha256File(dbCopy) },
      migrations: facts.migrations,
      photos,
      missingPhotos,
      referenceFiles: await listFiles(join(partial, REFERENCE_DIR)),
      pendingChanges: facts.pendingChanges,
    }
    await writeFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
    await rename(partial, join(series, id))
    const removed = await applyRetention(series, opts.installationId, opts.schedule, deps.timeZone)
    return { manifest, dir: join(series, id), newPhotos, removed }
  } catch (e) {
    await rm(partial, { recursive: true, force: true })
    throw e
  }
}

/**
 * Deletes this computer's backups the rule does not keep (another computer's backups in the same folder are its
 * own business), unfinished leftovers of cut runs, and pool photos no remaining backup names.
 */
export async function applyRetention(
  series: string,
  installationId: string,
  rule: Pick<BackupSchedule, 'keepDaily' | 'keepWeekly'>,
  timeZone: string,
): Promise<number> {
  const mine = listSeries(series).filter((b) => b.manifest.installationId === installationId)
  const keep = backupsToKeep(
    mine.map((b) => ({ id: b.manifest.id, createdAt: b.manifest.createdAt })),
    rule,
    timeZone,
  )
  let removed = 0
  for (const b of mine) {
    if (keep.has(b.manifest.id)) continue
    await rm(b.dir, { recursive: true, force: true })
    removed += 1
  }
  for (const entry of readdirSync(series)) {
    if (entry.startsWith('.') && entry.endsWith(partialSuffix(installationId)))
      await rm(join(series, entry), { recursive: true, force: true })
  }
  // A photo copied in the last day may belong to another computer's backup still being written: kept till later.
  const needed = new Set(listSeries(series).flatMap((b) => b.manifest.photos))
  const pool = join(series, PHOTO_POOL)
  for (const file of await listFiles(pool)) {
    const sha = /([0-9a-f]{64})/.exec(file)?.[1]
    if (sha && needed.has(sha)) continue
    // File times are the file system's, so the age is measured by the wall clock, not the core's.
    const modified = await stat(join(pool, file)).then(
      (s) => s.mtimeMs,
      () => Date.now(),
    )
    if (Date.now() - modified > 86_400_000) await rm(join(pool, file), { force: true })
  }
  return removed
}
