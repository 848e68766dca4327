// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'

await loadLocaleMessages('ru')
const viewport = Object.assign(new EventTarget(), { width: 1366, height: 768, offsetLeft: 0, offsetTop: 0, scale: 1 })
Object.assign(globalThis, { visualViewport: viewport })

/** What the card asked the core, and what the core answers (per channel). */
const calls: Array<{ channel: string; input: unknown }> = []
const answers: Record<string, unknown> = {}
vi.mock('../../api/client', () => ({
  call: (channel: string, input: unknown) => {
    calls.push({ channel, input })
    const a = answers[channel]
    return Promise.resolve(typeof a === 'function' ? (a as (i: unknown) => unknown)(input) : a)
  },
  callOrThrow: () => new Promise(() => {}),
  takeStartupAnswer: () => null,
  onSessionError: () => () => {},
}))
const { default: FiscalSettingsCard } = await import('./FiscalSettingsCard.vue')

const mounted: VueWrapper[] = []
beforeEach(() => {
  calls.length = 0
  answers['fiscal/get-settings'] = {
    ok: true,
    value: { driver: 'atol-web', url: 'http://127.0.0.1:16732', timeoutSeconds: 30 },
  }
  answers['fiscal/set-settings'] = (input: unknown) => ({ ok: true, value: input })
})
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  document.body.innerHTML = ''
})

async function mountCard() {
  const w = mount(FiscalSettingsCard, {
    attachTo: document.body,
    global: { plugins: [createVuetify({ components, directives }), i18n] },
  })
  mounted.push(w)
  await flushPromises()
  return w
}

const input = (w: VueWrapper, id: string) => w.find(`[data-testid="${id}"] input`)

describe('the register card on the admin’s settings', () => {
  it('shows the saved register and saves a changed address in its one form', async () => {
    const w = await mountCard()
    expect(w.text()).toContain('Касса (54-ФЗ)')
    expect((input(w, 'fiscal-url').element as HTMLInputElement).value).toBe('http://127.0.0.1:16732')
    await input(w, 'fiscal-url').setValue(' http://192.168.1.20:16732/ ')
    await input(w, 'fiscal-timeout').setValue('45')
    await w.find('form').trigger('submit')
    await flushPromises()
    const set = calls.filter((c) => c.channel === 'fiscal/set-settings')
    expect(set.at(-1)?.input).toEqual({ driver: 'atol-web', url: 'http://192.168.1.20:16732', timeoutSeconds: 45 })
    expect(w.find('[data-testid="fiscal-saved"]').exists()).toBe(true)
  })

  it('refuses an address that is not http(s) at the field, in Russian, without asking the core', async () => {
    const w = await mountCard()
    await input(w, 'fiscal-url').setValue('ftp://127.0.0.1')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c.channel === 'fiscal/set-settings')).toEqual([])
    expect(w.find('[data-testid="fiscal-url"]').text()).toContain('Адрес веб-сервера кассы вида http://127.0.0.1:16732')
  })

  it('checks the register with what is on the form and says what it found', async () => {
    answers['fiscal/check-register'] = {
      ok: true,
      value: {
        driver: 'atol-web',
        connected: true,
        shiftOpen: true,
        shiftNumber: 12,
        shiftExpired: false,
        error: null,
      },
    }
    const w = await mountCard()
    await w.find('[data-testid="fiscal-check"]').trigger('click')
    await flushPromises()
    expect(calls.at(-1)).toEqual({
      channel: 'fiscal/check-register',
      input: { settings: { driver: 'atol-web', url: 'http://127.0.0.1:16732', timeoutSeconds: 30 } },
    })
    expect(w.find('[data-testid="fiscal-check-result"]').text()).toBe('Касса на связи. Смена № 12 открыта.')

    answers['fiscal/check-register'] = {
      ok: true,
      value: {
        driver: 'atol-web',
        connected: false,
        shiftOpen: null,
        shiftNumber: null,
        shiftExpired: null,
        error: { key: 'fiscal.errors.unreachable', params: { url: 'http://127.0.0.1:16732' } },
      },
    }
    await w.find('[data-testid="fiscal-check"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="fiscal-check-result"]').text()).toContain(
      'Нет связи с веб-сервером кассы по адресу http://127.0.0.1:16732',
    )
  })

  it('with no register there is no address to fill', async () => {
    answers['fiscal/get-settings'] = { ok: true, value: { driver: 'none' } }
    const w = await mountCard()
    expect(w.find('[data-testid="fiscal-url"]').exists()).toBe(false)
    expect(w.text()).toContain('Не подключена — номер чека вводится вручную')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.at(-1)).toEqual({ channel: 'fiscal/set-settings', input: { driver: 'none' } })
  })
})
