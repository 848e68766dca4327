import type { ChannelInput } from '@shared/contract'
import { call } from '../../api/client'

/** The admin's branch settings: sign-in security and the diagnostics archive (saved where the system dialog says). */
export function useSettings() {
  return {
    getSecurity: () => call('settings/get-security'),
    updateSecurity: (input: ChannelInput<'settings/update-security'>) => call('settings/update-security', input),
    saveDiagnostics: () => call('settings/save-diagnostics', undefined),
  }
}
