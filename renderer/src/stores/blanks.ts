import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import type { BlankStock } from '@shared/blanks/schemas'
import { call } from '../api/client'

/**
 * The branch's paper blanks: the stock the blanks screen shows and the free blanks the OSAGO issue dialog offers.
 * A store because both screens read the same stock, and a receipt or a spoiled blank changes what both show.
 */
export const useBlanksStore = defineStore('blanks', () => {
  const stock = ref<BlankStock | null>(null)

  async function loadStock() {
    const r = await call('blanks/get-stock')
    if (r.ok) stock.value = r.value
    return r
  }

  const listBlanks = (input: ChannelInput<'blanks/list-blanks'>) => call('blanks/list-blanks', input)

  /** Free blanks the clerk may pick instead of the next one (the core still claims the pick atomically). */
  async function availableBlanks(limit = 50) {
    const r = await call('blanks/list-blanks', { status: 'available', limit, offset: 0 })
    return r.ok ? r.value.items : []
  }

  const receiveRange = (input: ChannelInput<'blanks/receive-range'>) => call('blanks/receive-range', input)
  const spoilBlank = (input: ChannelInput<'blanks/spoil-blank'>) => call('blanks/spoil-blank', input)

  return { stock, loadStock, listBlanks, availableBlanks, receiveRange, spoilBlank }
})
