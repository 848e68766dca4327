import { z } from 'zod'
import { normaliseVin } from '../validation/vin'

/**
 * The inspection report (акт осмотра ТС, docs/domain/casco.md#c2) as the inspector fills it in. Two schemas on purpose:
 * `inspectionReportDraftSchema` checks only types and sizes (a half-typed VIN must still autosave, offline, at
 * the car), `inspectionReportSchema` is what a submitted report must satisfy. Damage rows and photos are rows of
 * their own (each is added and photographed separately); this object holds everything else.
 */
export const INSPECTION_METHODS = ['office', 'on-site'] as const
export type InspectionMethod = (typeof INSPECTION_METHODS)[number]

/** docs/domain/casco.md#c2 item 11. */
export const CONCLUSIONS = ['accepted', 'accepted-with-exclusions', 'not-accepted'] as const
export type Conclusion = (typeof CONCLUSIONS)[number]

export const RIM_TYPES = ['steel', 'alloy', 'forged', 'other'] as const
export type RimType = (typeof RIM_TYPES)[number]

export interface ExtraEquipmentItem {
  name: string
  /** The value the client declares, in kopecks; null when not valued. */
  valueKopecks: number | null
}

export interface InspectionReport {
  /** Local branch time, `YYYY-MM-DDTHH:mm`. */
  inspectedAt: string
  place: string
  method: InspectionMethod | ''
  client: { name: string; phone: string }
  vehicle: {
    make: string
    model: string
    year: number | null
    plate: string
    colour: string
    odometerKm: number | null
    /** The VIN as written in the documents (PTS/STS). */
    vinDocument: string
    /** As read on the body (stamped). */
    vinBody: string
    /** As read on the VIN plate or sticker. */
    vinPlate: string
    /** PTS/ePTS and STS series and numbers, as typed. */
    documents: string
  }
  equipment: { factory: string; extra: ExtraEquipmentItem[] }
  antiTheft: {
    immobiliser: boolean
    alarm: { present: boolean; model: string; autostart: boolean }
    tracking: { present: boolean; model: string; certificate: string }
    mechanicalLocks: string
  }
  keys: { keySets: number | null; alarmFobs: number | null }
  glass: { marked: boolean; markingCode: string; notes: string }
  tyres: { make: string; size: string; wearPercent: number | null; rims: RimType | ''; notes: string }
  conclusion: { outcome: Conclusion | ''; remarks: string }
}

export function emptyReport(inspectedAt: string, inspectorPlace = ''): InspectionReport {
  return {
    inspectedAt,
    place: inspectorPlace,
    method: 'office',
    client: { name: '', phone: '' },
    vehicle: {
      make: '',
      model: '',
      year: null,
      plate: '',
      colour: '',
      odometerKm: null,
      vinDocument: '',
      vinBody: '',
      vinPlate: '',
      documents: '',
    },
    equipment: { factory: '', extra: [] },
    antiTheft: {
      immobiliser: false,
      alarm: { present: false, model: '', autostart: false },
      tracking: { present: false, model: '', certificate: '' },
      mechanicalLocks: '',
    },
    keys: { keySets: null, alarmFobs: null },
    glass: { marked: false, markingCode: '', notes: '' },
    tyres: { make: '', size: '', wearPercent: null, rims: '', notes: '' },
    conclusion: { outcome: '', remarks: '' },
  }
}

const s = (max = 300) => z.string().max(max, { message: 'validation.text.tooLong' })
const int = (min: number, max: number) =>
  z
    .number()
    .int({ message: 'validation.invalidType' })
    .min(min, { message: 'validation.number.min' })
    .max(max, { message: 'validation.number.max' })
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

const extraItemDraft = z.strictObject({ name: s(200), valueKopecks: int(0, 100_000_000_00).nullable() })

export const inspectionReportDraftSchema: z.ZodType<InspectionReport> = z.strictObject({
  inspectedAt: s(16),
  place: s(300),
  method: z.enum([...INSPECTION_METHODS, '']),
  client: z.strictObject({ name: s(200), phone: s(30) }),
  vehicle: z.strictObject({
    make: s(80),
    model: s(80),
    year: int(1900, 2100).nullable(),
    plate: s(20),
    colour: s(60),
    odometerKm: int(0, 9_999_999).nullable(),
    vinDocument: s(40),
    vinBody: s(40),
    vinPlate: s(40),
    documents: s(200),
  }),
  equipment: z.strictObject({ factory: s(2000), extra: z.array(extraItemDraft).max(50) }),
  antiTheft: z.strictObject({
    immobiliser: z.boolean(),
    alarm: z.strictObject({ present: z.boolean(), model: s(120), autostart: z.boolean() }),
    tracking: z.strictObject({ present: z.boolean(), model: s(120), certificate: s(120) }),
    mechanicalLocks: s(300),
  }),
  keys: z.strictObject({ keySets: int(0, 20).nullable(), alarmFobs: int(0, 20).nullable() }),
  glass: z.strictObject({ marked: z.boolean(), markingCode: s(60), notes: s(500) }),
  tyres: z.strictObject({
    make: s(80),
    size: s(40),
    wearPercent: int(0, 100).nullable(),
    rims: z.enum([...RIM_TYPES, '']),
    notes: s(500),
  }),
  conclusion: z.strictObject({ outcome: z.enum([...CONCLUSIONS, '']), remarks: s(2000) }),
})

