/**
 * Test fixtures: the bundled CASCO tariff, programs, instalment rules and catalogues parsed by their schemas, and a
 * valid quote input to vary. Only tests import this module.
 */
import instalmentsJson from '../../resources/rules/casco-instalments.json'
import programsJson from '../../resources/rules/casco-programs.json'
import regionsJson from '../../resources/reference/regions.json'
import tariffJson from '../../resources/tariffs/casco/2022-01-01_example.json'
import vehiclesJson from '../../resources/reference/vehicles.json'
import { regionsFileSchema } from '../reference/regions'
import { vehicleCatalogFileSchema } from '../reference/vehicles'
import { cascoProgramsFileSchema } from './programsSchema'
import { quoteCasco, type CascoQuoteContext } from './quote'
import { cascoQuoteInputSchema, type CascoQuoteInput, type CascoQuoteInputJson } from './quoteInput'
import type { CascoQuote } from './quoteTypes'
import { cascoInstalmentsFileSchema } from './schedule'
import { cascoTariffFileSchema, type CascoTariff } from './tariffSchema'

export const tariff = cascoTariffFileSchema.parse(tariffJson)
export const programs = cascoProgramsFileSchema.parse(programsJson)
export const ctx: CascoQuoteContext = {
  vehicles: vehicleCatalogFileSchema.parse(vehiclesJson).data,
  regions: regionsFileSchema.parse(regionsJson).data,
  programs,
  instalments: cascoInstalmentsFileSchema.parse(instalmentsJson).data,
}

/**
 * A used 2022 Kia Rio (theft-prone, foreign, class B-economy at 1.2 M RUB) in Kaluga region (other regions),
 * one 35-year-old male driver with 12 years' experience, quoted on 2026-03-02; one Damage + Theft option.
 */
export function baseInput(overrides: Partial<CascoQuoteInputJson> = {}): CascoQuoteInputJson {
  return {
    quoteDate: '2026-03-02',
    firstPaymentDate: '2026-03-02',
    vehicle: {
      model: { modelId: 'kia-rio' },
      category: 'B',
      year: 2022,
      marketValueKopecks: 120_000_000,
      newCar: false,
      mileageKm: 40_000,
      antiTheft: ['alarm'],
    },
    owner: { type: 'individual', region: 'Калужская область', city: 'Калуга' },
    drivers: [{ age: 35, experienceYears: 12, gender: 'male' }],
    sumInsuredKopecks: 120_000_000,
    options: [{ risks: 'damageTheft', settlement: 'dealer' }],
    ...overrides,
  }
}

export function parse(json: CascoQuoteInputJson): CascoQuoteInput {
  return cascoQuoteInputSchema.parse(json)
}

export function quote(json: CascoQuoteInputJson, t: CascoTariff = tariff, c: CascoQuoteContext = ctx): CascoQuote {
  return quoteCasco(parse(json), t, c)
}
