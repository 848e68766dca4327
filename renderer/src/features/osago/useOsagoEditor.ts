import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { validateOsagoApplication } from '@shared/osago/application'
import type { OsagoQuote } from '@shared/osago/contract'
import { draftToApplicationInput, type OsagoDraft } from '@shared/osago/draft'
import type { OsagoPolicy } from '@shared/osago/policy'
import { todayIn } from '@shared/dates/calendarDate'
import { call } from '../../api/client'
import { draftBackup, plain } from '../parties/draftBackup'
import { latestResult } from '../parties/latestResult'
import type { FormContext } from '../parties/formContext'

const AUTOSAVE_MS = 400

const backup = draftBackup<OsagoDraft>('osago-draft')
const QUOTE_MS = 250

/**
 * One OSAGO application being edited: autosave (every change reaches the core within a moment, so a crash or a
 * reload loses nothing), live validation with the shared schema, live premium from the core, and the core's
 * own field errors on calculate and issue.
 */
export function useOsagoEditor(policy: Ref<OsagoPolicy | null>) {
  const { t } = useI18n()
  const draft = ref<OsagoDraft | null>(null)
  const localErrors = ref<Record<string, string>>({})
  const serverErrors = ref<Record<string, string>>({})
  const touched = ref(new Set<string>())
  const showAll = ref(false)
  const saving = ref(false)
  const savedAt = ref<Date | null>(null)
  const saveError = ref<string | null>(null)
  const readonly = computed(() => !!policy.value && !['draft', 'calculated'].includes(policy.value.status))
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let quoteTimer: ReturnType<typeof setTimeout> | undefined
  let saveChain: Promise<void> = Promise.resolve()
  let loading = false
  /** A change not yet confirmed by the core: the status says "saving" until it is. */
  const dirty = ref(false)
  let changeSeq = 0

  function load(p: OsagoPolicy) {
    loading = true
    policy.value = p
    const editable = p.status === 'draft' || p.status === 'calculated'
    const saved = editable ? backup.read(p.id) : null
    // What was typed in the last moments before a crash or reload lives in the local backup until the core has it.
    const d = plain(saved ?? p.draft) as OsagoDraft
    if (!editable) backup.clear(p.id)
    // A draft resumed on a later day is concluded today.
    if (p.status === 'draft' || p.status === 'calculated') {
      const today = todayIn('Europe/Moscow')
      if (d.contract.conclusionDate !== today) d.contract.conclusionDate = today
    }
    draft.value = d
    loading = false
    if (saved) dirty.value = true
    void validate()
    void requote()
  }

  function validate() {
    if (!draft.value) return
    const r = validateOsagoApplication(draftToApplicationInput(plain(draft.value)))
    localErrors.value = r.ok ? {} : r.fieldErrors
  }

  const live = latestResult<OsagoQuote>(async () => {
    if (!draft.value || readonly.value) return undefined
    const r = await call('osago/quote-premium', { draft: plain(draft.value) })
    return r.ok ? r.value : undefined
  })
  const quote = live.value
  const requote = live.refresh

  /** Saves are chained: each waits for the previous one, so row versions never race. */
  function save(): Promise<void> {
    saveChain = saveChain.catch(() => undefined).then(async () => {
      if (!draft.value || !policy.value || readonly.value) return
      saving.value = true
      const seq = changeSeq
      const r = await call('osago/save-draft', { id: policy.value.id, rowVersion: policy.value.rowVersion, draft: plain(draft.value) })
        .finally(() => (saving.value = false))
      if (r.ok) {
        policy.value = { ...r.value, draft: policy.value.draft }
        savedAt.value = new Date()
        saveError.value = null
        if (seq === changeSeq) {
          dirty.value = false
          backup.clear(r.value.id)
        }
      } else {
        saveError.value = t('osago.ui.saveFailed', { message: r.error.message })
      }
    })
    return saveChain
  }

  async function flush(): Promise<void> {
    clearTimeout(saveTimer)
    await save()
  }

  watch(draft, () => {
    if (loading || !draft.value || readonly.value) return
    serverErrors.value = {}
    changeSeq += 1
    dirty.value = true
    if (policy.value) backup.write(policy.value.id, draft.value)
    validate()
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void save(), AUTOSAVE_MS)
    live.invalidate()
    clearTimeout(quoteTimer)
    quoteTimer = setTimeout(() => void requote(), QUOTE_MS)
  }, { deep: true })

  const quoteError = computed(() => (!live.stale.value && quote.value && !quote.value.ok && quote.value.field ? { [quote.value.field]: quote.value.messageKey } : {}))

  const form: FormContext = {
    model: draft as unknown as Ref<Record<string, unknown>>,
    readonly,
    errorsOf(path: string) {
      const key = serverErrors.value[path] ?? ((showAll.value || touched.value.has(path)) ? localErrors.value[path] ?? quoteError.value[path] : undefined)
      return key ? [t(key, quote.value && !quote.value.ok ? quote.value.params : {})] : []
    },
    touch(path: string) {
      touched.value.add(path)
      touched.value = new Set(touched.value)
    },
  }

  return { draft, quote, form, saving, dirty, savedAt, saveError, readonly, showAll, serverErrors, localErrors, load, flush, requote }
}
