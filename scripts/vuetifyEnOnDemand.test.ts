import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { withoutEnglish } from './vuetifyEnOnDemand'

const ADAPTER = createRequire(import.meta.url).resolve('vuetify/lib/locale/adapters/vuetify.js')

describe("Vuetify's locale adapter without its English import", () => {
  it('seeds the installed adapter with an empty table instead of importing ../en.js', () => {
    const out = withoutEnglish(readFileSync(ADAPTER, 'utf8'), ADAPTER)
    expect(out).not.toMatch(/en\.js/)
    expect(out).toContain('const en = {};')
    // The table it seeds is still the one named `en`, so the whole app's `messages.value.en = en` replaces it.
    expect(out).toMatch(/ref\(\{\s*en,/)
  })

  it('stops the build when an upgraded adapter no longer has that import', () => {
    expect(() => withoutEnglish('const messages = ref({})', 'adapter.js')).toThrow(/adapter\.js.*vuetifyEnOnDemand/)
  })
})
