/**
 * Test fixtures: the bundled tariff editions and regions file, parsed by their schemas, and a valid input to vary.
 * Only tests import this module.
 */
import regionsJson from '../../resources/reference/regions.json'
import tariff6209Json from '../../resources/tariffs/osago/2022-09-13_6209-U.json'
import tariff7204Json from '../../resources/tariffs/osago/2025-12-09_7204-U.json'
import { regionsFileSchema } from '../reference/regions'
import type { OsagoInput } from './input'
import { osagoTariffFileSchema } from './tariffSchema'

export const regions = regionsFileSchema.parse(regionsJson).data
export const tariff6209 = osagoTariffFileSchema.parse(tariff6209Json)
export const tariff7204 = osagoTariffFileSchema.parse(tariff7204Json)
export const tariffs = [tariff6209, tariff7204]

/** A 40-year-old with 20 years' experience, class 4 (KBM 1.00), 100 hp, Kaluga (KT 1.16), whole year, 6209-U. */
export function baseInput(overrides: Partial<OsagoInput> = {}): OsagoInput {
  return {
    conclusionDate: '2024-03-01',
    startDate: '2024-03-05',
    vehicle: { category: 'B', powerHp: 100, usedWithTrailer: false, registeredIn: 'RU' },
    owner: { type: 'individual', region: 'Калужская область', city: 'Калуга', kbmClass: '4' },
    drivers: [{ birthDate: '1984-01-10', licenseSince: '2004-01-10', kbmClass: '4' }],
    grossViolations: false,
    ...overrides,
  }
}
