// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import { i18n, loadLocaleMessages } from '../plugins/i18n'
import ActionBarMessages from './ActionBarMessages.vue'

// The field links name a field not on the page from the screens' texts (FieldErrorLinks.vue, fieldLabels.ts).
await loadLocaleMessages('ru')
const global = { plugins: [createVuetify({ components }), i18n] }

/** A form's two messages in a row like ActionBar's, bound both ways as the editors bind them. */
function page(error: string | null, notice: string | null, paths?: string[]) {
  const state = { error: ref(error), notice: ref(notice) }
  const Page = defineComponent({
    setup: () => () =>
      h('div', { 'data-testid': 'row' }, [
        h(ActionBarMessages, {
          error: state.error.value,
          'onUpdate:error': (v: string | null) => (state.error.value = v),
          notice: state.notice.value,
          'onUpdate:notice': (v: string | null) => (state.notice.value = v),
          paths,
        }),
      ]),
  })
  return { wrapper: mount(Page, { global, attachTo: document.body }), ...state }
}

describe('ActionBarMessages', () => {
  it('draws no element at all when there is nothing to say, so the message row collapses', async () => {
    const { wrapper } = page(null, null)
    await nextTick()
    const row = wrapper.get('[data-testid="row"]').element
    expect(row.children).toHaveLength(0)
    expect(row.textContent).toBe('')
    wrapper.unmount()
  })

  it('shows the refusal with its field links and the notice as sibling alerts', async () => {
    const { wrapper } = page('Отказано', 'Рассчитано', ['vehicle.plate'])
    await nextTick()
    const row = wrapper.get('[data-testid="row"]').element
    expect([...row.children].map((c) => c.getAttribute('data-testid'))).toEqual(['form-error', 'form-notice'])
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('Отказано')
    expect(wrapper.find('[data-testid="field-error-links"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="form-notice"]').text()).toBe('Рассчитано')
    wrapper.unmount()
  })

  it('closing an alert clears its own message and leaves the other', async () => {
    const { wrapper, error, notice } = page('Отказано', 'Рассчитано')
    await nextTick()
    expect(wrapper.find('[data-testid="field-error-links"]').exists()).toBe(false)
    await wrapper.get('[data-testid="form-notice"] .v-alert__close button').trigger('click')
    expect(notice.value).toBeNull()
    expect(error.value).toBe('Отказано')
    await nextTick()
    expect(wrapper.find('[data-testid="form-notice"]').exists()).toBe(false)
    await wrapper.get('[data-testid="form-error"] .v-alert__close button').trigger('click')
    expect(error.value).toBeNull()
    await nextTick()
    expect(wrapper.get('[data-testid="row"]').element.children).toHaveLength(0)
    wrapper.unmount()
  })
})
