import { AppError } from '../app/appError'

/**
 * What only the shell can do with a finished PDF: find printers, send a job, ask where to save. The core builds
 * every document and decides who may have it; the shell never sees anything but bytes and a printer name.
 * Implemented by electron/main/printPlatform.ts in the app and by recordingPlatform.ts in tests and E2E.
 */
export interface PrintPlatform {
  listPrinters(): Promise<string[]>
  /** `printerName: null` lets the user choose in the system print dialog. `printed: false` = cancelled. */
  printPdf(pdf: Buffer, opts: { printerName: string | null; jobName: string }): Promise<{ printed: boolean }>
  /** Shows a save dialog; `savedTo: null` when the user cancelled. */
  savePdf(pdf: Buffer, suggestedName: string): Promise<{ savedTo: string | null }>
}

/** Where no shell is attached (a core started without one): previews work, printing and saving say why not. */
export const noPrintPlatform: PrintPlatform = {
  listPrinters: async () => [],
  printPdf: async () => {
    throw new AppError('CONFLICT', 'print.errors.noPlatform')
  },
  savePdf: async () => {
    throw new AppError('CONFLICT', 'print.errors.noPlatform')
  },
}
