// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { emptyCascoDraft, type CascoDraft } from '@shared/casco/draft'
import { emptyDraft as emptyOsagoDraft, type OsagoDraft } from '@shared/osago/draft'
import { emptyReport, type InspectionReport } from '@shared/inspection/report'
import { useFormErrors } from '../../composables/useFormErrors'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import MoneyField from './MoneyField.vue'
import FormField from './FormField.vue'
import PartyFields from './PartyFields.vue'
import { createForm, scope } from './formContext'

// The screens' texts past sign-in come in a chunk the router loads before a screen (plugins/i18n.ts).
await loadLocaleMessages('ru')

/**
 * The form system as the clerk meets it: a field bound by its path, its message shown once the field was left
 * (or the whole form checked), read-only forms, and the fields that shape what is typed — dates, numbers, upper-case
 * identifiers (VIN, plate, passport and licence series) with their length, amounts in roubles kept as kopecks.
 */
const global = { plugins: [createVuetify({ components, directives }), i18n] }
const t = (key: string) => `«${key}»`

function osagoForm(local: Record<string, string> = {}, readonly = false) {
  const draft = ref<OsagoDraft | null>(emptyOsagoDraft('2026-12-05'))
  const errors = useFormErrors({ t, readonly: ref(readonly), local: () => local })
  return { draft, errors, form: createForm(draft, errors.state) }
}

async function type(wrapper: ReturnType<typeof mount>, text: string) {
  await wrapper.find('input').setValue(text)
  await nextTick()
}

describe('FormField', () => {
  it('shows the value at its path and writes what is typed back there', async () => {
    const { draft, form } = osagoForm()
    draft.value!.contract.startDate = '2026-12-06'
    const w = mount(FormField, {
      props: { form, path: 'contract.startDate', label: 'Start', type: 'date', century: 'future' },
      global,
    })
    const input = w.find('input')
    // The one date field (DateInput): typed as ДД.ММ.ГГГГ, kept as YYYY-MM-DD (issue 14).
    expect(input.attributes('type')).toBe('text')
    expect(input.attributes('name')).toBe('contract.startDate')
    expect(input.element.value).toBe('06.12.2026')
    await type(w, '15.01.2027')
    expect(draft.value!.contract.startDate).toBe('2027-01-15')
    // And the other way: the draft changed elsewhere (a load, a redate) shows in the field.
    draft.value!.contract.startDate = '2027-02-01'
    await nextTick()
    expect(w.find('input').element.value).toBe('01.02.2027')
  })

  it('keeps an emptied date as an empty date and says so once the field was left', async () => {
    const { draft, form } = osagoForm({ 'contract.startDate': 'validation.required' })
    draft.value!.contract.startDate = '2026-12-06'
    const w = mount(FormField, {
      props: { form, path: 'contract.startDate', label: 'Start', type: 'date', century: 'future' },
      global,
    })
    await type(w, '')
    // A cleared or impossible date (31.02) is '' in the draft: the draft never holds a half date.
    expect(draft.value!.contract.startDate).toBe('')
    expect(w.text()).not.toContain('validation.required')
    await w.find('input').trigger('blur')
    expect(w.text()).toContain('«validation.required»')
  })

  it('binds a field of a part of the form under its full path', async () => {
    const { draft, form } = osagoForm()
    const address = scope(scope(form, 'insured'), 'address')
    const w = mount(FormField, { props: { form: address, path: 'house', label: 'House' }, global })
    expect(w.find('[data-testid="f-insured.address.house"]').exists()).toBe(true)
    await type(w, '12к3')
    expect(draft.value!.insured.address.house).toBe('12к3')
  })

  it('shows the schema message only after the field was left, and every message once the form is checked', async () => {
    const { form, errors } = osagoForm({ 'vehicle.vin': 'validation.vin.format', 'vehicle.plate': 'validation.req' })
    const vin = mount(FormField, { props: { form, path: 'vehicle.vin', label: 'VIN' }, global })
    const plate = mount(FormField, { props: { form, path: 'vehicle.plate', label: 'Plate' }, global })
    expect(vin.text()).not.toContain('validation.vin.format')
    await vin.find('input').trigger('blur')
    expect(vin.text()).toContain('«validation.vin.format»')
    expect(plate.text()).not.toContain('validation.req')
    errors.showAll.value = true
    await nextTick()
    expect(plate.text()).toContain('«validation.req»')
  })

  it("shows the core's field error at once, until the next change clears it", async () => {
    const { form, errors } = osagoForm()
    const w = mount(FormField, { props: { form, path: 'insured.passport.number', label: 'Number' }, global })
    errors.fromApi({ fieldErrors: { 'insured.passport.number': 'osago.errors.passportTaken' } })
    await nextTick()
    expect(w.text()).toContain('«osago.errors.passportTaken»')
    errors.serverErrors.value = {}
    await nextTick()
    expect(w.text()).not.toContain('passportTaken')
  })

  it('is read-only when the form is', async () => {
    const { draft, form } = osagoForm({}, true)
    draft.value!.vehicle.plate = 'А123ВС77'
    const w = mount(FormField, { props: { form, path: 'vehicle.plate', label: 'Plate' }, global })
    expect(w.find('input').attributes('readonly')).toBeDefined()
  })

  it('keeps identifiers in upper case and limits their length (VIN, plate, document series)', async () => {
    const { draft, form } = osagoForm()
    const w = mount(FormField, {
      props: { form, path: 'vehicle.vin', label: 'VIN', upper: true, maxlength: 17 },
      global,
    })
    expect(w.find('input').attributes('maxlength')).toBe('17')
    await type(w, 'xta210930y1234567')
    expect(draft.value!.vehicle.vin).toBe('XTA210930Y1234567')
    const plate = mount(FormField, { props: { form, path: 'vehicle.plate', label: 'Plate', upper: true }, global })
    await type(plate, 'а123вс77')
    expect(draft.value!.vehicle.plate).toBe('А123ВС77')
  })

  it('stores a number field as a number, a decimal comma as a point, and an empty field as null', async () => {
    const { draft, form } = osagoForm()
    const w = mount(FormField, { props: { form, path: 'vehicle.power', label: 'Power', type: 'number' }, global })
    await type(w, '149,6')
    expect(draft.value!.vehicle.power).toBe(149.6)
    await type(w, '')
    expect(draft.value!.vehicle.power).toBeNull()
  })
})

