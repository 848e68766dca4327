import { ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import type { OsagoRegistration } from '@shared/osago/registration'
import { call } from '../../api/client'

/** Issuing a calculated policy on a blank, or moving an issued one to a new blank (the core claims the blank). */
export function useOsagoIssue() {
  return {
    issuePolicy: (input: ChannelInput<'osago/issue-policy'>) => call('osago/issue-policy', input),
    reissueOnNewBlank: (input: ChannelInput<'osago/reissue-on-new-blank'>) => call('osago/reissue-on-new-blank', input),
  }
}

/** The issued policy's documents pane: the policy re-read after printing, and where it stands with the register. */
export function useIssuedPolicy() {
  const registration = ref<OsagoRegistration | null>(null)
  let asked = 0

  /** The policy as the core has it now (printing moves it on); null when it cannot be read. */
  async function reload(id: string) {
    const r = await call('osago/get-policy', { id })
    return r.ok ? r.value : null
  }

  /** Answers can cross when the policy changes twice quickly: only the newest question's answer is kept. */
  async function loadRegistration(id: string): Promise<void> {
    const mine = ++asked
    const r = await call('osago/get-registration', { id })
    if (mine === asked) registration.value = r.ok ? r.value : null
  }

  return { registration, reload, loadRegistration }
}
