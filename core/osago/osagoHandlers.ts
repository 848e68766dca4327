import { todayIn } from '../../shared/dates/calendarDate'
import { translate } from '../../shared/i18n/messages'
import { termEnd, validateOsagoApplication, type OsagoApplication } from '../../shared/osago/application'
import type { OsagoQuote } from '../../shared/osago/contract'
import {
  draftToApplicationInput,
  draftToPremiumInput,
  emptyDraft,
  readOsagoDraft,
  type OsagoDraft,
} from '../../shared/osago/draft'
import { premiumFieldToFormPath } from '../../shared/osago/formPaths'
import { osagoLifecycle } from '../../shared/osago/lifecycle'
import type { OsagoPremium, StoredOsagoPremium } from '../../shared/osago/calculator'
import type { OsagoPayment, OsagoStatus } from '../../shared/osago/policy'
import { versionInForce } from '../../shared/reference/envelope'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import { assignBlank, spoilBlank } from '../blanks/api'
import type { Db } from '../db/openDatabase'
import { listPage, parseQuery, SEARCH_TABLES } from '../db/search'
import type { PatchOf } from '../db/tables'
import { write, type Writer } from '../db/write'
import { requireUser, type HandlerContext, type HandlersOf } from '../ipc/handlers'
import { recordPayment, takeReceipt } from '../payments/api'
import type { ReferenceData } from '../reference/loadReferenceData'
import { readHqSettings } from '../sync/api'
import { buildFormReference } from './formReference'
import { checkPeriodsOfUse, priceOsago } from './osagoPricing'
import { quoteWhatIf } from './osagoWhatIf'
import {
  findOsagoRecord,
  loadOsagoPolicy,
  searchColumns,
  SUMMARY_COLUMNS,
  toPolicy,
  toSummary,
  type OsagoRecord,
  type OsagoRow,
} from './osagoRows'
import { registrationView } from './registrationGate'
import { findRegistration } from './registrationRows'

type OsagoChannels =
  | 'osago/get-form-reference'
  | 'osago/create-draft'
  | 'osago/save-draft'
  | 'osago/get-policy'
  | 'osago/list-policies'
  | 'osago/quote-premium'
  | 'osago/calculate-policy'
  | 'osago/issue-policy'
  | 'osago/reissue-on-new-blank'
  | 'osago/discard-draft'
  | 'osago/suggest-streets'
  | 'osago/get-registration'

