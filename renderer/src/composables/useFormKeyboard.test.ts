// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref, withDirectives } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { emptyDraft, type OsagoDraft } from '@shared/osago/draft'
import { i18n, loadLocaleMessages } from '../plugins/i18n'
import DriversSection from '../features/osago/DriversSection.vue'
import VehicleFields from '../features/party/VehicleFields.vue'
import { createForm, scope } from '../features/party/formContext'
import { useFormErrors } from './useFormErrors'
import {
  focusFirstEmpty,
  focusFirstError,
  keepReadonlyOutOfTabOrder,
  nextField,
  vFormKeyboard,
} from './useFormKeyboard'

await loadLocaleMessages('ru')

/**
 * The counter's keyboard (issue 14): Enter goes on over fields, Ctrl+Enter runs the main action, read-only fields
 * are no Tab stops, a refused action puts the caret in the first bad field, a new driver's surname takes the caret,
 * and a model list after a fresh make starts empty so typing searches.
 */
const global = { plugins: [createVuetify({ components, directives }), i18n, createPinia()] }
const mounted: VueWrapper[] = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  document.body.innerHTML = ''
})

function mountHtml(html: string, submit?: () => void) {
  const Fields = defineComponent({
    setup: () => () =>
      withDirectives(h('div', { innerHTML: html, 'data-testid': 'form' }), [[vFormKeyboard, { submit }]]),
  })
  const w = mount(Fields, { attachTo: document.body, global })
  mounted.push(w)
  return w
}

const byId = (id: string) => document.getElementById(id) as HTMLElement

function press(el: Element, key: string, init: KeyboardEventInit = {}) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  el.dispatchEvent(e)
  return e
}

describe('Enter moves to the next field', () => {
  it('goes to the next field that needs input: past buttons, read-only, disabled, hidden, ticks and choices made', () => {
    mountHtml(`
      <input id="a">
      <button id="btn">Скопировать</button>
      <input id="ro" readonly>
      <input id="off" disabled>
      <div style="display: none"><input id="hid"></div>
      <input id="neg" tabindex="-1">
      <input type="radio" name="g" id="m" value="m"><input type="radio" name="g" id="f" value="f" checked>
      <input type="checkbox" id="c">
      <textarea id="t"></textarea>
      <input id="z">`)
    byId('a').focus()
    press(byId('a'), 'Enter')
    expect(document.activeElement?.id).toBe('t')
  })

  it('stops at a choice still to be made: a radio group with none checked, entered at its first radio', () => {
    mountHtml(`
      <input id="a">
      <input type="radio" name="g" id="m" value="m"><input type="radio" name="g" id="f" value="f">
      <div class="v-select"><div class="v-field"><span class="v-select__selection">Личная</span><input id="chosen"></div></div>
      <div class="v-select v-autocomplete"><div class="v-field v-field--dirty">
        <span class="v-autocomplete__selection"> </span><input id="empty"></div></div>
      <input id="z">`)
    byId('a').focus()
    press(byId('a'), 'Enter')
    expect(document.activeElement?.id).toBe('m')
    press(byId('m'), 'Enter')
    expect(document.activeElement?.id).toBe('empty')
  })

  it('keeps Enter a newline in a textarea and a press on a button', () => {
    mountHtml('<textarea id="t"></textarea><button id="b">OK</button><input id="z">')
    byId('t').focus()
    expect(press(byId('t'), 'Enter').defaultPrevented).toBe(false)
    expect(document.activeElement?.id).toBe('t')
    byId('b').focus()
    expect(press(byId('b'), 'Enter').defaultPrevented).toBe(false)
    expect(document.activeElement?.id).toBe('b')
  })

  it('from the first radio of a group goes past the whole group', () => {
    const fields = document.createElement('div')
    fields.innerHTML =
      '<input type="radio" name="g" id="m"><input type="radio" name="g" id="f"><input id="after"><input id="last">'
    document.body.append(fields)
    expect(nextField(fields, byId('m'))?.id).toBe('after')
  })
})

describe('Ctrl+Enter', () => {
  it('runs the form’s main action from any field', () => {
    const submit = vi.fn()
    mountHtml('<input id="a"><input id="b">', submit)
    byId('b').focus()
    const e = press(byId('b'), 'Enter', { ctrlKey: true })
    expect(submit).toHaveBeenCalledTimes(1)
    expect(e.defaultPrevented).toBe(true)
  })

  it('does nothing on a form without one (a read-only, issued policy)', () => {
    mountHtml('<input id="a">')
    byId('a').focus()
    expect(press(byId('a'), 'Enter', { ctrlKey: true }).defaultPrevented).toBe(false)
  })
})

