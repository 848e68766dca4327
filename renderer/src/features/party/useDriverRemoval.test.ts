// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { emptyDriver, type DriverDraft } from '@shared/osago/draft'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import { useConfirmStore } from '../../stores/confirm'
import { removeConfirmed } from '../../composables/removeConfirmed'
import { hasTyped, useDriverRemoval } from './useDriverRemoval'

await loadLocaleMessages('ru')

/** Nothing lost by a click (issue 14): a driver typed into a draft is removed only after the clerk says so. */
let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

function drivers(...surnames: string[]): DriverDraft[] {
  return reactive(surnames.map((surname) => ({ ...emptyDriver(), surname })))
}

function withRemoval(list: DriverDraft[]) {
  let api!: ReturnType<typeof useDriverRemoval<DriverDraft>>
  mount(
    defineComponent({
      setup() {
        api = useDriverRemoval(() => list)
        return () => h('div')
      },
    }),
    { global: { plugins: [i18n, pinia] } },
  )
  return api
}

describe('removing a driver', () => {
  it('asks first, naming the driver and what goes; «Отмена» keeps them, confirming removes them', async () => {
    const list = drivers('Иванов', 'Петрова')
    list[1]!.name = 'Анна'
    const { remove } = withRemoval(list)
    const confirm = useConfirmStore()

    const kept = remove(1)
    expect(confirm.request?.title).toBe('Удалить водителя?')
    expect(confirm.request?.text).toContain('«Петрова Анна»')
    expect(confirm.request?.text).toContain('удостоверение')
    confirm.close(false)
    expect(await kept).toBe(false)
    expect(list.map((d) => d.surname)).toEqual(['Иванов', 'Петрова'])

    const removed = remove(1)
    confirm.close(true)
    expect(await removed).toBe(true)
    expect(list.map((d) => d.surname)).toEqual(['Иванов'])
  })

  it('removes a row nothing was typed into without a question', async () => {
    const list = drivers('Иванов', '')
    const { remove } = withRemoval(list)
    expect(await remove(1)).toBe(true)
    expect(useConfirmStore().request).toBeNull()
    expect(list).toHaveLength(1)
  })

  it('removes the row asked about even when the list moved while the question was open', async () => {
    const list = drivers('Иванов', 'Петрова')
    const { remove } = withRemoval(list)
    const removed = remove(1)
    list.unshift({ ...emptyDriver(), surname: 'Сидоров' })
    useConfirmStore().close(true)
    await removed
    expect(list.map((d) => d.surname)).toEqual(['Сидоров', 'Иванов'])
  })

  it('switching to any driver asks when drivers were typed, naming them; not when the list is untouched', async () => {
    const typed = drivers('Иванов', '')
    const untouched = drivers('')
    const confirm = useConfirmStore()
    expect(await withRemoval(untouched).mayDropList()).toBe(true)
    const answer = withRemoval(typed).mayDropList()
    expect(confirm.request?.text).toContain('(Иванов)')
    expect(confirm.request?.confirmLabel).toBe('Удалить список')
    confirm.close(false)
    expect(await answer).toBe(false)
  })
})

describe('what counts as typed', () => {
  it('a name, a date or the licence; not the defaults of a new row', () => {
    expect(hasTyped(emptyDriver())).toBe(false)
    expect(hasTyped({ ...emptyDriver(), licence: { series: '', number: '123456' } })).toBe(true)
    expect(hasTyped({ ...emptyDriver(), birthDate: '1990-01-01' })).toBe(true)
  })

  it('removeConfirmed leaves the list alone for an item no longer in it', async () => {
    const list = [1, 2]
    expect(await removeConfirmed(list, 3, null)).toBe(false)
    expect(list).toEqual([1, 2])
  })
})
