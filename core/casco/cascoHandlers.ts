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
import {
  draftToQuoteInput,
  emptyCascoDraft,
  quoteFieldToFormPath,
  readCascoDraft,
  type CascoDraft,
} from '../../shared/casco/draft'
import type { CascoQuote } from '../../shared/casco/quoteTypes'
import { cascoInstalmentsInForce, cascoSchedule } from '../../shared/casco/schedule'
import { versionInForce } from '../../shared/reference/envelope'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import { lastDecision } from './decisionRows'
import type { Db } from '../db/openDatabase'
import type { Knex } from 'knex'
import { listPage, SEARCH_TABLES } from '../db/search'
import type { PatchOf } from '../db/tables'
import { write, type Writer } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import { recordPayment, takeReceipt } from '../payments/api'
import type { ReferenceData } from '../reference/loadReferenceData'
import { allocateContractNumber } from './contractNumber'
import { buildCascoFormReference, vehicleName } from './formReference'
import { priceCasco } from './cascoPricing'
import { quoteWhatIf } from './cascoWhatIf'
import {
  cascoRecord,
  findCascoCase,
  findCascoRow,
  loadCascoRecord,
  searchColumns,
  SUMMARY_COLUMNS,
  toSummary,
  type CascoCase,
  type CascoRow,
  type SummaryRow,
} from './cascoRows'
import { NOT_SUBMITTED, UNPRICED } from './quoteColumns'

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

