import { translate } from '../../shared/i18n/messages'
import { hasMessage } from '../../shared/i18n/messages'
import type { Clock } from '../app/clock'
import type { HandlersOf } from '../ipc/handlers'
import type { SessionRegistry } from '../session/api'
import type { Updater } from './updater'
import { UpdateService } from './updateService'

export interface UpdateOptions {
  /** electron-updater in the app (electron/main/updater.ts); absent in development builds and tests. */
  updater?: Updater
  /** HQ's update channel (default `stable`). */
  channel?: string
  checkEveryMs?: number
  retryAfterMs?: number
}

/** App updates as createCore wires them: the state machine and its channels. */
export function setUpUpdates(
  wiring: {
    clock: Clock
    sessions: SessionRegistry
    hq: () => Promise<{ url: string; token: string } | null>
    log?: (message: string, error?: unknown) => void
  },
  options: UpdateOptions = {},
) {
  const service = new UpdateService({
    updater: options.updater ?? null,
    clock: wiring.clock,
    channel: options.channel ?? 'stable',
    hq: wiring.hq,
    ...(options.checkEveryMs !== undefined ? { checkEveryMs: options.checkEveryMs } : {}),
    ...(options.retryAfterMs !== undefined ? { retryAfterMs: options.retryAfterMs } : {}),
    ...(wiring.log ? { log: wiring.log } : {}),
  })
  // A window that closed or signed out holds nothing back.
  const isLive = (clientId: string) => wiring.sessions.get(clientId) !== undefined
  const handlers: HandlersOf<
    'update/get-status' | 'update/report-unsaved-forms' | 'update/check-now' | 'update/install-now'
  > = {
    'update/get-status': async () => service.status(isLive),
    'update/report-unsaved-forms': async (input, ctx) => ({ count: service.reportUnsaved(ctx.clientId, input.forms) }),
    'update/check-now': async () => service.checkNow(),
    'update/install-now': async (_input, ctx) => {
      service.install({
        isLive,
        describe: (forms) =>
          [...new Set(forms.map((f) => f.kind))]
            .map((kind) =>
              hasMessage(ctx.locale, `update.forms.${kind}`) ? translate(ctx.locale, `update.forms.${kind}`) : kind,
            )
            .join(', '),
      })
      return { installing: true }
    },
  }
  return { service, handlers }
}
