// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import type { Result } from '@shared/contract/result'
import type { RemoteClient } from '@shared/client/remoteLookup'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import { useSessionStore } from '../../stores/session'
import { SEARCH_DEBOUNCE_MS } from './useGlobalSearch'

/**
 * «Искать в других филиалах» in the global search (docs/domain/personal-data.md#clients-of-other-branches): offered
 * for an exact identifier the branch's own records do not know, to the desk only; HQ's answer marked with the branch;
 * «Новое ОСАГО для клиента» opens the new draft.
 */
await loadLocaleMessages('ru')

interface Pending {
  channel: string
  input: Record<string, unknown>
  answer: (r: Result<unknown>) => void
}
const pending: Pending[] = []
vi.mock('../../api/client', () => ({
  call: (channel: string, input: Record<string, unknown> = {}) =>
    new Promise((answer) => pending.push({ channel, input, answer })),
  callOrThrow: () => new Promise(() => {}),
  onSessionError: () => () => {},
}))
const { GlobalSearch } = await import('./index')

const viewport = Object.assign(new EventTarget(), { width: 1366, height: 768, offsetLeft: 0, offsetTop: 0, scale: 1 })
Object.assign(globalThis, { visualViewport: viewport })

const screen = { render: () => null }
const router = createRouter({
  history: createMemoryHistory(),
  routes: [
    { path: '/', component: screen },
    { path: '/osago/:id', name: 'osago-policy', component: screen },
    { path: '/clients/:id', name: 'client', component: screen },
  ],
})

const SMIRNOV: RemoteClient = {
  id: '01900000-0000-7000-8000-000000000001',
  branchCode: 'SPB-01',
  branchName: 'Филиал «Невский»',
  kind: 'person',
  name: 'Смирнов Алексей Игоревич',
  birthDate: '1999-04-12',
  phone: '+7 916 123-45-67',
  person: {
    surname: 'Смирнов',
    name: 'Алексей',
    patronymic: 'Игоревич',
    passportSeries: '4519',
    passportNumber: '123456',
  },
  organisation: null,
  contracts: [
    {
      product: 'osago',
      id: 'p1',
      branchCode: 'SPB-01',
      series: 'ААК',
      number: '0000000101',
      status: 'issued',
      policyholderName: 'Смирнов Алексей Игоревич',
      plate: null,
      vin: null,
      conclusionDate: '2026-03-01',
      startDate: '2026-03-02',
      endDate: '2027-03-01',
      premiumKopecks: 100,
    },
  ],
}

let wrapper: VueWrapper | null = null
async function mountSearch(role: 'clerk' | 'admin' = 'clerk') {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.state = {
    status: 'signed-in',
    user: { id: 'u1', login: role, fullName: 'Петров П. О.', role },
    idleLockMinutes: 10,
  }
  await router.push('/')
  wrapper = mount(GlobalSearch, {
    attachTo: document.body,
    global: { plugins: [createVuetify({ components, directives }), i18n, router] },
  })
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', ctrlKey: true }))
  await flushPromises()
  await wait(350)
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const $ = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
const $$ = (testId: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)]

/** Types the text and answers the local search with no hits. */
async function searchNothing(value: string) {
  const input = $('search-input') as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await nextTick()
  await wait(SEARCH_DEBOUNCE_MS + 20)
  const p = pending.shift()!
  expect(p.channel).toBe('search/global')
  p.answer({ ok: true, value: { hits: [] } })
  await flushPromises()
}

async function answer(channel: string, value: unknown) {
  const p = pending.shift()!
  expect(p.channel).toBe(channel)
  p.answer({ ok: true, value })
  await flushPromises()
  return p.input
}

beforeEach(() => {
  pending.length = 0
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('GlobalSearch: clients of other branches', () => {
  it('offers HQ for a passport the branch does not know, shows the branch, and starts an OSAGO draft', async () => {
    await mountSearch()
    await searchNothing('4519 123456')
    expect($('search-message')?.textContent?.trim()).toBe('Ничего не найдено')
    expect($('remote-search')?.textContent).toContain('Искать в других филиалах')
    expect(pending).toEqual([]) // HQ is asked on the clerk's press, not while typing

    $('remote-search')!.click()
    await flushPromises()
    expect(await answer('client/lookup-remote', { online: true, clients: [SMIRNOV] })).toEqual({ query: '4519 123456' })
    const [card] = $$('remote-client')
    expect(card!.textContent).toContain('Смирнов Алексей Игоревич')
    expect($('remote-branch')!.textContent!.trim()).toBe('Филиал «Невский» · SPB-01')
    expect(card!.textContent).toContain('12.04.1999 · 45 19 123456 · +7 (916) 123-45-67')
    expect(card!.textContent).toContain('Договоры: ОСАГО ААК 0000000101 — 01.03.2027')

    $('remote-new-osago')!.click()
    await flushPromises()
    expect(await answer('client/start-osago-for-remote', { id: 'new-draft' })).toEqual({
      query: '4519 123456',
      remoteId: SMIRNOV.id,
    })
    await wait(50)
    expect(router.currentRoute.value.fullPath).toBe('/osago/new-draft')
  })

  it('says plainly when HQ cannot be asked, and nothing found at other branches', async () => {
    await mountSearch()
    await searchNothing('Смирнов 12.04.1999')
    $('remote-search')!.click()
    await flushPromises()
    await answer('client/lookup-remote', { online: false, reason: 'unreachable' })
    expect($('remote-offline')!.textContent).toContain('Нет связи с ЦО')
    await searchNothing('+7 916 123-45-67')
    expect($('remote-offline')).toBeNull() // another text: the old answer is gone
    $('remote-search')!.click()
    await flushPromises()
    await answer('client/lookup-remote', { online: true, clients: [] })
    expect($('remote-none')!.textContent).toContain('В других филиалах такого клиента нет.')
  })

  it('is not offered for a surname alone or part of a number, nor to the admin', async () => {
    await mountSearch()
    for (const text of ['Смирнов', '4519', 'А123ВС777']) {
      await searchNothing(text)
      expect($('remote-search'), text).toBeNull()
    }
    wrapper?.unmount()
    document.body.innerHTML = ''
    await mountSearch('admin')
    await searchNothing('4519 123456')
    expect($('remote-search')).toBeNull()
  })
})
