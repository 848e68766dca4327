import type { FiscalSettings, RegisterCheck } from '../../shared/fiscal/contract'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlersOf } from '../ipc/handlers'
import { fiscalRegisterFor, type FiscalRegister } from './api'
import { FiscalError } from './fiscalError'
import { readFiscalSettings, saveFiscalSettings } from './fiscalSettings'

type RegisterFor = (settings: FiscalSettings) => FiscalRegister | null

/** The admin's register settings and «Проверить кассу». `registerFor` is the driver factory (a test may slow it). */
export function fiscalHandlers(
  db: Db,
  registerFor: RegisterFor = fiscalRegisterFor,
): HandlersOf<'fiscal/get-settings' | 'fiscal/set-settings' | 'fiscal/check-register'> {
  return {
    'fiscal/get-settings': async () => readFiscalSettings(db),
    'fiscal/set-settings': async (input, ctx) =>
      write(db, ctx.actor, 'fiscal.settings-updated', ctx.now, async (w) => {
        const before = await readFiscalSettings(w.trx)
        await saveFiscalSettings(w.trx, input)
        await w.audit('fiscal.settings-updated', null, null, before, input)
        return input
      }),
    'fiscal/check-register': async (input) =>
      checkRegister(input?.settings ?? (await readFiscalSettings(db)), registerFor),
  }
}

async function checkRegister(settings: FiscalSettings, registerFor: RegisterFor): Promise<RegisterCheck> {
  const register = registerFor(settings)
  const none = { shiftOpen: null, shiftNumber: null, shiftExpired: null }
  if (!register) return { driver: 'none', connected: false, ...none, error: null }
  try {
    const s = await register.status()
    return {
      driver: settings.driver,
      connected: true,
      shiftOpen: s.shiftOpen,
      shiftNumber: s.shiftNumber,
      shiftExpired: s.expired ?? false,
      error: null,
    }
  } catch (e) {
    if (!(e instanceof FiscalError)) throw e
    return { driver: settings.driver, connected: false, ...none, error: { key: e.messageKey, params: e.params } }
  }
}
