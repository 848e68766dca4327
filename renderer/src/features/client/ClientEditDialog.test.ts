// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import type { ClientCard } from '@shared/client/client'
import { emptyPerson } from '@shared/party/draft'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'

await loadLocaleMessages('ru')
// happy-dom has no visualViewport, which Vuetify's overlays (the dialog, the button's tooltip) listen to.
const viewport = Object.assign(new EventTarget(), { width: 1366, height: 768, offsetLeft: 0, offsetTop: 0, scale: 1 })
Object.assign(globalThis, { visualViewport: viewport })

/** What the form asked the core, and what the core answers to a save (set per test). */
const calls: Array<{ channel: string; input: unknown }> = []
let saveAnswer: (input: { party: unknown }) => unknown = () => ({ ok: true, value: null })
vi.mock('../../api/client', () => ({
  call: async (channel: string, input: unknown) => {
    calls.push({ channel, input })
    if (channel === 'osago/get-form-reference')
      return { ok: true, value: { regions: [{ name: 'Москва', federalCity: true, cities: [] }] } }
    if (channel === 'client/update-card') return saveAnswer(input as { party: unknown })
    return new Promise(() => {})
  },
  callOrThrow: () => new Promise(() => {}),
  takeStartupAnswer: () => null,
  onSessionError: () => () => {},
}))
const { default: ClientEditDialog } = await import('./ClientEditDialog.vue')

/** A card an inspection made: a name and a phone, nothing else yet. */
const card: ClientCard = {
  id: 'k1',
  kind: 'person',
  status: 'active',
  name: 'Смирнов Алексей',
  phone: '9031234567',
  updatedAt: '2026-12-06T08:00:00.000Z',
  rowVersion: 3,
  party: { kind: 'person', ...emptyPerson(), surname: 'Смирнов', name: 'Алексей', phone: '+7 903 123-45-67' },
  consent: null,
  mergedInto: null,
  versions: [],
  records: [],
  payments: [],
}

const mounted: VueWrapper[] = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  document.body.innerHTML = ''
  calls.length = 0
})

async function openDialog() {
  const w = mount(ClientEditDialog, {
    props: { card, modelValue: true },
    attachTo: document.body,
    global: { plugins: [createVuetify({ components, directives }), i18n, createPinia()] },
  })
  mounted.push(w)
  await flushPromises()
  return w
}

const field = (path: string) => document.querySelector(`[data-testid="f-${path}"]`) as HTMLElement
const input = (path: string) => field(path).querySelector('input') as HTMLInputElement
async function type(path: string, value: string) {
  const el = input(path)
  el.value = value
  el.dispatchEvent(new Event('input', { bubbles: true }))
  el.dispatchEvent(new Event('blur'))
  await flushPromises()
}
async function save() {
  ;(document.querySelector('[data-testid="client-edit-save"]') as HTMLElement).click()
  await flushPromises()
}
const updates = () => calls.filter((c) => c.channel === 'client/update-card')

describe('the client card edit form', () => {
  it('opens on the card’s data: a card with a name and a phone is complete enough to save', async () => {
    const w = await openDialog()
    expect(input('surname').value).toBe('Смирнов')
    expect(field('passport.series')).not.toBeNull()
    saveAnswer = (i) => ({ ok: true, value: { ...card, party: i.party, rowVersion: 4 } })
    await type('email', 'smirnov@example.ru')
    await save()
    expect(updates()).toHaveLength(1)
    expect(updates()[0]!.input).toMatchObject({ id: 'k1', rowVersion: 3, party: { email: 'smirnov@example.ru' } })
    expect(w.emitted('saved')?.[0]?.[0]).toMatchObject({ rowVersion: 4 })
    expect(w.emitted('update:modelValue')?.[0]).toEqual([false])
  })

  it('shows a field’s problem at the field in Russian once it is left, and saves nothing while there is one', async () => {
    await openDialog()
    await type('surname', '')
    expect(field('surname').textContent).toContain('Обязательное поле')
    // Half a passport: the other half is asked for only once the whole form is checked.
    await type('passport.series', '4519')
    expect(field('passport.number').textContent).not.toContain('Обязательное поле')
    await save()
    expect(updates()).toHaveLength(0)
    expect(field('passport.number').textContent).toContain('Обязательное поле')
  })

  it('shows the core’s refusal at the field it names, until that field is changed', async () => {
    await openDialog()
    saveAnswer = () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Проверьте отмеченные поля',
        fieldErrors: { 'party.phone': 'validation.phone.notRussian' },
      },
    })
    await save()
    expect(updates()).toHaveLength(1)
    expect(document.querySelector('[data-testid="client-edit-error"]')?.textContent).toContain(
      'Проверьте отмеченные поля',
    )
    expect(field('phone').textContent).toContain('Нужен российский номер')
    await type('phone', '+7 903 765-43-21')
    expect(field('phone').textContent).not.toContain('Нужен российский номер')
  })
})