describe('Read-only fields and the Tab order', () => {
  it('take a read-only input out of the Tab order and put it back as it was once editable', async () => {
    const root = document.createElement('div')
    root.innerHTML = '<input id="a" readonly><input id="b" tabindex="3"><input id="c">'
    document.body.append(root)
    const stop = keepReadonlyOutOfTabOrder(root)
    expect(byId('a').tabIndex).toBe(-1)
    byId('b').setAttribute('readonly', '')
    await new Promise((r) => setTimeout(r, 0))
    expect(byId('b').tabIndex).toBe(-1)
    byId('b').removeAttribute('readonly')
    byId('a').removeAttribute('readonly')
    await new Promise((r) => setTimeout(r, 0))
    expect(byId('b').getAttribute('tabindex')).toBe('3')
    expect(byId('a').hasAttribute('tabindex')).toBe(false)
    const added = document.createElement('input')
    added.readOnly = true
    root.append(added)
    await new Promise((r) => setTimeout(r, 0))
    expect(added.tabIndex).toBe(-1)
    stop()
  })

  it('take a read-only Vuetify tick box and radio group out of the Tab order (their inputs carry no readonly)', async () => {
    const readonly = ref(true)
    // A functional component: it reads `readonly` as it renders, so the fields follow the switch.
    const Form = () =>
      h('div', [
        h(components.VCheckbox, { label: 'VIN отсутствует', readonly: readonly.value, id: 'tick' }),
        h(components.VRadioGroup, { readonly: readonly.value, modelValue: 'l' }, () => [
          h(components.VRadio, { label: 'Левый', value: 'l', id: 'left' }),
          h(components.VRadio, { label: 'Правый', value: 'r', id: 'right' }),
        ]),
      ])
    const wrapper = mount(Form, { global, attachTo: document.body })
    const stop = keepReadonlyOutOfTabOrder(document.body)
    const inputs = () => ['tick', 'left', 'right'].map((id) => byId(id) as HTMLInputElement)
    // What the fix is about: Vuetify leaves the inputs themselves as editable as ever.
    expect(inputs().map((i) => i.readOnly)).toEqual([false, false, false])
    expect(inputs().map((i) => i.tabIndex)).toEqual([-1, -1, -1])
    readonly.value = false // a calculated policy edited again: the form turns editable
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
    expect(inputs().map((i) => i.tabIndex)).toEqual([0, 0, 0])
    readonly.value = true // issued: read-only again
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
    expect(inputs().map((i) => i.tabIndex)).toEqual([-1, -1, -1])
    stop()
    wrapper.unmount()
  })
})

describe('A refused action', () => {
  it('puts the caret in the first field shown in error', async () => {
    document.body.innerHTML = `
      <div class="v-input"><input id="ok"></div>
      <div class="v-input v-input--error"><input id="bad1"></div>
      <div class="v-input v-input--error"><input id="bad2"></div>`
    const el = await focusFirstError()
    expect(el?.id).toBe('bad1')
    expect(document.activeElement?.id).toBe('bad1')
  })

  it('finds nothing when no field shows an error', async () => {
    document.body.innerHTML = '<input id="ok">'
    expect(await focusFirstError()).toBeNull()
  })
})

function osagoForm() {
  const draft = ref<OsagoDraft | null>(emptyDraft('2026-12-05'))
  const errors = useFormErrors({ t: (k) => k, readonly: ref(false), local: () => ({}) })
  return { draft, form: createForm(draft, errors.state) }
}

describe('Drivers', () => {
  it('«Добавить водителя» puts the caret in the new driver’s surname', async () => {
    const { draft, form } = osagoForm()
    const w = mount(DriversSection, { props: { form, kbmClasses: ['3', '4'] }, attachTo: document.body, global })
    mounted.push(w)
    await w.get('[data-testid="add-driver"]').trigger('click')
    await nextTick()
    await nextTick()
    expect(draft.value!.drivers.mode === 'list' && draft.value!.drivers.list.length).toBe(2)
    const surname = w.get('[data-testid="f-drivers.list.1.surname"] input').element
    expect(document.activeElement).toBe(surname)
  })
})

