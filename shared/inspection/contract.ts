import { z } from 'zod'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import { idSchema, rowVersionSchema } from '../staff/schemas'
import type { InspectionReference } from './checklist'
import {
  INSPECTION_STATUSES,
  PHOTO_SOURCES,
  damageInputSchema,
  photoTargetSchema,
  shotCodeSchema,
  type Inspection,
  type InspectionListItem,
  type InspectionPhoto,
} from './inspection'
import { PHOTO_LIMITS, SHA256_HEX } from './photoLimits'
import { inspectionReportDraftSchema } from './report'
import { INSPECTION_EDITORS, INSPECTION_READERS } from '../staff/roleGroups'

/** The inspector creates and edits their own inspections; the supervisor reads every inspection of the branch. */
const EDITORS = INSPECTION_EDITORS
const READERS = INSPECTION_READERS

export const inspectionContract = {
  'inspection/get-reference': channel<InspectionReference>()({
    input: z.strictObject({ version: z.string().max(40).optional() }).optional(),
    access: READERS,
  }),
  'inspection/create': channel<Inspection>()({
    input: z.strictObject({ quoteId: idSchema.nullish() }).optional(),
    access: EDITORS,
  }),
  'inspection/get': channel<Inspection>()({ input: z.strictObject({ id: idSchema }), access: READERS }),
  'inspection/list': channel<ListPage<InspectionListItem>>()({
    input: z.strictObject({
      query: z.string().trim().max(100).optional(),
      status: z.enum(INSPECTION_STATUSES).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    access: READERS,
  }),
  'inspection/save-report': channel<Inspection>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, report: inspectionReportDraftSchema }),
    access: EDITORS,
  }),
  'inspection/add-damage': channel<Inspection>()({
    input: z.strictObject({ inspectionId: idSchema, damage: damageInputSchema }),
    access: EDITORS,
  }),
  'inspection/update-damage': channel<Inspection>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, damage: damageInputSchema }),
    access: EDITORS,
  }),
  'inspection/remove-damage': channel<Inspection>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }),
    access: EDITORS,
  }),
  /** Moves a photo to another checklist shot or damage row (a photo imported into the wrong slot). */
  'inspection/assign-photo': channel<Inspection>()({
    input: z.strictObject({
      id: idSchema,
      rowVersion: rowVersionSchema,
      shot: shotCodeSchema,
      damageId: idSchema.nullish(),
    }),
    access: EDITORS,
  }),
  'inspection/remove-photo': channel<Inspection>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }),
    access: EDITORS,
  }),
  'inspection/submit': channel<Inspection>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }),
    access: EDITORS,
  }),
} as const

const base64Chunk = z
  .string()
  .max(PHOTO_LIMITS.chunkChars, { message: 'photos.errors.chunkTooLarge' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'photos.errors.badChunk' })

export interface UploadTicket {
  uploadId: string
  /** Base64 characters per chunk the core accepts. */
  chunkChars: number
}

/** How many of an inspection's photos are on this computer, and the one being fetched from HQ now. */
export interface PhotoAvailability {
  total: number
  onDevice: number
  fetching: { done: number; total: number } | null
}

export interface PhotoImage {
  dataUrl: string
  /** The photo's own size after orientation (the variant keeps its proportions). */
  width: number
  height: number
}

/**
 * Photos travel in three steps (begin → chunks → finish) because a 12-MP photo in base64 is over the 2 MB IPC
 * payload limit. `finish` checks size and SHA-256 against what `begin` declared, then stores and records the
 * photo in one step. Images come back on request, one at a time, as data URLs (the CSP allows `data:` images).
 */
export const photosContract = {
  'photos/begin-upload': channel<UploadTicket>()({
    input: z.strictObject({
      target: photoTargetSchema,
      /** The core refuses an oversized photo here with a message, before any byte is sent. */
      sizeBytes: z.number().int().min(1, { message: 'photos.errors.empty' }).max(Number.MAX_SAFE_INTEGER),
      sha256: z.string().regex(SHA256_HEX, { message: 'photos.errors.badHash' }),
      fileName: z.string().max(255, { message: 'validation.text.tooLong' }),
      source: z.enum(PHOTO_SOURCES),
      /** ISO timestamp of the shot (capture time, or the file's modification time on import). */
      capturedAt: z.iso.datetime({ offset: true, message: 'validation.date.format' }),
      device: z.string().max(200, { message: 'validation.text.tooLong' }),
      gps: z
        .strictObject({
          lat: z.number().min(-90).max(90),
          lon: z.number().min(-180).max(180),
          accuracyM: z.number().min(0).max(100_000).nullable(),
        })
        .nullish(),
    }),
    access: EDITORS,
  }),
  'photos/upload-chunk': channel<{ receivedBytes: number }>()({
    input: z.strictObject({ uploadId: idSchema, index: z.number().int().min(0), data: base64Chunk }),
    access: EDITORS,
  }),
  'photos/finish-upload': channel<InspectionPhoto>()({
    input: z.strictObject({ uploadId: idSchema }),
    access: EDITORS,
  }),
  'photos/cancel-upload': channel<{ cancelled: boolean }>()({
    input: z.strictObject({ uploadId: idSchema }),
    access: EDITORS,
  }),
  'photos/get-image': channel<PhotoImage>()({
    input: z.strictObject({ photoId: idSchema, variant: z.enum(['thumb', 'normal']) }),
    access: READERS,
  }),
  /** Photos recorded on another computer come from HQ when first shown; this says how far that got. */
  'photos/get-availability': channel<PhotoAvailability>()({
    input: z.strictObject({ inspectionId: idSchema }),
    access: READERS,
  }),
} as const
