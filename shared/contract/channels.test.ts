import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES } from './channels'
import { CHANNELS } from './index'

describe("the preload's channel list", () => {
  it("names exactly the contract's channels (add a new channel to channels.ts)", () => {
    const listed = new Set<string>(CHANNEL_NAMES)
    const inContract = new Set<string>(CHANNELS)
    expect({
      missingFromChannelsTs: CHANNELS.filter((c) => !listed.has(c)),
      notInContract: CHANNEL_NAMES.filter((c) => !inContract.has(c)),
    }).toEqual({ missingFromChannelsTs: [], notInContract: [] })
    expect(CHANNEL_NAMES).toHaveLength(new Set(CHANNEL_NAMES).size)
  })
})
