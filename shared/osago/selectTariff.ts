import { versionInForce } from '../reference/envelope'
import type { OsagoError } from './errors'
import type { OsagoTariff } from './tariffSchema'

/** The tariff edition in force on the contract's conclusion date (product decision); its version goes on the contract. */
export function selectTariff(
  versions: readonly OsagoTariff[],
  conclusionDate: string,
): { ok: true; tariff: OsagoTariff } | { ok: false; error: OsagoError } {
  const tariff = versionInForce(versions, conclusionDate)
  if (tariff) return { ok: true, tariff }
  return {
    ok: false,
    error: {
      kind: 'tariff',
      field: 'conclusionDate',
      messageKey: 'osago.errors.noTariffVersion',
      params: { date: conclusionDate },
    },
  }
}
