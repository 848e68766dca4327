import { calculateOsagoPremium, type OsagoPremium } from '../../shared/osago/calculator'
import type { OsagoError } from '../../shared/osago/errors'
import { parseOsagoInput } from '../../shared/osago/input'
import { selectTariff } from '../../shared/osago/selectTariff'
import type { ReferenceData } from '../reference/loadReferenceData'
import { versionInForce } from '../../shared/reference/envelope'
import type { OsagoInput, OsagoInputJson } from '../../shared/osago/input'
import { countMonthsOfUse, periodRulesFor } from '../../shared/osago/monthsOfUse'
import { isCalendarDate } from '../../shared/dates/calendarDate'

/** On success, the input as parsed too: the what-if prices its alternatives from it without parsing again. */
export type PricingOutcome = { ok: true; premium: OsagoPremium; input: OsagoInput } | { ok: false; error: OsagoError }

/**
 * Prices with the tariff edition and regions file in force on the conclusion date — the same calculator the
 * `calc osago` command uses, fed from the reference data the core loaded (bundled plus HQ updates).
 */
export function priceOsago(reference: ReferenceData, raw: OsagoInputJson): PricingOutcome {
  const parsed = parseOsagoInput(raw)
  return parsed.ok ? priceParsedOsago(reference, parsed.value) : { ok: false, error: parsed.error }
}

/** `priceOsago` of an input already parsed. */
export function priceParsedOsago(reference: ReferenceData, input: OsagoInput): PricingOutcome {
  const selected = selectTariff(reference.versions['osago-tariff'], input.conclusionDate)
  if (!selected.ok) return { ok: false, error: selected.error }
  const regions = versionInForce(reference.versions.regions, input.conclusionDate)
  if (!regions) {
    return {
      ok: false,
      error: {
        kind: 'tariff',
        field: null,
        messageKey: 'osago.errors.noTariffVersion',
        params: { date: input.conclusionDate },
      },
    }
  }
  const result = calculateOsagoPremium(input, selected.tariff, regions.data)
  return result.ok ? { ok: true, premium: result.value, input } : { ok: false, error: result.error }
}

/**
 * The periods of use on their own, before anything else is filled in: a too-short or overlapping period is
 * the kind of mistake the clerk should see at once, not after the whole application is complete.
 */
export function checkPeriodsOfUse(
  reference: ReferenceData,
  raw: Pick<OsagoInputJson, 'periodsOfUse' | 'conclusionDate' | 'startDate'> & {
    owner: Pick<OsagoInputJson['owner'], 'type'>
  },
): OsagoError | null {
  const periods = raw.periodsOfUse ?? []
  if (periods.length === 0 || !isCalendarDate(raw.conclusionDate) || !isCalendarDate(raw.startDate)) return null
  if (periods.some((p) => !isCalendarDate(p.from) || !isCalendarDate(p.to))) return null
  const selected = selectTariff(reference.versions['osago-tariff'], raw.conclusionDate)
  if (!selected.ok) return null
  const counted = countMonthsOfUse(periods, periodRulesFor(selected.tariff.data.ks, raw.owner.type, raw.startDate))
  return counted.ok ? null : counted.error
}
