import { translate } from '../../../shared/i18n/messages'
import { isOsagoContract } from '../../../shared/osago/lifecycle'
import { changeKindOf } from '../../../shared/osagoChange/changeRules'
import { DESK } from '../../../shared/staff/roleGroups'
import { AppError } from '../../app/appError'
import type { CoreServices, DocumentSet } from '../../app/feature'
import { write } from '../../db/write'
import type { HandlerContext } from '../../ipc/handlers'
import { findOsagoRecord, toPolicy } from '../../osago/api'
import { mm, type ContentNode } from '../../print/docDefinition'
import type { PrintableDocument } from '../../print/documents'
import { blankLayoutOn, type BlankLayoutFile } from '../../print/osago/blankLayout'
import { loadOsagoPrintData, type OsagoPrintData } from '../../print/osago/osagoPrintData'
import { buildPolicyOnBlank, policyBlankFileName } from '../../print/osago/policyOnBlank'
import { policyNumber } from '../../print/osago/policyText'
import { referenceInForce } from '../../reference/loadReferenceData'
import { findStaffById } from '../../staff/api'
import { findChangeRow, toChange } from '../changeRows'
import { addendumFileName, buildAddendum, type AddendumData } from './addendum'

/** A policy re-issued by a change, or its duplicate, on its new blank. */
interface ChangedBlankData {
  print: OsagoPrintData
  layout: BlankLayoutFile
  duplicate: boolean
}

/** The mark a duplicate carries on its blank (docs/domain/osago-changes.md#duplicate). */
export const DUPLICATE_MARK = 'ДУБЛИКАТ'

/**
 * The change's documents: the addendum (or the calculation of a re-issue) and the policy on the new blank of a
 * re-issue or a duplicate, printed with the policy's data as the change left it (the issued application itself
 * stays as it was issued).
 */
export function osagoChangeDocuments(core: CoreServices): DocumentSet {
  const { db, reference, timeZone, print } = core
  const staffName = async (id: string | null) => (id ? ((await findStaffById(db, id))?.full_name ?? null) : null)

  const addendum: PrintableDocument<AddendumData> = {
    roles: DESK,
    async load(id) {
      if (!id) throw new AppError('VALIDATION', 'errors.validation', {}, { id: 'validation.required' })
      const row = await findChangeRow(db, id)
      if (row.kind === 'duplicate' || (row.status !== 'calculated' && row.status !== 'applied'))
        throw new AppError('CONFLICT', 'osagoChange.errors.notCalculated')
      const rules = referenceInForce(reference, 'osago-change-rules', row.created_at.slice(0, 10))
      const kind = changeKindOf(rules.data, row.kind)
      const { policy } = await findOsagoRecord(db, row.policy_id)
      const conclusion = policy.conclusion_date ?? row.effective_date
      return {
        change: toChange(row, rules.data),
        policyNumber:
          policyNumber(
            row.new_series && row.new_number
              ? { series: row.new_series, number: row.new_number }
              : policy.policy_series && policy.policy_number
                ? { series: policy.policy_series, number: policy.policy_number }
                : null,
          ) ?? '',
        insurerName: referenceInForce(reference, 'insurer-details', conclusion).data.name,
        kindSource: kind ? kind.basis : 'Положение Банка России № 837-П',
        kindTitle: translate('ru', `osagoChange.kind.${row.kind}`),
        clerkName: await staffName(row.applied_by ?? row.created_by),
      }
    },
    build: (d) => buildAddendum(d),
    fileName: addendumFileName,
    auditEntity: (d) => ({ entity: 'osago_change', entityId: d.change.id }),
  }

  const blank: PrintableDocument<ChangedBlankData> = {
    roles: DESK,
    async load(id, { action }) {
      if (!id) throw new AppError('VALIDATION', 'errors.validation', {}, { id: 'validation.required' })
      const row = await findChangeRow(db, id)
      if (row.status !== 'applied' || !row.new_blank_id) throw new AppError('CONFLICT', 'osagoChange.errors.noNewBlank')
      const record = await findOsagoRecord(db, row.policy_id)
      // Only the blank the policy is on now: a later change or duplicate moved it elsewhere.
      if (record.policy.blank_id !== row.new_blank_id || !isOsagoContract(record.policy.status))
        throw new AppError('CONFLICT', 'osagoChange.errors.blankSuperseded')
      if (record.policy.status === 'printed' && action === 'print')
        throw new AppError('CONFLICT', 'print.errors.alreadyPrinted', { blank: `${row.new_series} ${row.new_number}` })
      const printData = await loadOsagoPrintData(row.policy_id, {
        reference,
        timeZone,
        staffName,
        loadOsagoPolicy: async () =>
          toPolicy({ policy: record.policy, document: { ...record.document, draft: row.after } }),
      })
      const date = printData.application.contract.conclusionDate
      const layout = blankLayoutOn(print.layouts, date)
      if (!layout) throw new AppError('REFERENCE_DATA', 'print.errors.noLayout', { date })
      return { print: printData, layout, duplicate: row.kind === 'duplicate' }
    },
    build: (d, deps) => {
      const doc = buildPolicyOnBlank(d.print, d.layout.data, deps)
      if (!d.duplicate) return doc
      // The duplicate is the same policy on a new blank, marked so above its fields (moved with the printer's offset
      // like them, so the mark lands on the blank's top margin).
      const width = d.layout.data.paper.widthMm
      const mark: ContentNode = {
        text: DUPLICATE_MARK,
        bold: true,
        fontSize: 14,
        color: '#b71c1c',
        absolutePosition: { x: mm(width - 50 + deps.offset.xMm), y: mm(4 + deps.offset.yMm) },
      }
      return {
        ...doc,
        info: { ...doc.info, title: `${doc.info.title} (дубликат)` },
        content: [mark, ...(Array.isArray(doc.content) ? doc.content : [doc.content])],
      }
    },
    fileName: (d) =>
      d.duplicate ? policyBlankFileName(d.print).replace(/\.pdf$/, ' дубликат.pdf') : policyBlankFileName(d.print),
    auditEntity: (d) => ({ entity: 'osago_policy', entityId: d.print.policy.id }),
    afterPrint: async ({ data, ctx }) => markPrinted(data.print.policy.id, ctx),
  }

  /** The new blank left the printer: the policy is printed again (the same move as any policy blank's print). */
  async function markPrinted(policyId: string, ctx: HandlerContext): Promise<void> {
    await write(db, ctx.actor, 'osago.printed', ctx.now, async (w) => {
      const { policy } = await findOsagoRecord(w.trx, policyId)
      if (policy.status !== 'issued') throw new AppError('CONFLICT', 'osago.errors.notIssued')
      await w.update(
        'osago_policy',
        policyId,
        { status: 'printed', printed_at: ctx.now.toISOString() },
        { before: policy },
      )
    })
  }

  return { 'osago-change-addendum': addendum, 'osago-change-policy-blank': blank }
}
