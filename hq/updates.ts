import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { compareVersions, isVersion } from '../shared/update/semver'
import type { HqDb } from './db'
import { HqHttpError } from './errors'

/**
 * App updates through HQ. `publish-update` stores an installer (and the blockmap electron-builder writes beside
 * it) by SHA-256 and records it as a release of its version on a channel; enrolled devices read the channel's feed
 * (`latest.yml` for Windows, `latest-linux.yml` for Linux: electron-updater's generic provider) and download the
 * files with byte ranges. A branch can be capped at a version: it is offered the newest release not above the cap,
 * and never a version older than (or equal to) the one it runs.
 */

export type UpdatePlatform = 'windows' | 'linux'

export const CHANNEL = /^[a-z][a-z0-9-]{0,30}$/
/** File names as they appear in the feed's URLs: no spaces, no path. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/

/** Installer kinds by extension, in the order the feed lists them (the first is the feed's legacy `path`). */
const INSTALLERS: ReadonlyArray<{ ext: string; platform: UpdatePlatform }> = [
  { ext: '.exe', platform: 'windows' },
  { ext: '.AppImage', platform: 'linux' },
  { ext: '.deb', platform: 'linux' },
  { ext: '.rpm', platform: 'linux' },
]

export const FEED_FILES: Readonly<Record<string, UpdatePlatform>> = {
  'latest.yml': 'windows',
  'latest-linux.yml': 'linux',
}

export interface PublishedUpdate {
  channel: string
  platform: UpdatePlatform
  version: string
  files: Array<{ name: string; size: number; sha512: string; inFeed: boolean; alreadyPublished: boolean }>
}

interface ReleaseRow {
  id: string
  channel: string
  platform: UpdatePlatform
  version: string
  release_date: string
}
interface FileRow {
  release_id: string
  name: string
  channel: string
  sha256: string
  sha512: string
  size: number | string
  in_feed: boolean | number
}

export function installerKind(file: string): { ext: string; platform: UpdatePlatform } {
  const kind = INSTALLERS.find((k) => file.endsWith(k.ext))
  if (!kind)
    throw new Error(`${basename(file)}: not an installer HQ can offer (${INSTALLERS.map((k) => k.ext).join(', ')})`)
  return kind
}

