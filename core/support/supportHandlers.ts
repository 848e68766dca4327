import { writeFile } from 'node:fs/promises'
import { translate } from '../../shared/i18n/messages'
import { todayIn } from '../../shared/dates/calendarDate'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { FileDialogs } from '../files/fileDialogs'
import type { HandlersOf } from '../ipc/handlers'
import { loadSharp } from '../photos/imageProcessing'
import { getState } from '../sync/api'
import { collectDiagnostics, zipDiagnostics } from './diagnostics'

export interface SupportDeps {
  db: Db
  files: FileDialogs
  appVersion: string
  referenceVersions: (today: string) => Record<string, string | null>
  logsDir?: string
  crashDumpsDir?: string
}

/** «Сохранить диагностику» (admin): the archive is written where the admin chooses; the page never names a path. */
export function supportHandlers(deps: SupportDeps): HandlersOf<'settings/save-diagnostics'> {
  return {
    'settings/save-diagnostics': async (_input, ctx) => {
      const files = await collectDiagnostics({
        db: deps.db,
        appVersion: deps.appVersion,
        referenceVersions: deps.referenceVersions(todayIn(BRANCH_TIME_ZONE, ctx.now)),
        logsDir: deps.logsDir,
        crashDumpsDir: deps.crashDumpsDir,
        imageLibrary: () =>
          loadSharp().then(
            () => 'ok',
            (e: unknown) => `unavailable: ${String((e as { cause?: unknown }).cause ?? e)}`,
          ),
        now: ctx.now,
      })
      const branch = (await getState(deps.db, 'branch_code')) ?? 'branch'
      const stamp = ctx.now.toISOString().slice(0, 16).replace(/[-:]/gu, '').replace('T', '-')
      const suggested = `branch-desk-diagnostics-${branch.replace(/[^\w-]/gu, '')}-${stamp}.zip`
      const path = await deps.files.chooseSavePath(suggested, {
        name: translate(ctx.locale, 'support.diagnostics.fileKind'),
        extensions: ['zip'],
      })
      const entries = Object.keys(files)
      if (!path) return { savedTo: null, entries }
      try {
        await writeFile(path, zipDiagnostics(files, ctx.now))
      } catch {
        throw new AppError('CONFLICT', 'support.diagnostics.writeFailed', { path })
      }
      await write(deps.db, ctx.actor, 'support.diagnostics-saved', ctx.now, (w) =>
        w.audit('support.diagnostics-saved', null, null, null, { path, entries: entries.length }),
      )
      return { savedTo: path, entries }
    },
  }
}
