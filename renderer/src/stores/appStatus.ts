import { defineStore } from 'pinia'
import { ref } from 'vue'
import { todayIn } from '@shared/dates/calendarDate'
import type { AppStatus, Locale } from '@shared/app/contract'
import type { ChannelInput } from '@shared/contract'
import { call, takeStartupAnswer } from '../api/client'
import { i18n, loadLocaleMessages, LOCALE_KEY } from '../plugins/i18n'
import { startupState } from './startupState'

/** The branch, first-run flag, HQ connection state and the UI language. */
export const useAppStatusStore = defineStore('appStatus', () => {
  // The shell's startup state, when it gave one: the first screen is drawn from it, then the first load's live
  // answer replaces it (renderer/src/main.ts).
  const initial = startupState()
  const status = ref<AppStatus | null>(initial?.status ?? null)
  const locale = ref<Locale>(i18n.global.locale.value as Locale)

  /** How far the core's clock is from this window's (none in the app; a test may run the core on its own clock). */
  let clockOffsetMs = initial ? Date.parse(initial.status.now) - Date.now() : 0
  /** Loads asked so far: an answer to one overtaken by a later load leaves the later answer in place. */
  let loads = 0

  async function load(): Promise<AppStatus> {
    const mine = ++loads
    // The first load takes what renderer/public/startup.js asked while the page loaded (the same locale: both read
    // LOCALE_KEY); a later one asks both together (the status does not depend on the locale): one round trip.
    const [, answer] = await Promise.all([
      takeStartupAnswer('app/set-locale') ?? call('app/set-locale', { locale: locale.value }),
      takeStartupAnswer('app/get-status') ?? call('app/get-status'),
    ])
    if (!answer.ok) throw answer.error
    if (mine === loads) {
      status.value = answer.value
      clockOffsetMs = Date.parse(answer.value.now) - Date.now()
    }
    return answer.value
  }

  /**
   * Today in the branch's time zone by the core's clock — the date the core prices and checks with. Computed at
   * each call (a form left open past midnight gets the new day), from the zone and clock the core reported.
   */
  function today(): string {
    if (!status.value) throw new Error('The app status is not loaded yet')
    return todayIn(status.value.timeZone, new Date(Date.now() + clockOffsetMs))
  }

  /** A calendar date of an instant in the branch's time zone. */
  function dateOf(instant: Date): string {
    if (!status.value) throw new Error('The app status is not loaded yet')
    return todayIn(status.value.timeZone, instant)
  }

  async function setLocale(next: Locale): Promise<void> {
    // The locale's messages first (a chunk of their own, read once), so the screen never shows a bare key.
    await loadLocaleMessages(next)
    locale.value = next
    i18n.global.locale.value = next
    localStorage.setItem(LOCALE_KEY, next)
    document.documentElement.lang = next
    await call('app/set-locale', { locale: next })
  }

  /** First run: the branch and its first admin; the status then says the branch exists. */
  async function createBranch(input: ChannelInput<'setup/create-branch'>) {
    const r = await call('setup/create-branch', input)
    if (r.ok) await load()
    return r
  }

  return { status, locale, load, setLocale, createBranch, today, dateOf }
})
