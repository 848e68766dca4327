import { formatDateRu, formatTypedDateTime } from '@shared/dates/typedDate'
import { formatMomentDateRu, formatMomentRu, formatMomentTime } from '@shared/dates/instant'
import { formatRubles } from '@shared/money/format'

/**
 * The renderer's one formatter of dates, times, money and numbers (issue 14). Every date reads ДД.ММ.ГГГГ and every
 * time ЧЧ:ММ (24 h) in both languages — the documents and the data at the counter are Russian, so the English UI
 * shows them the same way; moments are on the branch's clock. Screens use `useFormat()` (composables/useFormat.ts,
 * these functions bound to the branch's zone and the UI language); plain modules call these. format.test.ts fails on
 * a toLocale*, toFixed, Intl formatter or vue-i18n `d()` anywhere else in renderer/src, so nothing bypasses it.
 */

export const DASH = '—'

/** `YYYY-MM-DD` → ДД.ММ.ГГГГ; a dash for none. */
export function dateText(value: string | null | undefined): string {
  return value ? formatDateRu(value) : DASH
}

/** A local `YYYY-MM-DDTHH:MM` (an inspection's time, as typed) → ДД.ММ.ГГГГ ЧЧ:ММ; a dash for none. */
export function localDateTimeText(value: string | null | undefined): string {
  return value ? formatTypedDateTime(value) : DASH
}

/** A moment (ISO instant or Date) → ДД.ММ.ГГГГ ЧЧ:ММ on the clock of `timeZone`; '' for none. */
export function momentText(value: string | Date | null | undefined, timeZone: string | undefined): string {
  return value ? formatMomentRu(value, timeZone) : ''
}

/** A moment's day → ДД.ММ.ГГГГ on the clock of `timeZone`; '' for none. */
export function momentDateText(value: string | Date | null | undefined, timeZone: string | undefined): string {
  return value ? formatMomentDateRu(value, timeZone) : ''
}

/** A moment's time → ЧЧ:ММ, or ЧЧ:ММ:СС with `seconds`, on the clock of `timeZone`; '' for none. */
export function timeText(value: string | Date | null | undefined, timeZone: string | undefined, seconds = false) {
  return value ? formatMomentTime(value, timeZone, seconds) : ''
}

/** A number in the language's way (1 234,5 / 1,234.5) with at most `maxFractionDigits` decimals. */
export function numberText(value: number, locale: string, maxFractionDigits = 20, grouping = true): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
    maximumFractionDigits: maxFractionDigits,
    useGrouping: grouping,
  }).format(value)
}

/**
 * A message's parameters with the quantities among them (`keys`: counts, sizes) written as the language writes them
 * («1 234», not «1234») — for parameters that arrive as data (a sync refusal's, an import's counts). Only the named
 * ones: a blank or version number is a number too and must stay as it is (decision 84).
 */
export function numberParams<P extends object>(
  params: P,
  keys: readonly string[],
  locale: string,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && keys.includes(k) ? numberText(v, locale) : v]),
  )
}

/** Kopecks → «1 234,56 ₽» (Russian) or «₽1,234.56» (English); a dash for none. */
export function moneyText(kopecks: number | null | undefined, locale: string): string {
  return kopecks === null || kopecks === undefined ? DASH : formatRubles(kopecks, locale === 'en' ? 'en' : 'ru')
}

/** The computer's own IANA zone (a default before the branch's is known), not a display. */
export function computerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}
