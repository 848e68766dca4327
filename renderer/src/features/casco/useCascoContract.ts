import type { ChannelInput } from '@shared/contract'
import { call } from '../../api/client'

/** After approval: concluding the contract with the first instalment, and re-reading the quote after printing. */
export function useCascoContract() {
  /** The quote as the core has it now (printing moves it on); null when it cannot be read. */
  async function reload(id: string) {
    const r = await call('casco/get-quote', { id })
    return r.ok ? r.value : null
  }
  return {
    issueContract: (input: ChannelInput<'casco/issue-contract'>) => call('casco/issue-contract', input),
    reload,
  }
}