/** The version electron-builder put in the artifact's name (`BranchDesk-Setup-0.2.0.exe`, `branch-desk-0.2.0-x86_64.AppImage`). */
export function versionFromName(file: string): string | null {
  const stem = basename(file)
    .replace(/\.(exe|AppImage|deb|rpm)$/, '')
    .replace(/[-_](x86_64|amd64|x64|arm64|aarch64|ia32|i386)$/, '')
  const m = /(?:^|[^0-9.])(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(stem)
  return m && isVersion(m[1]!) ? m[1]! : null
}

async function hashes(path: string): Promise<{ sha256: string; sha512: string; size: number }> {
  const h256 = createHash('sha256')
  const h512 = createHash('sha512')
  let size = 0
  for await (const chunk of createReadStream(path)) {
    h256.update(chunk as Buffer)
    h512.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: h256.digest('hex'), sha512: h512.digest('base64'), size }
}

export function updateFilePath(blobDir: string, sha256: string): string {
  return join(blobDir, 'updates', sha256.slice(0, 2), sha256)
}

/**
 * Publishes an installer on a channel. Publishing the same file again changes nothing; another file under a name
 * already published, or a second installer of the same kind for a version, is refused — a release, once offered,
 * stays what devices have checked.
 */
export async function publishUpdate(
  db: HqDb,
  blobDir: string,
  installer: string,
  opts: { channel?: string; version?: string },
  now: Date,
): Promise<PublishedUpdate> {
  const channel = opts.channel ?? 'stable'
  if (!CHANNEL.test(channel))
    throw new Error(`bad channel ${JSON.stringify(channel)}: lower-case letters, digits and dashes`)
  const kind = installerKind(installer)
  const version = opts.version ?? versionFromName(installer)
  if (!version) throw new Error(`${basename(installer)}: no version in the name; give --version`)
  if (!isVersion(version)) throw new Error(`bad version ${JSON.stringify(version)}: a semantic version such as 0.2.0`)
  const name = basename(installer).replace(/\s+/g, '-')
  if (!FILE_NAME.test(name))
    throw new Error(`${name}: a file name of letters, digits, dots, dashes and underscores is needed`)
  if (
    !(await stat(installer).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    throw new Error(`${installer}: no such file`)
  const parts = [{ path: installer, name, inFeed: true }]
  if (existsSync(`${installer}.blockmap`))
    parts.push({ path: `${installer}.blockmap`, name: `${name}.blockmap`, inFeed: false })

  const stored: Array<{ name: string; inFeed: boolean; sha256: string; sha512: string; size: number }> = []
  for (const part of parts) {
    const h = await hashes(part.path)
    const dest = updateFilePath(blobDir, h.sha256)
    if (!existsSync(dest)) {
      await mkdir(join(dest, '..'), { recursive: true })
      const tmp = `${dest}.part-${process.pid}`
      await copyFile(part.path, tmp)
      // The copy must match what was hashed: a file still being written while it was published is refused.
      if ((await hashes(tmp)).sha256 !== h.sha256) {
        await rm(tmp, { force: true })
        throw new Error(`${part.path} changed while it was being published`)
      }
      await rename(tmp, dest)
    }
    stored.push({ name: part.name, inFeed: part.inFeed, ...h })
  }

  const nowIso = now.toISOString()
  const files: PublishedUpdate['files'] = []
  await db.transaction(async (trx) => {
    let release = (await trx('hq_update_release').where({ channel, platform: kind.platform, version }).first()) as
      ReleaseRow | undefined
    if (!release) {
      release = { id: uuidv7(), channel, platform: kind.platform, version, release_date: nowIso }
      await trx('hq_update_release').insert({ ...release, published_at: nowIso })
    }
    const existing = (await trx('hq_update_file').where({ release_id: release.id })) as FileRow[]
    for (const f of stored) {
      const same = (await trx('hq_update_file').where({ channel, name: f.name }).first()) as FileRow | undefined
      if (same) {
        if (same.sha256 !== f.sha256 || same.release_id !== release.id)
          throw new Error(`${f.name} is already published on ${channel} with different content`)
        files.push({ name: f.name, size: f.size, sha512: f.sha512, inFeed: f.inFeed, alreadyPublished: true })
        continue
      }
      if (
        f.inFeed &&
        existing.some((e) => (e.in_feed === true || e.in_feed === 1) && installerKind(e.name).ext === kind.ext)
      ) {
        throw new Error(`${version} on ${channel} already has a ${kind.ext} installer; publish a new version instead`)
      }
      await trx('hq_update_file').insert({
        release_id: release.id,
        name: f.name,
        channel,
        sha256: f.sha256,
        sha512: f.sha512,
        size: f.size,
        in_feed: f.inFeed,
        published_at: nowIso,
      })
      files.push({ name: f.name, size: f.size, sha512: f.sha512, inFeed: f.inFeed, alreadyPublished: false })
    }
  })
  return { channel, platform: kind.platform, version, files }
}

/** Caps a branch at a version (null lifts the cap). The cap is what a branch is offered, never a downgrade. */
export async function setUpdateCap(db: HqDb, branchCode: string, version: string | null): Promise<void> {
  if (version !== null && !isVersion(version))
    throw new Error(`bad version ${JSON.stringify(version)}: a semantic version such as 0.2.0`)
  const n = await db('hq_branch').where({ code: branchCode.toUpperCase() }).update({ update_cap: version })
  if (n === 0) throw new Error(`no branch ${branchCode}`)
}

export async function listReleases(
  db: HqDb,
): Promise<Array<{ channel: string; platform: UpdatePlatform; version: string; files: string[] }>> {
  const releases = (await db('hq_update_release').select('*')) as ReleaseRow[]
  const files = (await db('hq_update_file').select('release_id', 'name')) as Array<{ release_id: string; name: string }>
  return releases
    .sort(
      (a, b) =>
        a.channel.localeCompare(b.channel) ||
        a.platform.localeCompare(b.platform) ||
        compareVersions(a.version, b.version),
    )
    .map((r) => ({
      channel: r.channel,
      platform: r.platform,
      version: r.version,
      files: files.filter((f) => f.release_id === r.id).map((f) => f.name),
    }))
}

async function branchCap(db: HqDb, branchCode: string): Promise<string | null> {
  const row = (await db('hq_branch').where({ code: branchCode }).first('update_cap')) as
    { update_cap: string | null } | undefined
  return row?.update_cap ?? null
}

/**
 * The release a device of the branch is offered: the newest on the channel for its platform not above the
 * branch's cap, and only if newer than the version the device says it runs. Null: nothing to offer.
 */
export async function offeredRelease(
  db: HqDb,
  q: { channel: string; platform: UpdatePlatform; branchCode: string; deviceVersion: string | null },
): Promise<ReleaseRow | null> {
  const cap = await branchCap(db, q.branchCode)
  const releases = ((await db('hq_update_release').where({ channel: q.channel, platform: q.platform })) as ReleaseRow[])
    .filter((r) => cap === null || compareVersions(r.version, cap) <= 0)
    .sort((a, b) => compareVersions(b.version, a.version))
  const best = releases[0]
  if (!best) return null
  if (q.deviceVersion !== null && compareVersions(best.version, q.deviceVersion) <= 0) return null
  return best
}

/** YAML scalar in single quotes: the only escape is a doubled quote. */
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The generic provider's feed for a release, as electron-builder writes it (electron-updater parses it). */
export async function feedFor(db: HqDb, release: ReleaseRow): Promise<string> {
  const order = (name: string) => INSTALLERS.findIndex((k) => name.endsWith(k.ext))
  const files = ((await db('hq_update_file').where({ release_id: release.id })) as FileRow[])
    .filter((f) => f.in_feed === true || f.in_feed === 1)
    .sort((a, b) => order(a.name) - order(b.name))
  const first = files[0]
  if (!first) throw new HqHttpError(404, 'no-update')
  const lines = [`version: ${release.version}`, 'files:']
  for (const f of files)
    lines.push(`  - url: ${quoted(f.name)}`, `    sha512: ${quoted(f.sha512)}`, `    size: ${Number(f.size)}`)
  lines.push(
    `path: ${quoted(first.name)}`,
    `sha512: ${quoted(first.sha512)}`,
    `releaseDate: ${quoted(release.release_date)}`,
  )
  return `${lines.join('\n')}\n`
}

/**
 * A published file of the channel for a device of the branch: refused when its release is above the branch's cap
 * (the feed never names it; a device must not fetch around the cap by guessing names).
 */
export async function updateFileFor(
  db: HqDb,
  blobDir: string,
  q: { channel: string; name: string; branchCode: string },
): Promise<{ path: string; size: number; sha256: string }> {
  if (!FILE_NAME.test(q.name)) throw new HqHttpError(404, 'update-file-unknown')
  const row = (await db('hq_update_file as f')
    .join('hq_update_release as r', 'r.id', 'f.release_id')
    .where({ 'f.channel': q.channel, 'f.name': q.name })
    .first('f.sha256', 'f.size', 'r.version')) as { sha256: string; size: number | string; version: string } | undefined
  if (!row) throw new HqHttpError(404, 'update-file-unknown')
  const cap = await branchCap(db, q.branchCode)
  if (cap !== null && compareVersions(row.version, cap) > 0) throw new HqHttpError(403, 'update-above-cap')
  return { path: updateFilePath(blobDir, row.sha256), size: Number(row.size), sha256: row.sha256 }
}
