import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from '../../plugins/i18n'
import type { InspectionReference } from '@shared/inspection/checklist'
import { checkCompleteness } from '@shared/inspection/completeness'
import type { DiagramPoint } from '@shared/inspection/diagram'
import type { DamageInput, DamageRow, Inspection, InspectionPhoto } from '@shared/inspection/inspection'
import { inspectionLifecycle } from '@shared/inspection/lifecycle'
import { inspectionReportDraftSchema, type InspectionReport } from '@shared/inspection/report'
import type { Result } from '@shared/contract/result'
import { zodIssuesToFieldErrors, zodIssuesToFieldParams } from '@shared/validation/fieldErrors'
import { call } from '../../api/client'
import { useCan } from '../../composables/useCan'
import { useFormErrors } from '../../composables/useFormErrors'
import { draftBackup } from '../party/draftBackup'
import { createForm } from '../party/formContext'
import { trackUnsavedForm } from '../update'

const AUTOSAVE_MS = 400

/** A reactive object as plain data for IPC (structuredClone refuses Vue's proxies). */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

const toInput = (d: DamageRow): DamageInput => ({
  view: d.view,
  x: d.x,
  y: d.y,
  partCode: d.partCode,
  typeCode: d.typeCode,
  sizeCm: d.sizeCm,
  severity: d.severity,
  note: d.note,
})

/**
 * One inspection being filled in, offline at the car: the report autosaves (every change reaches the core
 * within a moment), damage rows save one by one as they are edited, photos are recorded as they arrive. The
 * completeness list is computed here with the same function the core uses to refuse a premature submit.
 */
