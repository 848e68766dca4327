import type { HandlerContext } from '../../ipc/handlers'
import type { DocumentSet, PrintableDocument } from '../../print/documents'
import { loadCascoPrintData, type CascoPrintData, type CascoPrintDeps } from './cascoPrintData'
import { buildCascoContract, cascoContractFileName } from './contractDocument'
import { buildCascoSchedule, cascoScheduleFileName } from './scheduleDocument'
import { DESK } from '../../../shared/staff/roleGroups'

/** Who sells CASCO prints its documents (the CASCO contract's sellers). */
export const CASCO_PRINT_ROLES = DESK

export interface CascoDocumentsDeps extends CascoPrintDeps {
  /** Marks the case printed once the contract went to the printer. Supplied by core/casco. */
  onContractPrinted: (quoteId: string, ctx: HandlerContext) => Promise<void>
}

const audit = (d: CascoPrintData) => ({ entity: 'casco_quote', entityId: d.quote.id })

/** Registers the contract (with the schedule and the inspection report as appendices) and the schedule alone. */
/** The contract and its schedule (core/casco/app.ts registers them). */
export function cascoDocuments(deps: CascoDocumentsDeps): DocumentSet {
  const contract: PrintableDocument<CascoPrintData> = {
    roles: CASCO_PRINT_ROLES,
    load: (id, { action, handler }) => loadCascoPrintData(id, action, handler, deps, true),
    build: (d) => buildCascoContract(d),
    fileName: cascoContractFileName,
    auditEntity: audit,
    afterPrint: async ({ data, ctx }) => deps.onContractPrinted(data.quote.id, ctx),
  }
  const schedule: PrintableDocument<CascoPrintData> = {
    roles: CASCO_PRINT_ROLES,
    load: (id, { action, handler }) => loadCascoPrintData(id, action, handler, deps),
    build: (d) => buildCascoSchedule(d),
    fileName: cascoScheduleFileName,
    auditEntity: audit,
  }
  return { 'casco-contract': contract, 'casco-schedule': schedule }
}
