import { ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import type { ContractSummary } from '@shared/termination/application'
import { call } from '../../api/client'

/** An application's own steps at the desk: registering it, reading it, its documents, details and calculation. */
export function useTerminationApplication() {
  return {
    register: (input: ChannelInput<'termination/register-application'>) =>
      call('termination/register-application', input),
    get: (id: string) => call('termination/get-application', { id }),
    setDocuments: (input: ChannelInput<'termination/set-documents'>) => call('termination/set-documents', input),
    update: (input: ChannelInput<'termination/update-application'>) => call('termination/update-application', input),
    complete: (input: ChannelInput<'termination/complete-application'>) =>
      call('termination/complete-application', input),
    approve: (input: ChannelInput<'termination/approve-application'>) => call('termination/approve-application', input),
    /** A contract the branch sold before the system (or elsewhere), typed in from its paper copy. */
    enterContract: (input: ChannelInput<'termination/enter-contract'>) => call('termination/enter-contract', input),
  }
}

/** What happens to a registered application after the form: refusal, payout (with the late-payout preview). */
export function useTerminationActions() {
  return {
    refuse: (input: ChannelInput<'termination/refuse-application'>) => call('termination/refuse-application', input),
    recordPayout: (input: ChannelInput<'termination/record-payout'>) => call('termination/record-payout', input),
    /** What the delay adds if the money leaves today; null when the core cannot say. */
    previewLatePayout: async (id: string) => {
      const r = await call('termination/preview-late-payout', { id })
      return r.ok ? r.value : null
    },
  }
}

/** The termination desk's deadlines: the dashboard's list, and the notices when a calendar update moved one. */
export function useTerminationDeadlines() {
  return {
    listDeadlines: (dueSoonDays: number) => call('termination/list-deadlines', { dueSoonDays }),
    /** Changes of one application's payout deadline; null when the core cannot say (what is shown stays). */
    deadlineChanges: async (applicationId: string) => {
      const r = await call('calendar/list-deadline-changes', { applicationId })
      return r.ok ? r.value : null
    },
  }
}

/**
 * Finding the contract an application is about among the branch's own. The box searches as the clerk types, so an
 * earlier, slower search could answer after a later one: only the newest search's answer is shown.
 */
export function useContractSearch() {
  const results = ref<ContractSummary[] | null>(null)
  const error = ref<string | null>(null)
  let asked = 0

  async function search(text: string): Promise<void> {
    const mine = ++asked
    const q = text.trim()
    if (q.length < 2) {
      results.value = null
      return
    }
    const r = await call('termination/find-contracts', { query: q })
    if (mine !== asked) return
    if (!r.ok) {
      error.value = r.error.message
      return
    }
    error.value = null
    results.value = r.value
  }

  return { results, error, search }
}
