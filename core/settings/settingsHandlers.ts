import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlersOf } from '../ipc/handlers'
import { readSecurity, writeSecurity } from './securitySettings'

export function settingsHandlers(db: Db): HandlersOf<'settings/get-security' | 'settings/update-security'> {
  return {
    'settings/get-security': async () => readSecurity(db),
    'settings/update-security': async (input, ctx) => {
      const { rowVersion, ...next } = input
      return write(db, ctx.actor, 'settings.security-updated', ctx.now, (w) => writeSecurity(w, next, rowVersion))
    },
  }
}
