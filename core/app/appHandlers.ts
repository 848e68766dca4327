import type { AppStatus, BranchInfo } from '../../shared/app/contract'
import type { Db } from '../db/openDatabase'
import type { HandlersOf } from '../ipc/handlers'
import type { SessionRegistry } from '../session/api'

export interface AppInfo {
  appVersion: string
  referenceVersions: () => Record<string, string | null>
  /** Enrolment with HQ (core/sync). */
  hq: () => Promise<AppStatus['hq']>
  timeZone: string
  now: () => Date
}

export function appHandlers(
  db: Db,
  sessions: SessionRegistry,
  info: AppInfo,
): HandlersOf<'app/get-status' | 'app/set-locale'> {
  return {
    'app/get-status': async (): Promise<AppStatus> => {
      const branch = (await db('branch').first()) as (BranchInfo & Record<string, unknown>) | undefined
      return {
        firstRun: !branch,
        branch: branch ? { id: branch.id, code: branch.code, name: branch.name, city: branch.city } : null,
        hq: await info.hq(),
        appVersion: info.appVersion,
        referenceVersions: info.referenceVersions(),
        timeZone: info.timeZone,
        now: info.now().toISOString(),
      }
    },
    'app/set-locale': async (input, ctx) => {
      sessions.setLocale(ctx.clientId, input.locale)
      return { locale: input.locale }
    },
  }
}
