import type { Plugin } from 'vite'

/**
 * vue-i18n 11 (dist/vue-i18n.mjs, `getCurrentInstance`) reads Vue's exports by a computed name — `'currentInstance'
 * in Vue` and `Vue[key]` on `import * as Vue from 'vue'` — so a bundler cannot tell which exports are used and keeps
 * them all: hydration, Suspense, KeepAlive, Teleport, the SSR helpers, about 33 KB (minified) of Vue the app never calls, in
 * the entry chunk that every start parses (docs/decisions.md, renderer startup). Vue 3.5 exports no
 * `currentInstance` (only `getCurrentInstance`), so the test is always false and vue-i18n always calls
 * `Vue.getCurrentInstance()`; the rewrite makes that the only access, which tree-shakes like a named import.
 */
const DYNAMIC =
  /const key = 'currentInstance';\s*if \(key in Vue\) \{\s*return Vue\[key\];\s*\}\s*else \{\s*return Vue\.getCurrentInstance\(\);\s*\}/

/** The module's code with the dynamic access replaced; throws when vue-i18n's code no longer has it (an upgrade). */
export function staticVueAccess(code: string, id: string): string {
  if (!DYNAMIC.test(code)) {
    throw new Error(
      `${id}: vue-i18n's dynamic access to Vue's exports was not found — check scripts/vueI18nStaticVue.ts after the upgrade`,
    )
  }
  return code.replace(DYNAMIC, 'return Vue.getCurrentInstance();')
}

export function vueI18nStaticVue(): Plugin {
  return {
    name: 'branch-desk:vue-i18n-static-vue',
    transform(code, id) {
      if (!/\/node_modules\/vue-i18n\/dist\/vue-i18n(\.runtime)?\.mjs$/.test(id)) return null
      return { code: staticVueAccess(code, id), map: null }
    },
  }
}
