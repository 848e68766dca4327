import { mdiLock } from '@mdi/js'
import { describe, expect, it } from 'vitest'
import { mdiIconModule, rewriteMdiImports } from './mdiIconsPerChunk'

describe('the per-icon rewrite of @mdi/js imports', () => {
  it('turns one named import into one import per icon, keeping local names', () => {
    const code = `import { ref } from 'vue'\nimport {\n  mdiLock,\n  mdiLogout as out,\n} from '@mdi/js'\nconst a = mdiLock`
    expect(rewriteMdiImports(code)).toBe(
      `import { ref } from 'vue'\nimport mdiLock from 'virtual:mdi-icon/mdiLock'\nimport out from 'virtual:mdi-icon/mdiLogout'\nconst a = mdiLock`,
    )
  })

  it('leaves a file without @mdi/js alone', () => {
    expect(rewriteMdiImports(`import { ref } from 'vue'`)).toBeNull()
  })

  it("gives an icon's module its path, and refuses a name @mdi/js does not have", () => {
    expect(mdiIconModule('mdiLock')).toBe(`export default ${JSON.stringify(mdiLock)}`)
    expect(() => mdiIconModule('mdiNoSuchIcon')).toThrow(/mdiNoSuchIcon/)
  })
})
