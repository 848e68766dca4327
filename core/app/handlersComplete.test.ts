import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, contract } from '../../shared/contract'
import { makeTestCore } from '../testing/testCore'

/**
 * The Handlers type asks for one handler per channel at compile time; this proves it at run time on the table
 * createCore really builds (a spread of a mistyped feature map, or a cast, would otherwise slip through).
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
beforeAll(async () => {
  t = await makeTestCore()
})
afterAll(async () => t.dispose())

describe('the handler table createCore builds', () => {
  it('has a handler for every contract channel and nothing else', () => {
    const handled = Object.keys(t.core.handlers).sort()
    expect(CHANNELS.length).toBeGreaterThan(50)
    expect(CHANNELS.filter((c) => !handled.includes(c))).toEqual([])
    expect(handled.filter((c) => !(c in contract))).toEqual([])
    expect(handled).toEqual([...CHANNELS].sort())
  })

  it('holds functions only', () => {
    const notFunctions = Object.entries(t.core.handlers)
      .filter(([, h]) => typeof h !== 'function')
      .map(([c]) => c)
    expect(notFunctions).toEqual([])
  })
})
