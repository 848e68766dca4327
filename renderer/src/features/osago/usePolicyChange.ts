import type { ChannelInput } from '@shared/contract'
import { call } from '../../api/client'

/** Changes to an issued policy and its duplicate (core/osagoChange): the calls the change dialogs make. */
export function usePolicyChange() {
  return {
    kinds: () => call('osagoChange/get-kinds', {}),
    formReference: () => call('osago/get-form-reference'),
    changesOf: (policyId: string) => call('osagoChange/list-changes', { policyId }),
    start: (input: ChannelInput<'osagoChange/start-change'>) => call('osagoChange/start-change', input),
    calculate: (input: ChannelInput<'osagoChange/calculate-change'>) => call('osagoChange/calculate-change', input),
    apply: (input: ChannelInput<'osagoChange/apply-change'>) => call('osagoChange/apply-change', input),
    recordRefundPayout: (input: ChannelInput<'osagoChange/record-refund-payout'>) =>
      call('osagoChange/record-refund-payout', input),
    discard: (input: ChannelInput<'osagoChange/discard-change'>) => call('osagoChange/discard-change', input),
    duplicate: (input: ChannelInput<'osagoChange/issue-duplicate'>) => call('osagoChange/issue-duplicate', input),
  }
}
