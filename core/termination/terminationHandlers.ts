import { isCalendarDate, todayIn, type CalendarDate } from '../../shared/dates/calendarDate'
import { translate } from '../../shared/i18n/messages'
import { formatDateRu } from '../../shared/print/format'
import {
  KINDS_BY_PRODUCT,
  OPEN_STATUSES,
  postmarkOf,
  type ApplicationDetails,
  type ApplicationStatus,
  type ContractData,
  type PayoutMethod,
} from '../../shared/termination/application'
import {
  calculateApplicationRefund,
  withLatePayoutOn,
  type RefundCalculation,
} from '../../shared/termination/applicationRefund'
import type { RefundPreview } from '../../shared/termination/contract'
import { terminationLifecycle } from '../../shared/termination/lifecycle'
import type { Channel } from '../../shared/contract'
import {
  applicationChecklist,
  missingDocuments,
  refundsNothing,
  type ChecklistCase,
  type ChecklistResult,
} from '../../shared/termination/documentChecklist'
import {
  TERMINATION_DOCUMENTS,
  type TerminationDocument,
  type TerminationGround,
} from '../../shared/termination/rulesSchema'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'
import { write, type Writer } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import { recordPayment, takeReceipt } from '../payments/api'
import { listPage, SEARCH_TABLES } from '../db/search'
import type { ReferenceData } from '../reference/loadReferenceData'
import {
  applicationSearchText,
  findApplicationRow,
  SUMMARY_COLUMNS,
  toApplication,
  toSummary,
  type ApplicationRow,
  type SummaryRow,
} from './applicationRows'
import {
  findContracts,
  loadContract,
  manualContract,
  manualContractColumns,
  summarise,
  type ManualContractRow,
} from './contracts'
import { listDeadlines } from './deadlines'
import { allocateIncomingNumber } from './incomingNumber'
import { accruedLatePayout } from './latePayoutAccrued'
import { calendarOn, guarded, rulesInForce } from './terminationRules'

type TerminationChannels =
  | 'termination/find-contracts'
  | 'termination/enter-contract'
  | 'termination/preview-refund'
  | 'termination/register-application'
  | 'termination/update-application'
  | 'termination/set-documents'
  | 'termination/complete-application'
  | 'termination/approve-application'
  | 'termination/record-payout'
  | 'termination/refuse-application'
  | 'termination/get-application'
  | 'termination/list-applications'
  | 'termination/list-deadlines'
  | 'termination/preview-late-payout'

/** What decides the refund and the checklist; the rest of the details is who applies and how they are paid. */
interface Terms {
  kind: ApplicationDetails['kind']
  ground: TerminationGround | null
  eventDate: CalendarDate | null
  cascoChoice: ApplicationDetails['cascoChoice']
  insuredEventOccurred: boolean
  representative: boolean
  payoutMethod: PayoutMethod | null
  /** By post: the postmark date, the filing date of GK RF art. 194 p. 2. */
  postmarkDate: CalendarDate | null
  requestedTerminationDate: CalendarDate | null
}

function termsOf(d: ApplicationDetails): Terms {
  return {
    kind: d.kind,
    ground: d.ground,
    eventDate: d.eventDate,
    cascoChoice: d.cascoChoice,
    insuredEventOccurred: d.insuredEventOccurred,
    representative: d.representative !== null,
    payoutMethod: d.payout?.method ?? null,
    postmarkDate: postmarkOf(d),
    requestedTerminationDate: d.requestedTerminationDate ?? null,
  }
}

function checklistCase(t: Terms): ChecklistCase {
  if (t.kind === 'osago-early-termination') {
    if (t.ground === null)
      throw new AppError(
        'VALIDATION',
        'termination.error.groundRequired',
        {},
        { 'details.ground': 'termination.error.groundRequired' },
      )
    return { kind: t.kind, ground: t.ground }
  }
  return { kind: t.kind }
}

/** Completion ends the contract with a refund, or without one where the rules return nothing. */
function ends(calc: RefundCalculation): boolean {
  return calc.outcome === 'refund' || calc.outcome === 'terminated-no-refund'
}

