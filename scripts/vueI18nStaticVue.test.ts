import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as Vue from 'vue'
import { describe, expect, it } from 'vitest'
import { staticVueAccess } from './vueI18nStaticVue'

const require = createRequire(import.meta.url)
const VUE_I18N = require.resolve('vue-i18n/dist/vue-i18n.mjs')

describe("the rewrite of vue-i18n's access to Vue's exports", () => {
  it('finds the dynamic access in the installed vue-i18n and leaves a plain getCurrentInstance call', () => {
    const code = readFileSync(VUE_I18N, 'utf8')
    expect(code).toMatch(/Vue\[key\]/)
    const out = staticVueAccess(code, VUE_I18N)
    expect(out).not.toMatch(/Vue\[key\]|key in Vue/)
    expect(out).toMatch(/function getCurrentInstance\(\) \{\s*\/\/[^\n]*\n\s*return Vue\.getCurrentInstance\(\);\s*\}/)
  })

  it('changes nothing vue-i18n does: the installed Vue has no currentInstance export to read', () => {
    expect('currentInstance' in Vue).toBe(false)
    expect(typeof Vue.getCurrentInstance).toBe('function')
  })

  it('stops the build when an upgraded vue-i18n no longer has the code it rewrites', () => {
    expect(() => staticVueAccess('export const x = 1', 'vue-i18n.mjs')).toThrow(/vueI18nStaticVue/)
  })
})
