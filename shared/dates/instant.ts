import { formatDateRu, formatDateTimeRu } from './typedDate'

/**
 * Moments (an ISO instant such as `2026-12-05T11:44:00.000Z`, or a `Date`) shown as the branch reads them: on the
 * branch's clock (`timeZone` of the app status — the computer may be set to another zone), as ДД.ММ.ГГГГ ЧЧ:ММ with
 * a 24-hour clock and no comma, in every locale (issue 14: Intl's `dateStyle: 'short'` gave «05.12.2026, 14:44» in
 * Russian and 12/05/2026 in English). Intl is used only to find the wall clock in the zone; the text is ours.
 */

export interface WallClock {
  /** `YYYY-MM-DD` */
  date: string
  /** `HH:MM:SS`, 00–23 hours */
  time: string
}

const clocks = new Map<string, Intl.DateTimeFormat>()

function clockIn(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? ''
  let fmt = clocks.get(key)
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    clocks.set(key, fmt)
  }
  return fmt
}

/** The wall clock in `timeZone` (the computer's when none) at `instant`; null for text that is not a moment. */
export function wallClock(instant: string | Date, timeZone?: string): WallClock | null {
  const at = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(at.getTime())) return null
  const parts = Object.fromEntries(
    clockIn(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  }
}

/** A moment → `ДД.ММ.ГГГГ ЧЧ:ММ` on the branch's clock; '' for text that is not a moment. */
export function formatMomentRu(instant: string | Date, timeZone?: string): string {
  const c = wallClock(instant, timeZone)
  return c ? formatDateTimeRu(`${c.date}T${c.time}`) : ''
}

/** A moment's calendar day on the branch's clock → `ДД.ММ.ГГГГ`; '' for text that is not a moment. */
export function formatMomentDateRu(instant: string | Date, timeZone?: string): string {
  const c = wallClock(instant, timeZone)
  return c ? formatDateRu(c.date) : ''
}

/** A moment's time of day on the branch's clock → `ЧЧ:ММ` (or `ЧЧ:ММ:СС`); '' for text that is not a moment. */
export function formatMomentTime(instant: string | Date, timeZone?: string, seconds = false): string {
  const c = wallClock(instant, timeZone)
  return c ? (seconds ? c.time : c.time.slice(0, 5)) : ''
}
