import { writeFile } from 'node:fs/promises'
import type { SyncIssue } from '../../shared/sync/contract'
import { translate } from '../../shared/i18n/messages'
import type { FileDialogs, FileKind } from '../files/fileDialogs'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { countBound, countUpTo } from '../db/search'
import { write } from '../db/write'
import type { HandlerContext, HandlersOf } from '../ipc/handlers'
import type { BlobSource } from './blobSync'
import { HqRefused, HqUnreachable } from './hqClient'
import { exportBundle, importAnswer } from './offlineBundles'
import type { ReferenceTarget } from './referenceUpdates'
import type { SecretStore } from './secretStore'
import type { SyncEngine } from './syncEngine'
import { HqClient } from './hqClient'
import { getState, TOKEN_SECRET } from './syncState'
import { join } from 'node:path'

type SyncChannels =
  | 'sync/get-status'
  | 'sync/enrol'
  | 'sync/enrol-new-device'
  | 'sync/sync-now'
  | 'sync/list-issues'
  | 'sync/mark-issue-seen'
  | 'sync/export-bundle'
  | 'sync/import-answer'
  | 'sync/download-file'
  | 'sync/lookup-contracts'

interface IssueRow {
  id: string
  kind: SyncIssue['kind']
  entity: string
  entity_id: string
  reason_code: string
  reason_params: string
  local_data: string | null
  local_version: number | null
  winner_data: string | null
  winner_version: number | null
  changed_at: string | null
  changed_by_name: string | null
  recorded_at: string
  seen_at: string | null
}

const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as Record<string, unknown>))

export interface SyncDeps {
  /** Where bundles are saved and answers opened: the shell's dialogs (the renderer never names a path). */
  files: FileDialogs
  db: Db
  engine: SyncEngine
  secrets: SecretStore
  dataDir: string
  reference: ReferenceTarget
  blobSources: readonly BlobSource[]
  fetch?: typeof fetch
}

const bundleKind = (ctx: HandlerContext): FileKind => ({
  name: translate(ctx.locale, 'sync.view.bundleFileKind'),
  extensions: ['bdbundle'],
})

export function syncHandlers(deps: SyncDeps): HandlersOf<SyncChannels> {
  const { db, engine } = deps
  async function hqClient(): Promise<HqClient> {
    const [url, token] = [await getState(db, 'hq_url'), await deps.secrets.get(TOKEN_SECRET)]
    if (!url || !token) throw new AppError('CONFLICT', 'sync.errors.notEnrolled')
    return new HqClient({ baseUrl: url, token, ...(deps.fetch ? { fetch: deps.fetch } : {}) })
  }
  return {
    'sync/get-status': async () => engine.status(),

    'sync/enrol': async (input, ctx) => {
      await engine.enrol(input, 'existing-branch')
      await write(db, ctx.actor, 'sync.enrolled', ctx.now, (w) =>
        w.audit('sync.enrolled', null, null, null, { hqUrl: input.hqUrl, deviceName: input.deviceName }),
      )
      return engine.status()
    },

    'sync/enrol-new-device': async (input, ctx) => {
      await engine.enrol(input, 'new-device')
      await write(db, ctx.actor, 'sync.enrolled', ctx.now, (w) =>
        w.audit('sync.enrolled', null, null, null, {
          hqUrl: input.hqUrl,
          deviceName: input.deviceName,
          newDevice: true,
        }),
      )
      return engine.status()
    },

    'sync/sync-now': async () => {
      if (!(await engine.isEnrolled())) throw new AppError('CONFLICT', 'sync.errors.notEnrolled')
      const ok = await engine.syncNow()
      return { ok, status: await engine.status() }
    },

    'sync/list-issues': async (input) => {
      const { limit = 50, offset = 0 } = input ?? {}
      // Counted up to the next thousand past the page («N+» beyond); the page walks sync_issue_order_idx, which holds
      // this very order (unseen first, newest first), so neither reads the whole table nor sorts it.
      const bound = countBound(offset, limit)
      const total = await countUpTo(db, db('sync_issue'), bound)
      const rows = (await db('sync_issue as i')
        .leftJoin('staff as s', 's.id', 'i.changed_by')
        .select('i.*', 's.full_name as changed_by_name')
        .orderByRaw('i.seen_at IS NOT NULL')
        .orderBy('i.seq', 'desc')
        .limit(limit)
        .offset(offset)) as IssueRow[]
      return {
        total,
        ...(total >= bound ? { totalAtLeast: true as const } : {}),
        items: rows.map((r): SyncIssue => ({
          id: r.id,
          kind: r.kind,
          entity: r.entity,
          entityId: r.entity_id,
          reasonKey: `sync.reasons.${r.reason_code}`,
          reasonParams: JSON.parse(r.reason_params) as Record<string, string | number>,
          local: parse(r.local_data),
          localVersion: r.local_version,
          winner: parse(r.winner_data),
          winnerVersion: r.winner_version,
          changedAt: r.changed_at,
          changedByName: r.changed_by_name,
          recordedAt: r.recorded_at,
          seenAt: r.seen_at,
        })),
      }
    },

    'sync/mark-issue-seen': async (input, ctx) => {
      const n = await db('sync_issue')
        .where({ id: input.id })
        .whereNull('seen_at')
        .update({ seen_at: ctx.now.toISOString(), seen_by: ctx.actor.userId })
      if (n === 0 && !(await db('sync_issue').where({ id: input.id }).first('id')))
        throw new AppError('NOT_FOUND', 'errors.notFound')
      return { id: input.id }
    },

    'sync/export-bundle': async (_input, ctx) => {
      const bundle = await exportBundle(db, deps.secrets, deps.blobSources, ctx.now)
      const path = await deps.files.chooseSavePath(bundle.suggestedName, bundleKind(ctx))
      const summary = { changes: bundle.changes, files: bundle.files }
      if (!path) return { savedTo: null, ...summary }
      try {
        await writeFile(path, bundle.text)
      } catch {
        throw new AppError('CONFLICT', 'sync.errors.bundleWrite', { path })
      }
      await write(db, ctx.actor, 'sync.bundle-exported', ctx.now, (w) =>
        w.audit('sync.bundle-exported', null, null, null, { path, ...summary }),
      )
      return { savedTo: path, ...summary }
    },

    'sync/import-answer': async (_input, ctx) => {
      const path = await deps.files.chooseOpenPath(bundleKind(ctx))
      if (!path) return null
      const result = await importAnswer(db, deps.secrets, deps.reference, path, () => ctx.now)
      await write(db, ctx.actor, 'sync.answer-imported', ctx.now, (w) =>
        w.audit('sync.answer-imported', null, null, null, { path, ...result }),
      )
      return result
    },

    'sync/lookup-contracts': async (input) => {
      const client = await hqClient()
      try {
        return await client.lookupContracts(
          input.series ? { number: input.number, series: input.series } : { number: input.number },
        )
      } catch (e) {
        if (e instanceof HqUnreachable) throw new AppError('CONFLICT', 'sync.errors.unreachable')
        if (e instanceof HqRefused) throw new AppError('CONFLICT', 'sync.errors.refused', { code: e.code })
        throw e
      }
    },

    'sync/download-file': async (input) =>
      engine.downloadFile(input.sha256, join(deps.dataDir, 'downloads', input.sha256), 'download'),
  }
}
