// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'
import type { AppStatus } from '@shared/app/contract'
import type { ApprovalCase } from '@shared/approval/contract'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import { useAppStatusStore } from '../../stores/appStatus'

await loadLocaleMessages('ru')
// happy-dom has no visualViewport, which Vuetify's overlays (the submit button's tooltip) listen to.
const viewport = Object.assign(new EventTarget(), { width: 1366, height: 768, offsetLeft: 0, offsetTop: 0, scale: 1 })
Object.assign(globalThis, { visualViewport: viewport })

/** What the form asked the core: a decision must reach it only by the button or Ctrl+Enter, never by Enter. */
const calls: Array<{ channel: string; input: unknown }> = []
vi.mock('../../api/client', () => ({
  call: (channel: string, input: unknown) => {
    calls.push({ channel, input })
    return new Promise(() => {})
  },
  callOrThrow: () => new Promise(() => {}),
  takeStartupAnswer: () => null,
  onSessionError: () => () => {},
}))
const { default: DecisionForm } = await import('./DecisionForm.vue')

const QUOTE_ID = '0b7f3c52-8a8e-4c1e-9d3a-3f1f2a6b9c01'
const theCase = (ready: boolean) =>
  ({
    quote: { id: QUOTE_ID, rowVersion: 3, startDate: '2026-12-20' },
    inspection: null,
    checks: [],
    ready,
    refusal: null,
  }) as unknown as ApprovalCase

let pinia: Pinia
const mounted: VueWrapper[] = []
beforeEach(() => {
  calls.length = 0
  pinia = createPinia()
  setActivePinia(pinia)
  useAppStatusStore().status = { timeZone: 'Europe/Moscow', now: new Date().toISOString() } as AppStatus
})
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  document.body.innerHTML = ''
})

function mountForm(ready = true) {
  const w = mount(DecisionForm, {
    props: { case: theCase(ready) },
    attachTo: document.body,
    global: { plugins: [createVuetify({ components, directives }), i18n, pinia] },
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

const validUntil = () => document.querySelector('[data-testid="f-validUntil"] input') as HTMLInputElement

describe('the supervisor’s decision from the keyboard', () => {
  it('Enter in «действует до» goes on to the comment and decides nothing', async () => {
    mountForm()
    validUntil().focus()
    const e = press(validUntil(), 'Enter')
    await flushPromises()
    // Prevented: the browser's implicit submission of the form is what the default action would have been.
    expect(e.defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(document.querySelector('textarea[name="comment"]'))
    expect(calls.filter((c) => c.channel === 'approval/decide')).toEqual([])
  })

  it('Ctrl+Enter decides, and its button names the shortcut', async () => {
    mountForm()
    validUntil().focus()
    press(validUntil(), 'Enter', { ctrlKey: true })
    await flushPromises()
    const decide = calls.filter((c) => c.channel === 'approval/decide')
    expect(decide).toHaveLength(1)
    expect(decide[0]!.input).toMatchObject({ quoteId: QUOTE_ID, quoteRowVersion: 3, decision: 'approved' })
    expect(await tooltipOf('decision-submit')).toBe('Ctrl+Enter')
  })

  it('Ctrl+Enter does nothing while the button is disabled (the report is not ready)', async () => {
    mountForm(false)
    validUntil().focus()
    press(validUntil(), 'Enter', { ctrlKey: true })
    await flushPromises()
    expect(calls.filter((c) => c.channel === 'approval/decide')).toEqual([])
  })
})
