import { contract, isChannel, type Channel } from '../../shared/contract'
import type { ChannelDef } from '../../shared/contract/channel'
import { fail, ok, type ErrorCode, type Result } from '../../shared/contract/result'
import { translate } from '../../shared/i18n/messages'
import type { SessionUser } from '../../shared/session/contract'
import { AppError } from '../app/appError'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { SessionRegistry } from '../session/api'
import { readSecurity } from '../settings/api'
import { findStaffById, toSessionUser } from '../staff/api'
import type { HandlerContext, Handlers } from './handlers'
import { zodIssuesToFieldErrors, zodIssuesToFieldParams } from '../../shared/validation/fieldErrors'

/** Where a call came from, as the transport (ipcMain or the E2E binding) saw it. */
export interface CallOrigin {
  clientId: string
  senderUrl: string
  isMainFrame: boolean
}

export interface DispatchDeps {
  db: Db
  clock: Clock
  sessions: SessionRegistry
  handlers: Handlers
  /** Only the app's own page may call: app://branch-desk in production, the local preview server in E2E. */
  isTrustedUrl: (url: string) => boolean
  log?: (message: string, error?: unknown) => void
}

/** Bigger than any form; photos travel as files, never as IPC payloads. */
export const MAX_PAYLOAD_CHARS = 2_000_000

/** Calls that do not count as user activity (status polling must not keep an idle session alive). */
const PASSIVE: ReadonlySet<Channel> = new Set<Channel>(['app/get-status', 'session/get-session', 'sync/get-status'])
/** What a user who must change their password may still do. */
const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<Channel> = new Set<Channel>([
  'session/change-password',
  'session/sign-out',
  'session/get-session',
  'session/lock-screen',
  'session/unlock-screen',
  'session/report-activity',
  'app/get-status',
  'app/set-locale',
])

export type Dispatch = (channel: unknown, input: unknown, origin: CallOrigin) => Promise<Result<unknown>>

/**
 * The single entry point of the core. For every call: known channel → trusted sender → size → session (idle lock,
 * disabled user) → role → input schema → handler. Access comes before the schema so that a caller who may not call a
 * channel learns nothing about its input (a signed-out caller gets UNAUTHENTICATED, a wrong role FORBIDDEN, never
 * field errors). Whatever happens, it returns a Result and never throws.
 */
export function createDispatch(deps: DispatchDeps): Dispatch {
  const { db, clock, sessions, handlers } = deps

  return async (channel, input, origin) => {
    const locale = sessions.locale(origin.clientId)
    const error = (
      code: ErrorCode,
      key: string,
      params: Record<string, string | number> = {},
      fieldErrors?: Record<string, string>,
      fieldParams?: Record<string, Record<string, string | number>>,
    ) => fail(code, translate(locale, key, params), fieldErrors, fieldParams)
    try {
      if (!isChannel(channel)) return error('UNKNOWN_CHANNEL', 'errors.unknownChannel')
      if (!origin.isMainFrame || !deps.isTrustedUrl(origin.senderUrl)) return error('BAD_SENDER', 'errors.badSender')
      if (payloadSize(input) > MAX_PAYLOAD_CHARS) return error('PAYLOAD_TOO_LARGE', 'errors.payloadTooLarge')

      const def = contract[channel] as ChannelDef
      const now = clock.now()
      const user = await resolveUser(origin.clientId, now)
      const session = def.access !== 'public' ? sessions.get(origin.clientId) : undefined
      if (def.access !== 'public') {
        if (!user || !session) return error('UNAUTHENTICATED', 'errors.unauthenticated')
        if (session.locked && !def.whileLocked) return error('SESSION_LOCKED', 'errors.sessionLocked')
        if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(channel)) {
          return error('FORBIDDEN', 'errors.mustChangePassword')
        }
        if (Array.isArray(def.access) && !def.access.includes(user.role)) {
          await write(db, { userId: user.id, login: user.login }, 'security.forbidden', now, (w) =>
            w.audit('security.forbidden', null, null, null, { channel, role: user.role }),
          )
          return error('FORBIDDEN', 'errors.forbidden')
        }
      }

      // Only a caller allowed on the channel reaches the schema (and its field errors).
      const parsed = def.input.safeParse(input, { reportInput: true })
      if (!parsed.success) {
        const { error: issues } = parsed
        return error(
          'VALIDATION',
          'errors.validation',
          {},
          zodIssuesToFieldErrors(issues),
          zodIssuesToFieldParams(issues),
        )
      }
      // A well-formed call is user activity; a rejected one is not (as before the reorder).
      if (session && !PASSIVE.has(channel) && !session.locked) session.lastActivityMs = now.getTime()

      const ctx: HandlerContext = {
        clientId: origin.clientId,
        locale,
        user: user ? { id: user.id, login: user.login, fullName: user.fullName, role: user.role } : null,
        actor: user ? { userId: user.id, login: user.login } : { userId: null, login: null },
        now,
      }
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
      return ok(await handler(parsed.data, ctx))
    } catch (e) {
      if (e instanceof AppError) return error(e.code, e.messageKey, e.params, e.fieldErrors, e.fieldParams)
      deps.log?.(`call ${String(channel)} failed`, e)
      return error('INTERNAL', 'errors.internal')
    }
  }

  /**
   * The signed-in user as the database has them now: a user disabled by the admin loses the session at once,
   * and an idle session locks itself even if the renderer's timer never fired.
   */
  async function resolveUser(
    clientId: string,
    now: Date,
  ): Promise<(SessionUser & { mustChangePassword: boolean }) | null> {
    const session = sessions.get(clientId)
    if (!session) return null
    const row = await findStaffById(db, session.userId)
    if (!row || !row.active) {
      sessions.end(clientId)
      return null
    }
    if (!session.locked) {
      const { idleLockMinutes } = await readSecurity(db)
      if (now.getTime() - session.lastActivityMs > idleLockMinutes * 60_000) {
        session.locked = true
        await write(db, { userId: row.id, login: row.login }, 'session.locked', now, (w) =>
          w.audit('session.locked', 'staff', row.id, null, { reason: 'idle-core' }),
        )
      }
    }
    return { ...toSessionUser(row), mustChangePassword: Boolean(row.must_change_password) }
  }
}

/** Size of a payload as JSON, without choking on cycles or exotic values (those fail validation anyway). */
function payloadSize(input: unknown): number {
  if (input === undefined) return 0
  try {
    return JSON.stringify(input)?.length ?? 0
  } catch {
    return 0
  }
}
