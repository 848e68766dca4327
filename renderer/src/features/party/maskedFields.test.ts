// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { emptyReport, type InspectionReport } from '@shared/inspection/report'
import { useFormErrors } from '../../composables/useFormErrors'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import VehicleSection from '../inspection/VehicleSection.vue'
import { createForm } from './formContext'
import type { MaskName } from './masks'

await loadLocaleMessages('ru')

/**
 * Every identifier a clerk types goes through its mask (issue 14, masks.ts): a plate, a VIN, a phone, a passport,
 * a licence, an INN/OGRN, a BIK or an account field without one fails here, by the last part of the field's path.
 */
const MASK_OF: Record<string, MaskName> = {
  plate: 'plate',
  vin: 'vin',
  // An inspection reads a VIN or, on a car without one, its body number: the mask takes either (masks.ts).
  vinDocument: 'vehicleId',
  vinBody: 'vehicleId',
  vinPlate: 'vehicleId',
  phone: 'phone',
  passport: 'passport',
  'passport.series': 'passportSeries',
  'passport.number': 'passportNumber',
  departmentCode: 'departmentCode',
  'licence.series': 'licenceSeries',
  'licence.number': 'licenceNumber',
  inn: 'inn',
  ogrn: 'ogrn',
  bik: 'bik',
  account: 'account',
  correspondentAccount: 'account',
}

/** The mask a field at `path` must have, or null for a field that is no identifier. */
function maskFor(path: string): MaskName | null {
  const parts = path.replace(/\$\{[^}]*\}/g, 'N').split('.')
  return MASK_OF[parts.slice(-2).join('.')] ?? MASK_OF[parts.at(-1)!] ?? null
}

describe('every identifier field has its mask', () => {
  it('knows a field by the end of its path', () => {
    expect(maskFor('vehicle.vinBody')).toBe('vehicleId')
    expect(maskFor('drivers.list.${i}.licence.series')).toBe('licenceSeries')
    expect(maskFor('insured.passport.number')).toBe('passportNumber')
    expect(maskFor('applicant.passport')).toBe('passport')
    expect(maskFor('payout.correspondentAccount')).toBe('account')
    expect(maskFor('vehicle.colour')).toBeNull()
    expect(maskFor('representative.powerOfAttorney.number')).toBeNull()
  })

  it('finds none without it in the renderer’s forms', async () => {
    const { readdirSync, readFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const root = join(import.meta.dirname, '..', '..')
    const vue = (readdirSync(root, { recursive: true }) as string[]).filter(
      // The type-check fixture is compiled, never shown: its fields exist to prove paths are typed.
      (f) => f.endsWith('.vue') && !f.endsWith('FormPathsFixture.vue'),
    )
    expect(vue.length).toBeGreaterThan(50)
    const problems: string[] = []
    let identifiers = 0
    for (const f of vue) {
      const text = readFileSync(join(root, f), 'utf8')
      for (const tag of text.match(/<FormField\b[^>]*?\/>/gs) ?? []) {
        const path = /\s:?path="`?([^"`]+)`?"/.exec(tag)?.[1]
        if (!path) continue
        const want = maskFor(path)
        if (!want) continue
        identifiers++
        const has = /\smask="(\w+)"/.exec(tag)?.[1]
        if (has !== want) problems.push(`${f}: ${path} has mask ${has ?? 'none'}, needs ${want}`)
      }
      // An identifier typed into a bare text field would bypass the masks altogether.
      for (const tag of text.match(/<v-text-field\b[^>]*?>/gs) ?? []) {
        const bound = /\s(?:v-model|:model-value|data-testid|:data-testid)="`?([^"`]+)`?"/.exec(tag)?.[1] ?? ''
        const path = bound.replace(/^f-/, '')
        if (/^[\w.${}]+$/.test(path) && maskFor(path)) problems.push(`${f}: ${path} in a bare v-text-field`)
      }
    }
    expect(identifiers).toBeGreaterThan(20)
    expect(problems).toEqual([])
  })
})

describe('the inspection’s vehicle', () => {
  const global = { plugins: [createVuetify({ components, directives }), i18n, createPinia()] }
  const flush = () => new Promise((r) => setTimeout(r, 0))

  function inspectionForm() {
    const draft = ref<InspectionReport | null>(emptyReport('2026-12-05T10:00'))
    const errors = useFormErrors({ t: (k) => k, readonly: ref(false), local: () => ({}) })
    return { draft, form: createForm(draft, errors.state) }
  }

  it('takes the plate and the three VINs through the masks OSAGO and CASCO use', async () => {
    const { draft, form } = inspectionForm()
    const w = mount(VehicleSection, { props: { form }, global })
    await flush()
    const input = (path: string) => w.find(`[data-testid="f-vehicle.${path}"] input`)
    await input('plate').setValue('a123bc777')
    expect((input('plate').element as HTMLInputElement).value).toBe('А 123 ВС 777')
    expect(draft.value!.vehicle.plate).toBe('А123ВС777')
    // Typed in the Russian layout: Cyrillic twins become Latin, as on the documents.
    await input('vinDocument').setValue('хта210930у1234567')
    expect(draft.value!.vehicle.vinDocument).toBe('XTA210930Y1234567')
    await input('vinBody').setValue('XTA210930Y1234567')
    await nextTick()
    expect(w.find('[data-testid="vin-body-match"]').exists()).toBe(true)
    // I, O, Q never occur in a VIN: refused at the key, with the validator's message.
    await input('vinPlate').setValue('XTA21O930')
    expect(draft.value!.vehicle.vinPlate).toBe('XTA21930')
    expect(w.text()).toContain(i18n.global.t('validation.vin.forbiddenLetters'))
  })

  it('keeps a body number of a car without a VIN as the documents write it', async () => {
    const { draft, form } = inspectionForm()
    draft.value!.vehicle.vinDocument = 'GX100-1234567'
    const w = mount(VehicleSection, { props: { form }, global })
    await flush()
    const input = (path: string) => w.find(`[data-testid="f-vehicle.${path}"] input`)
    expect((input('vinDocument').element as HTMLInputElement).value).toBe('GX100-1234567')
    // Typed in the Russian layout, with an O a VIN would refuse: a body number keeps it.
    await input('vinBody').setValue('ох100-1234567')
    expect(draft.value!.vehicle.vinBody).toBe('OX100-1234567')
    expect(w.text()).not.toContain(i18n.global.t('validation.vin.forbiddenLetters'))
  })
})
