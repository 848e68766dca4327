// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { emptyDraft as emptyOsagoDraft, type OsagoDraft } from '@shared/osago/draft'
import { useFormErrors } from '../../composables/useFormErrors'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import DateInput from './DateInput.vue'
import FormField from './FormField.vue'
import { createForm } from './formContext'
import { MASKS } from './masks'

await loadLocaleMessages('ru')

/**
 * The one date field and the masks as a clerk meets them (issue 14): digits typed become ДД.ММ.ГГГГ and the draft
 * gets YYYY-MM-DD; a two-digit year is read by the field's century; one Tab stop, the calendar button outside the
 * Tab order; the masked identifiers keep the schema's values in the draft.
 */
const global = { plugins: [createVuetify({ components, directives }), i18n, createPinia()] }
const t = (key: string) => `«${key}»`
const flush = () => new Promise((r) => setTimeout(r, 0))

function osagoForm() {
  const draft = ref<OsagoDraft | null>(emptyOsagoDraft('2026-12-05'))
  const errors = useFormErrors({ t, readonly: ref(false), local: () => ({}) })
  return { draft, errors, form: createForm(draft, errors.state) }
}

async function type(wrapper: ReturnType<typeof mount>, text: string) {
  await wrapper.find('input').setValue(text)
  await nextTick()
}

describe('the date field', () => {
  it('turns 12041999 into 12.04.1999 on screen and 1999-04-12 in the draft', async () => {
    const { draft, form } = osagoForm()
    const w = mount(FormField, {
      props: { form, path: 'insured.birthDate', label: 'Birth', type: 'date', century: 'past' },
      global,
    })
    await flush()
    await type(w, '12041999')
    expect(w.find('input').element.value).toBe('12.04.1999')
    expect(draft.value!.insured.birthDate).toBe('1999-04-12')
    // The draft changed elsewhere shows as ДД.ММ.ГГГГ.
    draft.value!.insured.birthDate = '1985-01-31'
    await nextTick()
    expect(w.find('input').element.value).toBe('31.01.1985')
  })

  it('reads 12.04.99 as 1999 for a past date and 2099 for a policy date, and shows the century once left', async () => {
    const { draft, form } = osagoForm()
    const birth = mount(FormField, {
      props: { form, path: 'insured.birthDate', label: 'Birth', type: 'date', century: 'past' },
      global,
    })
    const start = mount(FormField, {
      props: { form, path: 'contract.startDate', label: 'Start', type: 'date', century: 'future' },
      global,
    })
    await flush()
    await type(birth, '12.04.99')
    await type(start, '12.04.99')
    expect(draft.value!.insured.birthDate).toBe('1999-04-12')
    expect(draft.value!.contract.startDate).toBe('2099-04-12')
    await birth.find('input').trigger('blur')
    expect(birth.find('input').element.value).toBe('12.04.1999')
  })

  it('keeps no half date in the draft and says at the field what is wrong, in Russian', async () => {
    const { draft, form } = osagoForm()
    draft.value!.insured.birthDate = '1999-04-12'
    const w = mount(FormField, {
      props: { form, path: 'insured.birthDate', label: 'Birth', type: 'date', century: 'past' },
      global,
    })
    await flush()
    await type(w, '31022020')
    expect(draft.value!.insured.birthDate).toBe('')
    expect(w.text()).toContain('Такой даты нет в календаре: 31.02.2020')
    await type(w, '3102')
    expect(w.text()).not.toContain('не полностью')
    await w.find('input').trigger('blur')
    expect(w.text()).toContain('Дата введена не полностью')
  })

  it('is one Tab stop: the calendar button is out of the Tab order', async () => {
    const w = mount(DateInput, { props: { modelValue: '', label: 'Date', century: 'past' }, global })
    const focusable = w.findAll('input, button, [tabindex]').filter((e) => e.attributes('tabindex') !== '-1')
    expect(focusable.map((e) => e.element.tagName)).toEqual(['INPUT'])
    expect(w.find('button').attributes('tabindex')).toBe('-1')
    expect(w.find('button').attributes('aria-label')).toBe('Открыть календарь')
  })

  it('refuses a date field without its century rule', () => {
    const { form } = osagoForm()
    expect(() =>
      mount(FormField, { props: { form, path: 'insured.birthDate', label: 'B', type: 'date' }, global }),
    ).toThrow(/century/)
  })

  it('takes a date and a 24-hour time', async () => {
    const value = ref('2026-12-05T09:30')
    const w = mount(DateInput, {
      props: {
        modelValue: value.value,
        label: 'When',
        century: 'past',
        withTime: true,
        'onUpdate:modelValue': (v: string) => (value.value = v),
      },
      global,
    })
    await flush()
    expect(w.find('input').element.value).toBe('05.12.2026 09:30')
    await type(w, '051220261444')
    expect(w.find('input').element.value).toBe('05.12.2026 14:44')
    expect(value.value).toBe('2026-12-05T14:44')
    await type(w, '051220262500')
    expect(value.value).toBe('')
    expect(w.text()).toContain('часы 00–23')
  })
})