describe('The model after a make is chosen', () => {
  it('starts empty, so what is typed searches the models instead of being added to «Другая модель»', async () => {
    const { draft, form } = osagoForm()
    const reference = {
      makes: [{ id: 'lada', name: 'Lada', nameRu: 'Лада' }],
      models: [{ id: 'vesta', makeId: 'lada', model: 'Vesta', category: 'B' }],
      categories: [{ code: 'B', asks: ['powerHp'], diagnosticCardRequired: false }],
      purposes: [],
      pricedCategories: ['B'],
    }
    const vehicle = scope(form, 'vehicle')
    const w = mount(VehicleFields, {
      props: { form: vehicle, osago: vehicle, reference: reference as never },
      attachTo: document.body,
      global,
    })
    mounted.push(w)
    draft.value!.vehicle.makeId = 'lada'
    await nextTick()
    const model = () => w.findAllComponents(components.VAutocomplete)[1]!
    expect(model().props('modelValue')).toBeNull()
    expect(w.get('[data-testid="f-vehicle.model"]').text()).not.toContain('Другая модель')
    // «Другая модель» chosen by the clerk is shown as chosen; another make starts empty again.
    model().vm.$emit('update:modelValue', '__other__')
    await nextTick()
    expect(draft.value!.vehicle.modelId).toBeNull()
    expect(model().props('modelValue')).toBe('__other__')
    w.findAllComponents(components.VAutocomplete)[0]!.vm.$emit('update:modelValue', 'uaz')
    await nextTick()
    expect(model().props('modelValue')).toBeNull()
  })
})

describe('Opening a form', () => {
  it('puts the caret in the first empty text field, past filled ones, lists and ticks', () => {
    document.body.innerHTML = `<div id="root">
      <input id="filled" value="05.12.2026"><input id="ro" readonly>
      <div class="v-select"><input id="list"></div>
      <input type="checkbox" id="tick"><input id="surname"><input id="name"></div>`
    expect(focusFirstEmpty(byId('root'))?.id).toBe('surname')
    expect(document.activeElement?.id).toBe('surname')
  })

  it('leaves the caret where the clerk already put it', () => {
    document.body.innerHTML = '<div id="root"><input id="a"><input id="b"></div>'
    byId('b').focus()
    expect(focusFirstEmpty(byId('root'))).toBeNull()
    expect(document.activeElement?.id).toBe('b')
  })
})

describe('A masked field typed to its end', () => {
  function maska(el: HTMLElement, completed: boolean) {
    el.dispatchEvent(new CustomEvent('maska', { detail: { completed } }))
  }

  it('goes on by itself when its last character is typed', async () => {
    mountHtml('<input id="series"><input id="number">')
    const series = byId('series') as HTMLInputElement
    series.focus()
    press(series, '4')
    series.value = '45 1'
    maska(series, false)
    await new Promise((r) => setTimeout(r, 0))
    expect(document.activeElement?.id).toBe('series')
    press(series, '9')
    series.value = '45 19'
    maska(series, true)
    await new Promise((r) => setTimeout(r, 0))
    expect(document.activeElement?.id).toBe('number')
  })

  it('stays when the value was set without typing (a load) or a character was changed in the middle', async () => {
    mountHtml('<input id="series"><input id="number">')
    const series = byId('series') as HTMLInputElement
    series.focus()
    series.value = '45 19'
    maska(series, true)
    await new Promise((r) => setTimeout(r, 0))
    expect(document.activeElement?.id).toBe('series')
    press(series, '1')
    series.setSelectionRange(1, 1)
    maska(series, true)
    await new Promise((r) => setTimeout(r, 0))
    expect(document.activeElement?.id).toBe('series')
  })
})

describe('The driving licence masks', () => {
  it('keep the series and number as the schema does, whatever layout the letters were typed in', async () => {
    const { MASKS } = await import('../features/party/masks')
    expect(MASKS.licenceSeries.toStored('99 21')).toBe('9921')
    expect(MASKS.licenceSeries.toDisplay('9921')).toBe('99 21')
    expect(MASKS.licenceSeries.toStored('77 ab')).toBe('77АВ')
    expect(MASKS.licenceSeries.toDisplay('77АВ')).toBe('77 АВ')
    expect(MASKS.licenceNumber.toStored('654321')).toBe('654321')
  })
})
