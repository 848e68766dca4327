// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import { i18n, loadLocaleMessages } from '../../plugins/i18n'
import AutosaveStatus from './AutosaveStatus.vue'

// The editors' texts come in the chunk loaded past sign-in (plugins/i18n.ts).
await loadLocaleMessages('ru')
const global = { plugins: [createVuetify({ components }), i18n, createPinia()] }
const status = (props: InstanceType<typeof AutosaveStatus>['$props']) =>
  mount(AutosaveStatus, { props, global }).get('[data-testid="autosave-status"]').text()

describe('AutosaveStatus', () => {
  const at = new Date('2026-12-05T09:08:07Z')

  it('saving first, then a failed save, then when it last saved — in the editor’s own words', () => {
    expect(status({ ns: 'osago', saving: true, error: 'Нет связи', savedAt: at })).toBe('Сохранение…')
    expect(status({ ns: 'casco', saving: false, error: 'Нет связи', savedAt: at })).toBe('Нет связи')
    expect(status({ ns: 'osago', saving: false, error: null, savedAt: at })).toMatch(/^Черновик сохранён в \d\d:08:07$/)
    expect(status({ ns: 'inspection', saving: false, error: null, savedAt: at })).toMatch(/^Сохранено в \d\d:08:07$/)
  })

  it('says nothing before the first save', () => {
    expect(status({ ns: 'inspection', saving: false, error: null, savedAt: null })).toBe('')
  })
})
