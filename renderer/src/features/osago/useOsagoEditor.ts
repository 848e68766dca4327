import type { Ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import { useI18n } from '../../plugins/i18n'
import { validateOsagoApplication } from '@shared/osago/application'
import type { OsagoQuote } from '@shared/osago/contract'
import { applyOwnerRules, draftToApplicationInput, readOsagoDraft, type OsagoDraft } from '@shared/osago/draft'
import { osagoLifecycle } from '@shared/osago/lifecycle'
import type { OsagoPolicy } from '@shared/osago/policy'
import { call } from '../../api/client'
import { useAppStatusStore } from '../../stores/appStatus'
import { plain } from '../party/draftBackup'
import { useDraftEditor } from '../party/useDraftEditor'

/**
 * One OSAGO application being edited (autosave, live validation, the live premium, the core's field errors on
 * calculate and issue). A calculated policy stays editable: an edit sends it back to draft on the core.
 */
export function useOsagoEditor(policy: Ref<OsagoPolicy | null>) {
  const { t } = useI18n()
  const appStatus = useAppStatusStore()
  const { live, ...editor } = useDraftEditor<OsagoDraft, OsagoPolicy, OsagoQuote>({
    record: policy,
    editable: (p) => osagoLifecycle.isEditable(p.status),
    // The core stores the draft exactly as this form saved it, and reads older drafts into today's shape.
    draftOf: (p) => p.draft,
    upgrade: readOsagoDraft,
    // An organisation's policy covers any driver (40-FZ art. 16): a list saved before that rule is switched off.
    conform: applyOwnerRules,
    backupPrefix: 'osago-draft',
    save: (input) => call('osago/save-draft', input),
    quote: (draft) => call('osago/quote-premium', { draft }),
    quoteDelayMs: 250,
    validate(draft) {
      const r = validateOsagoApplication(draftToApplicationInput(plain(draft)))
      return r.ok ? { fieldErrors: {} } : r
    },
    // A draft resumed on a later day is concluded today.
    redate(draft, _policy, today) {
      if (draft.contract.conclusionDate === today) return false
      draft.contract.conclusionDate = today
      return true
    },
    today: appStatus.today,
    t,
    messages: { saveFailed: 'osago.ui.saveFailed' },
  })
  return {
    ...editor,
    quote: live,
    /** «Рассчитать»: the form on screen saved and priced by the core in one call. */
    calculate: () => editor.submit((input) => call('osago/calculate-policy', input)),
    /** The application and the form's reference data, read together when the form opens. */
    open: (id: string) => Promise.all([call('osago/get-policy', { id }), call('osago/get-form-reference')]),
    /** Discards a draft application; the caller flushes the form first. */
    discard: (input: ChannelInput<'osago/discard-draft'>) => call('osago/discard-draft', input),
    /** Discards a draft as it stands now: the delayed discard of an undo window (autosave may have moved its version). */
    discardLatest: async (id: string) => {
      const current = await call('osago/get-policy', { id })
      return current.ok ? call('osago/discard-draft', { id, rowVersion: current.value.rowVersion }) : current
    },
  }
}
