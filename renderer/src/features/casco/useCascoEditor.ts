import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { CASCO_EDITABLE, type CascoLiveQuote, type CascoQuoteRecord } from '@shared/casco/contract'
import { cascoApplicationSchema, draftToApplicationInput } from '@shared/casco/draftApplication'
import type { CascoDraft } from '@shared/casco/draft'
import { todayIn } from '@shared/dates/calendarDate'
import { zodIssuesToFieldErrors } from '@shared/validation/fieldErrors'
import { call } from '../../api/client'
import { draftBackup, plain } from '../parties/draftBackup'
import { latestResult } from '../parties/latestResult'
import type { FormContext } from '../parties/formContext'

const backup = draftBackup<CascoDraft>('casco-draft')

const AUTOSAVE_MS = 400
const QUOTE_MS = 300

/**
 * One CASCO quote being edited, the way the OSAGO form works: autosave (a crash or a reload loses nothing), live
 * validation with the shared schema, the options priced live by the core while the clerk types, and the core's
 * own field errors on calculate and submit.
 */
export function useCascoEditor(quote: Ref<CascoQuoteRecord | null>) {
  const { t } = useI18n()
  const draft = ref<CascoDraft | null>(null)
  const localErrors = ref<Record<string, string>>({})
  const serverErrors = ref<Record<string, string>>({})
  const touched = ref(new Set<string>())
  const showAll = ref(false)
  const saving = ref(false)
  const savedAt = ref<Date | null>(null)
  const saveError = ref<string | null>(null)
  const readonly = computed(() => !!quote.value && !CASCO_EDITABLE.includes(quote.value.status))
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let quoteTimer: ReturnType<typeof setTimeout> | undefined
  let saveChain: Promise<void> = Promise.resolve()
  let loading = false
  let changeSeq = 0

  function load(q: CascoQuoteRecord) {
    loading = true
    quote.value = q
    const editable = CASCO_EDITABLE.includes(q.status)
    // What was typed in the last moments before a crash or reload lives in the local backup until the core has it.
    const saved = editable ? backup.read(q.id) : null
    if (!editable) backup.clear(q.id)
    const d = plain(saved ?? q.draft)
    // A draft resumed on a later day is quoted today (and saved so, or calculate would refuse it).
    const today = todayIn('Europe/Moscow')
    const redated = q.status === 'draft' && d.contract.quoteDate !== today
    if (redated) d.contract.quoteDate = today
    draft.value = d
    // The watcher sees the new draft after this tick; it must not count as the clerk's edit (an edit unprices a quote).
    setTimeout(() => {
      loading = false
      if (redated || saved) void save()
    })
    validate()
    void requote()
  }

  function validate() {
    if (!draft.value) return
    const r = cascoApplicationSchema.safeParse(draftToApplicationInput(draft.value), { reportInput: true })
    localErrors.value = r.success ? {} : zodIssuesToFieldErrors(r.error)
  }

  const preview = latestResult<CascoLiveQuote>(async () => {
    if (!draft.value || readonly.value) return undefined
    const r = await call('casco/preview-quote', { draft: plain(draft.value) })
    return r.ok ? r.value : undefined
  })
  const live = preview.value
  const requote = preview.refresh

  /** Saves are chained: each waits for the previous one, so row versions never race. */
  function save(): Promise<void> {
    saveChain = saveChain.then(async () => {
      if (!draft.value || !quote.value || readonly.value) return
      saving.value = true
      const seq = changeSeq
      const r = await call('casco/save-draft', { id: quote.value.id, rowVersion: quote.value.rowVersion, draft: plain(draft.value) })
      saving.value = false
      if (r.ok) {
        quote.value = r.value
        savedAt.value = new Date()
        saveError.value = null
        if (seq === changeSeq) backup.clear(r.value.id)
      } else {
        saveError.value = t('casco.ui.saveFailed', { message: r.error.message })
      }
    })
    return saveChain
  }

  /** Writes what is pending now (before calculate, submit, leaving the page). */
  async function flush(): Promise<void> {
    if (saveTimer !== undefined) {
      clearTimeout(saveTimer)
      saveTimer = undefined
      await save()
    }
    await saveChain
  }

  watch(draft, () => {
    if (loading || !draft.value || readonly.value) return
    serverErrors.value = {}
    changeSeq += 1
    if (quote.value) backup.write(quote.value.id, draft.value)
    validate()
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      saveTimer = undefined
      void save()
    }, AUTOSAVE_MS)
    preview.invalidate()
    clearTimeout(quoteTimer)
    quoteTimer = setTimeout(() => void requote(), QUOTE_MS)
  }, { deep: true })

  const quoteError = computed(() => (!preview.stale.value && live.value && !live.value.ok && live.value.field ? { [live.value.field]: live.value.messageKey } : {}))

  const form: FormContext = {
    model: draft as unknown as Ref<Record<string, unknown>>,
    readonly,
    errorsOf(path: string) {
      const key = serverErrors.value[path] ?? ((showAll.value || touched.value.has(path)) ? localErrors.value[path] ?? quoteError.value[path] : undefined)
      return key ? [t(key, live.value && !live.value.ok ? live.value.params : {})] : []
    },
    touch(path: string) {
      touched.value.add(path)
      touched.value = new Set(touched.value)
    },
  }

  return { draft, live, form, saving, savedAt, saveError, readonly, showAll, serverErrors, localErrors, load, flush, requote }
}
