import { formatDateRu } from '../print/format'
import type { LatePayoutResult } from './latePenalty'

/** An i18n key with its parameters: the screens translate it, the printed documents always in Russian. */
export interface LateLine {
  key: string
  params: Record<string, string | number>
}

/**
 * The periods of a late payout as the screens and the calculation sheet write them: days, the rate, for GK RF art.
 * 395 interest the year's day count; a period past the key-rate table's `knownUntil` carries the flag.
 */
export function latePayoutSegmentLines(
  l: Pick<LatePayoutResult, 'segments' | 'keyRatesKnownUntil'>,
  lang: 'ru' | 'en',
): LateLine[][] {
  const percent = (p: string) => (lang === 'ru' ? p.replace('.', ',') : p)
  return l.segments.map((s) => {
    const line: LateLine = {
      key: `termination.latePayout.segment.${s.daysInYear === null ? 'penalty' : 'interest'}`,
      params: {
        from: formatDateRu(s.from),
        to: formatDateRu(s.to),
        days: s.days,
        percent: percent(s.percent),
        daysInYear: s.daysInYear ?? '',
      },
    }
    return s.beyondKnown && l.keyRatesKnownUntil
      ? [
          line,
          {
            key: 'termination.latePayout.segment.beyondKnown',
            params: { knownUntil: formatDateRu(l.keyRatesKnownUntil) },
          },
        ]
      : [line]
  })
}

/**
 * The warning a screen shows beside interest that runs past the last date the key-rate table is known for (GK RF
 * art. 395; `keyRate.afterKnownUntil`): the rate after ДД.ММ.ГГГГ is the last known one. Null when every day of the
 * delay has a known rate, and for the penalty.
 */
export function keyRateWarning(
  l: Pick<LatePayoutResult, 'segments' | 'keyRatesKnownUntil'> | null | undefined,
): LateLine | null {
  if (!l?.keyRatesKnownUntil || !l.segments.some((s) => s.beyondKnown)) return null
  return { key: 'termination.latePayout.afterKnownWarning', params: { date: formatDateRu(l.keyRatesKnownUntil) } }
}
