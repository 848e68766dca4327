import type { ApprovalCase, ApprovalQueueItem } from '../../shared/approval/contract'
import { caseChecks } from '../../shared/approval/checks'
import type { ApprovalCheck } from '../../shared/approval/decision'
import { readCascoDraft } from '../../shared/casco/draft'
import { cascoLifecycle } from '../../shared/casco/lifecycle'
import { compareDates, todayIn } from '../../shared/dates/calendarDate'
import type { InspectionSummary } from '../../shared/inspection/summary'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import {
  caseInspections,
  cascoRecord,
  findCascoCase,
  lastDecision,
  withDocuments,
  type CascoCase,
  type CascoRow,
} from '../casco/api'
import type { Db } from '../db/openDatabase'
import { listPage, SEARCH_TABLES } from '../db/search'
import { write } from '../db/write'
import { getInspectionSummary, markInspectionReturned } from '../inspection/api'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import type { ReferenceData } from '../reference/loadReferenceData'
import { fourEyesRefusal } from './fourEyes'

type ApprovalChannels = 'approval/list-queue' | 'approval/get-case' | 'approval/decide'

const NEXT_STATUS = {
  approved: 'approved',
  'approved-with-conditions': 'approved-with-conditions',
  rejected: 'rejected',
} as const

/** A case as the supervisor judges it: the quote, its current report, and the checks that fire on them now. */
interface CaseFacts {
  /** The quote and its documents as read (or as the Writer returned them). */
  case: CascoCase
  row: CascoRow
  inspection: InspectionSummary | null
  inspectorIds: string[]
  checks: ApprovalCheck[]
  ready: boolean
}

