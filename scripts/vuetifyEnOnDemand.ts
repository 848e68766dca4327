import type { Plugin } from 'vite'

/**
 * Vuetify's own locale adapter (vuetify/lib/locale/adapters/vuetify.js) imports the English locale to seed its
 * messages (`ref({ en, ...options.messages })`), so the English table sits in the entry chunk of an app that speaks
 * Russian and uses English only as Vuetify's fallback. The rewrite seeds it with an empty table instead; the app adds
 * the real one when the whole app loads (renderer/src/plugins/vuetifyComplete.ts), before any screen but the sign-in
 * card is drawn — and Russian has every key English has (vuetify.test.ts), so the card never falls back. The build
 * stops when an upgraded Vuetify no longer has that import (docs/decisions.md, renderer startup).
 */
const IMPORT_EN = /import en from ["']\.\.\/en\.js["'];?/

/** The adapter's code with the English import replaced by an empty table; throws when the import is not there. */
export function withoutEnglish(code: string, id: string): string {
  if (!IMPORT_EN.test(code)) {
    throw new Error(
      `${id}: Vuetify's locale adapter no longer imports ../en.js — check scripts/vuetifyEnOnDemand.ts after the upgrade`,
    )
  }
  return code.replace(IMPORT_EN, 'const en = {};')
}

export function vuetifyEnOnDemand(): Plugin {
  return {
    name: 'branch-desk:vuetify-en-on-demand',
    transform(code, id) {
      if (!/\/node_modules\/vuetify\/lib\/locale\/adapters\/vuetify\.js$/.test(id)) return null
      return { code: withoutEnglish(code, id), map: null }
    },
  }
}
