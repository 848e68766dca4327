/**
 * `npm run --silent calc -- casco <input.json>`: the CASCO quote made by the same shared engine, bundled tariff,
 * programs file, instalment rules and catalogues the app uses. Prints the whole quote — every option's components,
 * factors, programs with their unmet conditions, schedule, GAP table, VIP status, total-loss threshold and the
 * underwriting checks that fire — with an English `text` beside each message key. Unverified values go to stderr.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CalcInputError, type CalcContext } from './context'
import { readResource } from '../../core/reference/readResource'
import { regionsFileSchema } from '../../shared/reference/regions'
import { vehicleCatalogFileSchema } from '../../shared/reference/vehicles'
import { CascoQuoteError } from '../../shared/casco/errors'
import { cascoProgramsFileSchema, selectCascoPrograms } from '../../shared/casco/programsSchema'
import { quoteCasco } from '../../shared/casco/quote'
import { parseCascoQuoteInput } from '../../shared/casco/quoteInput'
import { cascoInstalmentsFileSchema, cascoInstalmentsInForce } from '../../shared/casco/schedule'
import { cascoTariffFileSchema, selectCascoTariff, type CascoTariff } from '../../shared/casco/tariffSchema'
import { translate } from '../../shared/i18n/messages'

/** Every CASCO tariff edition bundled under resources/tariffs/casco, validated. */
export function loadCascoTariffs(resourcesDir: string): CascoTariff[] {
  const dir = join(resourcesDir, 'tariffs', 'casco')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readResource(join(dir, f), cascoTariffFileSchema))
}

export function run(input: unknown, ctx: CalcContext): unknown {
  try {
    const request = parseCascoQuoteInput(input)
    const tariff = selectCascoTariff(loadCascoTariffs(ctx.resourcesDir), request.quoteDate)
    if (!tariff)
      throw new CascoQuoteError('tariff', 'quoteDate', 'casco.errors.noTariffVersion', { date: request.quoteDate })
    const programsFile = readResource(join(ctx.resourcesDir, 'rules', 'casco-programs.json'), cascoProgramsFileSchema)
    const programs = selectCascoPrograms([programsFile], request.quoteDate)
    if (!programs)
      throw new CascoQuoteError('tariff', 'quoteDate', 'casco.errors.noProgramsVersion', { date: request.quoteDate })
    const instalments = readResource(
      join(ctx.resourcesDir, 'rules', 'casco-instalments.json'),
      cascoInstalmentsFileSchema,
    )
    const quote = quoteCasco(request, tariff, {
      vehicles: readResource(join(ctx.resourcesDir, 'reference', 'vehicles.json'), vehicleCatalogFileSchema).data,
      regions: readResource(join(ctx.resourcesDir, 'reference', 'regions.json'), regionsFileSchema).data,
      programs,
      instalments: cascoInstalmentsInForce([instalments], request.firstPaymentDate).data,
    })
    for (const option of quote.options) {
      for (const w of option.warnings)
        process.stderr.write(`warning: option ${option.index}: ${translate('en', w.key, w.params)}\n`)
    }
    return withTexts(quote)
  } catch (e) {
    if (e instanceof CascoQuoteError) {
      const text = `${translate('en', e.messageKey, e.params)} (${e.messageKey})`
      if (e.kind === 'input') throw new CalcInputError(e.field ?? '(input)', text)
      throw new Error(text)
    }
    throw e
  }
}

/** Adds the English text beside every message reference `{ key, params }`, so the output reads on its own. */
function withTexts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withTexts)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).map(([k, v]) => [k, withTexts(v)] as const)
  const obj = Object.fromEntries(entries) as Record<string, unknown>
  if (
    typeof obj.key === 'string' &&
    obj.key.startsWith('casco.') &&
    typeof obj.params === 'object' &&
    obj.params !== null
  ) {
    return { ...obj, text: translate('en', obj.key, obj.params as Record<string, string | number>) }
  }
  return obj
}
