import type { Role } from '../../shared/contract/roles'
import type { DocumentKind } from '../../shared/print/contract'
import type { HandlerContext } from '../ipc/handlers'
import type { DocDefinition } from './docDefinition'
import type { TextMeasure } from './pdfEngine'

export type DocumentAction = 'preview' | 'print' | 'save'

export interface PrinterOffset {
  xMm: number
  yMm: number
}

export interface LoadContext {
  handler: HandlerContext
  /** What the caller is about to do: a document may be previewed in a state where it may not be printed. */
  action: DocumentAction
  printerName: string | null
}

/** What a builder gets besides its data: all of it fixed before building, so builders stay pure. */
export interface BuildDeps {
  /** The chosen printer's correction; zero without a printer. Only documents printed onto forms use it. */
  offset: PrinterOffset
  printerName: string | null
  measure: TextMeasure
  now: Date
}

export interface AfterPrintArgs<D> {
  id: string | undefined
  data: D
  ctx: HandlerContext
}

/**
 * One printable document. Features register theirs (OSAGO now; CASCO and terminations later); the print
 * handlers do the rest — roles, loading, building, rendering, printing, audit — the same way for all.
 */
export interface PrintableDocument<D> {
  /** Who may preview, print or save it. Checked by the core on every call. */
  roles: readonly Role[]
  /** Loads what the document shows; throws AppError when the record does not exist or its state forbids `action`. */
  load(id: string | undefined, ctx: LoadContext): Promise<D>
  build(data: D, deps: BuildDeps): DocDefinition
  fileName(data: D): string
  /** The record the audit entry names. */
  auditEntity(data: D, id: string | undefined): { entity: string | null; entityId: string | null }
  /** Runs after the shell confirmed the job went to the printer and the print was recorded in the audit log. */
  afterPrint?(args: AfterPrintArgs<D>): Promise<void>
}

/**
 * A feature's printable documents by kind: what `core/<feature>/app.ts` returns from `documents`, and createCore
 * registers for every feature the same way (core/app/feature.ts `registerDocuments`).
 */
export type DocumentSet = Partial<Record<DocumentKind, PrintableDocument<any>>>

export class DocumentRegistry {
  private readonly docs = new Map<DocumentKind, PrintableDocument<unknown>>()

  register<D>(kind: DocumentKind, doc: PrintableDocument<D>): void {
    if (this.docs.has(kind)) throw new Error(`Document ${kind} is registered twice`)
    this.docs.set(kind, doc as PrintableDocument<unknown>)
  }

  get(kind: DocumentKind): PrintableDocument<unknown> | undefined {
    return this.docs.get(kind)
  }

  kinds(): DocumentKind[] {
    return [...this.docs.keys()]
  }
}
