import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { InspectionReference } from '@shared/inspection/checklist'
import { checkCompleteness } from '@shared/inspection/completeness'
import type { DiagramPoint } from '@shared/inspection/diagram'
import {
  EDITABLE_STATUSES,
  type DamageInput,
  type DamageRow,
  type Inspection,
  type InspectionPhoto,
} from '@shared/inspection/inspection'
import { inspectionReportDraftSchema, type InspectionReport } from '@shared/inspection/report'
import { zodIssuesToFieldErrors } from '@shared/validation/fieldErrors'
import { call } from '../../api/client'
import type { FormContext } from '../parties/formContext'

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
  const serverErrors = ref<Record<string, string>>({})
  const localErrors = ref<Record<string, string>>({})
  const touched = ref(new Set<string>())
  const showAll = ref(false)
  const saving = ref(false)
  const savedAt = ref<Date | null>(null)
  const saveError = ref<string | null>(null)
  const readonly = computed(() => !inspection.value || !EDITABLE_STATUSES.includes(inspection.value.status))
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
    report.value = structuredClone(got.value.report)
    damageDrafts.clear()
    for (const d of got.value.damages) damageDrafts.set(d.id, toInput(d))
    loading = false
    validate()
    return null
  }

  function validate() {
    if (!report.value) return
    const r = inspectionReportDraftSchema.safeParse(report.value, { reportInput: true })
    localErrors.value = r.success ? {} : zodIssuesToFieldErrors(r.error)
  }

  function saveReport(): Promise<void> {
    return queue(async () => {
      if (!report.value || !inspection.value || readonly.value) return
      saving.value = true
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
      if (loading || !report.value || readonly.value) return
      serverErrors.value = {}
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

  async function submit(): Promise<string | null> {
    await flush()
    showAll.value = true
    const current = inspection.value
    if (!current) return null
    const r = await queue(() => call('inspection/submit', { id: current.id, rowVersion: inspection.value!.rowVersion }))
    if (!r.ok) {
      serverErrors.value = r.error.fieldErrors ?? {}
      return r.error.message
    }
    inspection.value = r.value
    report.value = structuredClone(r.value.report)
    return null
  }

  const form: FormContext = {
    model: report as unknown as Ref<Record<string, unknown>>,
    readonly,
    errorsOf(path: string) {
      const key =
        serverErrors.value[path] ??
        localErrors.value[path] ??
        (showAll.value || touched.value.has(path) ? completeness.value?.fieldErrors[path] : undefined)
      return key ? [t(key)] : []
    },
    touch(path: string) {
      touched.value.add(path)
      touched.value = new Set(touched.value)
    },
  }

  return {
    inspection,
    reference,
    report,
    damageDrafts,
    damages,
    completeness,
    form,
    readonly,
    saving,
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
