import { join } from 'node:path'
import type { ReferenceData } from '../reference/loadReferenceData'
import type { Db } from '../db/openDatabase'
import { findStaffById } from '../staff/staffRows'
import { DocumentRegistry } from './documents'
import { loadBlankLayouts } from './osago/blankLayout'
import { registerOsagoDocuments, type OsagoDocumentsDeps } from './osago/registerOsagoDocuments'
import { noPrintPlatform, type PrintPlatform } from './platform'
import { printHandlers } from './printHandlers'
import { PreviewFiles } from './previewFiles'
import { shellTransferDir } from '../host/protocol'
import { registerCalibration } from './registerCalibration'

export interface PrintingOptions {
  db: Db
  reference: ReferenceData
  resourcesDir: string
  dataDir: string
  timeZone: string
  platform?: PrintPlatform
}

/**
 * Printing as createCore wires it: the blank layouts (a broken one stops the start, like reference data), the
 * document registry with the calibration page, and the print channels. Features add their documents through
 * the registry; OSAGO through `registerOsago`, which fills in what the print side already knows.
 */
export function setUpPrinting(opts: PrintingOptions) {
  const layouts = loadBlankLayouts({
    bundledDir: opts.resourcesDir,
    overrideDir: join(opts.dataDir, 'reference-updates'),
  })
  const documents = new DocumentRegistry()
  registerCalibration(documents, { layouts, timeZone: opts.timeZone })
  // Previews go to the page as files in the folder the shell serves them from (app://…/transfer/<name>).
  const previews = new PreviewFiles(shellTransferDir(opts.dataDir))
  return {
    documents,
    previews,
    handlers: printHandlers(opts.db, documents, opts.platform ?? noPrintPlatform, previews),
    registerOsago(deps: Pick<OsagoDocumentsDeps, 'loadOsagoPolicy' | 'onBlankPrinted' | 'printGate'>): void {
      registerOsagoDocuments(documents, {
        ...deps,
        layouts,
        reference: opts.reference,
        timeZone: opts.timeZone,
        staffName: async (id) => (await findStaffById(opts.db, id))?.full_name ?? null,
      })
    },
  }
}
