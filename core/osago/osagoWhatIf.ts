import { draftToPremiumInput, type OsagoDraft } from '../../shared/osago/draft'
import type { OsagoInput } from '../../shared/osago/input'
import { selectTariff } from '../../shared/osago/selectTariff'
import { osagoWhatIf, type OsagoWhatIf } from '../../shared/osago/whatIf'
import type { ReferenceData } from '../reference/loadReferenceData'
import { checkPeriodsOfUse, priceOsago, priceParsedOsago } from './osagoPricing'

/**
 * The live quote's premium of a draft, exactly as `osago/quote-premium` prices it (periods checked first, then the
 * calculator), or null where the quote would refuse it.
 */
export function quotedPremium(reference: ReferenceData, draft: OsagoDraft): number | null {
  const input = draftToPremiumInput(draft)
  if (checkPeriodsOfUse(reference, input)) return null
  const outcome = priceOsago(reference, input)
  return outcome.ok ? outcome.premium.premiumKopecks : null
}

/** `quotedPremium` of an input already parsed: the same checks and calculator, without the parse. */
function quotedParsedPremium(reference: ReferenceData, input: OsagoInput): number | null {
  if (checkPeriodsOfUse(reference, input)) return null
  const outcome = priceParsedOsago(reference, input)
  return outcome.ok ? outcome.premium.premiumKopecks : null
}

/**
 * The what-if alternatives beside a quote that priced (decision 110): each by the same pricing as the quote, from
 * the input the quote parsed (`input`, the draft's).
 */
export function quoteWhatIf(
  reference: ReferenceData,
  draft: OsagoDraft,
  input: OsagoInput,
  premiumKopecks: number,
): OsagoWhatIf[] {
  const selected = selectTariff(reference.versions['osago-tariff'], draft.contract.conclusionDate)
  if (!selected.ok) return []
  return osagoWhatIf(draft, input, premiumKopecks, {
    tariff: selected.tariff,
    price: (i) => quotedParsedPremium(reference, i),
  })
}
