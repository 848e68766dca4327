import type { DocumentPreview } from '../../../shared/print/contract'
import { shellTransferDir } from '../../host/protocol'
import { takePreviewPdf } from '../previewFiles'

/** A preview's PDF as the page gets it: the file the answer names, read once from the core's transfer folder. */
export function previewPdf(dataDir: string, preview: Pick<DocumentPreview, 'file'>): Promise<Buffer> {
  return takePreviewPdf(shellTransferDir(dataDir), preview.file)
}
