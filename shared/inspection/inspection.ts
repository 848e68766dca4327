import { z } from 'zod'
import { idSchema } from '../staff/schemas'
import { DIAGRAM_VIEWS, type DiagramView } from './diagram'
import type { InspectionReport } from './report'

/**
 * An inspection: the report, its damage rows (each a marker on the car diagram) and its photos. Draft and
 * returned inspections are edited by their inspector; a submitted one waits for the supervisor (approval).
 */
export const INSPECTION_STATUSES = ['draft', 'submitted', 'returned'] as const
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number]

export const PHOTO_SOURCES = ['camera', 'file', 'drawn'] as const
export type PhotoSource = (typeof PHOTO_SOURCES)[number]

/** Shots that are not on the checklist: a damage row's photos, extra photos, and the two signatures. */
export const DAMAGE_SHOT = 'damage'
export const EXTRA_SHOT = 'extra'
export const SIGNATURE_SHOTS = { inspector: 'signature-inspector', client: 'signature-client' } as const
export type SignatureRole = keyof typeof SIGNATURE_SHOTS
export const isSignatureShot = (shot: string) => shot === SIGNATURE_SHOTS.inspector || shot === SIGNATURE_SHOTS.client

export interface DamageRow {
  id: string
  rowVersion: number
  /** 1, 2, 3… in the order rows were added; the marker on the diagram shows it. */
  number: number
  view: DiagramView
  x: number
  y: number
  zoneCode: string
  partCode: string
  typeCode: string
  sizeCm: number | null
  severity: string
  note: string
}

export interface GpsFix {
  lat: number
  lon: number
  accuracyM: number | null
}

export interface InspectionPhoto {
  id: string
  rowVersion: number
  sha256: string
  shot: string
  damageId: string | null
  capturedAt: string
  source: PhotoSource
  device: string
  fileName: string
  /** After EXIF orientation. */
  width: number
  height: number
  bytes: number
  format: string
  gps: GpsFix | null
  createdAt: string
}

export interface Inspection {
  id: string
  number: string
  status: InspectionStatus
  quoteId: string | null
  report: InspectionReport
  damages: DamageRow[]
  photos: InspectionPhoto[]
  inspector: { id: string; name: string }
  checklistVersion: string
  submittedAt: string | null
  returnedAt: string | null
  returnReason: string | null
  createdAt: string
  updatedAt: string
  rowVersion: number
}

export interface InspectionListItem {
  id: string
  number: string
  status: InspectionStatus
  inspectedAt: string
  vehicle: string
  plate: string | null
  vin: string | null
  clientName: string | null
  inspectorName: string
  damageCount: number
  photoCount: number
  updatedAt: string
}

const text = (max: number) => z.string().max(max, { message: 'validation.text.tooLong' })
const code = text(60)
const unit = z.number().min(0, { message: 'validation.number.min' }).max(1, { message: 'validation.number.max' })

/** A damage row as the form sends it; empty codes are allowed while the row is being filled in. */
export const damageInputSchema = z.strictObject({
  view: z.enum(DIAGRAM_VIEWS),
  x: unit,
  y: unit,
  partCode: code,
  typeCode: code,
  sizeCm: z
    .number()
    .min(0, { message: 'validation.number.min' })
    .max(1000, { message: 'validation.number.max' })
    .nullable(),
  severity: code,
  note: text(500),
})
export type DamageInput = z.infer<typeof damageInputSchema>

export const shotCodeSchema = z.string().regex(/^[a-z][a-z0-9-]{0,59}$/, { message: 'inspection.errors.unknownShot' })

export const photoTargetSchema = z.strictObject({
  inspectionId: idSchema,
  shot: shotCodeSchema,
  /** Required for shot `damage`, absent otherwise. */
  damageId: idSchema.nullish(),
})
export type PhotoTarget = z.infer<typeof photoTargetSchema>
