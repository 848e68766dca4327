// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { VBtn } from 'vuetify/components/VBtn'
import { aliases as mdiSvgAliases } from 'vuetify/iconsets/mdi-svg'
import { en, ru } from 'vuetify/locale'
import AuthForm from '../layout/AuthForm.vue'
import { VAlertOnDemand } from '../layout/alertOnDemand'
import { STARTUP_ICON_ALIASES } from './startupIcons'
import { vuetify } from './vuetify'
import { completeVuetify } from './vuetifyComplete'

/**
 * The entry chunk's Vuetify has only what the sign-in card draws (docs/decisions.md, renderer startup); the whole app
 * completes it (`completeVuetify`). These tests keep the card's icons drawn and nothing lost after completion.
 */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe("the entry's Vuetify", () => {
  it("has the sign-in card's icons as mdi-svg draws them", () => {
    for (const [name, value] of Object.entries(STARTUP_ICON_ALIASES))
      expect(value, name).toBe(mdiSvgAliases[name as keyof typeof mdiSvgAliases])
  })

  it('draws the card\'s alerts (a refusal, "branch created") as SVG icons before the whole app has loaded', async () => {
    const global = { plugins: [vuetify], components: { VBtn } }
    const form = mount(AuthForm, {
      props: { name: 'sign-in', submitLabel: 'Войти', busy: false, error: 'Нет' },
      global,
    })
    const Created = defineComponent({ render: () => h(VAlertOnDemand, { type: 'success' }, () => 'Филиал создан') })
    const created = mount(Created, { global })
    // The alert's module loads on its first show.
    await vi.waitFor(() => expect(created.find('.v-alert').exists() && form.find('.v-alert').exists()).toBe(true))
    await flushPromises()
    for (const [w, alias] of [
      [form, STARTUP_ICON_ALIASES.error],
      [created, STARTUP_ICON_ALIASES.success],
    ] as const) {
      expect(w.find('.v-alert').exists()).toBe(true)
      // An alias missing here would fall back to Vuetify's icon-font name, drawn as an empty <i class="mdi-…">.
      expect(w.find('.v-alert [class*="mdi-"]').exists()).toBe(false)
      expect(w.find('.v-alert svg path').attributes('d')).toBe(alias.slice('svg:'.length))
    }
    expect(form.find('form.v-form[data-testid="sign-in-form"]').exists()).toBe(true)
    expect(form.find('[data-testid="sign-in-error"]').text()).toBe('Нет')
    form.unmount()
    created.unmount()
  })

  it('speaks Russian with every key English has, so it never needs the English fallback before the app completes it', () => {
    const russian = new Set(keys(ru))
    expect(keys(en).filter((k) => !russian.has(k))).toEqual([])
    expect(vuetify.locale.current.value).toBe('ru')
  })
})

describe('completeVuetify (the whole app)', () => {
  it("adds mdi-svg's whole alias table and the English fallback", () => {
    expect(vuetify.icons.aliases.expand).not.toBe(mdiSvgAliases.expand)
    completeVuetify()
    for (const [name, value] of Object.entries(mdiSvgAliases))
      expect(vuetify.icons.aliases[name as keyof typeof mdiSvgAliases], name).toBe(value)
    expect(vuetify.locale.messages.value.en).toEqual(en)
    expect(vuetify.locale.t('$vuetify.close')).toBe(ru.close)
  })
})
