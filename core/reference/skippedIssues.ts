import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { uuidv7 } from 'uuidv7'
import type { Db } from '../db/openDatabase'
import type { SkippedReferenceFile } from './loadReferenceData'

/** What the file says it is, for the entity and id; a file that cannot be read is named by its file name. */
function identify(file: string): { kind: string; version: string } {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown; version?: unknown }
    if (typeof raw.kind === 'string' && typeof raw.version === 'string') return { kind: raw.kind, version: raw.version }
  } catch {
    // Named by the file below.
  }
  return { kind: '(file)', version: basename(file) }
}

/**
 * HQ's files skipped at start (decision 59) are shown to the admin where the pull already shows a file it could not
 * install: a `sync_issue` of kind 'reference' (a local table, not synced, written as core/sync/pullChanges.ts does).
 * Otherwise the branch loses HQ's data with only a log line. A file replaced by a later revision is not an issue:
 * nothing of HQ's is lost. One issue per file and version, however often the app starts.
 */
export async function recordSkippedReferences(
  db: Db,
  skipped: readonly SkippedReferenceFile[],
  at: string,
): Promise<number> {
  let recorded = 0
  for (const s of skipped) {
    if (s.superseded) continue
    const { kind, version } = identify(s.file)
    const changeId = `reference-skipped:${kind}:${version}:${basename(s.file)}`
    if (await db('sync_issue').where({ change_id: changeId }).first('id')) continue
    await db('sync_issue').insert({
      id: uuidv7(),
      change_id: changeId,
      kind: 'reference',
      entity: kind,
      entity_id: version,
      reason_code: 'reference-skipped',
      reason_params: JSON.stringify({ message: s.reason.slice(0, 500) }),
      recorded_at: at,
    })
    recorded++
  }
  return recorded
}