export function terminationHandlers(db: Db, reference: ReferenceData): HandlersOf<TerminationChannels> {
  const today = (ctx: HandlerContext) => todayIn(BRANCH_TIME_ZONE, ctx.now)

  function calculate(
    contract: ContractData,
    t: Terms,
    applicationDate: CalendarDate,
    pathPrefix: string,
  ): RefundCalculation {
    if (!KINDS_BY_PRODUCT[contract.product].includes(t.kind)) {
      throw new AppError(
        'VALIDATION',
        'termination.problem.kindNotForContract',
        {},
        { [`${pathPrefix}kind`]: 'termination.problem.kindNotForContract' },
      )
    }
    const { rules, version } = rulesInForce(reference, contract.conclusionDate)
    const calc = guarded(
      () =>
        calculateApplicationRefund(
          {
            product: contract.product,
            kind: t.kind,
            ground: t.ground,
            policyholderType: contract.policyholderType,
            premiumKopecks: contract.premiumKopecks,
            conclusionDate: contract.conclusionDate,
            contractStart: contract.startDate,
            contractEnd: contract.endDate,
            applicationDate,
            postmarkDate: t.postmarkDate,
            eventDate: t.eventDate,
            periodsOfUse: contract.periodsOfUse,
            insuredEventOccurred: t.insuredEventOccurred,
            cascoChoice: t.cascoChoice,
            requestedTerminationDate: t.requestedTerminationDate,
          },
          rules,
          version,
          calendarOn(reference, applicationDate),
        ),
      pathPrefix,
    )
    // The consequence of a late payout is the one HQ has selected for the day the delay would begin.
    return withLatePayoutOn(calc, (date) => rulesInForce(reference, date))
  }

  /** A refund to pay needs to know how it is paid, even where the form left it open because the rules may refund nothing. */
  function requirePayout(calc: RefundCalculation, details: ApplicationDetails): void {
    if (calc.outcome === 'refund' && calc.refundKopecks > 0 && details.payout === null) {
      throw new AppError(
        'VALIDATION',
        'termination.problem.payoutRequired',
        {},
        { 'details.payout.method': 'termination.problem.payoutRequired' },
      )
    }
  }

  function checklist(contract: ContractData, t: Terms): ChecklistResult {
    const { rules } = rulesInForce(reference, contract.conclusionDate)
    const which = checklistCase(t)
    const nothingPaid = (t.kind === 'casco-sale' && t.cascoChoice === 'reissue') || refundsNothing(rules, which)
    return applicationChecklist(rules, which, {
      representative: t.representative,
      payout: nothingPaid ? null : t.payoutMethod,
    })
  }

  /** A contract takes one application at a time, and none once it has ended. */
  async function ensureAvailable(contract: ContractData, exceptId: string | null): Promise<void> {
    if (contract.terminatedOn)
      throw new AppError('CONFLICT', 'termination.problem.contractTerminated', {
        date: formatDateRu(contract.terminatedOn),
      })
    const [summary] = await summarise(db, [contract])
    const open = summary?.openApplication
    if (open && open.id !== exceptId)
      throw new AppError('CONFLICT', 'termination.problem.alreadyApplied', { number: open.incomingNumber })
  }

  /** The application, refused unless `channel` makes a move out of its status (shared/termination/lifecycle.ts). */
  async function inStatus(id: string, channel: Channel, ctx: HandlerContext): Promise<ApplicationRow> {
    const row = await findApplicationRow(db, id)
    if (!terminationLifecycle.movesFrom(channel, row.status)) {
      throw new AppError('CONFLICT', 'termination.problem.wrongStatus', {
        status: translate(ctx.locale, `termination.status.${row.status}`),
      })
    }
    return row
  }

  /** The application as the screens get it; from the Writer's after-row when the caller has it (no second read). */
  async function answer(id: string, row?: ApplicationRow) {
    return toApplication(db, row ?? (await findApplicationRow(db, id)))
  }

  /** Marks the contract ended (or no longer ended, when a completed application is refused) with the application. */
  async function markContract(w: Writer, contract: ContractData, terminatedOn: CalendarDate | null): Promise<void> {
    const table =
      contract.source === 'osago' ? 'osago_policy' : contract.source === 'casco' ? 'casco_quote' : 'manual_contract'
    await w.update(table, contract.id, { terminated_on: terminatedOn })
  }

  return {
    'termination/find-contracts': async (input) => findContracts(db, input.query),

    'termination/enter-contract': async (input, ctx) => {
      const c = input.contract
      if (c.conclusionDate > today(ctx)) {
        throw new AppError(
          'VALIDATION',
          'termination.problem.conclusionInFuture',
          {},
          { 'contract.conclusionDate': 'termination.problem.conclusionInFuture' },
        )
      }
      const same = (await db('manual_contract').where({ product: c.product, contract_number: c.number }).first()) as
        ManualContractRow | undefined
      if (same)
        throw new AppError(
          'CONFLICT',
          'termination.problem.contractExists',
          {},
          { 'contract.number': 'termination.problem.contractExists' },
        )
      const row = await write(db, ctx.actor, 'termination.contract-entered', ctx.now, (w) =>
        w.insert('manual_contract', { ...manualContractColumns(c), entered_by: ctx.actor.userId, terminated_on: null }),
      )
      const [summary] = await summarise(db, [manualContract(row)])
      return summary!
    },

    'termination/preview-refund': async (input, ctx): Promise<RefundPreview> => {
      const contract = await loadContract(db, input.contract, today(ctx))
      const date = (v: string | null) => (v && isCalendarDate(v) ? v : null)
      const t: Terms = {
        kind: input.kind,
        ground: input.ground,
        eventDate: date(input.eventDate),
        cascoChoice: input.cascoChoice,
        insuredEventOccurred: input.insuredEventOccurred,
        representative: input.representative,
        payoutMethod: input.payoutMethod,
        postmarkDate: date(input.postmarkDate),
        requestedTerminationDate: date(input.requestedTerminationDate),
      }
      let list: ChecklistResult | null = null
      try {
        if (t.kind !== 'osago-early-termination' || t.ground !== null) list = checklist(contract, t)
        let applicationDate = today(ctx)
        if (input.applicationId) {
          const row = await findApplicationRow(db, input.applicationId)
          if (row.contract_id !== contract.id) throw new AppError('NOT_FOUND', 'errors.notFound')
          applicationDate = row.received_on
        } else {
          await ensureAvailable(contract, null)
        }
        return {
          ok: true,
          calculation: calculate(contract, t, applicationDate, ''),
          checklist: list ?? checklist(contract, t),
        }
      } catch (e) {
        if (!(e instanceof AppError) || e.code === 'INTERNAL') throw e
        const field = e.fieldErrors ? (Object.keys(e.fieldErrors)[0] ?? null) : null
        return {
          ok: false,
          field,
          messageKey: e.messageKey,
          message: translate(ctx.locale, e.messageKey, e.params),
          checklist: list,
        }
      }
    },

    'termination/register-application': async (input, ctx) => {
      const contract = await loadContract(db, input.contract, today(ctx))
      await ensureAvailable(contract, null)
      const details = input.details
      const receivedOn = today(ctx)
      const t = termsOf(details)
      const calc = calculate(contract, t, receivedOn, 'details.')
      requirePayout(calc, details)
      const list = checklist(contract, t)
      const id = await write(db, ctx.actor, 'termination.received', ctx.now, async (w) => {
        const incoming = await allocateIncomingNumber(w, receivedOn)
        const row = await w.insert('termination_application', {
          branch_id: incoming.branchId,
          incoming_year: incoming.year,
          incoming_seq: incoming.seq,
          incoming_number: incoming.number,
          received_at: ctx.now.toISOString(),
          received_on: receivedOn,
          received_by: ctx.actor.userId,
          status: 'received',
          contract_source: contract.source,
          contract_id: contract.id,
          contract: JSON.stringify(contract),
          kind: details.kind,
          details: JSON.stringify(details),
          required_documents: JSON.stringify(list.documents),
          documents_verified: list.verified,
          documents: '[]',
          payout_due_on: calc.payoutDueDate,
          policyholder_name: contract.policyholderName,
          contract_number: contract.number,
          search_text: applicationSearchText(incoming.number, contract, details),
        })
        return row.id
      })
      return answer(id)
    },

    'termination/update-application': async (input, ctx) => {
      const row = await inStatus(input.id, 'termination/update-application', ctx)
      const contract = JSON.parse(row.contract) as ContractData
      const details = input.details
      const t = termsOf(details)
      const calc = calculate(contract, t, row.received_on, 'details.')
      requirePayout(calc, details)
      const list = checklist(contract, t)
      const ticked = (JSON.parse(row.documents) as TerminationDocument[]).filter((d) => list.documents.includes(d))
      const after = await write(db, ctx.actor, 'termination.updated', ctx.now, (w) =>
        w.update(
          'termination_application',
          row.id,
          {
            kind: details.kind,
            details: JSON.stringify(details),
            required_documents: JSON.stringify(list.documents),
            documents_verified: list.verified,
            documents: JSON.stringify(ticked),
            payout_due_on: calc.payoutDueDate,
            search_text: applicationSearchText(row.incoming_number, contract, details),
          },
          input.rowVersion,
        ),
      )
      return answer(row.id, after)
    },

    'termination/set-documents': async (input, ctx) => {
      const row = await inStatus(input.id, 'termination/set-documents', ctx)
      const required = JSON.parse(row.required_documents) as TerminationDocument[]
      const stray = input.documents.find((d) => !required.includes(d))
      if (stray)
        throw new AppError(
          'VALIDATION',
          'termination.problem.documentNotRequired',
          {},
          { [`documents.${stray}`]: 'termination.problem.documentNotRequired' },
        )
      const ticked = TERMINATION_DOCUMENTS.filter((d) => input.documents.includes(d))
      const after = await write(db, ctx.actor, 'termination.documents-checked', ctx.now, (w) =>
        w.update('termination_application', row.id, { documents: JSON.stringify(ticked) }, input.rowVersion),
      )
      return answer(row.id, after)
    },

    'termination/complete-application': async (input, ctx) => {
      const row = await inStatus(input.id, 'termination/complete-application', ctx)
      const missing = missingDocuments(
        JSON.parse(row.required_documents) as TerminationDocument[],
        JSON.parse(row.documents) as TerminationDocument[],
      )
      if (missing.length > 0) {
        throw new AppError(
          'VALIDATION',
          'termination.problem.documentsMissing',
          { documents: missing.map((d) => translate(ctx.locale, `termination.document.${d}`)).join('; ') },
          Object.fromEntries(missing.map((d) => [`documents.${d}`, 'termination.problem.documentMissing'])),
        )
      }
      const contract = JSON.parse(row.contract) as ContractData
      const details = JSON.parse(row.details) as ApplicationDetails
      const calc = calculate(contract, termsOf(details), row.received_on, 'details.')
      requirePayout(calc, details)
      const now = ctx.now.toISOString()
      const done = {
        calculation: JSON.stringify(calc),
        refund_kopecks: calc.refundKopecks,
        payout_due_on: calc.payoutDueDate,
        completed_at: now,
        completed_by: ctx.actor.userId,
      }
      const after = await write(db, ctx.actor, 'termination.completed', ctx.now, async (w) => {
        if (!calc.eligible) {
          // Not eligible by the rules: the application is refused with the calculation's reason, the contract stays.
          return w.update(
            'termination_application',
            row.id,
            { ...done, status: 'refused', refused_at: now, refused_by: ctx.actor.userId, refusal_reason: calc.reason },
            input.rowVersion,
          )
        }
        const status: ApplicationStatus = calc.outcome === 'refund' && calc.refundKopecks > 0 ? 'calculated' : 'closed'
        const completed = await w.update('termination_application', row.id, { ...done, status }, input.rowVersion)
        if (ends(calc) && calc.terminationDate) await markContract(w, contract, calc.terminationDate)
        return completed
      })
      return answer(row.id, after)
    },

    'termination/approve-application': async (input, ctx) => {
      const row = await inStatus(input.id, 'termination/approve-application', ctx)
      const calc = JSON.parse(row.calculation!) as RefundCalculation
      if (!calc.needsApproval) throw new AppError('CONFLICT', 'termination.problem.approvalNotNeeded')
      if (row.received_by === ctx.actor.userId) throw new AppError('FORBIDDEN', 'termination.problem.fourEyes')
      const after = await write(db, ctx.actor, 'termination.approved', ctx.now, (w) =>
        w.update(
          'termination_application',
          row.id,
          {
            status: 'approved',
            approved_at: ctx.now.toISOString(),
            approved_by: ctx.actor.userId,
          },
          input.rowVersion,
        ),
      )
      return answer(row.id, after)
    },

    'termination/record-payout': async (input, ctx) => {
      const row = await inStatus(input.id, 'termination/record-payout', ctx)
      const calc = JSON.parse(row.calculation!) as RefundCalculation
      if (calc.needsApproval && row.status !== 'approved')
        throw new AppError('CONFLICT', 'termination.problem.approvalRequired')
      const paidOn = today(ctx)
      const late =
        row.payout_due_on && paidOn > row.payout_due_on
          ? accruedLatePayout(reference, calc, row.payout_due_on, paidOn)
          : null
      const penalty = late?.amountKopecks ?? 0
      const paidKopecks = calc.refundKopecks + penalty
      // The refund goes into the payments journal as money paid out (core/payments): in cash through the till (with
      // the register's «возврат прихода» receipt when this computer has one), by transfer as a bank payment.
      const user = requireUser(ctx)
      const method = (JSON.parse(row.details) as ApplicationDetails).payout?.method === 'cash' ? 'cash' : 'bank'
      const receipt =
        paidKopecks > 0
          ? await takeReceipt({ db }, ctx, {
              direction: 'out',
              purpose: 'termination_refund',
              amountKopecks: paidKopecks,
              method,
              itemName: 'Возврат части страховой премии при расторжении договора',
              paymentDocument: input.paymentDocument,
              field: 'paymentDocument',
            })
          : null
      const after = await write(db, ctx.actor, 'termination.paid', ctx.now, async (w) => {
        const paid = await w.update(
          'termination_application',
          row.id,
          {
            status: 'paid',
            paid_on: paidOn,
            paid_by: ctx.actor.userId,
            payment_document: input.paymentDocument,
            penalty_kopecks: penalty,
            late_payout: late ? JSON.stringify(late) : null,
            paid_kopecks: paidKopecks,
          },
          input.rowVersion,
        )
        if (receipt)
          await recordPayment(w, {
            direction: 'out',
            purpose: 'termination_refund',
            recordType: 'termination_application',
            recordId: row.id,
            amountKopecks: paidKopecks,
            method,
            receipt,
            clerk: { id: user.id, name: user.fullName },
            paidAt: ctx.now.toISOString(),
            timeZone: BRANCH_TIME_ZONE,
          })
        return paid
      })
      return answer(row.id, after)
    },

    'termination/refuse-application': async (input, ctx) => {
      const row = await inStatus(input.id, 'termination/refuse-application', ctx)
      const calc = row.calculation ? (JSON.parse(row.calculation) as RefundCalculation) : null
      const after = await write(db, ctx.actor, 'termination.refused', ctx.now, async (w) => {
        const refused = await w.update(
          'termination_application',
          row.id,
          {
            status: 'refused',
            refused_at: ctx.now.toISOString(),
            refused_by: ctx.actor.userId,
            refusal_reason: input.reason,
          },
          input.rowVersion,
        )
        // Completion ended the contract; a refusal after it means the contract goes on.
        if (calc && ends(calc)) await markContract(w, JSON.parse(row.contract) as ContractData, null)
        return refused
      })
      return answer(row.id, after)
    },

    'termination/get-application': async (input) => answer(input.id),

    'termination/preview-late-payout': async (input, ctx) => {
      const row = await findApplicationRow(db, input.id)
      const on = today(ctx)
      if (!OPEN_STATUSES.includes(row.status) || !row.calculation || !row.payout_due_on || on <= row.payout_due_on)
        return null
      // The same figure record-payout would store if the money left today.
      return accruedLatePayout(reference, JSON.parse(row.calculation) as RefundCalculation, row.payout_due_on, on)
    },

    'termination/list-applications': async (input) => {
      const base = () => {
        const q = db('termination_application').select(
          ...SUMMARY_COLUMNS,
          db.raw("json_extract(details, '$.ground') AS ground"),
          db.raw("json_extract(contract, '$.product') AS product"),
        )
        if (input.status) q.where('status', input.status)
        return q
      }
      const page = await listPage<SummaryRow>({
        db,
        search: SEARCH_TABLES.termination,
        query: input.query,
        base,
        order: { column: 'received_at', direction: 'desc', key: (r) => r.received_at },
        limit: input.limit,
        offset: input.offset,
      })
      return { ...page, items: page.items.map(toSummary) }
    },

    'termination/list-deadlines': async (input, ctx) =>
      listDeadlines(db, reference, today(ctx), input?.dueSoonDays ?? 3),
  }
}