export function cascoHandlers(db: Db, reference: ReferenceData): HandlersOf<CascoChannels> {
  const today = (ctx: HandlerContext) => todayIn(BRANCH_TIME_ZONE, ctx.now)
  const load = (id: string) => loadCascoRecord(db, id)
  /** The answer from the rows the Writer returned: the quote is not read again. */
  const answer = (c: CascoCase) => cascoRecord(db, c)

  /**
   * The case read inside the write's transaction, refused unless it may be edited. It is the before-state the
   * Writer is given, so an edit reads the quote once.
   */
  async function editable(w: Writer, id: string): Promise<CascoCase> {
    const c = await findCascoCase(w.trx, id)
    if (!cascoLifecycle.isEditable(c.quote.status)) throw new AppError('CONFLICT', 'casco.ui.errors.readOnly')
    return c
  }

  /**
   * Writes the documents and the hot row's changes of one edit: the document first (HQ judges the quote's move
   * with the document it already holds), then the quote, both from the rows `editable` read.
   */
  async function saveEdit(
    w: Writer,
    c: CascoCase,
    document: PatchOf<'casco_document'>,
    quote: PatchOf<'casco_quote'>,
    rowVersion: number,
  ): Promise<CascoCase> {
    return {
      document: await w.update('casco_document', c.document.id, document, { before: c.document }),
      quote: await w.update('casco_quote', c.quote.id, quote, { before: c.quote, expectedVersion: rowVersion }),
    }
  }

  /** Changes the hot row only (a move of the case), its document kept as read. */
  async function move(
    w: Writer,
    c: CascoCase,
    quote: PatchOf<'casco_quote'>,
    rowVersion: number | undefined,
  ): Promise<CascoCase> {
    const opts = rowVersion === undefined ? { before: c.quote } : { before: c.quote, expectedVersion: rowVersion }
    return { quote: await w.update('casco_quote', c.quote.id, quote, opts), document: c.document }
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

  function chosen({ quote, document }: CascoCase): { result: CascoQuote; index: number } {
    if (!document.quote_result || quote.chosen_option === null)
      throw new AppError('CONFLICT', 'casco.ui.errors.noOptionChosen')
    return { result: document.quote_result, index: Number(quote.chosen_option) }
  }

  /**
   * The schedule of a contract issued today with a first payment of `amountKopecks`; refuses what may not be issued
   * (checked before the receipt is taken, and again inside the write).
   */
  async function issueChecked(
    trx: Db | Knex.Transaction,
    c: CascoCase,
    amountKopecks: number,
    ctx: HandlerContext,
  ): Promise<CascoScheduleRecord> {
    const row = c.quote
    if (!cascoLifecycle.movesFrom('casco/issue-contract', row.status))
      throw new AppError('CONFLICT', 'casco.ui.errors.notApproved')
    const date = today(ctx)
    const decision = await lastDecision(trx, row.id)
    if (!decision || !CASCO_APPROVED.includes(decision.decision)) {
      throw new AppError('CONFLICT', 'casco.ui.errors.notApproved')
    }
    if (!decision.validUntil || compareDates(decision.validUntil, date) < 0) {
      throw new AppError('CONFLICT', 'casco.ui.errors.approvalExpired', { date: decision.validUntil ?? '' })
    }
    const { result, index } = chosen(c)
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
    if (amountKopecks !== first.amountKopecks) {
      throw new AppError(
        'VALIDATION',
        'casco.ui.errors.firstPaymentMismatch',
        {},
        { 'payment.amountKopecks': 'casco.ui.errors.firstPaymentMismatch' },
      )
    }
    return schedule
  }

  return {
    'casco/get-form-reference': async (input, ctx) => buildCascoFormReference(reference, input?.date ?? today(ctx)),

    'casco/create-quote': async (_input, ctx) => {
      const draft = emptyCascoDraft(today(ctx))
      const created = await write(db, ctx.actor, 'casco.quote-created', ctx.now, async (w) => {
        // Every column given (the unset ones as NULL), so the rows the Writer returns are whole and answer the call.
        const quote = await w.insert('casco_quote', {
          ...UNPRICED,
          ...NOT_SUBMITTED,
          created_by: ctx.actor.userId,
          ...searchColumns(draft, null),
        })
        const document = await w.insert('casco_document', {
          id: quote.id,
          draft,
          quote_input: null,
          quote_result: null,
        })
        return { quote, document }
      })
      return answer(created)
    },

    'casco/save-draft': async (input, ctx) => {
      // Any edit invalidates the priced options: they must be priced again from what is now on the form.
      const saved = await write(db, ctx.actor, 'casco.draft-saved', ctx.now, async (w) =>
        saveEdit(
          w,
          await editable(w, input.id),
          { draft: input.draft, quote_input: null, quote_result: null },
          { ...UNPRICED, ...searchColumns(input.draft, vehicleName(reference, input.draft)) },
          input.rowVersion,
        ),
      )
      return answer(saved)
    },

    'casco/get-quote': async (input) => load(input.id),

    'casco/list-quotes': async (input) => {
      const base = () => {
        const q = db('casco_quote').select(SUMMARY_COLUMNS)
        if (input.status) q.where('status', input.status)
        else q.whereNot('status', 'discarded')
        return q
      }
      const page = await listPage<SummaryRow>({
        db,
        search: SEARCH_TABLES.casco,
        query: input.query,
        base,
        order: { column: 'updated_at', direction: 'desc', key: (r) => r.updated_at },
        limit: input.limit,
        offset: input.offset,
      })
      return { ...page, items: page.items.map(toSummary) }
    },

    'casco/preview-quote': async (input, ctx): Promise<CascoLiveQuote> => {
      const priced = priceCasco(reference, draftToQuoteInput(input.draft))
      // The alternatives ride on the same call: the form asks for the comparison on every change, once (decision 110).
      if (priced.ok) return { ok: true, quote: priced.quote, whatIf: quoteWhatIf(reference, input.draft, priced.quote) }
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
      // Read, priced and written in one transaction: the case read is the Writer's before-state (read once).
      const quoted = await write(db, ctx.actor, 'casco.quoted', ctx.now, async (w) => {
        const c = await editable(w, input.id)
        const draft = readCascoDraft(c.document.draft)
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
          if (priced.kind === 'tariff')
            throw new AppError('REFERENCE_DATA', priced.first.messageKey, priced.first.params)
          const fieldErrors: Record<string, string> = {}
          const fieldParams: Record<string, Record<string, string | number>> = {}
          for (const [field, key] of Object.entries(priced.fields)) {
            const at = quoteFieldToFormPath(field, draft) ?? field
            if (fieldErrors[at] !== undefined) continue
            fieldErrors[at] = key
            const params = priced.params[field]
            if (params && Object.keys(params).length > 0) fieldParams[at] = params
          }
          throw new AppError('VALIDATION', priced.first.messageKey, priced.first.params, fieldErrors, fieldParams)
        }
        const { input: quoteInput, quote } = priced
        return saveEdit(
          w,
          c,
          { quote_input: quoteInput, quote_result: quote },
          {
            ...UNPRICED,
            status: 'quoted',
            tariff_version: quote.tariffVersion,
            conclusion_date: quoteInput.quoteDate,
            start_date: quote.startDate,
            end_date: addDays(addMonths(quote.startDate, quoteInput.termMonths), -1),
            sum_insured_kopecks: quoteInput.sumInsuredKopecks,
          },
          input.rowVersion,
        )
      })
      return answer(quoted)
    },

    'casco/choose-option': async (input, ctx) => {
      const chosenCase = await write(db, ctx.actor, 'casco.option-chosen', ctx.now, async (w) => {
        const c = await findCascoCase(w.trx, input.id)
        if (!cascoLifecycle.movesFrom('casco/choose-option', c.quote.status))
          throw new AppError('CONFLICT', 'casco.ui.errors.notQuoted')
        if (!c.document.quote_result) throw new AppError('CONFLICT', 'casco.ui.errors.notQuoted')
        const option = c.document.quote_result.options[input.option]
        if (!option)
          throw new AppError(
            'VALIDATION',
            'casco.ui.errors.noSuchOption',
            {},
            { option: 'casco.ui.errors.noSuchOption' },
          )
        if (!option.eligible)
          throw new AppError('CONFLICT', 'casco.ui.errors.optionNotEligible', { option: input.option + 1 })
        return move(
          w,
          c,
          {
            chosen_option: String(input.option),
            payment_plan: option.schedule.plan,
            premium_kopecks: option.premiumKopecks,
            total_kopecks: option.schedule.totalKopecks,
          },
          input.rowVersion,
        )
      })
      return answer(chosenCase)
    },

    'casco/submit-for-approval': async (input, ctx) => {
      const submitted = await write(db, ctx.actor, 'casco.submitted', ctx.now, async (w) => {
        const c = await findCascoCase(w.trx, input.id)
        // An approved case goes back to the supervisor only once its approval expired unused (the lifecycle's
        // `when`).
        const unexpiredApproval =
          CASCO_APPROVED.includes(c.quote.status) && !(await approvalExpired(w.trx, c.quote.id, today(ctx)))
        if (!cascoLifecycle.movesFrom('casco/submit-for-approval', c.quote.status) || unexpiredApproval)
          throw new AppError('CONFLICT', 'casco.ui.errors.notQuoted')
        const { result, index } = chosen(c)
        if (!result.options[index]?.eligible)
          throw new AppError('CONFLICT', 'casco.ui.errors.optionNotEligible', { option: index + 1 })
        const checked = validateCascoApplication(draftToApplicationInput(readCascoDraft(c.document.draft)))
        if (!checked.ok)
          throw new AppError('VALIDATION', 'casco.ui.errors.incomplete', {}, checked.fieldErrors, checked.fieldParams)
        assertStillPriced(c.quote, result, ctx)
        return move(
          w,
          c,
          { status: 'submitted', submitted_at: ctx.now.toISOString(), submitted_by: ctx.actor.userId },
          input.rowVersion,
        )
      })
      return answer(submitted)
    },

    'casco/issue-contract': async (input, ctx) => {
      const user = requireUser(ctx)
      // The receipt is taken only for a contract that may be issued with this payment, before the write.
      await issueChecked(db, await findCascoCase(db, input.id), input.payment.amountKopecks, ctx)
      const receipt = await takeReceipt({ db }, ctx, {
        direction: 'in',
        purpose: 'casco_premium',
        amountKopecks: input.payment.amountKopecks,
        method: input.payment.method,
        itemName: 'Страховая премия по договору КАСКО (первый взнос)',
        receiptNumber: input.payment.receiptNumber,
      })
      const paidAt = ctx.now.toISOString()
      const issued = await write(db, ctx.actor, 'casco.issued', ctx.now, async (w) => {
        const c = await findCascoCase(w.trx, input.id)
        const row = c.quote
        const schedule = await issueChecked(w.trx, c, input.payment.amountKopecks, ctx)
        const payment: CascoFirstPayment = { ...input.payment, receiptNumber: receipt.number, paidAt }
        const draft = readCascoDraft(c.document.draft)
        const number = await allocateContractNumber(w)
        const moved = await move(
          w,
          c,
          {
            status: 'issued',
            contract_branch: number.branch,
            contract_seq: number.seq,
            contract_number: number.number,
            schedule,
            first_payment: payment,
            total_kopecks: schedule.totalKopecks,
            issued_at: ctx.now.toISOString(),
            issued_by: ctx.actor.userId,
            search_text: searchColumns(draft, row.vehicle_name, number.number).search_text,
          },
          input.rowVersion,
        )
        await recordPayment(w, {
          direction: 'in',
          purpose: 'casco_premium',
          recordType: 'casco_quote',
          recordId: row.id,
          instalmentNo: 1,
          amountKopecks: payment.amountKopecks,
          method: payment.method,
          receipt,
          clerk: { id: user.id, name: user.fullName },
          paidAt,
          timeZone: BRANCH_TIME_ZONE,
        })
        return moved
      })
      return answer(issued)
    },

    'casco/discard-quote': async (input, ctx) => {
      const discarded = await write(db, ctx.actor, 'casco.discarded', ctx.now, async (w) =>
        move(w, await editable(w, input.id), { status: 'discarded' }, input.rowVersion),
      )
      return answer(discarded)
    },

    'casco/list-for-inspection': async (input) => {
      type Row = Pick<
        CascoRow,
        'id' | 'status' | 'insured_name' | 'vehicle_name' | 'plate' | 'vin' | 'created_at' | 'updated_at'
      > & { vehicle_year: CascoDraft['vehicle']['year'] }
      const base = () =>
        db('casco_quote as c')
          .join('casco_document as d', 'd.id', 'c.id')
          // `+`: not through the status index, which would sort every inspectable quote (reading its draft) to
          // keep 50; the walk down casco_quote_updated_idx stops at the 50th.
          .whereRaw(`+c.status IN (${CASCO_INSPECTABLE_STATUSES.map(() => '?').join(', ')})`, [
            ...CASCO_INSPECTABLE_STATUSES,
          ])
          .whereNotExists(db('inspection as i').whereRaw('i.quote_id = c.id').where('i.status', 'submitted'))
          // The year is the draft's only: read it out of the document in SQL, not the whole draft.
          .select(
            'c.id',
            'c.status',
            'c.insured_name',
            'c.vehicle_name',
            'c.plate',
            'c.vin',
            'c.created_at',
            'c.updated_at',
            db.raw("json_extract(d.draft, '$.vehicle.year') as vehicle_year"),
          )
      const { items: rows } = await listPage<Row>({
        db,
        search: SEARCH_TABLES.casco,
        query: input?.query,
        base,
        rowid: 'c.rowid',
        order: { column: 'c.updated_at', direction: 'desc', key: (r) => r.updated_at },
        limit: 50,
        offset: 0,
        count: false,
      })
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        insuredName: r.insured_name,
        vehicleName: r.vehicle_name,
        year: r.vehicle_year,
        plate: r.plate,
        vin: r.vin,
        createdAt: r.created_at,
      }))
    },
  }
}

async function approvalExpired(db: Db | Knex.Transaction, quoteId: string, date: string): Promise<boolean> {
  const decision = await lastDecision(db, quoteId)
  return Boolean(decision?.validUntil && compareDates(decision.validUntil, date) < 0)
}

/** The print subsystem's hook: the contract left the printer. */
export async function markCascoPrinted(db: Db, id: string, ctx: HandlerContext): Promise<void> {
  await write(db, ctx.actor, 'casco.printed', ctx.now, async (w) => {
    const row = await findCascoRow(w.trx, id)
    if (row.status === 'printed') return
    if (!cascoLifecycle.movesFrom('print/print-document', row.status))
      throw new AppError('CONFLICT', 'casco.ui.errors.notIssued')
    await w.update('casco_quote', id, { status: 'printed', printed_at: ctx.now.toISOString() }, { before: row })
  })
}