export function approvalHandlers(db: Db, reference: ReferenceData): HandlersOf<ApprovalChannels> {
  async function facts(c: CascoCase): Promise<CaseFacts> {
    const row = c.quote
    const { current, inspectorIds } = await caseInspections(db, row.id)
    const inspection = current ? await getInspectionSummary(db, current.id, reference) : null
    const checks = caseChecks(
      {
        result: c.document.quote_result,
        chosenOption: row.chosen_option === null ? null : Number(row.chosen_option),
        declaredAntiTheft: readCascoDraft(c.document.draft).vehicle.antiTheft,
      },
      inspection,
    )
    return {
      case: c,
      row,
      inspection,
      inspectorIds,
      checks,
      ready: row.status === 'submitted' && inspection?.status === 'submitted',
    }
  }

  const refusalFor = (f: CaseFacts, ctx: HandlerContext) => fourEyesRefusal(requireUser(ctx).id, f.row, f.inspectorIds)

  async function toCase(f: CaseFacts, ctx: HandlerContext): Promise<ApprovalCase> {
    return {
      quote: await cascoRecord(db, f.case),
      inspection: f.inspection,
      checks: f.checks,
      ready: f.ready,
      refusal: refusalFor(f, ctx),
    }
  }

  return {
    'approval/list-queue': async (input, ctx) => {
      const base = () => {
        const q = db('casco_quote').select('casco_quote.*')
        if (input.scope === 'decided')
          q.whereExists(db('approval_decision as d').whereRaw('d.quote_id = casco_quote.id'))
        else q.where('status', 'submitted')
        return q
      }
      const decided = input.scope === 'decided'
      const { items: rows } = await listPage<CascoRow>({
        db,
        search: SEARCH_TABLES.casco,
        query: input.query,
        base,
        order: decided
          ? { column: 'updated_at', direction: 'desc', key: (r) => r.updated_at }
          : { column: 'submitted_at', direction: 'asc', key: (r) => r.submitted_at },
        limit: 200,
        offset: 0,
        count: false,
      })
      const names = new Map(
        ((await db('staff').select('id', 'full_name')) as Array<{ id: string; full_name: string }>).map((s) => [
          s.id,
          s.full_name,
        ]),
      )
      const items: ApprovalQueueItem[] = []
      for (const c of await withDocuments(db, rows)) {
        const row = c.quote
        const f = await facts(c)
        if (input.scope === 'ready' && !f.ready) continue
        if (input.scope === 'waiting' && f.ready) continue
        const last = await lastDecision(db, row.id)
        items.push({
          quoteId: row.id,
          status: row.status,
          insuredName: row.insured_name,
          vehicleName: row.vehicle_name,
          plate: row.plate,
          sumInsuredKopecks: row.sum_insured_kopecks,
          totalKopecks: row.total_kopecks,
          submittedAt: row.submitted_at,
          submittedByName: row.submitted_by ? (names.get(row.submitted_by) ?? null) : null,
          inspection: f.inspection
            ? {
                id: f.inspection.id,
                number: f.inspection.number,
                status: f.inspection.status,
                damageCount: f.inspection.damages.length,
              }
            : null,
          checks: f.checks,
          ready: f.ready,
          lastDecision: last
            ? { decision: last.decision, decidedAt: last.decidedAt, decidedByName: last.decidedByName }
            : null,
          mayDecide: refusalFor(f, ctx) === null,
        })
      }
      return { items }
    },

    'approval/get-case': async (input, ctx) => toCase(await facts(await findCascoCase(db, input.quoteId)), ctx),

    'approval/decide': async (input, ctx) => {
      const user = requireUser(ctx)
      const f = await facts(await findCascoCase(db, input.quoteId))
      const refusal = refusalFor(f, ctx)
      if (refusal) {
        await write(db, ctx.actor, 'security.four-eyes-refused', ctx.now, (w) =>
          w.audit('security.four-eyes-refused', 'casco_quote', f.row.id, null, {
            decision: input.decision,
            reason: refusal,
          }),
        )
        throw new AppError('FORBIDDEN', refusal)
      }
      if (!cascoLifecycle.movesFrom('approval/decide', f.row.status))
        throw new AppError('CONFLICT', 'approval.errors.notSubmitted')
      if (f.row.row_version !== input.quoteRowVersion) throw new AppError('CONFLICT', 'approval.errors.caseChanged')
      const toInspector = input.decision === 'returned' && input.returnTo === 'inspector'
      // A report is needed to approve, and to send back to its inspector; a refusal or a return of the terms is not.
      if ((input.decision === 'approved' || input.decision === 'approved-with-conditions' || toInspector) && !f.ready) {
        throw new AppError('CONFLICT', 'approval.errors.reportNotReady')
      }
      const today = todayIn(BRANCH_TIME_ZONE, ctx.now)
      const approval = input.decision === 'approved' || input.decision === 'approved-with-conditions'
      if (approval && compareDates(input.validUntil!, today) < 0) {
        throw new AppError('VALIDATION', 'errors.validation', {}, { validUntil: 'approval.errors.validUntilPast' })
      }
      const conditions = input.conditions.filter((c) => c.length > 0)
      const decided = await write(db, ctx.actor, `approval.${input.decision}`, ctx.now, async (w) => {
        await w.insert('approval_decision', {
          quote_id: f.row.id,
          quote_row_version: f.row.row_version,
          inspection_id: f.inspection?.id ?? null,
          decision: input.decision,
          return_to: input.decision === 'returned' ? input.returnTo : null,
          comment: input.comment || null,
          conditions: input.decision === 'approved-with-conditions' ? JSON.stringify(conditions) : null,
          valid_until: approval ? input.validUntil : null,
          checks: JSON.stringify(f.checks),
          decided_by: user.id,
          decided_by_name: user.fullName,
          decided_at: ctx.now.toISOString(),
        })
        if (toInspector) {
          // The quote waits in the queue while its inspector corrects the report; the same transaction (a savepoint).
          await markInspectionReturned(w.trx, f.inspection!.id, input.comment, ctx)
          return f.case
        }
        const status = input.decision === 'returned' ? 'returned' : NEXT_STATUS[input.decision]
        const quote = await w.update('casco_quote', f.row.id, { status }, input.quoteRowVersion)
        return { quote, document: f.case.document }
      })
      // The answer from the quote the Writer returned; the report's state and the checks are taken again.
      return toCase(await facts(decided), ctx)
    },
  }
}
