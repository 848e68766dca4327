// @vitest-environment happy-dom
import { nextTick } from 'vue'
import { beforeEach, describe, expect, it } from 'vitest'
import { useSessionFlag } from './useSessionFlag'

describe('useSessionFlag', () => {
  beforeEach(() => sessionStorage.clear())

  it('starts from the default and keeps the choice for the next screen of the session', async () => {
    const first = useSessionFlag('panel', true)
    expect(first.value).toBe(true)
    first.value = false
    await nextTick()
    expect(useSessionFlag('panel', true).value).toBe(false)
    expect(useSessionFlag('other', true).value).toBe(true)
  })
})
