import { join } from 'node:path'
import { shellTransferDir } from '../host/api'
import { DocumentRegistry } from './documents'
import { loadBlankLayouts } from './osago/blankLayout'
import { noPrintPlatform, type PrintPlatform } from './platform'
import { PreviewFiles } from './previewFiles'

export interface PrintingOptions {
  resourcesDir: string
  dataDir: string
  platform?: PrintPlatform
}

/**
 * The print kit as createCore starts it: the blank layouts (a broken one stops the start, like reference data),
 * an empty document registry, the preview files and the shell's printing. The documents come from the features
 * (each `core/<feature>/app.ts` `documents`, the calibration page from core/print/app.ts); the print channels are
 * built after they are registered.
 */
export function setUpPrinting(opts: PrintingOptions) {
  const layouts = loadBlankLayouts({
    bundledDir: opts.resourcesDir,
    overrideDir: join(opts.dataDir, 'reference-updates'),
  })
  return {
    documents: new DocumentRegistry(),
    layouts,
    // Previews go to the page as files in the folder the shell serves them from (app://…/transfer/<name>).
    previews: new PreviewFiles(shellTransferDir(opts.dataDir)),
    platform: opts.platform ?? noPrintPlatform,
  }
}
