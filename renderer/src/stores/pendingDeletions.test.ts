// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import type { Result } from '@shared/contract/result'
import { i18n, loadLocaleMessages } from '../plugins/i18n'
import ConfirmDialog from '../layout/ConfirmDialog.vue'
import UndoSnackbar from '../layout/UndoSnackbar.vue'
import { useConfirmStore } from './confirm'
import { usePendingDeletionsStore } from './pendingDeletions'

await loadLocaleMessages('ru')
// Vuetify's overlays (dialog, snackbar) place themselves by the visual viewport, which happy-dom does not have.
globalThis.visualViewport ??= Object.assign(new EventTarget(), {
  width: 1366,
  height: 768,
  offsetLeft: 0,
  offsetTop: 0,
  pageLeft: 0,
  pageTop: 0,
  scale: 1,
  onresize: null,
  onscroll: null,
  onscrollend: null,
}) as unknown as VisualViewport

/**
 * Nothing lost by a click (issue 14): a deletion offered for undo is written only when its window closes, never when
 * it is taken back; a question before a deletion that cannot wait resolves to the clerk's answer.
 */
const ok: Result<unknown> = { ok: true, value: null }

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('a deletion offered for undo', () => {
  it('is written when its window runs out, not before, and stays out of the lists', async () => {
    const store = usePendingDeletionsStore()
    const commit = vi.fn(async () => ok)
    await store.schedule({ id: 'p1', message: 'Черновик удалён', commit }, 8000)
    expect(store.isHidden('p1')).toBe(true)
    await vi.advanceTimersByTimeAsync(7999)
    expect(commit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(commit).toHaveBeenCalledTimes(1)
    expect(store.current).toBeNull()
    expect(store.isHidden('p1')).toBe(true)
  })

  it('taken back is never written, and the record is shown again', async () => {
    const store = usePendingDeletionsStore()
    const commit = vi.fn(async () => ok)
    const onUndo = vi.fn()
    await store.schedule({ id: 'p1', message: 'Черновик удалён', commit, onUndo })
    store.undo()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(commit).not.toHaveBeenCalled()
    expect(onUndo).toHaveBeenCalledTimes(1)
    expect(store.isHidden('p1')).toBe(false)
  })

  it('is written at once when another deletion takes the snackbar, or when the clerk signs out', async () => {
    const store = usePendingDeletionsStore()
    const first = vi.fn(async () => ok)
    const second = vi.fn(async () => ok)
    await store.schedule({ id: 'a', message: 'Черновик удалён', commit: first })
    await store.schedule({ id: 'b', message: 'Расчёт удалён', commit: second })
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).not.toHaveBeenCalled()
    await store.commit() // sign-out
    expect(second).toHaveBeenCalledTimes(1)
  })

  it('refused when written: the record is back in the lists and the reason is shown', async () => {
    const store = usePendingDeletionsStore()
    const onFailed = vi.fn()
    await store.schedule({
      id: 'p1',
      message: 'Черновик удалён',
      commit: async () => ({ ok: false, error: { code: 'CONFLICT', message: 'Черновик уже изменён.' } }),
      onFailed,
    })
    await vi.advanceTimersByTimeAsync(8000)
    expect(store.isHidden('p1')).toBe(false)
    expect(store.failure).toBe('Черновик уже изменён.')
    expect(onFailed).toHaveBeenCalledWith('Черновик уже изменён.')
  })

  it('shows «Черновик удалён — Отменить»; the button takes it back', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const store = usePendingDeletionsStore()
    const commit = vi.fn(async () => ok)
    const w = mount(
      { components: { UndoSnackbar }, template: '<v-app><UndoSnackbar /></v-app>' },
      { attachTo: document.body, global: { plugins: [createVuetify({ components, directives }), i18n, pinia] } },
    )
    await store.schedule({ id: 'p1', message: 'Черновик удалён', commit })
    await nextTick()
    await vi.advanceTimersByTimeAsync(300)
    const bar = document.querySelector('[data-testid="undo-snackbar"]')
    expect(bar?.textContent).toContain('Черновик удалён')
    expect(bar?.textContent).toContain('Отменить')
    ;(document.querySelector('[data-testid="undo"]') as HTMLElement).click()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(commit).not.toHaveBeenCalled()
    w.unmount()
  })
})

describe('the confirmation dialog', () => {
  it('says what will be lost and answers with the clerk’s choice', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const confirm = useConfirmStore()
    const w = mount(
      { components: { ConfirmDialog }, template: '<v-app><ConfirmDialog /></v-app>' },
      { attachTo: document.body, global: { plugins: [createVuetify({ components, directives }), i18n, pinia] } },
    )
    const yes = confirm.ask({
      title: 'Отключить сотрудника?',
      text: 'Петров не сможет войти',
      confirmLabel: 'Отключить',
    })
    await nextTick()
    await vi.advanceTimersByTimeAsync(300)
    expect(document.querySelector('[data-testid="confirm-text"]')?.textContent).toContain('Петров не сможет войти')
    ;(document.querySelector('[data-testid="confirm-ok"]') as HTMLElement).click()
    expect(await yes).toBe(true)
    const no = confirm.ask({ title: 'Удалить фото?', text: 'Снимок будет удалён', confirmLabel: 'Удалить фото' })
    await nextTick()
    await vi.advanceTimersByTimeAsync(300)
    ;(document.querySelector('[data-testid="confirm-cancel"]') as HTMLElement).click()
    expect(await no).toBe(false)
    w.unmount()
  })

  it('a second question answers the first one «no»', async () => {
    const confirm = useConfirmStore()
    const first = confirm.ask({ title: 'A', text: 'a', confirmLabel: 'A' })
    const second = confirm.ask({ title: 'B', text: 'b', confirmLabel: 'B' })
    expect(await first).toBe(false)
    confirm.close(true)
    expect(await second).toBe(true)
  })
})