export function useInspectionEditor() {
  const { t } = useI18n()
  const inspection = ref<Inspection | null>(null) as Ref<Inspection | null>
  const reference = ref<InspectionReference | null>(null)
  const report = ref<InspectionReport | null>(null)
  /** What the inspector typed into each damage row; the server's copy never overwrites a row being edited. */
  const damageDrafts = reactive(new Map<string, DamageInput>())
  const localErrors = ref<Record<string, string>>({})
  const localParams = ref<Record<string, Record<string, unknown>>>({})
  const saving = ref(false)
  const savedAt = ref<Date | null>(null)
  const saveError = ref<string | null>(null)
  const { can } = useCan()
  /** The record may still change (a draft, a returned report) — whoever looks at it. */
  const editableStatus = computed(() => !!inspection.value && inspectionLifecycle.isEditable(inspection.value.status))
  /**
   * Read-only unless this user may save this report now: a supervisor opening a draft sees it, but typing there
   * would only be refused by the core (FORBIDDEN) and leave a backup behind.
   */
  const readonly = computed(() => !editableStatus.value || !can('inspection/save-report', inspection.value))
  const errors = useFormErrors({
    t,
    readonly,
    local: () => localErrors.value,
    localParams: () => localParams.value,
    // The schema catches what must not be typed at once; a missing item waits until the field was left.
    localAtOnce: true,
    later(path) {
      const key = completeness.value?.fieldErrors[path]
      return key ? { key } : undefined
    },
  })
  const { serverErrors, showAll } = errors
  /** The local safety net the OSAGO and CASCO forms have: every change in localStorage until the core has it. */
  const backup = draftBackup<InspectionReport>('inspection-report')
  /** A change the core has not confirmed yet; «restart and update» waits for it (docs: updates). */
  const dirty = ref(false)
  trackUnsavedForm('inspection-report', dirty)
  /** Counts changes, so a save's answer clears the backup only if nothing was typed while it was on its way. */
  let changeSeq = 0
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let chain: Promise<unknown> = Promise.resolve()
  const damageTimers = new Map<string, ReturnType<typeof setTimeout>>()
  let loading = false

  /** Every write goes through one queue, so row versions never race. */
  function queue<T>(fn: () => Promise<T>): Promise<T> {
    const next = chain.then(fn, fn)
    chain = next.catch(() => undefined)
    return next
  }

  /** Takes damages and photos from the core's answer; the report stays as typed here. */
  function merge(server: Inspection) {
    if (!inspection.value) return
    const rowVersion = Math.max(inspection.value.rowVersion, server.rowVersion)
    inspection.value = { ...server, report: inspection.value.report, rowVersion, status: server.status }
    for (const d of server.damages) if (!damageDrafts.has(d.id)) damageDrafts.set(d.id, toInput(d))
    for (const id of [...damageDrafts.keys()]) if (!server.damages.some((d) => d.id === id)) damageDrafts.delete(id)
  }

  async function load(id: string): Promise<string | null> {
    const got = await call('inspection/get', { id })
    if (!got.ok) return got.error.message
    const ref_ = await call('inspection/get-reference', { version: got.value.checklistVersion })
    if (!ref_.ok) return ref_.error.message
    loading = true
    reference.value = ref_.value
    inspection.value = got.value
    // What was typed here and not yet confirmed by the core (a crash, a reload inside the autosave delay) wins.
    const backedUp = readonly.value ? null : backup.read(id)
    // A report that can no longer change has nothing to restore. Read-only only for this user (a supervisor on the
    // inspector's computer), the backup may hold the inspector's unsaved typing: it stays for them.
    if (!editableStatus.value) backup.clear(id)
    changeSeq += 1
    dirty.value = backedUp !== null
    report.value = structuredClone(backedUp ?? got.value.report)
    damageDrafts.clear()
    for (const d of got.value.damages) damageDrafts.set(d.id, toInput(d))
    loading = false
    validate()
    if (dirty.value) void saveReport()
    return null
  }

  function validate() {
    if (!report.value) return
    const r = inspectionReportDraftSchema.safeParse(report.value, { reportInput: true })
    localErrors.value = r.success ? {} : zodIssuesToFieldErrors(r.error)
    localParams.value = r.success ? {} : zodIssuesToFieldParams(r.error)
  }

  function saveReport(): Promise<void> {
    return queue(async () => {
      if (!report.value || !inspection.value || readonly.value) return
      saving.value = true
      const seq = changeSeq
      const r = await call('inspection/save-report', {
        id: inspection.value.id,
        rowVersion: inspection.value.rowVersion,
        report: plain(report.value),
      })
      saving.value = false
      if (r.ok) {
        inspection.value = { ...inspection.value, rowVersion: r.value.rowVersion, updatedAt: r.value.updatedAt }
        savedAt.value = new Date()
        saveError.value = null
        // Nothing typed while this save was on its way: the core has what the backup holds.
        if (seq === changeSeq) {
          dirty.value = false
          backup.clear(inspection.value.id)
        }
      } else {
        saveError.value = t('inspection.ui.saveFailed', { message: r.error.message })
      }
    })
  }

  async function flush(): Promise<void> {
    clearTimeout(saveTimer)
    for (const [id, timer] of damageTimers) {
      clearTimeout(timer)
      damageTimers.delete(id)
      void saveDamage(id)
    }
    await saveReport()
    await chain
  }

  watch(
    report,
    () => {
      if (loading || !report.value || !inspection.value || readonly.value) return
      serverErrors.value = {}
      changeSeq += 1
      dirty.value = true
      backup.write(inspection.value.id, report.value)
      validate()
      clearTimeout(saveTimer)
      saveTimer = setTimeout(() => void saveReport(), AUTOSAVE_MS)
    },
    { deep: true },
  )

  async function addDamage(point: DiagramPoint, partCode = ''): Promise<string | null> {
    if (!inspection.value) return null
    const id = inspection.value.id
    const before = new Set(inspection.value.damages.map((d) => d.id))
    const r = await queue(() =>
      call('inspection/add-damage', {
        inspectionId: id,
        damage: { ...point, partCode, typeCode: '', sizeCm: null, severity: '', note: '' },
      }),
    )
    if (!r.ok) {
      saveError.value = r.error.message
      return null
    }
    merge(r.value)
    return r.value.damages.find((d) => !before.has(d.id))?.id ?? null
  }

  function saveDamage(id: string): Promise<void> {
    return queue(async () => {
      const row = inspection.value?.damages.find((d) => d.id === id)
      const draft = damageDrafts.get(id)
      if (!row || !draft) return
      const r = await call('inspection/update-damage', { id, rowVersion: row.rowVersion, damage: { ...draft } })
      if (r.ok) merge(r.value)
      else saveError.value = r.error.message
    })
  }

  /** Called by the table on every keystroke: the row saves a moment after typing stops. */
  function damageChanged(id: string) {
    clearTimeout(damageTimers.get(id))
    damageTimers.set(
      id,
      setTimeout(() => {
        damageTimers.delete(id)
        void saveDamage(id)
      }, AUTOSAVE_MS),
    )
  }

  async function removeDamage(id: string) {
    clearTimeout(damageTimers.get(id))
    const r = await queue(async () => {
      const row = inspection.value?.damages.find((d) => d.id === id)
      return row ? call('inspection/remove-damage', { id, rowVersion: row.rowVersion }) : null
    })
    if (r?.ok) merge(r.value)
    else if (r) saveError.value = r.error.message
  }

  function photoAdded(photo: InspectionPhoto) {
    if (!inspection.value) return
    // A new signature replaces the previous one in the core; mirror that here until the next refresh.
    const photos = photo.shot.startsWith('signature-')
      ? inspection.value.photos.filter((p) => p.shot !== photo.shot)
      : inspection.value.photos
    inspection.value = { ...inspection.value, photos: [...photos, photo] }
  }

  async function removePhoto(photo: InspectionPhoto) {
    const r = await queue(() => call('inspection/remove-photo', { id: photo.id, rowVersion: photo.rowVersion }))
    if (r.ok) merge(r.value)
    else saveError.value = r.error.message
  }

  /** Damage rows as the inspector sees them now (server numbering, local values). */
  const damages = computed<DamageRow[]>(() =>
    (inspection.value?.damages ?? []).map((d) => ({ ...d, ...(damageDrafts.get(d.id) ?? {}) })),
  )

  const completeness = computed(() =>
    inspection.value && report.value && reference.value
      ? checkCompleteness(
          { report: report.value, damages: damages.value, photos: inspection.value.photos },
          reference.value.checklist,
        )
      : null,
  )

  /** Saves what is pending, then submits; a refusal's field errors are shown at their fields. */
  async function submit(): Promise<Result<Inspection | null>> {
    await flush()
    showAll.value = true
    const current = inspection.value
    if (!current) return { ok: true, value: null }
    const r = await queue(() => call('inspection/submit', { id: current.id, rowVersion: inspection.value!.rowVersion }))
    if (!r.ok) {
      errors.fromApi(r.error)
      return r
    }
    inspection.value = r.value
    report.value = structuredClone(r.value.report)
    return r
  }

  const form = createForm(report, errors.state)

  return {
    inspection,
    reference,
    report,
    damageDrafts,
    damages,
    completeness,
    form,
    editableStatus,
    readonly,
    saving,
    dirty,
    savedAt,
    saveError,
    showAll,
    serverErrors,
    load,
    flush,
    addDamage,
    damageChanged,
    removeDamage,
    photoAdded,
    removePhoto,
    submit,
  }
}

export type InspectionEditor = ReturnType<typeof useInspectionEditor>
