import { todayIn } from '../../shared/dates/calendarDate'
import { translate } from '../../shared/i18n/messages'
import { termEnd, validateOsagoApplication } from '../../shared/osago/application'
import type { OsagoQuote } from '../../shared/osago/contract'
import {
  draftToApplicationInput,
  draftToPremiumInput,
  emptyDraft,
  readOsagoDraft,
  type OsagoDraft,
} from '../../shared/osago/draft'
import { premiumFieldToFormPath } from '../../shared/osago/formPaths'
import type { OsagoPayment } from '../../shared/osago/policy'
import { versionInForce } from '../../shared/reference/envelope'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import { assignBlank, spoilBlank } from '../blanks/blankUse'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlerContext, HandlersOf } from '../ipc/handlers'
import type { ReferenceData } from '../reference/loadReferenceData'
import { readHqSettings } from '../sync/syncState'
import { buildFormReference } from './formReference'
import { checkPeriodsOfUse, priceOsago } from './osagoPricing'
import { findOsagoRow, searchColumns, searchText, toPolicy, toSummary, type OsagoRow } from './osagoRows'
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

const EDITABLE = new Set(['draft', 'calculated'])

export function osagoHandlers(db: Db, reference: ReferenceData): HandlersOf<OsagoChannels> {
  const today = (ctx: HandlerContext) => todayIn(BRANCH_TIME_ZONE, ctx.now)

  async function editable(id: string): Promise<OsagoRow> {
    const row = await findOsagoRow(db, id)
    if (!EDITABLE.has(row.status)) throw new AppError('CONFLICT', 'osago.errors.readOnly')
    return row
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

  return {
    'osago/get-form-reference': async (input, ctx) => buildFormReference(reference, input?.date ?? today(ctx)),

    'osago/create-draft': async (_input, ctx) => {
      const draft = emptyDraft(today(ctx))
      const row = await write(db, ctx.actor, 'osago.draft-created', ctx.now, (w) =>
        w.insert('osago_policy', {
          status: 'draft',
          draft: JSON.stringify(draft),
          created_by: ctx.actor.userId,
          ...searchColumns(draft),
        }),
      )
      return toPolicy(await findOsagoRow(db, row.id))
    },

    'osago/save-draft': async (input, ctx) => {
      await editable(input.id)
      // Any edit invalidates a calculation: the premium must be recalculated from what is now on the form.
      await write(db, ctx.actor, 'osago.draft-saved', ctx.now, (w) =>
        w.update(
          'osago_policy',
          input.id,
          {
            status: 'draft',
            draft: JSON.stringify(input.draft),
            application: null,
            calculation: null,
            premium_kopecks: null,
            tariff_version: null,
            ...searchColumns(input.draft),
          },
          input.rowVersion,
        ),
      )
      return toPolicy(await findOsagoRow(db, input.id))
    },

    'osago/get-policy': async (input) => toPolicy(await findOsagoRow(db, input.id)),

    'osago/get-registration': async (input) => {
      const row = await findOsagoRow(db, input.id)
      return registrationView(row.status, await readHqSettings(db), await findRegistration(db, row.id))
    },

    'osago/list-policies': async (input) => {
      const q = db('osago_policy')
      if (input.status) q.where('status', input.status)
      else q.whereNot('status', 'discarded')
      if (input.query)
        q.where('search_text', 'like', `%${searchText([input.query]).replace(/[%_\\]/g, (c) => `\\${c}`)}%`)
      const day = db.raw('coalesce(conclusion_date, substr(created_at, 1, 10))')
      if (input.dateFrom) q.where(day, '>=', input.dateFrom)
      if (input.dateTo) q.where(day, '<=', input.dateTo)
      const total = Number(((await q.clone().count({ n: '*' }).first()) as { n: number }).n)
      const rows = (await q.orderBy('updated_at', 'desc').limit(input.limit).offset(input.offset)) as OsagoRow[]
      return { items: rows.map(toSummary), total }
    },

    'osago/quote-premium': async (input, ctx): Promise<OsagoQuote> => {
      const premiumInput = draftToPremiumInput(input.draft)
      const periodError = checkPeriodsOfUse(reference, premiumInput)
      const outcome = periodError ? { ok: false as const, error: periodError } : priceOsago(reference, premiumInput)
      if (outcome.ok) return { ok: true, premium: outcome.premium }
      const { messageKey, params, field } = outcome.error
      return {
        ok: false,
        field: premiumFieldToFormPath(field, input.draft),
        messageKey,
        params,
        message: translate(ctx.locale, messageKey, params),
      }
    },

    'osago/calculate-policy': async (input, ctx) => {
      const row = await editable(input.id)
      const draft = readOsagoDraft(row.draft)
      const checked = validateOsagoApplication(draftToApplicationInput(draft))
      const fieldErrors = { ...(checked.ok ? {} : checked.fieldErrors), ...businessChecks(draft, ctx) }
      if (!checked.ok || Object.keys(fieldErrors).length > 0)
        throw new AppError('VALIDATION', 'errors.validation', {}, fieldErrors)
      const outcome = priceOsago(reference, draftToPremiumInput(draft))
      if (!outcome.ok) {
        const { messageKey, params, field, kind } = outcome.error
        if (kind === 'tariff') throw new AppError('REFERENCE_DATA', messageKey, params)
        throw new AppError('VALIDATION', messageKey, params, {
          [premiumFieldToFormPath(field, draft) ?? '(input)']: messageKey,
        })
      }
      const application = checked.application
      await write(db, ctx.actor, 'osago.calculated', ctx.now, (w) =>
        w.update(
          'osago_policy',
          input.id,
          {
            status: 'calculated',
            application: JSON.stringify(application),
            calculation: JSON.stringify(outcome.premium),
            premium_kopecks: outcome.premium.premiumKopecks,
            tariff_version: outcome.premium.tariffVersion,
            conclusion_date: application.contract.conclusionDate,
            start_date: application.contract.startDate,
            end_date: termEnd(application.contract.startDate),
          },
          input.rowVersion,
        ),
      )
      return toPolicy(await findOsagoRow(db, input.id))
    },

    'osago/issue-policy': async (input, ctx) => {
      const row = await findOsagoRow(db, input.id)
      if (row.status !== 'calculated') throw new AppError('CONFLICT', 'osago.errors.notCalculated')
      if (row.conclusion_date !== today(ctx)) throw new AppError('CONFLICT', 'osago.errors.recalculate')
      if (input.payment.amountKopecks !== row.premium_kopecks) {
        throw new AppError(
          'VALIDATION',
          'osago.errors.paymentMismatch',
          {},
          { 'payment.amountKopecks': 'osago.errors.paymentMismatch' },
        )
      }
      const payment: OsagoPayment = { ...input.payment, paidAt: ctx.now.toISOString() }
      await write(db, ctx.actor, 'osago.issued', ctx.now, async (w) => {
        const blank = await assignBlank(w, { policyId: row.id, ...(input.blankId ? { blankId: input.blankId } : {}) })
        const draft = JSON.parse(row.draft) as OsagoDraft
        await w.update(
          'osago_policy',
          row.id,
          {
            status: 'issued',
            blank_id: blank.id,
            policy_series: blank.series,
            policy_number: blank.number,
            payment: JSON.stringify(payment),
            issued_at: ctx.now.toISOString(),
            issued_by: ctx.actor.userId,
            search_text: searchColumns(draft, `${blank.series} ${blank.number} ${blank.series}${blank.number}`)
              .search_text,
          },
          input.rowVersion,
        )
      })
      return toPolicy(await findOsagoRow(db, input.id))
    },

    'osago/reissue-on-new-blank': async (input, ctx) => {
      const row = await findOsagoRow(db, input.id)
      if ((row.status !== 'issued' && row.status !== 'printed') || !row.blank_id)
        throw new AppError('CONFLICT', 'osago.errors.notIssued')
      await write(db, ctx.actor, 'osago.reissued-on-new-blank', ctx.now, async (w) => {
        await spoilBlank(w, { blankId: row.blank_id!, reason: input.reason })
        // The policy moves from the old blank to the new one in one recorded update, so its audit entry shows the
        // spoiled blank as the before-state (no unique index is in the way: the new blank is another row).
        const blank = await assignBlank(w, { policyId: row.id, ...(input.blankId ? { blankId: input.blankId } : {}) })
        const draft = JSON.parse(row.draft) as OsagoDraft
        await w.update(
          'osago_policy',
          row.id,
          {
            status: 'issued',
            blank_id: blank.id,
            policy_series: blank.series,
            policy_number: blank.number,
            printed_at: null,
            search_text: searchColumns(draft, `${blank.series} ${blank.number} ${blank.series}${blank.number}`)
              .search_text,
          },
          input.rowVersion,
        )
      })
      return toPolicy(await findOsagoRow(db, input.id))
    },

    'osago/discard-draft': async (input, ctx) => {
      await editable(input.id)
      await write(db, ctx.actor, 'osago.discarded', ctx.now, (w) =>
        w.update('osago_policy', input.id, { status: 'discarded' }, input.rowVersion),
      )
      return toPolicy(await findOsagoRow(db, input.id))
    },

    'osago/suggest-streets': async (input) => {
      // Streets already typed in this branch for the same region and city (the bundled directory has no streets).
      const rows = (await db('osago_policy')
        .select('draft')
        .whereNot('status', 'discarded')
        .orderBy('updated_at', 'desc')
        .limit(2000)) as Array<{ draft: string }>
      const prefix = input.prefix.trim().toLowerCase()
      const found = new Set<string>()
      for (const { draft } of rows) {
        const d = JSON.parse(draft) as OsagoDraft
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
  const row = await findOsagoRow(db, id)
  if (row.status !== 'issued' && row.status !== 'printed') throw new AppError('CONFLICT', 'osago.errors.notIssued')
  await write(db, ctx.actor, 'osago.printed', ctx.now, (w) =>
    w.update('osago_policy', id, { status: 'printed', printed_at: ctx.now.toISOString() }),
  )
}