export function osagoHandlers(db: Db, reference: ReferenceData): HandlersOf<OsagoChannels> {
  const today = (ctx: HandlerContext) => todayIn(BRANCH_TIME_ZONE, ctx.now)

  /**
   * The policy read inside the write's transaction, refused unless it may be edited. It is the before-state the
   * Writer is given, so an edit reads the policy once.
   */
  async function editable(w: Writer, id: string, rowVersion: number): Promise<OsagoRecord> {
    const record = await findOsagoRecord(w.trx, id)
    if (!osagoLifecycle.isEditable(record.policy.status)) throw new AppError('CONFLICT', 'osago.errors.readOnly')
    if (record.policy.row_version !== rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
    return record
  }

  /**
   * Writes the draft and the hot row's changes of one edit: the document first (HQ judges the policy's move with
   * the document it already holds), then the policy, both from the rows `editable` read.
   */
  async function saveEdit(
    w: Writer,
    record: OsagoRecord,
    document: { draft: OsagoDraft; calculation: StoredOsagoPremium | null },
    policy: PatchOf<'osago_policy'>,
    rowVersion: number,
  ): Promise<OsagoRecord> {
    return {
      document: await w.update('osago_document', record.document.id, document, { before: record.document }),
      policy: await w.update('osago_policy', record.policy.id, policy, {
        before: record.policy,
        expectedVersion: rowVersion,
      }),
    }
  }

  /** Everything a complete application must satisfy beyond its field formats, as field errors. */
  function businessChecks(draft: OsagoDraft, ctx: HandlerContext): Record<string, string> {
    const errors: Record<string, string> = {}
    if (draft.contract.conclusionDate !== today(ctx))
      errors['contract.conclusionDate'] = 'osago.form.conclusionNotToday'
    const date = draft.contract.conclusionDate
    const catalog = versionInForce(reference.versions['vehicle-catalog'], date)
    const purposes = versionInForce(reference.versions['purposes-of-use'], date)
    const v = draft.vehicle
    const model = v.modelId ? catalog?.data.models.find((m) => m.id === v.modelId) : undefined
    if (v.modelId && !model) errors['vehicle.modelId'] = 'osago.form.unknownModel'
    if (model && model.category.value !== v.category) errors['vehicle.category'] = 'osago.form.categoryFromModel'
    const category = catalog?.data.categories.find((c) => c.code === v.category)
    const purpose = purposes?.data.purposes.find((p) => p.code === v.purpose)
    if (!purpose) errors['vehicle.purpose'] = 'validation.required'
    const cardNeeded = Boolean(category?.diagnosticCardRequired.value || purpose?.diagnosticCardRequired.value)
    if (cardNeeded && !v.diagnosticCard) errors['vehicle.diagnosticCard.number'] = 'osago.form.diagnosticCardRequired'
    if (cardNeeded && v.diagnosticCard && v.diagnosticCard.validUntil < draft.contract.startDate) {
      errors['vehicle.diagnosticCard.validUntil'] = 'osago.form.diagnosticCardExpired'
    }
    return errors
  }

  /** The complete application and its premium, or the field errors that stop it (as AppError). */
  function priceChecked(
    draft: OsagoDraft,
    ctx: HandlerContext,
  ): { application: OsagoApplication; premium: OsagoPremium } {
    const checked = validateOsagoApplication(draftToApplicationInput(draft))
    const fieldErrors = { ...(checked.ok ? {} : checked.fieldErrors), ...businessChecks(draft, ctx) }
    if (!checked.ok || Object.keys(fieldErrors).length > 0)
      throw new AppError('VALIDATION', 'errors.validation', {}, fieldErrors, checked.ok ? {} : checked.fieldParams)
    const outcome = priceOsago(reference, draftToPremiumInput(draft))
    if (!outcome.ok) {
      const { messageKey, params, field, kind } = outcome.error
      if (kind === 'tariff') throw new AppError('REFERENCE_DATA', messageKey, params)
      const path = premiumFieldToFormPath(field, draft) ?? '(input)'
      throw new AppError('VALIDATION', messageKey, params, { [path]: messageKey }, { [path]: params })
    }
    return { application: checked.application, premium: outcome.premium }
  }

  return {
    'osago/get-form-reference': async (input, ctx) => buildFormReference(reference, input?.date ?? today(ctx)),

    'osago/create-draft': async (_input, ctx) => {
      const draft = emptyDraft(today(ctx))
      const record = await write(db, ctx.actor, 'osago.draft-created', ctx.now, async (w) => {
        const policy = await w.insert('osago_policy', {
          status: 'draft',
          created_by: ctx.actor.userId,
          ...searchColumns(draft),
        })
        const document = await w.insert('osago_document', { id: policy.id, draft, calculation: null })
        return { policy, document }
      })
      return toPolicy(record)
    },

    'osago/save-draft': async (input, ctx) => {
      // Any edit invalidates a calculation: the premium must be recalculated from what is now on the form.
      const record = await write(db, ctx.actor, 'osago.draft-saved', ctx.now, async (w) =>
        saveEdit(
          w,
          await editable(w, input.id, input.rowVersion),
          { draft: input.draft, calculation: null },
          { status: 'draft', premium_kopecks: null, tariff_version: null, ...searchColumns(input.draft) },
          input.rowVersion,
        ),
      )
      return toPolicy(record)
    },

    'osago/get-policy': async (input) => loadOsagoPolicy(db, input.id),

    'osago/get-registration': async (input) => {
      const row = (await db('osago_policy').where({ id: input.id }).first('id', 'status')) as
        { id: string; status: OsagoStatus } | undefined
      if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
      return registrationView(row.status, await readHqSettings(db), await findRegistration(db, row.id))
    },

    'osago/list-policies': async (input) => {
      const DAY = 'coalesce(conclusion_date, substr(created_at, 1, 10))'
      const dated = Boolean(input.dateFrom || input.dateTo)
      // A search reads its matches by rowid and orders them in memory (`key`): an ORDER BY there could only tempt
      // the planner into walking the date index instead.
      const searching = input.query ? parseQuery(input.query) !== null : false
      const base = () => {
        const q = db('osago_policy').select(SUMMARY_COLUMNS)
        if (input.status) q.where('status', input.status)
        else q.whereNot('status', 'discarded')
        // The same expression as osago_day_updated_idx, so a date filter reads that index.
        if (input.dateFrom) q.where(db.raw(DAY), '>=', input.dateFrom)
        if (input.dateTo) q.where(db.raw(DAY), '<=', input.dateTo)
        // A date range (a year ≈ 250k rows) is listed in that index's order — day, then last change, newest first —
        // so a page is an index walk, never a sort of the whole range: the day here, listPage appends `updated_at
        // desc` (a repeated term would make SQLite sort again); its count clears this order. A search orders its
        // matches by the same pair (`key`).
        if (dated) q.select(db.raw(`${DAY} as day`))
        if (dated && !searching) q.orderByRaw(`${DAY} desc`)
        return q
      }
      type Row = Parameters<typeof toSummary>[0] & { day?: string }
      const page = await listPage<Row>({
        db,
        search: SEARCH_TABLES.osago,
        query: input.query,
        base,
        order: {
          column: 'updated_at',
          direction: 'desc',
          key: (r) => (dated ? `${r.day ?? ''} ${r.updated_at}` : r.updated_at),
        },
        limit: input.limit,
        offset: input.offset,
      })
      return { ...page, items: page.items.map(toSummary) }
    },

    'osago/quote-premium': async (input, ctx): Promise<OsagoQuote> => {
      const premiumInput = draftToPremiumInput(input.draft)
      const periodError = checkPeriodsOfUse(reference, premiumInput)
      const outcome = periodError ? { ok: false as const, error: periodError } : priceOsago(reference, premiumInput)
      if (outcome.ok) {
        // The alternatives ride on the same call: the form asks for the quote on every change, once (decision 110).
        return {
          ok: true,
          premium: outcome.premium,
          whatIf: quoteWhatIf(reference, input.draft, outcome.input, outcome.premium.premiumKopecks),
        }
      }
      const { messageKey, params, field } = outcome.error
      return {
        ok: false,
        field: premiumFieldToFormPath(field, input.draft),
        messageKey,
        params,
        message: translate(ctx.locale, messageKey, params),
      }
    },

    /**
     * Save and price in one call: the form sends what is on screen. Everything but the write is checked before
     * any SQL; the write reads the policy once (the Writer's before-state), updates the document and the hot row,
     * and the answer is built from the rows the Writer returns.
     */
    'osago/calculate-policy': async (input, ctx) => {
      const sent = input.draft === undefined ? null : readOsagoDraft(input.draft)
      const priced = sent && priceChecked(sent, ctx)
      const record = await write(db, ctx.actor, 'osago.calculated', ctx.now, async (w) => {
        const before = await editable(w, input.id, input.rowVersion)
        const draft = sent ?? readOsagoDraft(before.document.draft)
        const { application, premium } = priced ?? priceChecked(draft, ctx)
        const { contract } = application
        return saveEdit(
          w,
          before,
          { draft, calculation: premium },
          {
            status: 'calculated',
            premium_kopecks: premium.premiumKopecks,
            tariff_version: premium.tariffVersion,
            conclusion_date: contract.conclusionDate,
            start_date: contract.startDate,
            end_date: termEnd(contract.startDate),
            ...searchColumns(draft),
          },
          input.rowVersion,
        )
      })
      return toPolicy(record)
    },

    'osago/issue-policy': async (input, ctx) => {
      const user = requireUser(ctx)
      const issuable = (policy: OsagoRecord['policy']) => {
        if (!osagoLifecycle.movesFrom('osago/issue-policy', policy.status))
          throw new AppError('CONFLICT', 'osago.errors.notCalculated')
        if (policy.conclusion_date !== today(ctx)) throw new AppError('CONFLICT', 'osago.errors.recalculate')
        if (input.payment.amountKopecks !== policy.premium_kopecks) {
          throw new AppError(
            'VALIDATION',
            'osago.errors.paymentMismatch',
            {},
            { 'payment.amountKopecks': 'osago.errors.paymentMismatch' },
          )
        }
      }
      // The receipt is taken only for a policy that may be issued, before the write (the register answers slowly).
      issuable((await findOsagoRecord(db, input.id)).policy)
      const receipt = await takeReceipt({ db }, ctx, {
        direction: 'in',
        purpose: 'osago_premium',
        amountKopecks: input.payment.amountKopecks,
        method: input.payment.method,
        itemName: 'Страховая премия по договору ОСАГО',
        receiptNumber: input.payment.receiptNumber,
      })
      const paidAt = ctx.now.toISOString()
      const payment: OsagoPayment = { ...input.payment, receiptNumber: receipt.number, paidAt }
      const record = await write(db, ctx.actor, 'osago.issued', ctx.now, async (w) => {
        const { policy, document } = await findOsagoRecord(w.trx, input.id)
        issuable(policy)
        const blank = await assignBlank(w, {
          policyId: policy.id,
          ...(input.blankId ? { blankId: input.blankId } : {}),
        })
        const after = await w.update(
          'osago_policy',
          policy.id,
          {
            status: 'issued',
            blank_id: blank.id,
            policy_series: blank.series,
            policy_number: blank.number,
            payment,
            issued_at: ctx.now.toISOString(),
            issued_by: ctx.actor.userId,
            search_text: searchColumns(
              readOsagoDraft(document.draft),
              `${blank.series} ${blank.number} ${blank.series}${blank.number}`,
            ).search_text,
          },
          { before: policy, expectedVersion: input.rowVersion },
        )
        await recordPayment(w, {
          direction: 'in',
          purpose: 'osago_premium',
          recordType: 'osago_policy',
          recordId: policy.id,
          amountKopecks: payment.amountKopecks,
          method: payment.method,
          receipt,
          clerk: { id: user.id, name: user.fullName },
          paidAt,
          timeZone: BRANCH_TIME_ZONE,
        })
        return { policy: after, document }
      })
      return toPolicy(record)
    },

    'osago/reissue-on-new-blank': async (input, ctx) => {
      const record = await write(db, ctx.actor, 'osago.reissued-on-new-blank', ctx.now, async (w) => {
        const { policy, document } = await findOsagoRecord(w.trx, input.id)
        if (!osagoLifecycle.movesFrom('osago/reissue-on-new-blank', policy.status) || !policy.blank_id)
          throw new AppError('CONFLICT', 'osago.errors.notIssued')
        await spoilBlank(w, { blankId: policy.blank_id, reason: input.reason })
        // The policy moves from the old blank to the new one in one recorded update, so its audit entry shows the
        // spoiled blank as the before-state (no unique index is in the way: the new blank is another row).
        const blank = await assignBlank(w, {
          policyId: policy.id,
          ...(input.blankId ? { blankId: input.blankId } : {}),
        })
        const after = await w.update(
          'osago_policy',
          policy.id,
          {
            status: 'issued',
            blank_id: blank.id,
            policy_series: blank.series,
            policy_number: blank.number,
            printed_at: null,
            search_text: searchColumns(
              readOsagoDraft(document.draft),
              `${blank.series} ${blank.number} ${blank.series}${blank.number}`,
            ).search_text,
          },
          { before: policy, expectedVersion: input.rowVersion },
        )
        return { policy: after, document }
      })
      return toPolicy(record)
    },

    'osago/discard-draft': async (input, ctx) => {
      const record = await write(db, ctx.actor, 'osago.discarded', ctx.now, async (w) => {
        const { policy, document } = await editable(w, input.id, input.rowVersion)
        const after = await w.update('osago_policy', input.id, { status: 'discarded' }, { before: policy })
        return { policy: after, document }
      })
      return toPolicy(record)
    },

    'osago/suggest-streets': async (input) => {
      // Streets already typed in this branch for the same region and city (the bundled directory has no streets).
      const rows = (await db('osago_policy as p')
        .join('osago_document as d', 'd.id', 'p.id')
        .select('d.draft')
        .whereNot('p.status', 'discarded')
        .orderBy('p.updated_at', 'desc')
        .limit(2000)) as Array<{ draft: string }>
      const prefix = input.prefix.trim().toLowerCase()
      const found = new Set<string>()
      for (const { draft } of rows) {
        const d = readOsagoDraft(draft)
        const addresses = [
          d.insured.address,
          d.owner?.type === 'individual' ? d.owner.person.address : d.owner?.entity.address,
        ]
        for (const a of addresses) {
          if (!a || a.region !== input.region || a.city !== input.city || !a.street.trim()) continue
          if (a.street.toLowerCase().startsWith(prefix)) found.add(a.street.trim())
        }
      }
      return [...found].sort((a, b) => a.localeCompare(b, 'ru')).slice(0, 15)
    },
  }
}

/** The print subsystem's hook: the policy on its blank left the printer. */
export async function markOsagoPrinted(db: Db, id: string, ctx: HandlerContext): Promise<void> {
  await write(db, ctx.actor, 'osago.printed', ctx.now, async (w) => {
    const before = (await w.trx('osago_policy').where({ id }).first()) as OsagoRow | undefined
    if (!before) throw new AppError('NOT_FOUND', 'errors.notFound')
    if (!osagoLifecycle.movesFrom('print/print-document', before.status))
      throw new AppError('CONFLICT', 'osago.errors.notIssued')
    await w.update('osago_policy', id, { status: 'printed', printed_at: ctx.now.toISOString() }, { before })
  })
}
