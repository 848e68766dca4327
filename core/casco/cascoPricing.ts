import type { z } from 'zod'
import { CascoQuoteError } from '../../shared/casco/errors'
import { cascoQuoteInputSchema, type CascoQuoteInput } from '../../shared/casco/quoteInput'
import { quoteCasco, type CascoQuoteContext } from '../../shared/casco/quote'
import type { CascoQuote } from '../../shared/casco/quoteTypes'
import { cascoInstalmentsInForce } from '../../shared/casco/schedule'
import type { CascoTariff } from '../../shared/casco/tariffSchema'
import { versionInForce } from '../../shared/reference/envelope'
import { zodIssuesToFieldErrors, zodIssuesToFieldParams } from '../../shared/validation/fieldErrors'
import type { ReferenceData } from '../reference/loadReferenceData'

/**
 * The engine fed from the reference data the core loaded (bundled plus HQ updates): the tariff, programs,
 * catalogue and regions in force on the quote date, the instalment rules in force on the first payment date.
 */
export type CascoPricing =
  | { ok: true; input: CascoQuoteInput; quote: CascoQuote }
  /**
   * `fields`: every input problem by engine path (dotted), `params` their messages' placeholders by the same paths;
   * `first` is the one to show in the live panel.
   */
  | {
      ok: false
      kind: 'input' | 'tariff'
      first: { field: string | null; messageKey: string; params: Record<string, string | number> }
      fields: Record<string, string>
      params: Record<string, Record<string, string | number>>
    }

export function cascoContext(
  reference: ReferenceData,
  quoteDate: string,
  firstPaymentDate: string,
): { tariff: CascoTariff; ctx: CascoQuoteContext } {
  const missing = (kind: string, date: string) =>
    new CascoQuoteError('tariff', null, 'casco.errors.tableValueMissing', { version: '—', table: kind, key: date })
  const tariff = versionInForce(reference.versions['casco-tariff'], quoteDate)
  const programs = versionInForce(reference.versions['casco-programs'], quoteDate)
  const catalog = versionInForce(reference.versions['vehicle-catalog'], quoteDate)
  const regions = versionInForce(reference.versions.regions, quoteDate)
  if (!tariff) throw missing('casco-tariff', quoteDate)
  if (!programs) throw missing('casco-programs', quoteDate)
  if (!catalog) throw missing('vehicle-catalog', quoteDate)
  if (!regions) throw missing('regions', quoteDate)
  let instalments
  try {
    instalments = cascoInstalmentsInForce(reference.versions['casco-instalments'], firstPaymentDate).data
  } catch {
    throw missing('casco-instalments', firstPaymentDate)
  }
  return { tariff, ctx: { vehicles: catalog.data, regions: regions.data, programs, instalments } }
}

type Issue = z.core.$ZodIssue

/**
 * "Drivers: a list or unlimited" says nothing useful when one listed driver lacks a field: a union whose one
 * branch failed inside (a path below the union) reports that branch's issues instead, at their full paths.
 */
function specific(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union') return [issue]
  const inner = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0))
  return inner ? inner.flatMap((i) => specific({ ...i, path: [...issue.path, ...i.path] } as Issue)) : [issue]
}

export function priceCasco(reference: ReferenceData, raw: unknown): CascoPricing {
  const parsed = cascoQuoteInputSchema.safeParse(raw, { reportInput: true })
  if (!parsed.success) {
    const error = { issues: parsed.error.issues.flatMap(specific) }
    const fields = zodIssuesToFieldErrors(error)
    const params = zodIssuesToFieldParams(error)
    const [field, messageKey] = Object.entries(fields)[0]!
    return { ok: false, kind: 'input', first: { field, messageKey, params: params[field] ?? {} }, fields, params }
  }
  const input = parsed.data
  try {
    const { tariff, ctx } = cascoContext(reference, input.quoteDate, input.firstPaymentDate)
    return { ok: true, input, quote: quoteCasco(input, tariff, ctx) }
  } catch (e) {
    if (!(e instanceof CascoQuoteError)) throw e
    const field = e.field?.replace(/\[(\d+)\]/g, '.$1') ?? null
    return {
      ok: false,
      kind: e.kind,
      first: { field, messageKey: e.messageKey, params: e.params },
      fields: field ? { [field]: e.messageKey } : {},
      params: field ? { [field]: e.params } : {},
    }
  }
}
