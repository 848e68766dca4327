import { computed, nextTick, ref, watch, type Ref } from 'vue'
import type { Result } from '@shared/contract/result'
import { draftBackup, plain } from './draftBackup'
import { latestResult } from './latestResult'
import { createForm } from './formContext'
import { useFormErrors } from '../../composables/useFormErrors'
import { trackUnsavedForm } from '../update'

const AUTOSAVE_MS = 400

/** A record the core keeps a draft on, saved under optimistic locking. */
export interface DraftRecord {
  id: string
  rowVersion: number
}

/** The core's live answer beside the form (a premium, priced options); a refusal names the field to blame. */
export type LiveAnswer =
  { ok: true } | { ok: false; field: string | null; messageKey: string; params: Record<string, string | number> }

export type Translate = (key: string, params: Record<string, unknown>) => string

export interface DraftEditorConfig<D extends object, R extends DraftRecord, Q extends LiveAnswer> {
  /** Owned by the page; the editor replaces it with the core's answer to every save. */
  record: Ref<R | null>
  editable(record: R): boolean
  /** The draft as the core stored it (some records type it loosely: it is partial until calculated). */
  draftOf(record: R): D
  /** One per feature, so two features' drafts with the same id never share a backup. */
  backupPrefix: string
  save(input: { id: string; rowVersion: number; draft: D }): Promise<Result<R>>
  quote(draft: D): Promise<Result<Q>>
  quoteDelayMs: number
  /** Field errors (dotted path → message key) by the shared schema, with their messages' placeholders. */
  validate(draft: D): { fieldErrors: Record<string, string>; fieldParams?: Record<string, Record<string, unknown>> }
  /** Brings an editable draft resumed on a later day to today; true when it changed the draft. */
  redate(draft: D, record: R, today: string): boolean
  /** Today in the branch's time zone, as the core counts it (the app status store's `today`). */
  today(): string
  /** A local backup written by an earlier version, read into today's shape (the core does the same for its copy). */
  upgrade?(draft: D): D
  /** Brings an editable draft in line with a rule the form enforces (a field switched off); true when it changed. */
  conform?(draft: D): boolean
  /** Passed in rather than taken from useI18n, so the editor runs (and is tested) without a mounted app. */
  t: Translate
  messages: { saveFailed: string }
}

/**
 * One draft being edited at the counter. Every edit reaches the core within a moment and, until the core confirms
 * that very edit, also sits in a local backup — so a crash or a reload inside the autosave delay loses nothing.
 * Saves run one after another, each with the row version the previous answer returned, so they never conflict.
 */
