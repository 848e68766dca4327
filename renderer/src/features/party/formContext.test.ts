// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { i18n } from '../../plugins/i18n'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { emptyDraft as emptyOsagoDraft, type OsagoDraft } from '@shared/osago/draft'
import { emptyParty, type PersonDraft } from '@shared/party/draft'
import FormPathsFixture from './FormPathsFixture.vue'
import { createForm, narrow, scope, type FormState, type Path, type PathValue } from './formContext'

/*
 * This file is also compiled by `vue-tsc -p tsconfig.renderer.json` (listed under "files" there), so the
 * `@ts-expect-error` lines below are checked by the type check: a path the draft does not have must not compile.
 * If a draft field is renamed, the paths written against the old name stop compiling the same way.
 */

function state(): FormState & { touched: string[] } {
  const touched: string[] = []
  return {
    touched,
    readonly: ref(false),
    errorsOf: (path) => (touched.includes(path) ? [`error at ${path}`] : []),
    touch: (path) => void touched.push(path),
  }
}

describe('typed form paths', () => {
  it('accepts the draft paths and refuses the others at compile time', () => {
    const form = createForm(ref<OsagoDraft | null>(emptyOsagoDraft('2026-12-05')), state())
    const i = 1
    const ok: Array<Path<OsagoDraft>> = [
      'insured.surname',
      'insured.passport.series',
      'contract.periodsOfUse.0.from',
      `drivers.list.${i}.licence.number`,
      'vehicle.diagnosticCard.issueDate',
    ]
    expect(ok).toHaveLength(5)
    // @ts-expect-error a misspelt field
    form.errorsOf('insured.surnam')
    // @ts-expect-error a field of another draft (CASCO's vehicle has mileage, OSAGO's does not)
    form.touch('vehicle.mileageKm')
    // @ts-expect-error a path below a leaf
    form.read('insured.surname.length')
    const date: PathValue<OsagoDraft, 'vehicle.diagnosticCard.issueDate'> = '2026-01-01'
    // @ts-expect-error the value type follows the path
    const year: PathValue<OsagoDraft, 'vehicle.year'> = '2020'
    expect([date, year]).toHaveLength(2)
  })

  it('type-checks the paths given to field components in templates (FormPathsFixture.vue)', () => {
    const form = createForm(ref<OsagoDraft | null>(emptyOsagoDraft('2026-12-05')), state())
    const w = mount(FormPathsFixture, {
      props: { form, driver: 0 },
      // FormField translates its date and mask messages itself (vue-i18n); Pinia for the date field's today.
      global: { plugins: [createVuetify({ components, directives }), i18n, createPinia()] },
    })
    // The fixture's point is its type check; here it also renders each field under its full path.
    expect(w.findAll('input').map((i) => i.attributes('name'))).toEqual([
      'insured.surname',
      'drivers.list.0.licence.series',
      'insured.surnam',
      'drivers.list.0.passport.series',
    ])
  })

  it('reads and writes by path, and a part of the form keeps the full path for names and errors', () => {
    const s = state()
    const draft = ref<OsagoDraft | null>(emptyOsagoDraft('2026-12-05'))
    const form = createForm(draft, s)
    form.write('vehicle.plate', 'А123ВС77')
    expect(draft.value!.vehicle.plate).toBe('А123ВС77')
    const insured = scope(form, 'insured')
    expect(insured.prefix).toBe('insured.')
    expect(insured.name('passport.series')).toBe('insured.passport.series')
    insured.touch('passport.series')
    expect(s.touched).toEqual(['insured.passport.series'])
    expect(insured.errorsOf('passport.series')).toEqual(['error at insured.passport.series'])
    // The same part is the same form, so a section given it twice does not re-render for nothing.
    expect(scope(form, 'insured')).toBe(insured)
    const address = scope(insured, 'address')
    address.write('city', 'Тверь')
    expect(draft.value!.insured.address.city).toBe('Тверь')
    expect(address.name('city')).toBe('insured.address.city')
  })

  it('narrows a union part to the member the draft holds, and replaces the part as a whole', () => {
    const draft = ref<OsagoDraft | null>(emptyOsagoDraft('2026-12-05'))
    const insured = scope(createForm(draft, state()), 'insured')
    const isPerson = (p: OsagoDraft['insured']): p is Extract<OsagoDraft['insured'], PersonDraft> => p.kind === 'person'
    const person = narrow<OsagoDraft['insured'], PersonDraft>(insured, isPerson)
    expect(person?.model.value.surname).toBe('')
    person!.write('surname', 'Иванов')
    expect(draft.value!.insured).toMatchObject({ kind: 'person', surname: 'Иванов' })
    insured.replace(emptyParty('organisation'))
    expect(narrow<OsagoDraft['insured'], PersonDraft>(insured, isPerson)).toBeNull()
    expect(() => person!.model.value).toThrow(/no longer this kind/)
  })
})
