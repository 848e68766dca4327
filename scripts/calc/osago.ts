/**
 * `npm run --silent calc -- osago <input.json>`: the OSAGO premium computed by the same shared calculator, tariff
 * editions and regions file the app uses. Prints `{ premiumKopecks, uncappedPremiumKopecks, ceilingApplied,
 * coefficients, tariffVersion }`: the premium is capped by the ceiling of 40-FZ art. 9 p. 2, the uncapped product
 * is beside it. Unverified values used in the calculation are listed on stderr.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CalcInputError, type CalcContext } from './context'
import { readResource } from '../../core/reference/readResource'
import { regionsFileSchema } from '../../shared/reference/regions'
import { calculateOsagoPremium, type CoefficientCode } from '../../shared/osago/calculator'
import type { OsagoError } from '../../shared/osago/errors'
import { parseOsagoInput } from '../../shared/osago/input'
import { selectTariff } from '../../shared/osago/selectTariff'
import { osagoTariffFileSchema, type OsagoTariff } from '../../shared/osago/tariffSchema'
import en from '../../shared/i18n/en/osago'

export interface OsagoCalcOutput {
  /** What the client pays: TB × every coefficient, but never above the ceiling (40-FZ art. 9 p. 2). */
  premiumKopecks: number
  /** TB × every coefficient, before the ceiling. */
  uncappedPremiumKopecks: number
  /** True when the product exceeded the ceiling and premiumKopecks is the ceiling. */
  ceilingApplied: boolean
  /** `tb` is the base rate in roubles (e.g. 7000); the others are dimensionless coefficients (e.g. 1.17). */
  coefficients: Record<CoefficientCode, number>
  tariffVersion: string
}

/** Every OSAGO tariff edition bundled under resources/tariffs/osago, validated. */
export function loadOsagoTariffs(resourcesDir: string): OsagoTariff[] {
  const dir = join(resourcesDir, 'tariffs', 'osago')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readResource(join(dir, f), osagoTariffFileSchema))
}

export function run(input: unknown, ctx: CalcContext): OsagoCalcOutput {
  const parsed = parseOsagoInput(input)
  if (!parsed.ok) fail(parsed.error)
  const request = parsed.value
  const selected = selectTariff(loadOsagoTariffs(ctx.resourcesDir), request.conclusionDate)
  if (!selected.ok) fail(selected.error)
  const regions = readResource(join(ctx.resourcesDir, 'reference', 'regions.json'), regionsFileSchema)
  const result = calculateOsagoPremium(request, selected.tariff, regions.data)
  if (!result.ok) fail(result.error)
  const { premiumKopecks, uncappedPremiumKopecks, ceilingApplied, coefficients, tariffVersion, warnings } = result.value
  if (warnings.length > 0) {
    process.stderr.write(
      `warning: ${warnings.length} unverified tariff values used:\n${warnings.map((w) => `  ${w.sourceRow}\n`).join('')}`,
    )
  }
  return { premiumKopecks, uncappedPremiumKopecks, ceilingApplied, coefficients, tariffVersion }
}

function fail(error: OsagoError): never {
  const text = englishText(error.messageKey, error.params)
  if (error.kind === 'input') throw new CalcInputError(error.field ?? '(input)', text)
  throw new Error(text)
}

type Tree = { readonly [key: string]: string | Tree }

/** The support CLI speaks English; the key is kept so a message can be traced to its Russian text. */
export function englishText(key: string, params: Record<string, string | number>): string {
  let node: string | Tree | undefined = en as Tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  if (typeof node !== 'string') return key
  const text = node.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
  return `${text} (${key})`
}
