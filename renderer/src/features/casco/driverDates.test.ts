// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { draftToApplicationInput, validateCascoApplication } from '@shared/casco/draftApplication'
import { completeCascoDraft } from '@shared/casco/draftFixture'
import type { CascoDraft } from '@shared/casco/draft'
import { useFormErrors } from '../../composables/useFormErrors'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import { createForm } from '../party/formContext'
import CascoDriversSection from './CascoDriversSection.vue'

await loadLocaleMessages('ru')

/**
 * A CASCO driver's dates as the clerk types them: the rule OSAGO's drivers have (shared/validation/driverDates.ts)
 * shows at the driver's field in Russian, its number filled in, as soon as the field is left.
 */
const global = { plugins: [createVuetify({ components, directives }), i18n, createPinia()] }
const flush = () => new Promise((r) => setTimeout(r, 0))

function cascoForm() {
  const draft = ref<CascoDraft | null>(completeCascoDraft('2026-12-05'))
  const checked = () => {
    const r = validateCascoApplication(draftToApplicationInput(draft.value!))
    return r.ok ? { fieldErrors: {}, fieldParams: {} } : r
  }
  const errors = useFormErrors({
    t: (key, params) => i18n.global.t(key, params),
    readonly: ref(false),
    local: () => checked().fieldErrors,
    localParams: () => checked().fieldParams,
  })
  return { draft, form: createForm(draft, errors.state) }
}

describe('CASCO drivers’ dates at the field', () => {
  it('says a 17-year-old is under 18 on the start date, and a licence dated tomorrow has not come yet', async () => {
    const { form } = cascoForm()
    const w = mount(CascoDriversSection, { props: { form }, global })
    await flush()
    const field = (name: string) => w.find(`[data-testid="f-drivers.list.0.${name}"] input`)
    // Cover starts 06.12.2026: born 07.12.2008 the driver is still 17 then.
    await field('birthDate').setValue('07122008')
    await field('birthDate').trigger('blur')
    await nextTick()
    expect(w.text()).toContain('Водителю на дату начала договора меньше 18 лет')
    await field('licenseSince').setValue('06122026')
    await field('licenseSince').trigger('blur')
    await nextTick()
    expect(w.text()).toContain('Дата выдачи прав ещё не наступила')
  })
})
