import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppStatus, Locale } from '@shared/app/contract'
import { call, callOrThrow } from '../api/client'
import { i18n, LOCALE_KEY } from '../plugins/i18n'

/** The branch, first-run flag, HQ connection state and the UI language. */
export const useAppStatusStore = defineStore('appStatus', () => {
  const status = ref<AppStatus | null>(null)
  const locale = ref<Locale>(i18n.global.locale.value as Locale)

  async function load(): Promise<AppStatus> {
    await call('app/set-locale', { locale: locale.value })
    status.value = await callOrThrow('app/get-status')
    return status.value
  }

  async function setLocale(next: Locale): Promise<void> {
    locale.value = next
    i18n.global.locale.value = next
    localStorage.setItem(LOCALE_KEY, next)
    document.documentElement.lang = next
    await call('app/set-locale', { locale: next })
  }

  return { status, locale, load, setLocale }
})
