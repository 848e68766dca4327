import { draftToQuoteInput, type CascoDraft } from '../../shared/casco/draft'
import type { CascoQuote } from '../../shared/casco/quoteTypes'
import { cascoWhatIf, type CascoWhatIf } from '../../shared/casco/whatIf'
import type { ReferenceData } from '../reference/loadReferenceData'
import { cascoContext, priceCasco } from './cascoPricing'

/**
 * One column of a draft priced exactly as `casco/preview-quote` prices the whole draft (the same input, the same
 * engine), alone: its schedule total, or null where the engine refuses it or the column may not be sold.
 */
export function quotedColumnTotal(reference: ReferenceData, draft: CascoDraft, option: number): number | null {
  const input = draftToQuoteInput(draft)
  const column = input.options[option]
  if (!column) return null
  const priced = priceCasco(reference, { ...input, options: [column] })
  const quoted = priced.ok ? priced.quote.options[0] : undefined
  return quoted?.eligible ? quoted.schedule.totalKopecks : null
}

/** The what-if alternatives of every column beside a live quote that priced (decision 110). */
export function quoteWhatIf(reference: ReferenceData, draft: CascoDraft, quote: CascoQuote): CascoWhatIf[] {
  const input = draftToQuoteInput(draft)
  let tariff
  try {
    tariff = cascoContext(reference, input.quoteDate, input.firstPaymentDate).tariff
  } catch {
    return []
  }
  return cascoWhatIf(
    draft,
    quote.options.map((o) => o.schedule.totalKopecks),
    { tariff, price: (d, option) => quotedColumnTotal(reference, d, option) },
  )
}
