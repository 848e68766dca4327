import { z } from 'zod'
import { channel } from '../contract/channel'
import { PRINTER_SETTERS } from '../staff/roleGroups'

/**
 * Printing: documents are built as PDF in the core; the shell prints them or saves them. Each kind is registered
 * in the core's document registry by its feature (OSAGO now; CASCO and terminations later) together with the
 * roles that may print it, so this contract lets any signed-in user ask and the core decides per document.
 */
export const DOCUMENT_KINDS = [
  'osago-policy-blank',
  'osago-policy-archive',
  'osago-application',
  'print-calibration',
  'inspection-report',
  'termination-application',
  'termination-refund-sheet',
  'casco-contract',
  'casco-schedule',
  'osago-change-addendum',
  'osago-change-policy-blank',
  // The act of erasure of client cards past retention (core/client/print, 152-FZ art. 21 p. 7).
  'client-erasure-act',
  // The reports on paper (core/reports/reportDocuments.ts).
  'blank-report',
  'cash-report',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** Per-printer offsets are small corrections of paper feed, not a way to move the layout. */
export const MAX_OFFSET_MM = 20

const printerNameSchema = z
  .string({ error: () => 'validation.required' })
  .trim()
  .min(1, { message: 'validation.required' })
  .max(256, { message: 'validation.text.tooLong' })

const offsetMm = z
  .number({ error: () => 'validation.required' })
  .min(-MAX_OFFSET_MM, { message: 'print.errors.offsetRange' })
  .max(MAX_OFFSET_MM, { message: 'print.errors.offsetRange' })
  // Tenths of a millimetre: finer than a clerk can measure with a ruler, coarse enough to compare exactly.
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, { message: 'print.errors.offsetStep' })

const documentRef = {
  kind: z.enum(DOCUMENT_KINDS, { message: 'validation.required' }),
  /** The record the document is about (the policy id); documents such as the calibration page have none. */
  id: z
    .string()
    .trim()
    .min(1, { message: 'validation.required' })
    .max(100, { message: 'validation.text.tooLong' })
    .optional(),
  /** Whose offsets to apply; null or absent prints without offsets (the system print dialog picks the printer). */
  printerName: printerNameSchema.nullish(),
}

export const documentRefInput = z.strictObject(documentRef)
export type DocumentRef = z.input<typeof documentRefInput>

export const printerProfileInput = z.strictObject({
  printerName: printerNameSchema,
  offsetXmm: offsetMm,
  offsetYmm: offsetMm,
  /** 0 while the printer has no stored profile. */
  rowVersion: z.number().int().min(0),
})

/**
 * A preview's PDF is not in the answer: the core writes it as a one-time file and names it here; the page loads it
 * from `previewUrl(file)` (docs/decisions.md, 34). Tens of MB of base64 through the main process stalled it.
 */
export interface DocumentPreview {
  /** `<uuid>.pdf`: a file in the core's transfer folder, served once to the page and then deleted. */
  file: string
  fileName: string
  pageCount: number
}

/** The only names a preview file has; the shell serves nothing else from its transfer folder. */
export const PREVIEW_FILE_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$/

/** Where the page loads a preview from, relative to its own address (app://branch-desk/transfer/… in the app). */
export const PREVIEW_URL_PREFIX = 'transfer/'
export const previewUrl = (file: string): string => `${PREVIEW_URL_PREFIX}${file}`

/** Offsets in millimetres: positive X moves the print to the right, positive Y moves it down. */
export interface PrinterProfile {
  printerName: string
  offsetXmm: number
  offsetYmm: number
  rowVersion: number
}

export const printContract = {
  'print/preview-document': channel<DocumentPreview>()({ input: documentRefInput, access: 'signed-in' }),
  'print/print-document': channel<{ printed: boolean }>()({ input: documentRefInput, access: 'signed-in' }),
  'print/save-document': channel<{ savedTo: string | null }>()({ input: documentRefInput, access: 'signed-in' }),
  'print/list-printers': channel<string[]>()({ input: z.strictObject({}).optional(), access: 'signed-in' }),
  'print/get-printer-profile': channel<PrinterProfile>()({
    input: z.strictObject({ printerName: printerNameSchema }),
    access: 'signed-in',
  }),
  'print/set-printer-profile': channel<PrinterProfile>()({ input: printerProfileInput, access: PRINTER_SETTERS }),
} as const
