import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import type { RestoreResult } from '../../shared/backup/contract'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { SYSTEM_ACTOR, write } from '../db/write'
import { loadReferenceData } from '../reference/loadReferenceData'
import { DATABASE_FILE, PHOTO_POOL, REFERENCE_DIR, type FoundBackup } from './backupFolder'
import { setBackupState } from './backupState'
import { inspectDatabaseCopy, LIVE_DATABASE, sha256File } from './runBackup'

/**
 * Restoring a backup on a replacement computer, at first run. The chosen backup is checked (its database's hash
 * against the manifest, SQLite's integrity check, a schema this app knows, reference files the app accepts, each
 * photo against its hash) and copied into `<data>/restore-staging/`; `ready.json` marks it complete. The next
 * start puts it in place before anything opens the data folder (applyStagedRestore), then clears what belonged
 * to the old computer's enrolment (finishRestore): the new one enrols with HQ again and takes over from there.
 */
export const STAGING_DIR = 'restore-staging'
const READY_FILE = 'ready.json'

export interface StagedRestore {
  backupId: string
  createdAt: string
  stagedAt: string
}

export interface StageDeps {
  dataDir: string
  resourcesDir: string
  knownMigrations: readonly string[]
  nativeBinding?: string
}

export async function stageRestore(
  deps: StageDeps,
  backup: FoundBackup,
  now: Date,
): Promise<Omit<RestoreResult, 'canRelaunch'>> {
  const m = backup.manifest
  const staging = join(deps.dataDir, STAGING_DIR)
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  try {
    const db = join(staging, DATABASE_FILE)
    await copyFile(join(backup.dir, DATABASE_FILE), db).catch(() => {
      throw new AppError('CONFLICT', 'backup.errors.damaged', { reason: 'database file missing' })
    })
    if ((await sha256File(db)) !== m.database.sha256)
      throw new AppError('CONFLICT', 'backup.errors.damaged', { reason: 'database hash differs from the manifest' })
    const facts = inspectDatabaseCopy(db, deps.nativeBinding)
    if (facts.integrity !== 'ok')
      throw new AppError('CONFLICT', 'backup.errors.damaged', {
        reason: `integrity_check: ${facts.integrity.slice(0, 200)}`,
      })
    const unknown = facts.migrations.filter((name) => !deps.knownMigrations.includes(name))
    if (unknown.length > 0) throw new AppError('CONFLICT', 'backup.errors.newerVersion', { version: m.appVersion })

    const reference = join(backup.dir, REFERENCE_DIR)
    if (existsSync(reference)) {
      await cp(reference, join(staging, REFERENCE_DIR), { recursive: true })
      // A file the app would refuse at start-up must not reach the data folder: the app would not start.
      try {
        loadReferenceData({ bundledDir: deps.resourcesDir, overrideDir: join(staging, REFERENCE_DIR) })
      } catch (e) {
        throw new AppError('CONFLICT', 'backup.errors.referenceRefused', {
          message: (e as Error).message.slice(0, 200),
        })
      }
    }

    let photos = 0
    let damagedPhotos = 0
    const pool = join(backup.series, PHOTO_POOL)
    for (const sha of m.photos) {
      const folder = join(pool, sha.slice(0, 2))
      const orig = join(folder, `${sha}.orig`)
      const ok =
        existsSync(orig) &&
        createHash('sha256')
          .update(await readFile(orig))
          .digest('hex') === sha
      if (!ok) {
        damagedPhotos += 1
        continue
      }
      for (const suffix of ['.orig', '.jpg', '.thumb.jpg']) {
        const src = join(folder, `${sha}${suffix}`)
        if (!existsSync(src)) continue
        const dest = join(staging, PHOTO_POOL, sha.slice(0, 2), `${sha}${suffix}`)
        await mkdir(dirname(dest), { recursive: true })
        await copyFile(src, dest)
      }
      photos += 1
    }
    const staged: StagedRestore = { backupId: m.id, createdAt: m.createdAt, stagedAt: now.toISOString() }
    await writeFile(join(staging, READY_FILE), JSON.stringify(staged))
    return {
      backupId: m.id,
      createdAt: m.createdAt,
      branchCode: m.branch?.code ?? null,
      photos,
      damagedPhotos,
      missingPhotos: m.missingPhotos.length,
    }
  } catch (e) {
    await rm(staging, { recursive: true, force: true })
    throw e
  }
}

export function hasStagedRestore(dataDir: string): boolean {
  return existsSync(join(dataDir, STAGING_DIR, READY_FILE))
}

function moveTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const src = join(entry.parentPath, entry.name)
    const dest = join(to, relative(from, src))
    if (existsSync(dest)) continue
    mkdirSync(dirname(dest), { recursive: true })
    renameSync(src, dest)
  }
}

/**
 * At start, before the reference data and the database are opened: puts a staged restore in place. Each step can
 * run again after a crash (a moved database is not moved twice, photos already there are kept). An unfinished
 * staging (no ready.json) is thrown away: the old data stays.
 */
export function applyStagedRestore(dataDir: string): StagedRestore | null {
  const staging = join(dataDir, STAGING_DIR)
  if (!existsSync(join(staging, READY_FILE))) {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true })
    return null
  }
  const staged = JSON.parse(readFileSync(join(staging, READY_FILE), 'utf8')) as StagedRestore
  const db = join(staging, DATABASE_FILE)
  if (existsSync(db)) {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(join(dataDir, `${LIVE_DATABASE}${suffix}`), { force: true })
    renameSync(db, join(dataDir, LIVE_DATABASE))
  }
  const photos = join(staging, PHOTO_POOL)
  if (existsSync(photos)) {
    moveTree(photos, join(dataDir, PHOTO_POOL))
    rmSync(photos, { recursive: true, force: true })
  }
  const reference = join(staging, REFERENCE_DIR)
  if (existsSync(reference)) {
    rmSync(join(dataDir, REFERENCE_DIR), { recursive: true, force: true })
    renameSync(reference, join(dataDir, REFERENCE_DIR))
  }
  return staged
}

/** Device-local sync state that names the old computer's enrolment; the cursor and HQ's address stay. */
const OLD_DEVICE_STATE = [
  'device_id',
  'enrolled_at',
  'last_error',
  'last_success_at',
  'last_attempt_at',
  'hq_settings',
  'hq_clock_offset_ms',
]

/**
 * After the restored database is open (and migrated): the new computer is not the old one's device at HQ — it
 * enrols again with a new token, then pushes the outbox it restored (changes HQ already has are answered as
 * duplicates by their change ids) and pulls from the restored cursor (what the old computer synced after the
 * backup comes back). Recorded in the audit log.
 */
export async function finishRestore(db: Db, dataDir: string, staged: StagedRestore, now: Date): Promise<void> {
  await write(db, SYSTEM_ACTOR, 'backup.restored', now, async (w) => {
    await w.trx('sync_state').whereIn('key', OLD_DEVICE_STATE).delete()
    // The old computer's chain of issued documents may have grown past the backup at HQ: reusing its numbers would be
    // refused as a cut chain, so this computer starts a chain of its own (decision 108).
    await w.trx('document_ledger_chain').delete()
    await setBackupState(w.trx, 'restored_from', { ...staged, restoredAt: now.toISOString() })
    await setBackupState(w.trx, 'last_run', null)
    await w.audit('backup.restored', null, null, null, staged)
  })
  rmSync(join(dataDir, STAGING_DIR), { recursive: true, force: true })
}
