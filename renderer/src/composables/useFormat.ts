import { useI18n } from '../plugins/i18n'
import { useAppStatusStore } from '../stores/appStatus'
import {
  DASH,
  dateText,
  localDateTimeText,
  moneyText,
  momentDateText,
  momentText,
  numberText,
  timeText,
} from './format'

/** The one formatter (./format.ts) bound to the branch's time zone and the UI language, for screens. */
export function useFormat() {
  const app = useAppStatusStore()
  const { locale } = useI18n()
  const zone = () => app.status?.timeZone
  return {
    date: dateText,
    localDateTime: localDateTimeText,
    moment: (v: string | Date | null | undefined) => momentText(v, zone()) || DASH,
    momentDate: (v: string | Date | null | undefined) => momentDateText(v, zone()) || DASH,
    time: (v: string | Date | null | undefined, seconds = false) => timeText(v, zone(), seconds),
    money: (kopecks: number | null | undefined) => moneyText(kopecks, locale.value),
    number: (v: number, maxFractionDigits = 20, grouping = true) =>
      numberText(v, locale.value, maxFractionDigits, grouping),
  }
}
