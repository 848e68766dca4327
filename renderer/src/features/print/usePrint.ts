import type { ChannelInput } from '@shared/contract'
import { call } from '../../api/client'

type DocumentRef = ChannelInput<'print/preview-document'>

/** Printers and documents: the core builds every PDF and talks to the printer; the page names no path. */
export function usePrint() {
  /** The printers the system offers; none when it cannot say (the system print dialog still works). */
  async function listPrinters(): Promise<string[]> {
    const r = await call('print/list-printers')
    return r.ok ? r.value : []
  }
  return {
    listPrinters,
    /** The same list with the refusal, for the settings card that shows it. */
    findPrinters: () => call('print/list-printers'),
    getPrinterProfile: (printerName: string) => call('print/get-printer-profile', { printerName }),
    setPrinterProfile: (input: ChannelInput<'print/set-printer-profile'>) => call('print/set-printer-profile', input),
    preview: (doc: DocumentRef) => call('print/preview-document', doc),
    print: (doc: ChannelInput<'print/print-document'>) => call('print/print-document', doc),
    save: (doc: ChannelInput<'print/save-document'>) => call('print/save-document', doc),
  }
}
