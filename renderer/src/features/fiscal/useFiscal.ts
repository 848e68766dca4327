import type { ChannelInput } from '@shared/contract'
import { call } from '../../api/client'

/** This computer's cash register: its settings and «Проверить кассу» (core/fiscal). */
export function useFiscal() {
  return {
    getSettings: () => call('fiscal/get-settings', {}),
    setSettings: (input: ChannelInput<'fiscal/set-settings'>) => call('fiscal/set-settings', input),
    checkRegister: (settings?: ChannelInput<'fiscal/set-settings'>) =>
      call('fiscal/check-register', settings ? { settings } : {}),
  }
}
