// @vitest-environment happy-dom
import { defineComponent, h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Result } from '@shared/contract/result'
import type { OsagoPolicySummary } from '@shared/osago/policy'
import { i18n, loadLocaleMessages } from '../plugins/i18n'
import { createPinia } from 'pinia'
import ListMore from '../layout/ListMore.vue'
import { useRecordList, type ListPage } from './useRecordList'

// The screens' texts past sign-in come in a chunk the router loads before a screen (plugins/i18n.ts).
await loadLocaleMessages('ru')

/** Answers the test hands back when it chooses, so the order of answers is the test's to decide. */
interface Pending {
  channel: string
  input: Record<string, unknown>
  answer: (r: Result<unknown>) => void
}
const pending: Pending[] = []
function ask(channel: string, input: Record<string, unknown>): Promise<Result<unknown>> {
  return new Promise((answer) => pending.push({ channel, input, answer }))
}
vi.mock('../api/client', () => ({
  call: (channel: string, input: Record<string, unknown> = {}) => ask(channel, input),
}))
const { default: OsagoListView } = await import('../features/osago/OsagoListView.vue')

const vuetify = createVuetify({ components })
const router = createRouter({
  history: createMemoryHistory(),
  routes: [
    { path: '/:any(.*)*', component: { render: () => null } },
    { path: '/osago/:id', name: 'osago-policy', component: { render: () => null } },
  ],
})

function policy(id: string, insuredName: string): OsagoPolicySummary {
  return {
    id,
    status: 'draft',
    insuredName,
    plate: null,
    vin: null,
    policyNumber: null,
    premiumKopecks: null,
    startDate: null,
    updatedAt: '2026-03-02T10:00:00.000Z',
  }
}
const page = <T>(items: T[], total = items.length): Result<ListPage<T>> => ({ ok: true, value: { items, total } })

beforeEach(() => {
  pending.length = 0
  // Only the debounce's clock is faked: Vuetify's own animation frames keep running.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  i18n.global.locale.value = 'ru'
})
afterEach(() => {
  vi.useRealTimers()
})

async function typeSearch(wrapper: ReturnType<typeof mount>, text: string): Promise<void> {
  await wrapper.get('[data-testid="osago-search"] input').setValue(text)
}

