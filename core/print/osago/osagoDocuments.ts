import { hasMessage, translate } from '../../../shared/i18n/messages'
import { isOsagoContract } from '../../../shared/osago/lifecycle'
import { refusalReasonText, type BlankPrintGate } from '../../../shared/osago/registration'
import { AppError } from '../../app/appError'
import type { HandlerContext } from '../../ipc/handlers'
import type { DocumentSet, PrintableDocument } from '../documents'
import { applicationFileName, buildApplication } from './application'
import { blankLayoutOn, type BlankLayoutFile } from './blankLayout'
import { loadOsagoPrintData, type OsagoPrintData, type OsagoPrintDeps } from './osagoPrintData'
import { policyArchiveFileName, buildPolicyArchive } from './policyArchive'
import { buildPolicyOnBlank, policyBlankFileName } from './policyOnBlank'
import { policyNumber } from './policyText'
import { DESK } from '../../../shared/staff/roleGroups'

/** Who sells OSAGO at the counter prints its documents (the OSAGO contract's sellers). */
export const OSAGO_PRINT_ROLES = DESK

export interface OsagoDocumentsDeps extends OsagoPrintDeps {
  layouts: readonly BlankLayoutFile[]
  /**
   * Marks the policy printed once the blank went to the printer (status `printed`). Supplied by core/osago; runs
   * after the print was recorded in the audit log.
   */
  onBlankPrinted: (policyId: string, ctx: HandlerContext) => Promise<void>
  /**
   * Whether the national register lets the policy onto its blank now (HQ's "print before registration" setting
   * and the register's answer; core/osago/registrationGate.ts). Asked only when the blank is about to be printed.
   */
  printGate: (policyId: string) => Promise<BlankPrintGate>
}

type BlankData = { print: OsagoPrintData; layout: BlankLayoutFile }

const audit = (d: OsagoPrintData) => ({ entity: 'osago_policy', entityId: d.policy.id })

/** The policy on the blank, the policy's archive copy and the application (core/osago/app.ts registers them). */
export function osagoDocuments(deps: OsagoDocumentsDeps): DocumentSet {
  const blank: PrintableDocument<BlankData> = {
    roles: OSAGO_PRINT_ROLES,
    async load(id, { action, handler }) {
      const print = await loadOsagoPrintData(id, deps)
      const { status, blank: assigned } = print.policy
      // A blank is a numbered strict-reporting form: print only a policy issued on it, and only once.
      if (status === 'printed' && action === 'print') {
        throw new AppError('CONFLICT', 'print.errors.alreadyPrinted', { blank: policyNumber(assigned) ?? '' })
      }
      if (!isOsagoContract(status) || !assigned) throw new AppError('CONFLICT', 'print.errors.notIssued')
      const layout = blankLayoutOn(deps.layouts, print.application.contract.conclusionDate)
      if (!layout)
        throw new AppError('REFERENCE_DATA', 'print.errors.noLayout', {
          date: print.application.contract.conclusionDate,
        })
      // Only the blank itself waits for the register: its preview, the archive copy and the application do not.
      if (action === 'print') {
        const gate = await deps.printGate(print.policy.id)
        if (!gate.allowed && gate.why === 'awaiting-registration')
          throw new AppError('CONFLICT', 'print.errors.awaitingRegistration')
        if (!gate.allowed) {
          const reason = refusalReasonText(gate.refusalReason, {
            t: (key) => translate(handler.locale, key),
            has: (key) => hasMessage('ru', key),
          })
          throw new AppError('CONFLICT', 'print.errors.registrationRefused', { reason })
        }
      }
      return { print, layout }
    },
    build: (d, buildDeps) => buildPolicyOnBlank(d.print, d.layout.data, buildDeps),
    fileName: (d) => policyBlankFileName(d.print),
    auditEntity: (d) => audit(d.print),
    afterPrint: async ({ data, ctx }) => deps.onBlankPrinted(data.print.policy.id, ctx),
  }

  const archive: PrintableDocument<OsagoPrintData> = {
    roles: OSAGO_PRINT_ROLES,
    async load(id) {
      const print = await loadOsagoPrintData(id, deps)
      if (!print.policy.blank || !isOsagoContract(print.policy.status)) {
        throw new AppError('CONFLICT', 'print.errors.notIssued')
      }
      return print
    },
    build: (d) => buildPolicyArchive(d),
    fileName: policyArchiveFileName,
    auditEntity: audit,
  }

  const application: PrintableDocument<OsagoPrintData> = {
    roles: OSAGO_PRINT_ROLES,
    // Printed for signature once priced, before payment; loadOsagoPrintData refuses drafts.
    load: (id) => loadOsagoPrintData(id, deps),
    build: (d) => buildApplication(d),
    fileName: applicationFileName,
    auditEntity: audit,
  }

  return { 'osago-policy-blank': blank, 'osago-policy-archive': archive, 'osago-application': application }
}
