// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, onUpdated } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import { VTextField } from 'vuetify/components/VTextField'
import { useDrawnFocused } from './drawnFocused'

/**
 * The sign-in's login field is drawn focused and given the caret at mount (drawnFocused.ts): one render, no redraw
 * when the caret arrives; unfocused when the caret cannot go there; and the flag follows the caret afterwards.
 */
const mounted: VueWrapper[] = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  document.body.innerHTML = ''
})

function mountField(attached: boolean) {
  let updates = 0
  const Form = defineComponent({
    setup() {
      const focused = useDrawnFocused('field')
      onUpdated(() => updates++)
      return () =>
        h(VTextField, {
          ref: 'field',
          label: 'Логин',
          autofocus: true,
          focused: focused.value,
          'onUpdate:focused': (v: boolean) => (focused.value = v),
        })
    },
  })
  const w = mount(Form, { attachTo: attached ? document.body : undefined, global: { plugins: [createVuetify()] } })
  mounted.push(w)
  return { w, updates: () => updates }
}

describe('a field drawn focused', () => {
  it('has the caret once mounted and is drawn focused once, not redrawn when the caret arrives', async () => {
    const { w, updates } = mountField(true)
    expect(document.activeElement).toBe(w.find('input').element)
    expect(w.find('.v-field--focused').exists()).toBe(true)
    await nextTick()
    expect(updates()).toBe(0)
    expect(w.find('.v-field--focused').exists()).toBe(true)
  })

  it('shows unfocused when the caret could not go there (the field not in the page)', async () => {
    const { w } = mountField(false)
    await nextTick()
    expect(document.activeElement).not.toBe(w.find('input').element)
    expect(w.find('.v-field--focused').exists()).toBe(false)
  })

  it('follows the caret afterwards', async () => {
    const { w } = mountField(true)
    ;(w.find('input').element as HTMLInputElement).blur()
    await nextTick()
    expect(w.find('.v-field--focused').exists()).toBe(false)
    ;(w.find('input').element as HTMLInputElement).focus()
    await nextTick()
    expect(w.find('.v-field--focused').exists()).toBe(true)
  })
})