const required = (max = 300) =>
  z.string().trim().min(1, { message: 'validation.required' }).max(max, { message: 'validation.text.tooLong' })
const requiredInt = (min: number, max: number) =>
  z
    .number({ error: () => 'validation.required' })
    .int({ message: 'validation.invalidType' })
    .min(min, { message: 'validation.number.min' })
    .max(max, { message: 'validation.number.max' })
/** A VIN (or body number where there is none) as read: Latin letters and digits only, after folding Cyrillic twins. */
const vinRead = z
  .string()
  .transform((v) => normaliseVin(v))
  .pipe(
    z
      .string()
      .min(1, { message: 'validation.required' })
      .regex(/^[A-Z0-9]{6,17}$/, { message: 'inspection.validation.vinRead' }),
  )

/**
 * What a submitted report must hold. Paths match the draft's, so the form shows each message at its field.
 * Conditional fields (the marking code when glass is marked, the tracking model when one is fitted) are
 * checked in the refinement.
 */
export const inspectionReportSchema = z
  .strictObject({
    inspectedAt: z.string().regex(LOCAL_DATE_TIME, { message: 'inspection.validation.dateTime' }),
    place: required(300),
    method: z.enum(INSPECTION_METHODS, { message: 'validation.required' }),
    client: z.strictObject({ name: required(200), phone: s(30) }),
    vehicle: z.strictObject({
      make: required(80),
      model: required(80),
      year: requiredInt(1900, 2100),
      plate: s(20),
      colour: required(60),
      odometerKm: requiredInt(0, 9_999_999),
      vinDocument: vinRead,
      vinBody: vinRead,
      vinPlate: vinRead,
      documents: required(200),
    }),
    equipment: z.strictObject({
      factory: s(2000),
      extra: z.array(z.strictObject({ name: required(200), valueKopecks: int(0, 100_000_000_00).nullable() })).max(50),
    }),
    antiTheft: z.strictObject({
      immobiliser: z.boolean(),
      alarm: z.strictObject({ present: z.boolean(), model: s(120), autostart: z.boolean() }),
      tracking: z.strictObject({ present: z.boolean(), model: s(120), certificate: s(120) }),
      mechanicalLocks: s(300),
    }),
    keys: z.strictObject({ keySets: requiredInt(0, 20), alarmFobs: requiredInt(0, 20) }),
    glass: z.strictObject({ marked: z.boolean(), markingCode: s(60), notes: s(500) }),
    tyres: z.strictObject({
      make: s(80),
      size: s(40),
      wearPercent: int(0, 100).nullable(),
      rims: z.enum([...RIM_TYPES, '']),
      notes: s(500),
    }),
    conclusion: z.strictObject({
      outcome: z.enum(CONCLUSIONS, { message: 'inspection.validation.conclusion' }),
      remarks: s(2000),
    }),
  })
  .superRefine((r, ctx) => {
    const need = (cond: boolean, path: string[], message = 'validation.required') => {
      if (cond) ctx.addIssue({ code: 'custom', message, path })
    }
    need(r.keys.keySets < 1, ['keys', 'keySets'], 'inspection.validation.noKeys')
    need(r.glass.marked && !r.glass.markingCode.trim(), ['glass', 'markingCode'])
    need(r.antiTheft.alarm.present && !r.antiTheft.alarm.model.trim(), ['antiTheft', 'alarm', 'model'])
    need(r.antiTheft.tracking.present && !r.antiTheft.tracking.model.trim(), ['antiTheft', 'tracking', 'model'])
    // Damage excluded from cover, or a refusal, is explained in words on the report the client signs.
    need(
      r.conclusion.outcome !== 'accepted' && !r.conclusion.remarks.trim(),
      ['conclusion', 'remarks'],
      'inspection.validation.remarksNeeded',
    )
  })

export interface VinComparison {
  /** Null while either side is empty: nothing to compare yet. */
  body: boolean | null
  plate: boolean | null
  mismatch: boolean
}

/** VINs read on the car against the documents, compared as normalised (Cyrillic twins folded, no spaces). */
export function compareVins(
  v: Pick<InspectionReport['vehicle'], 'vinDocument' | 'vinBody' | 'vinPlate'>,
): VinComparison {
  const doc = normaliseVin(v.vinDocument)
  const same = (read: string) => {
    const r = normaliseVin(read)
    return doc && r ? r === doc : null
  }
  const body = same(v.vinBody)
  const plate = same(v.vinPlate)
  return { body, plate, mismatch: body === false || plate === false }
}

/** Local date and time `YYYY-MM-DDTHH:mm` in a time zone (the branch's). */
export function localDateTimeIn(timeZone: string, now: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}