export function useDraftEditor<D extends object, R extends DraftRecord, Q extends LiveAnswer>(
  config: DraftEditorConfig<D, R, Q>,
) {
  const { record, t } = config
  const backup = draftBackup<D>(config.backupPrefix)
  const draft = ref<D | null>(null) as Ref<D | null>
  const localErrors = ref<Record<string, string>>({})
  const localParams = ref<Record<string, Record<string, unknown>>>({})
  const saving = ref(false)
  const savedAt = ref<Date | null>(null)
  const saveError = ref<string | null>(null)
  /** A change the core has not confirmed yet: the status says "saving" until it has. */
  const dirty = ref(false)
  const readonly = computed(() => !!record.value && !config.editable(record.value))
  const errors = useFormErrors({
    t,
    readonly,
    local: () => localErrors.value,
    localParams: () => localParams.value,
    // The live quote's refusal names the field to blame, until the draft changes again.
    later(path) {
      const q = live.value.value
      return !live.stale.value && q && !q.ok && q.field === path ? { key: q.messageKey, params: q.params } : undefined
    },
  })
  const { serverErrors, showAll } = errors
  // «Restart and update» waits while the core lacks an edit of this form (docs: updates).
  trackUnsavedForm(config.backupPrefix, dirty)
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let quoteTimer: ReturnType<typeof setTimeout> | undefined
  let saveChain: Promise<void> = Promise.resolve()
  /** Counts changes, so a save's answer clears the backup only if nothing was typed while it was on its way. */
  let changeSeq = 0
  let loading = false

  const live = latestResult<Q>(async () => {
    if (!draft.value || readonly.value) return undefined
    const r = await config.quote(plain(draft.value))
    return r.ok ? r.value : undefined
  })
  const requote = live.refresh

  function validate() {
    if (!draft.value) return
    const checked = config.validate(draft.value)
    localErrors.value = checked.fieldErrors
    localParams.value = checked.fieldParams ?? {}
  }

  function load(next: R) {
    record.value = next
    const editable = config.editable(next)
    const backedUp = editable ? backup.read(next.id) : null
    const restored = backedUp && config.upgrade ? config.upgrade(backedUp) : backedUp
    if (!editable) backup.clear(next.id)
    const d = plain(restored ?? config.draftOf(next))
    // The core prices and checks the date the form shows, so a new date is saved at once like any other change.
    const redated = editable && config.redate(d, next, config.today())
    const conformed = editable && (config.conform?.(d) ?? false)
    // A save still on its way answers for the record before this one and must not clear this one's backup.
    changeSeq += 1
    dirty.value = restored !== null || redated || conformed
    serverErrors.value = {}
    loading = true
    draft.value = d
    // Released once Vue has rendered the new draft, before any input can reach it: the watcher's reaction to the
    // load, and what the fields do while first showing it, are not the clerk's edits.
    void nextTick(() => (loading = false))
    validate()
    void requote()
    if (dirty.value) void save()
  }

  function save(): Promise<void> {
    // One failed link must not stop every later save.
    saveChain = saveChain
      .catch(() => undefined)
      .then(async () => {
        const current = record.value
        if (!draft.value || !current || readonly.value) return
        saving.value = true
        const seq = changeSeq
        const r = await config
          .save({ id: current.id, rowVersion: current.rowVersion, draft: plain(draft.value) })
          .finally(() => (saving.value = false))
        // The page moved on to another record meanwhile: this answer is not the record on screen.
        if (record.value?.id !== current.id) return
        if (!r.ok) {
          saveError.value = t(config.messages.saveFailed, { message: r.error.message })
          return
        }
        record.value = r.value
        savedAt.value = new Date()
        saveError.value = null
        if (seq === changeSeq) {
          dirty.value = false
          backup.clear(r.value.id)
        }
      })
    return saveChain
  }

  /** Before calculate, submit or leaving the page: the core gets whatever it does not have yet. */
  async function flush(): Promise<void> {
    clearTimeout(saveTimer)
    await saveChain
    // Still dirty: typed after the last save began, or that save failed.
    if (dirty.value) await save()
  }

  /**
   * Sends the form with a call that saves it as well (OSAGO's «Рассчитать»): in the save chain, in place of a
   * separate save first, so one press is one round trip. Null when there is nothing to send (read-only, no
   * record). A refused call saved nothing: the edit stays dirty and autosave takes it up again.
   */
  function submit(send: DraftEditorConfig<D, R, Q>['save']): Promise<Result<R> | null> {
    clearTimeout(saveTimer)
    const out: { answer: Result<R> | null } = { answer: null }
    saveChain = saveChain
      .catch(() => undefined)
      .then(async () => {
        const current = record.value
        if (!draft.value || !current || readonly.value) return
        saving.value = true
        const seq = changeSeq
        const r = await send({ id: current.id, rowVersion: current.rowVersion, draft: plain(draft.value) }).finally(
          () => (saving.value = false),
        )
        out.answer = r
        if (record.value?.id !== current.id || !r.ok) return
        record.value = r.value
        savedAt.value = new Date()
        saveError.value = null
        if (seq === changeSeq) {
          dirty.value = false
          backup.clear(r.value.id)
        }
      })
    return saveChain.then(() => {
      if (out.answer && !out.answer.ok && dirty.value) saveTimer = setTimeout(() => void save(), AUTOSAVE_MS)
      return out.answer
    })
  }

  // Only the clerk's edit is saved: every save unprices a calculated record on the core.
  watch(
    draft,
    (next) => {
      if (loading || !next || readonly.value) return
      serverErrors.value = {}
      changeSeq += 1
      dirty.value = true
      if (record.value) backup.write(record.value.id, next)
      validate()
      clearTimeout(saveTimer)
      saveTimer = setTimeout(() => void save(), AUTOSAVE_MS)
      live.invalidate()
      clearTimeout(quoteTimer)
      quoteTimer = setTimeout(() => void requote(), config.quoteDelayMs)
    },
    { deep: true },
  )

  const form = createForm(draft, errors.state)

  return {
    draft,
    live: live.value,
    /** The live answer does not match the draft yet (an edit since): what it offers must not be applied. */
    liveStale: live.stale,
    form,
    saving,
    dirty,
    savedAt,
    saveError,
    readonly,
    showAll,
    serverErrors,
    localErrors,
    /** A refusal of the core: its field errors at their fields, every message shown. */
    fromApi: errors.fromApi,
    load,
    flush,
    submit,
    requote,
  }
}
