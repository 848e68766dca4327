import { readCascoDraft } from '../../shared/casco/draft'
import { todayIn, type CalendarDate } from '../../shared/dates/calendarDate'
import { formatDateRu } from '../../shared/dates/typedDate'
import { isCascoContract } from '../../shared/casco/lifecycle'
import { isOsagoContract } from '../../shared/osago/lifecycle'
import { readOsagoDraft } from '../../shared/osago/draft'
import { cascoRenewalDraft, osagoRenewalDraft } from '../../shared/renewal/carryOver'
import type { RenewalLinkRef, RenewalProduct } from '../../shared/renewal/contract'
import { renewalWindow, type RenewalRulesData } from '../../shared/renewal/rules'
import { AppError } from '../app/appError'
import { NEW_QUOTE_COLUMNS, cascoRecord, cascoSearchColumns, findCascoCase, vehicleName } from '../casco/api'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlerContext, HandlersOf } from '../ipc/handlers'
import { findOsagoRecord, osagoSearchColumns, toPolicy } from '../osago/api'
import { referenceInForce, type ReferenceData } from '../reference/loadReferenceData'
import { listExpiring } from './expiringList'

type RenewalChannels = 'renewal/list-expiring' | 'osago/renew-policy' | 'casco/renew-contract' | 'renewal/get-links'

/** The contract a renewal may start from: in force, not terminated, and today within its window. */
interface Expiring {
  status: string
  start_date: string | null
  end_date: string | null
  terminated_on: string | null
}

/**
 * Refuses a renewal that may not start today (docs/domain/renewal.md#r1): a contract not in force (a draft, a
 * discarded or terminated one), before the window opens, or after the last day — then it is a new contract.
 */
function assertRenewable(
  c: Expiring,
  inForce: (status: string) => boolean,
  today: CalendarDate,
  windowDays: number,
): { start: CalendarDate; end: CalendarDate } {
  if (!inForce(c.status) || c.terminated_on || !c.start_date || !c.end_date)
    throw new AppError('CONFLICT', 'renewal.errors.notInForce')
  const w = renewalWindow(today, c.end_date, windowDays)
  if (!w.ok && w.reason === 'tooEarly')
    throw new AppError('CONFLICT', 'renewal.errors.tooEarly', { days: windowDays, date: formatDateRu(w.opensOn) })
  if (!w.ok) throw new AppError('CONFLICT', 'renewal.errors.ended', { date: formatDateRu(c.end_date) })
  return { start: c.start_date, end: c.end_date }
}

export function renewalHandlers(db: Db, reference: ReferenceData, timeZone: string): HandlersOf<RenewalChannels> {
  const today = (ctx: HandlerContext) => todayIn(timeZone, ctx.now)
  const rules = (date: CalendarDate): RenewalRulesData => referenceInForce(reference, 'renewal-rules', date).data

  /** The renewal already started for a contract (any status but discarded), or undefined. */
  const osagoRenewalOf = (q: Db, id: string) =>
    q('osago_policy').where({ renews_policy_id: id }).whereNot('status', 'discarded').first('id') as Promise<
      { id: string } | undefined
    >
  const cascoRenewalOf = (q: Db, id: string) =>
    q('casco_quote').where({ renews_contract_id: id }).whereNot('status', 'discarded').first('id') as Promise<
      { id: string } | undefined
    >

  async function osagoRef(id: string): Promise<RenewalLinkRef | null> {
    const r = (await db('osago_policy')
      .where({ id })
      .first('id', 'status', 'policy_series', 'policy_number', 'end_date')) as
      | { id: string; status: string; policy_series: string | null; policy_number: string | null; end_date: string }
      | undefined
    if (!r) return null
    const number = r.policy_series && r.policy_number ? `${r.policy_series} ${r.policy_number}` : null
    return { product: 'osago', id: r.id, number, status: r.status, endDate: r.end_date }
  }

  async function cascoRef(id: string): Promise<RenewalLinkRef | null> {
    const r = (await db('casco_quote').where({ id }).first('id', 'status', 'contract_number', 'end_date')) as
      { id: string; status: string; contract_number: string | null; end_date: string } | undefined
    return r ? { product: 'casco', id: r.id, number: r.contract_number, status: r.status, endDate: r.end_date } : null
  }

  return {
    'renewal/list-expiring': async (input, ctx) => {
      const date = today(ctx)
      const r = rules(date)
      return listExpiring(
        db,
        reference,
        date,
        { osago: r.osago.windowDays.value, casco: r.casco.windowDays.value },
        { limit: input?.limit ?? 50, offset: input?.offset ?? 0 },
      )
    },

    'osago/renew-policy': async (input, ctx) => {
      // One renewal per policy: a second attempt opens the one already started (docs/domain/renewal.md#r2).
      const started = await osagoRenewalOf(db, input.id)
      if (started) return toPolicy(await findOsagoRecord(db, started.id))
      const date = today(ctx)
      const record = await write(db, ctx.actor, 'osago.renewal-created', ctx.now, async (w) => {
        const old = await findOsagoRecord(w.trx, input.id)
        const term = assertRenewable(old.policy, isOsagoContract, date, rules(date).osago.windowDays.value)
        const draft = osagoRenewalDraft(readOsagoDraft(old.document.draft), date, term)
        const policy = await w.insert('osago_policy', {
          status: 'draft',
          created_by: ctx.actor.userId,
          renews_policy_id: old.policy.id,
          ...osagoSearchColumns(draft),
        })
        const document = await w.insert('osago_document', { id: policy.id, draft, calculation: null })
        return { policy, document }
      })
      return toPolicy(record)
    },

    'casco/renew-contract': async (input, ctx) => {
      const started = await cascoRenewalOf(db, input.id)
      if (started) return cascoRecord(db, await findCascoCase(db, started.id))
      const date = today(ctx)
      const created = await write(db, ctx.actor, 'casco.renewal-created', ctx.now, async (w) => {
        const old = await findCascoCase(w.trx, input.id)
        const term = assertRenewable(old.quote, isCascoContract, date, rules(date).casco.windowDays.value)
        const draft = cascoRenewalDraft(readCascoDraft(old.document.draft), date, term)
        const quote = await w.insert('casco_quote', {
          ...NEW_QUOTE_COLUMNS,
          created_by: ctx.actor.userId,
          renews_contract_id: old.quote.id,
          ...cascoSearchColumns(draft, vehicleName(reference, draft)),
        })
        const document = await w.insert('casco_document', {
          id: quote.id,
          draft,
          quote_input: null,
          quote_result: null,
        })
        return { quote, document }
      })
      return cascoRecord(db, created)
    },

    'renewal/get-links': async (input) => {
      const product: RenewalProduct = input.product
      if (product === 'osago') {
        const row = (await db('osago_policy').where({ id: input.id }).first('renews_policy_id')) as
          { renews_policy_id: string | null } | undefined
        if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
        const next = await osagoRenewalOf(db, input.id)
        return {
          renews: row.renews_policy_id ? await osagoRef(row.renews_policy_id) : null,
          renewedBy: next ? await osagoRef(next.id) : null,
        }
      }
      const row = (await db('casco_quote').where({ id: input.id }).first('renews_contract_id')) as
        { renews_contract_id: string | null } | undefined
      if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
      const next = await cascoRenewalOf(db, input.id)
      return {
        renews: row.renews_contract_id ? await cascoRef(row.renews_contract_id) : null,
        renewedBy: next ? await cascoRef(next.id) : null,
      }
    },
  }
}
