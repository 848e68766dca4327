// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import { i18n, loadLocaleMessages } from '../plugins/i18n'
import RecordListPage from './RecordListPage.vue'

// «Показано N из M» under the table is a screen text, in the chunk loaded past sign-in (plugins/i18n.ts).
await loadLocaleMessages('ru')
const global = { plugins: [createVuetify({ components }), i18n] }

interface Row {
  id: string
  number: string
  status: string
}
const ROWS: Row[] = [
  { id: 'a', number: 'ХХХ 001', status: 'draft' },
  { id: 'b', number: 'ХХХ 002', status: 'issued' },
]
const HEADERS = [
  { title: 'Номер', key: 'number' },
  { title: 'Статус', key: 'status' },
]

function page(props: Partial<{ items: Row[]; total: number; error: string | null }> = {}) {
  const opened: Row[] = []
  let more = 0
  const Page = defineComponent({
    setup: () => () =>
      h(
        RecordListPage<Row>,
        {
          name: 'demo',
          title: 'Договоры',
          headers: HEADERS,
          items: props.items ?? ROWS,
          loading: false,
          error: props.error ?? null,
          emptyText: 'Пусто',
          total: props.total ?? 5,
          totalAtLeast: false,
          loadingMore: false,
          onOpen: (row: Row) => opened.push(row),
          onMore: () => more++,
        },
        {
          actions: () => h('button', { 'data-testid': 'demo-new' }, 'Новый'),
          filters: () => h('input', { 'data-testid': 'demo-search' }),
          'item.status': ({ item }: { item: Row }) => h('b', { 'data-testid': 'status-cell' }, `[${item.status}]`),
        },
      ),
  })
  const wrapper = mount(Page, { global, attachTo: document.body })
  return { wrapper, opened, more: () => more }
}

describe('RecordListPage', () => {
  it('draws the title, the buttons and filters it is given, and each row with the feature’s own cells', async () => {
    const { wrapper } = page()
    await nextTick()
    expect(wrapper.get('[data-testid="demo-list"] h1').text()).toBe('Договоры')
    expect(wrapper.find('[data-testid="demo-new"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="demo-search"]').exists()).toBe(true)
    const rows = wrapper.findAll('[data-testid="demo-table"] tbody tr')
    // The number has no slot of the feature: its plain value; the status is drawn by the feature's slot.
    expect(rows.map((r) => r.findAll('td').map((c) => c.text()))).toEqual([
      ['ХХХ 001', '[draft]'],
      ['ХХХ 002', '[issued]'],
    ])
    expect(wrapper.findAll('[data-testid="status-cell"]')).toHaveLength(2)
    wrapper.unmount()
  })

  it('a click on a row opens that record; «show more» asks for more while some are not shown', async () => {
    const { wrapper, opened, more } = page()
    await nextTick()
    await wrapper.findAll('[data-testid="demo-table"] tbody tr')[1]!.trigger('click')
    expect(opened.map((r) => r.id)).toEqual(['b'])
    expect(wrapper.get('[data-testid="list-shown"]').text()).toContain('2')
    await wrapper.get('[data-testid="list-load-more"]').trigger('click')
    expect(more()).toBe(1)
    wrapper.unmount()
  })

  it('shows the load error, the empty text with no rows, and no «show more» when all are shown', async () => {
    const { wrapper } = page({ items: [], total: 0, error: 'Нет связи с базой' })
    await nextTick()
    expect(wrapper.get('.v-alert').text()).toBe('Нет связи с базой')
    expect(wrapper.get('[data-testid="demo-table"]').text()).toContain('Пусто')
    expect(wrapper.find('[data-testid="list-more"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