describe('the OSAGO list screen on useRecordList', () => {
  // The list hides drafts deleted in this window (stores/pendingDeletions.ts): it needs the app's Pinia.
  const mountList = () => mount(OsagoListView, { global: { plugins: [vuetify, i18n, router, createPinia()] } })

  it('says «N+» when the core counted a big list only so far ahead (issue 12)', async () => {
    const wrapper = mountList()
    pending[0]!.answer({
      ok: true,
      value: { items: [policy('p1', 'Кузнецова Анна')], total: 1000, totalAtLeast: true },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid="list-shown"]').text()).toBe('Показано 1 из 1\u00a0000+')
    expect(wrapper.find('[data-testid="list-load-more"]').exists()).toBe(true)
  })

  it('at the end of a capped search says to narrow it instead of offering more (issue 12)', async () => {
    const wrapper = mountList()
    const rows = [policy('p1', 'Иванов Иван'), policy('p2', 'Иванова Анна')]
    pending[0]!.answer({ ok: true, value: { items: rows, total: 2, totalAtLeast: true } })
    await flushPromises()
    expect(wrapper.find('[data-testid="list-load-more"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="list-refine"]').text()).toBe('Показаны 2 самых новых — уточните запрос')
  })

  it('asks for the first page on opening and makes one search of a burst of keys', async () => {
    const wrapper = mountList()
    expect(pending.map((p) => [p.channel, p.input])).toEqual([['osago/list-policies', { limit: 100, offset: 0 }]])
    pending[0]!.answer(page([policy('p1', 'Кузнецова Анна')]))
    await flushPromises()
    expect(wrapper.get('[data-testid="osago-table"]').text()).toContain('Кузнецова Анна')
    expect(wrapper.get('[data-testid="list-shown"]').text()).toBe('Показано 1 из 1')

    await typeSearch(wrapper, 'к')
    await typeSearch(wrapper, 'куз')
    vi.advanceTimersByTime(249)
    expect(pending).toHaveLength(1)
    await typeSearch(wrapper, 'кузнец')
    vi.advanceTimersByTime(249)
    expect(pending).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(pending.map((p) => p.input)).toEqual([
      { limit: 100, offset: 0 },
      { query: 'кузнец', limit: 100, offset: 0 },
    ])
    wrapper.unmount()
  })

  it('keeps the answer to the newest search when an older one answers later', async () => {
    const wrapper = mountList()
    pending[0]!.answer(page([]))
    await typeSearch(wrapper, 'ив')
    vi.advanceTimersByTime(250)
    await typeSearch(wrapper, 'иванов')
    vi.advanceTimersByTime(250)
    const [, older, newer] = pending
    expect([older!.input.query, newer!.input.query]).toEqual(['ив', 'иванов'])

    newer!.answer(page([policy('p2', 'Иванов Пётр')]))
    await flushPromises()
    older!.answer(page([policy('p3', 'Ивлев Семён'), policy('p4', 'Ивашов Олег')]))
    await flushPromises()
    const table = wrapper.get('[data-testid="osago-table"]').text()
    expect(table).toContain('Иванов Пётр')
    expect(table).not.toContain('Ивлев')
    expect(wrapper.get('[data-testid="list-shown"]').text()).toBe('Показано 1 из 1')
    wrapper.unmount()
  })

  it('shows the core’s refusal above the rows it already had, and clears it when a search succeeds', async () => {
    const wrapper = mountList()
    pending[0]!.answer(page([policy('p1', 'Кузнецова Анна')]))
    await flushPromises()
    await typeSearch(wrapper, 'x')
    vi.advanceTimersByTime(250)
    pending[1]!.answer({ ok: false, error: { code: 'INTERNAL', message: 'Внутренняя ошибка. Данные не изменены' } })
    await flushPromises()
    expect(wrapper.get('.v-alert').text()).toContain('Внутренняя ошибка')
    expect(wrapper.get('[data-testid="osago-table"]').text()).toContain('Кузнецова Анна')

    await typeSearch(wrapper, 'ку')
    vi.advanceTimersByTime(250)
    pending[2]!.answer(page([policy('p1', 'Кузнецова Анна')]))
    await flushPromises()
    expect(wrapper.find('.v-alert').exists()).toBe(false)
    wrapper.unmount()
  })

  it('asks nothing more once the screen is left before the pause after typing ends', async () => {
    const wrapper = mountList()
    pending[0]!.answer(page([]))
    await typeSearch(wrapper, 'кузн')
    wrapper.unmount()
    vi.advanceTimersByTime(1000)
    expect(pending).toHaveLength(1)
  })
})

/** A bare list with a small page, to walk «show more» without a hundred rows per page. */
const Names = defineComponent({
  setup() {
    const list = useRecordList({
      filters: { query: '' as string | null },
      pageSize: 2,
      fetchPage: (filters, p) =>
        ask('names', { ...(filters.query ? { query: filters.query } : {}), ...p }) as Promise<Result<ListPage<string>>>,
    })
    return () =>
      h('div', [
        h(components.VTextField, {
          modelValue: list.filters.query,
          'onUpdate:modelValue': (v: string | null) => (list.filters.query = v),
          'data-testid': 'search',
        }),
        list.loading.value ? h('p', { 'data-testid': 'loading' }, 'loading') : null,
        list.error.value ? h('p', { 'data-testid': 'error' }, list.error.value) : null,
        h(
          'ul',
          list.items.value.map((n) => h('li', n)),
        ),
        h(ListMore, {
          shown: list.items.value.length,
          total: list.total.value,
          loading: list.loadingMore.value,
          onMore: list.loadMore,
        }),
      ])
  },
})

describe('useRecordList paging', () => {
  const mountNames = () => mount(Names, { global: { plugins: [vuetify, i18n] } })
  const names = (w: ReturnType<typeof mount>) => w.findAll('li').map((li) => li.text())

  it('shows loading until the first page answers, then appends the next pages and stops at the total', async () => {
    const wrapper = mountNames()
    await nextTick()
    expect(wrapper.find('[data-testid="loading"]').exists()).toBe(true)
    pending[0]!.answer(page(['Анна', 'Борис'], 5))
    await flushPromises()
    expect(wrapper.find('[data-testid="loading"]').exists()).toBe(false)
    expect(names(wrapper)).toEqual(['Анна', 'Борис'])

    await wrapper.get('[data-testid="list-load-more"]').trigger('click')
    // A second press while the page is on its way asks nothing more.
    await wrapper.get('[data-testid="list-load-more"]').trigger('click')
    expect(pending.map((p) => p.input)).toEqual([
      { limit: 2, offset: 0 },
      { limit: 2, offset: 2 },
    ])
    pending[1]!.answer(page(['Вера', 'Глеб'], 5))
    await flushPromises()
    await wrapper.get('[data-testid="list-load-more"]').trigger('click')
    expect(pending[2]!.input).toEqual({ limit: 2, offset: 4 })
    pending[2]!.answer(page(['Дина'], 5))
    await flushPromises()
    expect(names(wrapper)).toEqual(['Анна', 'Борис', 'Вера', 'Глеб', 'Дина'])
    expect(wrapper.find('[data-testid="list-load-more"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="list-shown"]').text()).toBe('Показано 5 из 5')
    wrapper.unmount()
  })

  it('drops a next page that answers after the search changed, so rows of two searches never mix', async () => {
    const wrapper = mountNames()
    pending[0]!.answer(page(['Анна', 'Борис'], 4))
    await flushPromises()
    await wrapper.get('[data-testid="list-load-more"]').trigger('click')
    await wrapper.get('[data-testid="search"] input').setValue('ве')
    vi.advanceTimersByTime(250)
    const [, more, search] = pending
    expect(search!.input).toEqual({ query: 'ве', limit: 2, offset: 0 })
    search!.answer(page(['Вера'], 1))
    await flushPromises()
    more!.answer(page(['Вера', 'Глеб'], 4))
    await flushPromises()
    expect(names(wrapper)).toEqual(['Вера'])
    expect(wrapper.find('[data-testid="list-load-more"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
