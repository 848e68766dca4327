// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'

await loadLocaleMessages('ru')
// happy-dom has no visualViewport, which Vuetify's overlays (the submit button's tooltip) listen to.
const viewport = Object.assign(new EventTarget(), { width: 1366, height: 768, offsetLeft: 0, offsetTop: 0, scale: 1 })
Object.assign(globalThis, { visualViewport: viewport })

/** What the dialog asked the core: a contract must be saved only by the button or Ctrl+Enter, never by Enter. */
const calls: string[] = []
vi.mock('../../api/client', () => ({
  call: (channel: string) => {
    calls.push(channel)
    return new Promise(() => {})
  },
  callOrThrow: () => new Promise(() => {}),
  takeStartupAnswer: () => null,
  onSessionError: () => () => {},
}))
const { default: ManualContractDialog } = await import('./ManualContractDialog.vue')

const mounted: VueWrapper[] = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  document.body.innerHTML = ''
})

function mountDialog() {
  const w = mount(ManualContractDialog, {
    attachTo: document.body,
    global: { plugins: [createVuetify({ components, directives }), i18n, createPinia()] },
  })
  mounted.push(w)
  return w
}

function press(el: Element, key: string, init: KeyboardEventInit = {}) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  el.dispatchEvent(e)
  return e
}

/** The tooltip a pointer resting on the button shows (Vuetify draws it only then). */
async function tooltipOf(testId: string): Promise<string> {
  document.querySelector(`[data-testid="${testId}"]`)!.dispatchEvent(new MouseEvent('mouseenter'))
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
  return document.querySelector('.v-tooltip .v-overlay__content')?.textContent ?? ''
}

const input = (testId: string) => document.querySelector(`[data-testid="${testId}"] input`) as HTMLInputElement

describe('the contract typed by hand, from the keyboard', () => {
  it('Enter in «Номер» goes on to the policyholder (the type already chosen is passed) and saves nothing', async () => {
    const w = mountDialog()
    input('f-number').focus()
    const e = press(input('f-number'), 'Enter')
    await flushPromises()
    // Prevented: the browser's implicit submission of the form is what the default action would have been.
    expect(e.defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(input('f-policyholderName'))
    expect(calls).toEqual([])
    expect(w.find('[data-testid="f-product"]').text()).not.toContain('Обязательное поле')
  })

  it('Ctrl+Enter saves: the whole form is checked and the missing product shown; the button names the shortcut', async () => {
    const w = mountDialog()
    input('f-number').focus()
    press(input('f-number'), 'Enter', { ctrlKey: true })
    await flushPromises()
    expect(w.find('[data-testid="f-product"]').text()).toContain('Обязательное поле')
    expect(calls).toEqual([])
    expect(await tooltipOf('manual-contract-save')).toBe('Ctrl+Enter')
  })
})
