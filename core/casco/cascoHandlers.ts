import { addDays, addMonths, compareDates, todayIn } from '../../shared/dates/calendarDate'
import { translate } from '../../shared/i18n/messages'
import {
  CASCO_APPROVED,
  type CascoFirstPayment,
  type CascoLiveQuote,
  type CascoScheduleRecord,
} from '../../shared/casco/contract'
import { draftToApplicationInput, validateCascoApplication } from '../../shared/casco/draftApplication'
import { CASCO_INSPECTABLE_STATUSES, cascoLifecycle } from '../../shared/casco/lifecycle'
import { draftToQuoteInput, emptyCascoDraft, quoteFieldToFormPath, readCascoDraft } from '../../shared/casco/draft'
import type { CascoQuote } from '../../shared/casco/quoteTypes'
import { cascoInstalmentsInForce, cascoSchedule } from '../../shared/casco/schedule'
import { versionInForce } from '../../shared/reference/envelope'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import { lastDecision } from './decisionRows'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlerContext, HandlersOf } from '../ipc/handlers'
import type { ReferenceData } from '../reference/loadReferenceData'
import { allocateContractNumber } from './contractNumber'
import { buildCascoFormReference, vehicleName } from './formReference'
import { priceCasco } from './cascoPricing'
import { findCascoRow, likePattern, loadCascoRecord, searchColumns, toSummary, type CascoRow } from './cascoRows'

type CascoChannels =
  | 'casco/get-form-reference'
  | 'casco/create-quote'
  | 'casco/save-draft'
  | 'casco/get-quote'
  | 'casco/list-quotes'
  | 'casco/preview-quote'
  | 'casco/calculate-quote'
  | 'casco/choose-option'
  | 'casco/submit-for-approval'
  | 'casco/issue-contract'
  | 'casco/discard-quote'
  | 'casco/list-for-inspection'

/** Columns that only mean something for the priced quote they came from. */
const UNPRICED = {
  status: 'draft',
  quote_input: null,
  quote_result: null,
  chosen_option: null,
  payment_plan: null,
  premium_kopecks: null,
  total_kopecks: null,
  tariff_version: null,
  conclusion_date: null,
  start_date: null,
  end_date: null,
  sum_insured_kopecks: null,
} as const

