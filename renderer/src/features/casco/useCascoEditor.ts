import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { CASCO_EDITABLE, type CascoLiveQuote, type CascoQuoteRecord } from '@shared/casco/contract'
import { cascoApplicationSchema, draftToApplicationInput } from '@shared/casco/draftApplication'
import type { CascoDraft } from '@shared/casco/draft'
import { zodIssuesToFieldErrors } from '@shared/validation/fieldErrors'
import { call } from '../../api/client'
import { useDraftEditor } from '../parties/useDraftEditor'

/**
 * One CASCO quote being edited, the way the OSAGO form works: autosave, live validation, the options priced live
 * by the core while the clerk types, and the core's own field errors on calculate and submit. An edit to a quoted
 * or returned case unprices it on the core; the record is replaced by that answer.
 */
export function useCascoEditor(quote: Ref<CascoQuoteRecord | null>) {
  const { t } = useI18n()
  return useDraftEditor<CascoDraft, CascoQuoteRecord, CascoLiveQuote>({
    record: quote,
    editable: (q) => CASCO_EDITABLE.includes(q.status),
    draftOf: (q) => q.draft,
    backupPrefix: 'casco-draft',
    save: (input) => call('casco/save-draft', input),
    quote: (draft) => call('casco/preview-quote', { draft }),
    quoteDelayMs: 300,
    validate(draft) {
      const r = cascoApplicationSchema.safeParse(draftToApplicationInput(draft), { reportInput: true })
      return r.success ? {} : zodIssuesToFieldErrors(r.error)
    },
    // Only a draft is moved to today: the date of a priced quote is what its prices were computed for.
    redate(draft, q, today) {
      if (q.status !== 'draft' || draft.contract.quoteDate === today) return false
      draft.contract.quoteDate = today
      return true
    },
    t,
    messages: { saveFailed: 'casco.ui.saveFailed' },
  })
}
