import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { BundleError } from '../shared/sync/bundleCodec'
import { deviceBundleSchema, type ChangeResult, type HqBundle } from '../shared/sync/protocol'
import { HqBlobStore } from './blobs'
import { hqBundleCodec } from './bundleCrypto'
import type { HqConfig } from './config'
import type { HqDb } from './db'
import { pullFor } from './pull'
import { applyChanges } from './push'
import type { RecordLimits } from './recordLimits'

export interface ImportSummary {
  deviceId: string
  changes: number
  accepted: number
  rejected: number
  conflicts: number
  deferred: number
  blobs: number
}

/**
 * Applies a branch's offline bundle exactly as a push would (same per-change checks, same at-most-once log,
 * so importing a bundle twice or pushing its changes later changes nothing), stores its files after checking
 * their hashes, and returns HQ's answer bundle: the per-change results and everything the branch may pull.
 */
export async function importBundle(
  db: HqDb,
  blobDir: string,
  text: string,
  now: Date,
  recordLimits?: RecordLimits,
): Promise<{ summary: ImportSummary; answer: string }> {
  const envelope = hqBundleCodec.readBundleEnvelope(text)
  const device = (await db('hq_device').where({ id: envelope.deviceId }).first()) as
    { id: string; branch_code: string; bundle_key: string; revoked_at: string | null } | undefined
  if (!device) throw new BundleError('bundle-device', 'the bundle comes from a device HQ does not know')
  if (device.revoked_at) throw new BundleError('bundle-device', 'the bundle comes from a revoked device')
  const bundle = hqBundleCodec.decodeBundle(device.bundle_key, envelope, deviceBundleSchema)
  // Files first: a change may name a photo, and a file whose bytes do not match its name stops the import.
  for (const blob of bundle.blobs) {
    const bytes = Buffer.from(blob.dataBase64, 'base64')
    if (createHash('sha256').update(bytes).digest('hex') !== blob.sha256)
      throw new BundleError('bundle-malformed', `file ${blob.sha256} does not match its hash`)
  }
  const store = new HqBlobStore(db, blobDir)
  for (const blob of bundle.blobs) {
    const bytes = Buffer.from(blob.dataBase64, 'base64')
    const status = await store.begin(device.branch_code, device.id, blob.sha256, bytes.length, now)
    if (!status.complete)
      await store.append(device.branch_code, blob.sha256, status.received, bytes.subarray(status.received), now)
  }
  const identity = { id: device.id, branchCode: device.branch_code }
  const results: ChangeResult[] = []
  for (let i = 0; i < bundle.changes.length; i += 500) {
    results.push(...(await applyChanges(db, identity, bundle.changes.slice(i, i + 500), 'bundle', now, recordLimits)))
  }
  const pull = await pullFor(db, identity, bundle.cursor, 1_000_000)
  const answer: HqBundle = {
    kind: 'hq-to-device',
    deviceId: device.id,
    createdAt: now.toISOString(),
    results,
    blobs: bundle.blobs.map((b) => b.sha256),
    pull,
  }
  const count = (s: string) => results.filter((r) => r.status === s).length
  return {
    summary: {
      deviceId: device.id,
      changes: bundle.changes.length,
      accepted: count('accepted'),
      rejected: count('rejected'),
      conflicts: count('conflict'),
      deferred: count('deferred'),
      blobs: bundle.blobs.length,
    },
    answer: hqBundleCodec.encodeBundle(device.bundle_key, device.id, answer),
  }
}

export async function importBundleFile(
  db: HqDb,
  config: Pick<HqConfig, 'blobDir'> & Partial<Pick<HqConfig, 'limits'>>,
  file: string,
  answerFile: string,
  now: Date,
): Promise<ImportSummary> {
  const { summary, answer } = await importBundle(db, config.blobDir, readFileSync(file, 'utf8'), now, config.limits)
  writeFileSync(answerFile, answer)
  return summary
}
