// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import FieldErrorLinks from './FieldErrorLinks.vue'

await loadLocaleMessages('ru')
const global = { plugins: [createVuetify({ components }), i18n] }

/** Two fields as FormField draws them (test id `f-<path>`), and the list of the ones with errors. */
const Page = defineComponent({
  props: { paths: { type: Array<string>, required: true } },
  setup(props) {
    return () =>
      h('div', [
        h(components.VTextField, { label: 'Цвет', name: 'vehicle.colour', 'data-testid': 'f-vehicle.colour' }),
        h(components.VTextField, { label: 'Госномер', name: 'vehicle.plate', 'data-testid': 'f-vehicle.plate' }),
        h(FieldErrorLinks, { paths: props.paths }),
      ])
  },
})

describe('FieldErrorLinks', () => {
  it('names each field by its label and focuses it on a click', async () => {
    const wrapper = mount(Page, {
      props: { paths: ['vehicle.plate', 'vehicle.colour'] },
      global,
      attachTo: document.body,
    })
    await nextTick()
    const links = wrapper.findAll('[data-testid="field-error-links"] a')
    expect(links.map((a) => a.text())).toEqual(['Госномер', 'Цвет'])
    await links[0]!.trigger('click')
    expect(document.activeElement).toBe(wrapper.find('[data-testid="f-vehicle.plate"] input').element)
    wrapper.unmount()
  })

  it('follows the list as errors come and go; a field not on the page is named in words, not by its path', async () => {
    const wrapper = mount(Page, { props: { paths: ['vehicle.colour'] }, global, attachTo: document.body })
    await nextTick()
    await wrapper.setProps({ paths: ['vehicle.colour', 'vehicle.vin', 'drivers.list.1.licenseSince', 'x.y'] })
    await nextTick()
    await nextTick()
    expect(wrapper.findAll('[data-testid="field-error-links"] a').map((a) => a.text())).toEqual([
      'Цвет',
      'Транспортное средство: VIN',
      'Водитель 2: Стаж с',
      'Поле формы',
    ])
    wrapper.unmount()
  })
})