export function cascoHandlers(db: Db, reference: ReferenceData): HandlersOf<CascoChannels> {
  const today = (ctx: HandlerContext) => todayIn(BRANCH_TIME_ZONE, ctx.now)
  const load = (id: string) => loadCascoRecord(db, id)

  async function editable(id: string): Promise<CascoRow> {
    const row = await findCascoRow(db, id)
    if (!cascoLifecycle.isEditable(row.status)) throw new AppError('CONFLICT', 'casco.ui.errors.readOnly')
    return row
  }

  /** The priced quote stays valid only while the tariff and the rules it was priced with are still in force. */
  function assertStillPriced(row: CascoRow, result: CascoQuote, ctx: HandlerContext): void {
    const date = today(ctx)
    const tariff = versionInForce(reference.versions['casco-tariff'], date)
    const programs = versionInForce(reference.versions['casco-programs'], date)
    if (tariff?.version !== result.tariffVersion || programs?.version !== result.programsVersion) {
      throw new AppError('CONFLICT', 'casco.ui.errors.tariffChanged')
    }
    if (!row.start_date || compareDates(row.start_date, date) < 0)
      throw new AppError('CONFLICT', 'casco.ui.errors.startPassed')
  }

  function chosen(row: CascoRow): { result: CascoQuote; index: number } {
    if (!row.quote_result || row.chosen_option === null)
      throw new AppError('CONFLICT', 'casco.ui.errors.noOptionChosen')
    return { result: JSON.parse(row.quote_result) as CascoQuote, index: Number(row.chosen_option) }
  }

  return {
    'casco/get-form-reference': async (input, ctx) => buildCascoFormReference(reference, input?.date ?? today(ctx)),

    'casco/create-quote': async (_input, ctx) => {
      const draft = emptyCascoDraft(today(ctx))
      const row = await write(db, ctx.actor, 'casco.quote-created', ctx.now, (w) =>
        w.insert('casco_quote', {
          status: 'draft',
          draft: JSON.stringify(draft),
          created_by: ctx.actor.userId,
          ...searchColumns(draft, null),
        }),
      )
      return load(row.id)
    },

    'casco/save-draft': async (input, ctx) => {
      await editable(input.id)
      // Any edit invalidates the priced options: they must be priced again from what is now on the form.
      await write(db, ctx.actor, 'casco.draft-saved', ctx.now, (w) =>
        w.update(
          'casco_quote',
          input.id,
          {
            ...UNPRICED,
            draft: JSON.stringify(input.draft),
            ...searchColumns(input.draft, vehicleName(reference, input.draft)),
          },
          input.rowVersion,
        ),
      )
      return load(input.id)
    },

    'casco/get-quote': async (input) => load(input.id),

    'casco/list-quotes': async (input) => {
      const q = db('casco_quote')
      if (input.status) q.where('status', input.status)
      else q.whereNot('status', 'discarded')
      if (input.query) q.whereRaw("search_text LIKE ? ESCAPE '\\'", [likePattern(input.query)])
      const total = Number(((await q.clone().count({ n: '*' }).first()) as { n: number }).n)
      const rows = (await q.orderBy('updated_at', 'desc').limit(input.limit).offset(input.offset)) as CascoRow[]
      return { items: rows.map(toSummary), total }
    },

    'casco/preview-quote': async (input, ctx): Promise<CascoLiveQuote> => {
      const priced = priceCasco(reference, draftToQuoteInput(input.draft))
      if (priced.ok) return { ok: true, quote: priced.quote }
      const { field, messageKey, params } = priced.first
      return {
        ok: false,
        field: quoteFieldToFormPath(field, input.draft),
        messageKey,
        params,
        message: translate(ctx.locale, messageKey, params),
      }
    },

    'casco/calculate-quote': async (input, ctx) => {
      const row = await editable(input.id)
      const draft = readCascoDraft(row.draft)
      if (draft.contract.quoteDate !== today(ctx)) {
        throw new AppError(
          'VALIDATION',
          'errors.validation',
          {},
          { 'contract.quoteDate': 'casco.ui.errors.quoteDateNotToday' },
        )
      }
      const priced = priceCasco(reference, draftToQuoteInput(draft))
      if (!priced.ok) {
        if (priced.kind === 'tariff') throw new AppError('REFERENCE_DATA', priced.first.messageKey, priced.first.params)
        const fieldErrors: Record<string, string> = {}
        for (const [field, key] of Object.entries(priced.fields))
          fieldErrors[quoteFieldToFormPath(field, draft) ?? field] ??= key
        throw new AppError('VALIDATION', priced.first.messageKey, priced.first.params, fieldErrors)
      }
      const { input: quoteInput, quote } = priced
      await write(db, ctx.actor, 'casco.quoted', ctx.now, (w) =>
        w.update(
          'casco_quote',
          row.id,
          {
            ...UNPRICED,
            status: 'quoted',
            quote_input: JSON.stringify(quoteInput),
            quote_result: JSON.stringify(quote),
            tariff_version: quote.tariffVersion,
            conclusion_date: quoteInput.quoteDate,
            start_date: quote.startDate,
            end_date: addDays(addMonths(quote.startDate, quoteInput.termMonths), -1),
            sum_insured_kopecks: quoteInput.sumInsuredKopecks,
          },
          input.rowVersion,
        ),
      )
      return load(row.id)
    },

    'casco/choose-option': async (input, ctx) => {
      const row = await findCascoRow(db, input.id)
      if (!cascoLifecycle.movesFrom('casco/choose-option', row.status))
        throw new AppError('CONFLICT', 'casco.ui.errors.notQuoted')
      if (!row.quote_result) throw new AppError('CONFLICT', 'casco.ui.errors.notQuoted')
      const option = (JSON.parse(row.quote_result) as CascoQuote).options[input.option]
      if (!option)
        throw new AppError('VALIDATION', 'casco.ui.errors.noSuchOption', {}, { option: 'casco.ui.errors.noSuchOption' })
      if (!option.eligible)
        throw new AppError('CONFLICT', 'casco.ui.errors.optionNotEligible', { option: input.option + 1 })
      await write(db, ctx.actor, 'casco.option-chosen', ctx.now, (w) =>
        w.update(
          'casco_quote',
          row.id,
          {
            chosen_option: String(input.option),
            payment_plan: option.schedule.plan,
            premium_kopecks: option.premiumKopecks,
            total_kopecks: option.schedule.totalKopecks,
          },
          input.rowVersion,
        ),
      )
      return load(row.id)
    },

    'casco/submit-for-approval': async (input, ctx) => {
      const row = await findCascoRow(db, input.id)
      // An approved case goes back to the supervisor only once its approval expired unused (the lifecycle's `when`).
      const unexpiredApproval = CASCO_APPROVED.includes(row.status) && !(await approvalExpired(db, row.id, today(ctx)))
      if (!cascoLifecycle.movesFrom('casco/submit-for-approval', row.status) || unexpiredApproval)
        throw new AppError('CONFLICT', 'casco.ui.errors.notQuoted')
      const { result, index } = chosen(row)
      if (!result.options[index]?.eligible)
        throw new AppError('CONFLICT', 'casco.ui.errors.optionNotEligible', { option: index + 1 })
      const draft = readCascoDraft(row.draft)
      const checked = validateCascoApplication(draftToApplicationInput(draft))
      if (!checked.ok) throw new AppError('VALIDATION', 'casco.ui.errors.incomplete', {}, checked.fieldErrors)
      assertStillPriced(row, result, ctx)
      await write(db, ctx.actor, 'casco.submitted', ctx.now, (w) =>
        w.update(
          'casco_quote',
          row.id,
          {
            status: 'submitted',
            submitted_at: ctx.now.toISOString(),
            submitted_by: ctx.actor.userId,
          },
          input.rowVersion,
        ),
      )
      return load(row.id)
    },

    'casco/issue-contract': async (input, ctx) => {
      const row = await findCascoRow(db, input.id)
      if (!cascoLifecycle.movesFrom('casco/issue-contract', row.status))
        throw new AppError('CONFLICT', 'casco.ui.errors.notApproved')
      const date = today(ctx)
      const decision = await lastDecision(db, row.id)
      if (!decision || !CASCO_APPROVED.includes(decision.decision)) {
        throw new AppError('CONFLICT', 'casco.ui.errors.notApproved')
      }
      if (!decision.validUntil || compareDates(decision.validUntil, date) < 0) {
        throw new AppError('CONFLICT', 'casco.ui.errors.approvalExpired', { date: decision.validUntil ?? '' })
      }
      const { result, index } = chosen(row)
      const option = result.options[index]!
      assertStillPriced(row, result, ctx)
      // The schedule runs from the day the first instalment is actually paid: today.
      const rules = cascoInstalmentsInForce(reference.versions['casco-instalments'], date)
      const s = cascoSchedule(
        { premiumKopecks: option.premiumKopecks, plan: option.schedule.plan, firstPaymentDate: date },
        rules.data,
      )
      const schedule: CascoScheduleRecord = { plan: option.schedule.plan, ...s }
      const first = schedule.payments[0]!
      if (input.payment.amountKopecks !== first.amountKopecks) {
        throw new AppError(
          'VALIDATION',
          'casco.ui.errors.firstPaymentMismatch',
          {},
          { 'payment.amountKopecks': 'casco.ui.errors.firstPaymentMismatch' },
        )
      }
      const payment: CascoFirstPayment = { ...input.payment, paidAt: ctx.now.toISOString() }
      const draft = readCascoDraft(row.draft)
      await write(db, ctx.actor, 'casco.issued', ctx.now, async (w) => {
        const number = await allocateContractNumber(w)
        await w.update(
          'casco_quote',
          row.id,
          {
            status: 'issued',
            contract_branch: number.branch,
            contract_seq: number.seq,
            contract_number: number.number,
            schedule: JSON.stringify(schedule),
            first_payment: JSON.stringify(payment),
            total_kopecks: schedule.totalKopecks,
            issued_at: ctx.now.toISOString(),
            issued_by: ctx.actor.userId,
            search_text: searchColumns(draft, row.vehicle_name, number.number).search_text,
          },
          input.rowVersion,
        )
      })
      return load(row.id)
    },

    'casco/discard-quote': async (input, ctx) => {
      await editable(input.id)
      await write(db, ctx.actor, 'casco.discarded', ctx.now, (w) =>
        w.update('casco_quote', input.id, { status: 'discarded' }, input.rowVersion),
      )
      return load(input.id)
    },

    'casco/list-for-inspection': async (input) => {
      const q = db('casco_quote as c')
        .whereIn('c.status', CASCO_INSPECTABLE_STATUSES)
        .whereNotExists(db('inspection as i').whereRaw('i.quote_id = c.id').where('i.status', 'submitted'))
      if (input?.query) q.whereRaw("c.search_text LIKE ? ESCAPE '\\'", [likePattern(input.query)])
      const rows = (await q.orderBy('c.updated_at', 'desc').limit(50).select('c.*')) as CascoRow[]
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        insuredName: r.insured_name,
        vehicleName: r.vehicle_name,
        year: readCascoDraft(r.draft).vehicle.year,
        plate: r.plate,
        vin: r.vin,
        createdAt: r.created_at,
      }))
    },
  }
}

async function approvalExpired(db: Db, quoteId: string, date: string): Promise<boolean> {
  const decision = await lastDecision(db, quoteId)
  return Boolean(decision?.validUntil && compareDates(decision.validUntil, date) < 0)
}

/** The print subsystem's hook: the contract left the printer. */
export async function markCascoPrinted(db: Db, id: string, ctx: HandlerContext): Promise<void> {
  const row = await findCascoRow(db, id)
  if (row.status === 'printed') return
  if (!cascoLifecycle.movesFrom('print/print-document', row.status))
    throw new AppError('CONFLICT', 'casco.ui.errors.notIssued')
  await write(db, ctx.actor, 'casco.printed', ctx.now, (w) =>
    w.update('casco_quote', id, { status: 'printed', printed_at: ctx.now.toISOString() }),
  )
}
