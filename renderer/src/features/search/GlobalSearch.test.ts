// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import type { Result } from '@shared/contract/result'
import type { SearchHit } from '@shared/search/contract'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import { useSessionStore } from '../../stores/session'
import { SEARCH_DEBOUNCE_MS } from './useGlobalSearch'

// The screens' texts past sign-in come in a chunk the router loads before a screen (plugins/i18n.ts).
await loadLocaleMessages('ru')

/** The core's answers, handed back when the test chooses, so the order of answers is the test's to decide. */
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

// happy-dom has no visualViewport, which Vuetify's overlay listens to while a dialog is open.
const viewport = Object.assign(new EventTarget(), { width: 1366, height: 768, offsetLeft: 0, offsetTop: 0, scale: 1 })
Object.assign(globalThis, { visualViewport: viewport })

const screen = { render: () => null }
const router = createRouter({
  history: createMemoryHistory(),
  routes: [
    { path: '/', component: screen },
    { path: '/osago/:id', name: 'osago-policy', component: screen },
    { path: '/casco/:id', name: 'casco-quote', component: screen },
    { path: '/inspections/:id', name: 'inspection', component: screen },
    { path: '/terminations/:id', name: 'termination-application', component: screen },
    { path: '/clients/:id', name: 'client', component: screen },
  ],
})

const hit = (kind: SearchHit['kind'], id: string, title: string, status: string, more: Partial<SearchHit> = {}) => ({
  kind,
  id,
  title,
  subtitle: `${title} · А123ВС777`,
  status,
  updatedOn: '2026-12-05',
  ...more,
})
/** The core's order is by relevance, not by kind: the palette groups them. */
const HITS: SearchHit[] = [
  hit('client', 'c1', 'Смирнов Алексей Игоревич', 'issued', { source: { kind: 'osago', id: 'p1' } }),
  hit('termination', 't1', 'Вх. 12', 'paid'),
  hit('osago', 'p1', 'ХХХ 0123456789', 'issued'),
  hit('casco', 'q1', 'КАСКО-2026-001', 'submitted'),
  hit('inspection', 'i1', 'Осмотр 7', 'draft'),
  hit('osago', 'p2', 'ХХХ 0123456790', 'draft'),
]

let wrapper: VueWrapper | null = null

async function mountSearch(status: 'signed-in' | 'locked' = 'signed-in') {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.state = {
    status,
    user: { id: 'u1', login: 'clerk', fullName: 'Петров П. О.', role: 'clerk' },
    idleLockMinutes: 10,
  }
  await router.push('/')
  // A button elsewhere on the screen that had focus before the palette opened: focus must come back to it.
  const Host = defineComponent(() => () => h('div', [h('button', { id: 'before' }, 'before'), h(GlobalSearch)]))
  wrapper = mount(Host, {
    attachTo: document.body,
    global: { plugins: [createVuetify({ components, directives }), i18n, router] },
  })
  await flushPromises()
  return session
}

const ctrlK = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', ctrlKey: true }))
const field = () => document.querySelector<HTMLInputElement>('[data-testid="search-input"]')
const options = () => [...document.querySelectorAll<HTMLElement>('[role="option"]')]
const text = (sel: string) => document.querySelector(sel)?.textContent?.trim() ?? null
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function type(value: string) {
  const input = field()!
  input.value = value
  input.dispatchEvent(new Event('input'))
  await nextTick()
}
async function key(k: string) {
  field()!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))
  await flushPromises()
}
/** Lets the debounce run out, then answers the oldest request still waiting. */
async function answerNext(hits: SearchHit[]) {
  await wait(SEARCH_DEBOUNCE_MS + 20)
  pending.shift()!.answer({ ok: true, value: { hits } })
  await flushPromises()
}
async function openPalette() {
  document.getElementById('before')!.focus()
  ctrlK()
  await flushPromises()
  await wait(350) // the dialog's transition, after which the field holds the caret
}

