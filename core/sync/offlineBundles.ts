import { readFileSync, existsSync } from 'node:fs'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { hqBundleSchema, type DeviceBundle } from '../../shared/sync/protocol'
import { BundleError, decodeBundle, encodeBundle, readBundleEnvelope } from './bundleCodec'
import { enqueueBlobs, type BlobSource } from './blobSync'
import { LocalSchema } from './localRows'
import { applyPage, type PullSummary } from './pullChanges'
import { emptyPushSummary, pendingOutbox, recordAnswers, toChange } from './pushOutbox'
import type { ReferenceTarget } from './referenceUpdates'
import type { SecretStore } from './secretStore'
import { BUNDLE_KEY_SECRET, getState, setState } from './syncState'

/**
 * Offline transfer for a branch without a connection for a long time: the pending outbox and the files HQ does
 * not have go into one signed file; HQ imports it (`npm run hq -- import`) and writes a signed answer, which
 * the device imports here. The outbox stays pending until an answer settles it, so the same changes may also go
 * online later — HQ applies each change at most once either way.
 */
async function credentials(db: Db, secrets: SecretStore): Promise<{ deviceId: string; key: string }> {
  const deviceId = await getState(db, 'device_id')
  const key = await secrets.get(BUNDLE_KEY_SECRET)
  if (!deviceId || !key) throw new AppError('CONFLICT', 'sync.errors.notEnrolled')
  return { deviceId, key }
}

/** The signed bundle of what HQ has not got, ready to be written where the user chose. */
export interface OutgoingBundle {
  text: string
  suggestedName: string
  changes: number
  files: number
}

export async function exportBundle(
  db: Db,
  secrets: SecretStore,
  sources: readonly BlobSource[],
  now: Date,
): Promise<OutgoingBundle> {
  const { deviceId, key } = await credentials(db, secrets)
  const rows = await pendingOutbox(db)
  await enqueueBlobs(db, sources, now)
  const blobs: DeviceBundle['blobs'] = []
  const queued = (await db('sync_blob')
    .whereNull('uploaded_at')
    .whereNull('rejected_reason')
    .where({ origin: 'local' })) as Array<{ sha256: string; source: string }>
  for (const b of queued) {
    const path = sources.find((s) => s.name === b.source)?.path(b.sha256)
    if (path && existsSync(path)) blobs.push({ sha256: b.sha256, dataBase64: readFileSync(path).toString('base64') })
  }
  const body: DeviceBundle = {
    kind: 'device-to-hq',
    deviceId,
    createdAt: now.toISOString(),
    cursor: (await getState(db, 'cursor')) ?? '0',
    changes: rows.map(toChange),
    blobs,
  }
  return {
    text: encodeBundle(key, deviceId, body),
    suggestedName: `branch-desk-${now.toISOString().replace(/[:.]/g, '-')}.bdbundle`,
    changes: rows.length,
    files: blobs.length,
  }
}

export async function importAnswer(
  db: Db,
  secrets: SecretStore,
  reference: ReferenceTarget | null,
  file: string,
  now: () => Date,
): Promise<{ accepted: number; rejected: number; conflicts: number; deferred: number; records: number }> {
  const { deviceId, key } = await credentials(db, secrets)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new AppError('NOT_FOUND', 'sync.errors.bundleFile')
  }
  let answer
  try {
    const envelope = readBundleEnvelope(text)
    if (envelope.deviceId !== deviceId) throw new BundleError('bundle-device', 'the answer is for another device')
    answer = decodeBundle(key, envelope, hqBundleSchema)
  } catch (e) {
    if (e instanceof BundleError) throw new AppError('CONFLICT', `sync.errors.${e.code}`)
    throw e
  }
  const rows = await pendingOutbox(db)
  const summary = emptyPushSummary()
  await recordAnswers(db, rows, answer.results, now(), summary)
  for (const sha256 of answer.blobs)
    await db('sync_blob').where({ sha256 }).whereNull('uploaded_at').update({ uploaded_at: now().toISOString() })
  const pulled: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
  const cursorBefore = (await getState(db, 'cursor')) ?? '0'
  await applyPage(db, new LocalSchema(), answer.pull, reference, now, pulled)
  // An online pull may have gone further meanwhile: the cursor never moves back.
  if (Number(cursorBefore) > Number(answer.pull.cursor)) await setState(db, 'cursor', cursorBefore)
  return {
    accepted: summary.accepted,
    rejected: summary.rejected,
    conflicts: summary.conflicts + summary.superseded,
    deferred: summary.deferred,
    records: pulled.records,
  }
}
