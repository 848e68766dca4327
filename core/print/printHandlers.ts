import { createHash } from 'node:crypto'
import type { DocumentRef } from '../../shared/print/contract'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import type { DocumentAction, DocumentRegistry, PrintableDocument } from './documents'
import { pageCount, renderPdf, textMeasure } from './pdfEngine'
import type { PrintPlatform } from './platform'
import type { PreviewFiles } from './previewFiles'
import { readPrinterProfile, writePrinterProfile } from './printerProfiles'

type PrintChannels =
  | 'print/preview-document'
  | 'print/print-document'
  | 'print/save-document'
  | 'print/list-printers'
  | 'print/get-printer-profile'
  | 'print/set-printer-profile'

interface Produced {
  doc: PrintableDocument<unknown>
  data: unknown
  pdf: Buffer
  fileName: string
}

/**
 * The print channels, the same for every registered document: the document's own roles, its loader (which
 * refuses a record in the wrong state), the build with the chosen printer's offset, the PDF, then the shell.
 * Prints and saves are recorded in the audit log with the PDF's hash.
 */
export function printHandlers(
  db: Db,
  registry: DocumentRegistry,
  platform: PrintPlatform,
  previews: PreviewFiles,
): HandlersOf<PrintChannels> {
  async function produce(input: DocumentRef, action: DocumentAction, ctx: HandlerContext): Promise<Produced> {
    const user = requireUser(ctx)
    const doc = registry.get(input.kind)
    if (!doc) throw new AppError('NOT_FOUND', 'print.errors.documentUnavailable')
    if (!doc.roles.includes(user.role)) {
      await write(db, ctx.actor, 'security.forbidden', ctx.now, (w) =>
        w.audit('security.forbidden', null, null, null, {
          channel: `print/${action}`,
          kind: input.kind,
          role: user.role,
        }),
      )
      throw new AppError('FORBIDDEN', 'errors.forbidden')
    }
    const printerName = input.printerName ?? null
    const data = await doc.load(input.id, { handler: ctx, action, printerName })
    const profile = printerName ? await readPrinterProfile(db, printerName) : null
    const definition = doc.build(data, {
      offset: { xMm: profile?.offsetXmm ?? 0, yMm: profile?.offsetYmm ?? 0 },
      printerName,
      measure: await textMeasure(),
      now: ctx.now,
    })
    const pdf = await renderPdf(definition, { creationDate: ctx.now })
    return { doc, data, pdf, fileName: doc.fileName(data) }
  }

  async function record(
    action: string,
    p: Produced,
    input: DocumentRef,
    ctx: HandlerContext,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const { entity, entityId } = p.doc.auditEntity(p.data, input.id)
    await write(db, ctx.actor, action, ctx.now, (w) =>
      w.audit(action, entity, entityId, null, {
        kind: input.kind,
        fileName: p.fileName,
        pages: pageCount(p.pdf),
        sha256: createHash('sha256').update(p.pdf).digest('hex'),
        ...extra,
      }),
    )
  }

  return {
    'print/preview-document': async (input, ctx) => {
      const p = await produce(input, 'preview', ctx)
      return { file: await previews.put(p.pdf), fileName: p.fileName, pageCount: pageCount(p.pdf) }
    },

    'print/print-document': async (input, ctx) => {
      const p = await produce(input, 'print', ctx)
      const printerName = input.printerName ?? null
      const { printed } = await platform.printPdf(p.pdf, { printerName, jobName: p.fileName.replace(/\.pdf$/i, '') })
      if (!printed) return { printed }
      await record('print.printed', p, input, ctx, { printerName })
      await p.doc.afterPrint?.({ id: input.id, data: p.data, ctx })
      return { printed }
    },

    'print/save-document': async (input, ctx) => {
      const p = await produce(input, 'save', ctx)
      const { savedTo } = await platform.savePdf(p.pdf, p.fileName)
      if (savedTo) await record('print.saved', p, input, ctx, { savedTo })
      return { savedTo }
    },

    'print/list-printers': async () => platform.listPrinters(),

    'print/get-printer-profile': async (input) => readPrinterProfile(db, input.printerName),

    'print/set-printer-profile': async (input, ctx) =>
      write(db, ctx.actor, 'print.printer-profile-updated', ctx.now, (w) => writePrinterProfile(w, input)),
  }
}
