// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, type PropType } from 'vue'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import FieldErrorLinks from './FieldErrorLinks.vue'
import type { LabelForm } from './fieldLabels'

await loadLocaleMessages('ru')
const global = { plugins: [createVuetify({ components }), i18n] }

/** Fields as FormField draws them (test id `f-<path>`, the label the form shows), and the list of those with errors. */
const Page = defineComponent({
  props: {
    paths: { type: Array<string>, required: true },
    fields: { type: Array as PropType<[string, string][]>, default: () => [] },
    form: { type: String as PropType<LabelForm>, default: undefined },
  },
  setup(props) {
    return () =>
      h('div', [
        ...props.fields.map(([path, label]) =>
          h(components.VTextField, { label, name: path, 'data-testid': `f-${path}` }),
        ),
        h(FieldErrorLinks, { paths: props.paths, form: props.form }),
      ])
  },
})
/** The field links' texts, in order («и ещё N» is not one of them). */
const texts = (wrapper: { element: Element }) =>
  [...wrapper.element.querySelectorAll('[data-testid^="field-error-link-"]')].map((a) => a.textContent)

describe('FieldErrorLinks', () => {
  it('names each field with its section and focuses it on a click', async () => {
    const wrapper = mount(Page, {
      props: {
        paths: ['vehicle.plate', 'vehicle.colour'],
        fields: [
          ['vehicle.colour', 'Цвет'],
          ['vehicle.plate', 'Госномер'],
        ],
        form: 'inspection',
      },
      global,
      attachTo: document.body,
    })
    await nextTick()
    expect(texts(wrapper)).toEqual(['Транспортное средство: Госномер', 'Транспортное средство: Цвет'])
    await wrapper.findAll('[data-testid="field-error-links"] a')[0]!.trigger('click')
    expect(document.activeElement).toBe(wrapper.find('[data-testid="f-vehicle.plate"] input').element)
    wrapper.unmount()
  })

  it('tells apart fields whose labels on the page are the same («Серия» of the insured, the owner, a driver)', async () => {
    const paths = ['insured.passport.series', 'owner.person.passport.series', 'drivers.list.1.licence.series']
    const wrapper = mount(Page, {
      props: { paths, fields: paths.map((p): [string, string] => [p, 'Серия']), form: 'osago' },
      global,
      attachTo: document.body,
    })
    await nextTick()
    expect(texts(wrapper)).toEqual(['Страхователь: Серия', 'Собственник: Серия', 'Водитель 2: Серия'])
    wrapper.unmount()
  })

  it('follows the list as errors come and go; a field fieldLabels does not know is named by the page, else in words', async () => {
    const wrapper = mount(Page, {
      props: { paths: ['vehicle.colour'], fields: [['extras.note', 'Примечание кассира']] },
      global,
      attachTo: document.body,
    })
    await nextTick()
    await wrapper.setProps({
      paths: ['vehicle.colour', 'vehicle.vin', 'drivers.list.1.licenseSince', 'extras.note', 'x.y'],
    })
    await nextTick()
    await nextTick()
    expect(texts(wrapper)).toEqual([
      'Транспортное средство: Цвет',
      'Транспортное средство: VIN',
      'Водитель 2: Стаж с',
      'Примечание кассира',
      'Поле формы',
    ])
    wrapper.unmount()
  })

  it('shows as many fields as the count says: the rest behind «и ещё N», which opens them all', async () => {
    const paths = [
      'place',
      'method',
      'client.name',
      'vehicle.make',
      'vehicle.model',
      'vehicle.year',
      'vehicle.colour',
      'vehicle.odometerKm',
      'vehicle.documents',
    ]
    const wrapper = mount(Page, { props: { paths, form: 'inspection' }, global, attachTo: document.body })
    await nextTick()
    const box = () => wrapper.get('[data-testid="field-error-links"]')
    expect(texts(wrapper)).toHaveLength(6)
    expect(box().get('[data-testid="field-error-links-more"]').text()).toBe('и ещё 3')
    expect(box().text()).toMatch(/, Транспортное средство: Год выпуска и ещё 3$/)
    await box().get('[data-testid="field-error-links-more"]').trigger('click')
    await nextTick()
    await nextTick()
    expect(texts(wrapper)).toHaveLength(paths.length)
    expect(box().find('[data-testid="field-error-links-more"]').exists()).toBe(false)
    expect(document.activeElement).toBe(box().findAll('a')[6]!.element)
    wrapper.unmount()
  })
})
