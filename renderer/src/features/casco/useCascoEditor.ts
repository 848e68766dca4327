import type { Ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import { useI18n } from '../../plugins/i18n'
import type { CascoLiveQuote, CascoQuoteRecord } from '@shared/casco/contract'
import { cascoLifecycle } from '@shared/casco/lifecycle'
import { draftToApplicationInput, validateCascoApplication } from '@shared/casco/draftApplication'
import { readCascoDraft, type CascoDraft } from '@shared/casco/draft'
import { call } from '../../api/client'
import { useAppStatusStore } from '../../stores/appStatus'
import { useDraftEditor } from '../party/useDraftEditor'

/**
 * One CASCO quote being edited, the way the OSAGO form works: autosave, live validation, the options priced live
 * by the core while the clerk types, and the core's own field errors on calculate and submit. An edit to a quoted
 * or returned case unprices it on the core; the record is replaced by that answer.
 */
export function useCascoEditor(quote: Ref<CascoQuoteRecord | null>) {
  const { t } = useI18n()
  const appStatus = useAppStatusStore()
  const editor = useDraftEditor<CascoDraft, CascoQuoteRecord, CascoLiveQuote>({
    record: quote,
    editable: (q) => cascoLifecycle.isEditable(q.status),
    draftOf: (q) => q.draft,
    // A local backup written before CASCO's legal owner was the shared organisation opens in today's shape.
    upgrade: readCascoDraft,
    backupPrefix: 'casco-draft',
    save: (input) => call('casco/save-draft', input),
    quote: (draft) => call('casco/preview-quote', { draft }),
    quoteDelayMs: 300,
    validate(draft) {
      const r = validateCascoApplication(draftToApplicationInput(draft))
      return r.ok ? { fieldErrors: {} } : r
    },
    // Only a draft is moved to today: the date of a priced quote is what its prices were computed for.
    redate(draft, q, today) {
      if (q.status !== 'draft' || draft.contract.quoteDate === today) return false
      draft.contract.quoteDate = today
      return true
    },
    today: appStatus.today,
    t,
    messages: { saveFailed: 'casco.ui.saveFailed' },
  })
  return {
    ...editor,
    /** The case and the form's reference data, read together when the form opens. */
    open: (id: string) => Promise.all([call('casco/get-quote', { id }), call('casco/get-form-reference')]),
    /** The steps that move the case on the core; each answers the case as it now is. */
    calculate: (input: ChannelInput<'casco/calculate-quote'>) => call('casco/calculate-quote', input),
    choose: (input: ChannelInput<'casco/choose-option'>) => call('casco/choose-option', input),
    submitForApproval: (input: ChannelInput<'casco/submit-for-approval'>) => call('casco/submit-for-approval', input),
    discard: (input: ChannelInput<'casco/discard-quote'>) => call('casco/discard-quote', input),
    /** Discards a quote as it stands now: the delayed discard of an undo window (autosave may have moved its version). */
    discardLatest: async (id: string) => {
      const current = await call('casco/get-quote', { id })
      return current.ok ? call('casco/discard-quote', { id, rowVersion: current.value.rowVersion }) : current
    },
  }
}
