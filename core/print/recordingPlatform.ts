import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { PrintPlatform } from './platform'

export interface RecordedPrintJob {
  printerName: string | null
  jobName: string
  pdf: Buffer
}

export interface RecordingPlatformOptions {
  /** Folder that stands in for the save dialog's choice; created on first save. */
  saveDir: string
  printers?: string[]
}

/**
 * TEST DOUBLE of the shell's printing, for unit tests and the E2E harness: nothing reaches a real printer or
 * dialog. Print jobs are kept in `jobs`; "saved" PDFs are written into `saveDir`. `cancelNext` makes the next
 * print or save behave as if the user pressed Cancel.
 */
export class RecordingPrintPlatform implements PrintPlatform {
  readonly jobs: RecordedPrintJob[] = []
  readonly saved: string[] = []
  private cancel = false

  constructor(private readonly opts: RecordingPlatformOptions) {}

  cancelNext(): void {
    this.cancel = true
  }

  async listPrinters(): Promise<string[]> {
    return [...(this.opts.printers ?? ['Kyocera ECOSYS P2040dn', 'HP LaserJet Pro M404'])]
  }

  async printPdf(pdf: Buffer, opts: { printerName: string | null; jobName: string }): Promise<{ printed: boolean }> {
    if (this.takeCancel()) return { printed: false }
    this.jobs.push({ printerName: opts.printerName, jobName: opts.jobName, pdf: Buffer.from(pdf) })
    return { printed: true }
  }

  async savePdf(pdf: Buffer, suggestedName: string): Promise<{ savedTo: string | null }> {
    if (this.takeCancel()) return { savedTo: null }
    mkdirSync(this.opts.saveDir, { recursive: true })
    // basename: a suggested name is never a path, whatever a document's data contains.
    const path = join(this.opts.saveDir, basename(suggestedName))
    writeFileSync(path, pdf)
    this.saved.push(path)
    return { savedTo: path }
  }

  private takeCancel(): boolean {
    const c = this.cancel
    this.cancel = false
    return c
  }
}