beforeEach(() => {
  pending.length = 0
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('GlobalSearch', () => {
  it('opens on Ctrl+K (by the key, so the Russian layout works too) with the caret in the field', async () => {
    await mountSearch()
    expect(field()).toBeNull()
    await openPalette()
    const dialog = document.querySelector('[role="dialog"]')!
    expect(dialog.getAttribute('aria-label')).toBe('Поиск по всем записям')
    expect(document.activeElement).toBe(field())
    expect(field()!.getAttribute('role')).toBe('combobox')
    expect(document.querySelectorAll('[role="combobox"]')).toHaveLength(1)
    expect(field()!.getAttribute('aria-controls')).toBe('global-search-listbox')
    expect(text('[data-testid="search-message"]')).toBe('Начните вводить — результаты появятся сразу')
    expect(text('[data-testid="search-hint"]')).toBe('↑ ↓ — выбор · Enter — открыть · Esc — закрыть')
  })

  it('does not open while the screen is locked', async () => {
    await mountSearch('locked')
    ctrlK()
    await flushPromises()
    expect(field()).toBeNull()
    expect(document.querySelector('[data-testid="search-open"]')!.hasAttribute('disabled')).toBe(true)
  })

  it('asks once per pause in typing, nothing for an empty query, and one letter is a query', async () => {
    await mountSearch()
    await openPalette()
    await type('С')
    await type('См')
    await type('Смир')
    await wait(SEARCH_DEBOUNCE_MS + 20)
    expect(pending.map((p) => [p.channel, p.input])).toEqual([['search/global', { query: 'Смир' }]])
    await type('   ')
    await wait(SEARCH_DEBOUNCE_MS + 20)
    expect(pending).toHaveLength(1)
    await type('С')
    await wait(SEARCH_DEBOUNCE_MS + 20)
    expect(pending.map((p) => p.input)).toEqual([{ query: 'Смир' }, { query: 'С' }])
  })

  it('keeps the newest answer: an older query answering late is dropped', async () => {
    await mountSearch()
    await openPalette()
    await type('Ив')
    await wait(SEARCH_DEBOUNCE_MS + 20)
    await type('Иванов')
    await wait(SEARCH_DEBOUNCE_MS + 20)
    const [older, newer] = pending
    newer!.answer({ ok: true, value: { hits: [hit('osago', 'p9', 'ХХХ 0000000009', 'issued')] } })
    await flushPromises()
    older!.answer({ ok: true, value: { hits: HITS } })
    await flushPromises()
    expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('ХХХ 0000000009')])
  })

  it('groups hits by kind with title, subtitle and the status as the list shows it', async () => {
    await mountSearch()
    await openPalette()
    await type('смир')
    await answerNext(HITS)
    const groups = [...document.querySelectorAll('[role="listbox"] [role="group"]')]
    expect(groups.map((g) => document.getElementById(g.getAttribute('aria-labelledby')!)!.textContent!.trim())).toEqual(
      ['ОСАГО', 'КАСКО', 'Осмотры', 'Расторжения', 'Клиенты'],
    )
    const osago = groups[0]!.querySelectorAll('[role="option"]')
    expect(osago).toHaveLength(2)
    expect(osago[0]!.textContent).toContain('ХХХ 0123456789')
    expect(osago[0]!.textContent).toContain('ХХХ 0123456789 · А123ВС777')
    expect(osago[0]!.textContent).toContain('Оформлен')
    expect(osago[1]!.textContent).toContain('Черновик')
    expect(groups[1]!.textContent).toContain('На согласовании')
    expect(groups[2]!.textContent).toContain('Черновик')
    expect(groups[3]!.textContent).toContain('Выплачено')
    // A client's status is that of the record the person was found on (here an OSAGO policy).
    expect(groups[4]!.textContent).toContain('Оформлен')
  })

  it('moves with ↑/↓ across groups (aria-activedescendant follows) and opens the chosen record with Enter', async () => {
    await mountSearch()
    await openPalette()
    await type('смир')
    await answerNext(HITS)
    const input = field()!
    const selected = () => options().findIndex((o) => o.getAttribute('aria-selected') === 'true')
    expect(selected()).toBe(0)
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0]!.id)
    await key('ArrowDown')
    await key('ArrowDown')
    expect(selected()).toBe(2) // past the second OSAGO hit, onto the CASCO one
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[2]!.id)
    await key('ArrowUp')
    await key('ArrowUp')
    await key('ArrowUp')
    expect(selected()).toBe(5) // wraps from the first to the last
    await key('ArrowDown')
    await key('ArrowDown')
    await key('ArrowDown')
    await key('Enter')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/casco/q1'))
  })

  it('Enter pressed before the answer to what is typed opens that answer, not the older hits on screen', async () => {
    await mountSearch()
    await openPalette()
    await type('смир')
    await answerNext(HITS)
    // A whole policy number typed and Enter at once: the hits on screen still answer «смир».
    await type('ххх 0000000009')
    await key('Enter')
    await wait(20)
    expect(router.currentRoute.value.fullPath).toBe('/')
    await answerNext([hit('osago', 'p9', 'ХХХ 0000000009', 'issued')])
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/osago/p9'))
  })

  it('opens the record a client was found on, and a client card (a hit naming no record) opens the card', async () => {
    await mountSearch()
    await openPalette()
    await type('смир')
    await answerNext([
      hit('client', 'c1', 'Смирнов А. И.', 'submitted', { source: { kind: 'casco', id: 'q7' } }),
      hit('client', 'c2', 'Смирнова О. П.', 'active'),
    ])
    expect(options()[1]!.getAttribute('aria-disabled')).toBeNull()
    await key('Enter')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/casco/q7'))
    await openPalette()
    await type('смирн')
    await answerNext([hit('client', 'c2', 'Смирнова О. П.', 'active')])
    await key('Enter')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/clients/c2'))
  })

  it('says «Ничего не найдено» for an empty answer and shows a refusal', async () => {
    await mountSearch()
    await openPalette()
    await type('zzz')
    await answerNext([])
    expect(options()).toHaveLength(0)
    expect(text('[data-testid="search-message"]')).toBe('Ничего не найдено')
    await type('zzzz')
    await wait(SEARCH_DEBOUNCE_MS + 20)
    pending.shift()!.answer({ ok: false, error: { code: 'INTERNAL', message: 'нет базы' } })
    await flushPromises()
    expect(text('[data-testid="search-message"]')).toBe('Поиск не удался: нет базы')
  })

  it('closes on Esc, gives focus back where it was, and opens empty next time', async () => {
    await mountSearch()
    await openPalette()
    await type('смир')
    await answerNext(HITS)
    field()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    await wait(350)
    expect(document.querySelector('[role="dialog"]')?.classList.contains('v-overlay--active') ?? false).toBe(false)
    expect(document.activeElement?.id).toBe('before')
    await openPalette()
    expect(field()!.value).toBe('')
    expect(options()).toHaveLength(0)
  })

  it('closes when the screen locks', async () => {
    const session = await mountSearch()
    await openPalette()
    session.state = { ...session.state, status: 'locked' } as typeof session.state
    await flushPromises()
    expect(document.querySelector('[role="dialog"]')!.classList.contains('v-overlay--active')).toBe(false)
  })
})
