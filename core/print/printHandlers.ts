import { createHash } from 'node:crypto'
import { uuidv7 } from 'uuidv7'
import type { DocumentRef } from '../../shared/print/contract'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import type { DocumentAction, DocumentRegistry, PrintableDocument } from './documents'
import { pageCount, renderPdf, textMeasure } from './pdfEngine'
import type { PrintPlatform } from './platform'
import type { PreviewFiles } from './previewFiles'
import { issuedDocumentId, NOT_STAMPED, recordIssued, type IssuedDocument } from './documentLedger'
import { renderStamped, warmUpReader } from './stampedPdf'
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
  /** The document as issued (printed or saved with its verification stamp); absent for a preview or a form. */
  issued?: IssuedDocument
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
  warmUpReader()
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
    const deps = {
      offset: { xMm: profile?.offsetXmm ?? 0, yMm: profile?.offsetYmm ?? 0 },
      printerName,
      measure: await textMeasure(),
      now: ctx.now,
    }
    const fileName = doc.fileName(data)
    const { entity, entityId } = doc.auditEntity(data, input.id)
    // A printed or saved document is issued: stamped and entered in the ledger (decision 108). A preview is not.
    if (action === 'preview' || NOT_STAMPED.has(input.kind) || !entity || !entityId) {
      return { doc, data, pdf: await renderPdf(doc.build(data, deps), { creationDate: ctx.now }), fileName }
    }
    const stamped = await renderStamped(
      () => doc.build(data, deps),
      { creationDate: ctx.now },
      async (hash) => (await issuedDocumentId(db, input.kind, entity, entityId, hash)) ?? uuidv7(),
    )
    const issued: IssuedDocument = {
      id: stamped.documentId,
      kind: input.kind,
      recordType: entity,
      recordId: entityId,
      contentSha256: stamped.contentSha256,
    }
    return { doc, data, pdf: stamped.pdf, fileName, issued }
  }

  async function record(
    action: string,
    p: Produced,
    input: DocumentRef,
    ctx: HandlerContext,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const { entity, entityId } = p.doc.auditEntity(p.data, input.id)
    await write(db, ctx.actor, action, ctx.now, async (w) => {
      // The ledger entry in the same transaction, filed under its own action (a savepoint of this write).
      const issued = p.issued
      const ledger = issued
        ? await write(w.trx, ctx.actor, 'document.issued', ctx.now, (entry) => recordIssued(entry, issued))
        : null
      await w.audit(action, entity, entityId, null, {
        kind: input.kind,
        fileName: p.fileName,
        pages: pageCount(p.pdf),
        sha256: createHash('sha256').update(p.pdf).digest('hex'),
        ...(p.issued && ledger
          ? { documentId: p.issued.id, contentSha256: p.issued.contentSha256, ledgerSeq: ledger.seq }
          : {}),
        ...extra,
      })
    })
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