describe('the masks', () => {
  it('shows a phone as +7 (916) 123-45-67 and keeps +79161234567, from whatever way it was typed', async () => {
    const { draft, form } = osagoForm()
    const w = mount(FormField, {
      props: { form, path: 'insured.phone', label: 'Phone', type: 'tel', mask: 'phone' },
      global,
    })
    await flush()
    for (const typed of ['9161234567', '89161234567', '+7 916 123-45-67']) {
      await type(w, typed)
      expect(w.find('input').element.value, typed).toBe('+7 (916) 123-45-67')
      expect(draft.value!.insured.phone, typed).toBe('+79161234567')
    }
    await type(w, '')
    expect(draft.value!.insured.phone).toBe('')
  })

  it('upper-cases a VIN, folds Cyrillic twins to Latin and refuses I, O, Q with a message', async () => {
    const { draft, form } = osagoForm()
    const w = mount(FormField, { props: { form, path: 'vehicle.vin', label: 'VIN', mask: 'vin' }, global })
    await flush()
    await type(w, 'хта210930у1234567')
    expect(draft.value!.vehicle.vin).toBe('XTA210930Y1234567')
    await type(w, 'XTA21O930')
    expect(draft.value!.vehicle.vin).toBe('XTA21930')
    expect(w.text()).toContain(i18n.global.t('validation.vin.forbiddenLetters'))
  })

  it('keeps a plate without spaces in Cyrillic, shown in its groups', async () => {
    const { draft, form } = osagoForm()
    const w = mount(FormField, { props: { form, path: 'vehicle.plate', label: 'Plate', mask: 'plate' }, global })
    await flush()
    await type(w, 'a123bc77')
    expect(w.find('input').element.value).toBe('А 123 ВС 77')
    expect(draft.value!.vehicle.plate).toBe('А123ВС77')
    await type(w, 'ав12377')
    expect(draft.value!.vehicle.plate).toBe('АВ12377')
  })

  it('keeps the passport series and number as digits', async () => {
    const { draft, form } = osagoForm()
    const w = mount(FormField, {
      props: { form, path: 'insured.passport.series', label: 'S', mask: 'passportSeries' },
      global,
    })
    await flush()
    await type(w, '4519')
    expect(w.find('input').element.value).toBe('45 19')
    expect(draft.value!.insured.passport.series).toBe('4519')
  })

  it('formats and unformats the identifiers both ways', () => {
    expect(MASKS.account.toDisplay('40702810900001234567')).toBe('40702 810 9 0000 1234567')
    expect(MASKS.account.toStored('40702 810 9 0000 1234567')).toBe('40702810900001234567')
    expect(MASKS.passport.toStored('45 10 123456')).toBe('4510 123456')
    expect(MASKS.departmentCode.toStored('770001')).toBe('770-001')
    expect(MASKS.inn.toStored('7707083893')).toBe('7707083893')
    expect(MASKS.bik.toDisplay('044525225')).toBe('044525225')
    expect(MASKS.plate.refused!('А123ЖЖ77')).toBe('validation.plate.letters')
    expect(MASKS.phone.toDisplay('+79161234567')).toBe('+7 (916) 123-45-67')
  })
})

describe('every date in the renderer is the one date field', () => {
  it('has no browser date input left, and every date field says how it reads a two-digit year', async () => {
    const { readdirSync, readFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const root = join(import.meta.dirname, '..', '..')
    const vue = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.vue'))
    expect(vue.length).toBeGreaterThan(50)
    const problems: string[] = []
    for (const f of vue) {
      const text = readFileSync(join(root, f), 'utf8')
      if (/type="(date|datetime-local|time)"/.test(text.replace(/<FormField\b[^>]*?\/>/gs, '')))
        problems.push(`${f}: a browser date input`)
      for (const tag of text.match(/<(FormField|DateInput)\b[^>]*?\/>/gs) ?? [])
        if ((tag.startsWith('<DateInput') || /type="date(time)?"/.test(tag)) && !/century="(past|future)"/.test(tag))
          problems.push(`${f}: ${tag.replace(/\s+/g, ' ').slice(0, 80)} without century`)
    }
    expect(problems).toEqual([])
  })
})