describe('MoneyField', () => {
  function cascoForm() {
    const draft = ref<CascoDraft | null>(emptyCascoDraft('2026-12-05'))
    const errors = useFormErrors({ t, readonly: ref(false), local: () => ({}) })
    return { draft, form: createForm(draft, errors.state) }
  }

  it('takes roubles as typed and keeps integer kopecks in the draft', async () => {
    const { draft, form } = cascoForm()
    const w = mount(MoneyField, { props: { form, path: 'sumInsuredKopecks', label: 'Sum' }, global })
    await type(w, '1 500 000')
    expect(draft.value!.sumInsuredKopecks).toBe(150_000_000)
    await type(w, '30000,50')
    expect(draft.value!.sumInsuredKopecks).toBe(3_000_050)
    await type(w, '')
    expect(draft.value!.sumInsuredKopecks).toBeNull()
  })

  it('leaves the draft as it was on text that is not an amount, and says so', async () => {
    const { draft, form } = cascoForm()
    draft.value!.sumInsuredKopecks = 100_000
    const w = mount(MoneyField, { props: { form, path: 'sumInsuredKopecks', label: 'Sum' }, global })
    // Grouped the way formatRubles groups (a no-break space).
    expect(w.find('input').element.value.replace(/\s/g, ' ')).toBe('1 000')
    await type(w, '12abc')
    expect(draft.value!.sumInsuredKopecks).toBe(100_000)
    expect(w.text()).toContain(i18n.global.t('casco.ui.errors.money'))
  })

  it("shows the inspection's equipment value as «1 234,56» with a comma, as on the printed act (issue 14)", async () => {
    const report = ref<InspectionReport | null>(emptyReport('2026-12-05T10:00'))
    report.value!.equipment.extra = [{ name: 'Фаркоп', valueKopecks: 123_456 }]
    const errors = useFormErrors({ t, readonly: ref(false), local: () => ({}) })
    const form = createForm(report, errors.state)
    const w = mount(MoneyField, { props: { form, path: 'equipment.extra.0.valueKopecks', label: 'Value' }, global })
    expect(w.find('input').element.value.replace(/\s/g, ' ')).toBe('1 234,56')
    await type(w, '18500,5')
    expect(report.value!.equipment.extra[0]!.valueKopecks).toBe(1_850_050)
  })
})

describe('PartyFields', () => {
  it('switches the insured between a citizen and an organisation, keeping the address typed so far', async () => {
    const { draft, form } = osagoForm()
    draft.value!.insured.address.region = 'Тверская обл.'
    const w = mount(PartyFields, { props: { form: scope(form, 'insured'), regions: [] }, global })
    expect(w.find('[data-testid="f-insured.surname"]').exists()).toBe(true)
    expect(w.find('[data-testid="f-insured.inn"]').exists()).toBe(false)
    await w.find('[data-testid="f-insured.kind"] input[value="organisation"]').setValue(true)
    expect(draft.value!.insured.kind).toBe('organisation')
    expect(draft.value!.insured.address.region).toBe('Тверская обл.')
    expect(w.find('[data-testid="f-insured.inn"]').exists()).toBe(true)
    expect(w.find('[data-testid="f-insured.surname"]').exists()).toBe(false)
  })
})
