import { uuidv7 } from 'uuidv7'
import { addMonths, todayIn } from '../../shared/dates/calendarDate'
import type { ClientLinkEntity } from '../../shared/client/client'
import { getLeaf } from '../../shared/client/leaf'
import type { ErasedCard, ErasedRecordRef, ErasureAct, RetentionLine } from '../../shared/client/erasure'
import type { PersonalDataRules } from '../../shared/client/personalDataRules'
import { emptyParty, type PartyDraft } from '../../shared/party/draft'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'
import { write } from '../db/write'
import type { HandlersOf } from '../ipc/handlers'
import { referenceInForce, type ReferenceData } from '../reference/loadReferenceData'
import { findClient } from './clientCard'
import type { Knex } from 'knex'

type Reader = Db | Knex.Transaction

/** The candidates read per list: the index gives them oldest first; past this the list says there are more. */
const LIST_LIMIT = 200

/** The act's entry in the audit log (the event log the act of erasure is printed from). */
export const ERASURE_ACT_ACTION = 'client.erasure-act'
export const ERASURE_ACT_ENTITY = 'client_erasure'

/** A record of a card with the last day it is in force and how the act names it. */
interface RecordEnd extends ErasedRecordRef {
  clientId: string
  /** YYYY-MM-DD: a contract's end, an inspection's or application's day. */
  until: string | null
}

const day = (v: unknown): string | null => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : null)

/**
 * Every record linked to the cards, each with its last day: read by id from each product's table (the link
 * table's index gives the ids). A merge moves links without moving `last_activity_on`, so the erasure judges
 * the records themselves, not only the card's column.
 */
async function recordEnds(db: Reader, clientIds: readonly string[]): Promise<RecordEnd[]> {
  if (!clientIds.length) return []
  const links = (await db('client_link')
    .whereIn('client_id', clientIds)
    .select('client_id', 'entity', 'entity_id')) as Array<{
    client_id: string
    entity: ClientLinkEntity
    entity_id: string
  }>
  const of = (entity: ClientLinkEntity) => links.filter((l) => l.entity === entity)
  const clientOf = (entity: ClientLinkEntity, id: string) =>
    links.filter((l) => l.entity === entity && l.entity_id === id).map((l) => l.client_id)
  const out: RecordEnd[] = []
  const push = (entity: ClientLinkEntity, id: string, ref: Omit<RecordEnd, 'clientId' | 'entity'>) => {
    for (const clientId of new Set(clientOf(entity, id))) out.push({ clientId, entity, ...ref })
  }
  const osago = (await db('osago_policy')
    .whereIn(
      'id',
      of('osago_policy').map((l) => l.entity_id),
    )
    .select('id', 'policy_series', 'policy_number', 'conclusion_date', 'end_date', 'created_at')) as Array<
    Record<string, string | null>
  >
  for (const r of osago)
    push('osago_policy', r.id!, {
      number: r.policy_series ? `${r.policy_series} ${r.policy_number}` : null,
      date: r.conclusion_date ?? null,
      until: day(r.end_date) ?? day(r.created_at),
    })
  const casco = (await db('casco_quote')
    .whereIn(
      'id',
      of('casco_quote').map((l) => l.entity_id),
    )
    .select('id', 'contract_number', 'conclusion_date', 'end_date', 'created_at')) as Array<
    Record<string, string | null>
  >
  for (const r of casco)
    push('casco_quote', r.id!, {
      number: r.contract_number ?? null,
      date: r.conclusion_date ?? null,
      until: day(r.end_date) ?? day(r.created_at),
    })
  const inspections = (await db('inspection')
    .whereIn(
      'id',
      of('inspection').map((l) => l.entity_id),
    )
    .select('id', 'number', 'inspected_at', 'created_at')) as Array<Record<string, string | null>>
  for (const r of inspections)
    push('inspection', r.id!, {
      number: r.number ?? null,
      date: day(r.inspected_at),
      until: day(r.inspected_at) ?? day(r.created_at),
    })
  const terminations = (await db('termination_application')
    .whereIn(
      'id',
      of('termination_application').map((l) => l.entity_id),
    )
    .select('id', 'incoming_number', 'received_on', 'paid_on')) as Array<Record<string, string | number | null>>
  for (const r of terminations)
    push('termination_application', String(r.id), {
      number: r.incoming_number === null ? null : String(r.incoming_number),
      date: day(r.received_on),
      until: day(r.paid_on) ?? day(r.received_on),
    })
  return out
}

/** The day before which a record must have ended for its card to be past retention (rules in force today). */
function cutoffOn(
  reference: ReferenceData,
  today: string,
): { cutoff: string; years: number; rules: PersonalDataRules } {
  const file = referenceInForce(reference, 'personal-data-rules', today)
  const years = file.data.retention.yearsAfterLastRecord.value
  return { cutoff: addMonths(today, -12 * years), years, rules: file.data }
}

/** Whether every record of the card ended before the cutoff (a record with no day at all keeps the card). */
const pastRetention = (ends: readonly RecordEnd[], cutoff: string) =>
  ends.every((e) => e.until !== null && e.until < cutoff)

/** The party with the rules' personal fields emptied (text to '', a choice such as gender or form to null). */
export function erasePartyFields(party: PartyDraft, rules: PersonalDataRules): PartyDraft {
  const out = structuredClone(party) as unknown as Record<string, unknown>
  const empty = emptyParty(party.kind)
  for (const path of rules.erasure.fields[party.kind]) {
    const parts = path.split('.')
    let node = out
    for (const p of parts.slice(0, -1)) {
      if (typeof node[p] !== 'object' || node[p] === null) node[p] = {}
      node = node[p] as Record<string, unknown>
    }
    node[parts.at(-1)!] = getLeaf(empty, path) === null ? null : ''
  }
  return out as unknown as PartyDraft
}

/** The act of erasure as its audit entry keeps it; NOT_FOUND for any other id. */
export async function loadErasureAct(db: Reader, id: string): Promise<ErasureAct> {
  const row = (await db('audit_log')
    .where({ action: ERASURE_ACT_ACTION, entity: ERASURE_ACT_ENTITY, entity_id: id })
    .first('after')) as { after: string } | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return JSON.parse(row.after) as ErasureAct
}

/** The act's number: the day and its order among the branch's acts of that day («ПДн-20261206-1»). */
async function actNumber(db: Reader, on: string): Promise<string> {
  const prefix = `ПДн-${on.replaceAll('-', '')}-`
  const r = (await db('audit_log')
    .where({ action: ERASURE_ACT_ACTION, entity: ERASURE_ACT_ENTITY })
    .where('at', '>=', `${on}T00:00:00`)
    .count({ n: '*' })
    .first()) as { n: number }
  return `${prefix}${Number(r.n) + 1}`
}

export function erasureHandlers(
  db: Db,
  reference: ReferenceData,
): HandlersOf<'client/list-retention' | 'client/erase'> {
  return {
    'client/list-retention': async (_input, ctx) => {
      const today = todayIn(BRANCH_TIME_ZONE, ctx.now)
      const { cutoff, years } = cutoffOn(reference, today)
      const candidates = (await db('client')
        .where({ status: 'active' })
        .where('last_activity_on', '<', cutoff)
        .orderBy('last_activity_on')
        .limit(LIST_LIMIT + 1)
        .select('id', 'row_version', 'kind', 'display_name', 'last_activity_on')) as Array<{
        id: string
        row_version: number
        kind: RetentionLine['kind']
        display_name: string
        last_activity_on: string
      }>
      const shown = candidates.slice(0, LIST_LIMIT)
      const ends = await recordEnds(
        db,
        shown.map((c) => c.id),
      )
      const lines: RetentionLine[] = []
      for (const c of shown) {
        const own = ends.filter((e) => e.clientId === c.id)
        if (!pastRetention(own, cutoff)) continue
        lines.push({
          id: c.id,
          rowVersion: c.row_version,
          kind: c.kind,
          name: c.display_name,
          lastActivityOn: own.reduce((a, e) => (e.until! > a ? e.until! : a), c.last_activity_on),
          records: own.length,
        })
      }
      return { cutoff, years, lines, more: candidates.length > LIST_LIMIT }
    },

    /**
     * Depersonalises the cards in one write (docs/domain/personal-data.md#erasure): each card's personal fields and
     * those of all its versions emptied by the rules in force, its match and search columns cleared, the card
     * `erased`; links stay (the records are accounting documents). The act — the ground, the method, the
     * categories, each card's number and its records' numbers, never the person — is the write's own audit entry.
     */
    'client/erase': async (input, ctx) => {
      const today = todayIn(BRANCH_TIME_ZONE, ctx.now)
      const file = referenceInForce(reference, 'personal-data-rules', today)
      const { cutoff, years, rules } = cutoffOn(reference, today)
      const ids = [...new Set(input.cards.map((c) => c.id))]
      if (ids.length !== input.cards.length)
        throw new AppError('VALIDATION', 'errors.validation', {}, { cards: 'client.errors.erasedTwice' })
      const actId = uuidv7()
      await write(db, ctx.actor, 'client.erased', ctx.now, async (w) => {
        const ends = await recordEnds(w.trx, ids)
        const cards: ErasedCard[] = []
        for (const { id, rowVersion } of input.cards) {
          const client = await findClient(w.trx, id)
          if (client.status !== 'active') throw new AppError('CONFLICT', 'client.errors.notActive')
          if (client.row_version !== rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
          const own = ends.filter((e) => e.clientId === id)
          if (!client.last_activity_on || client.last_activity_on >= cutoff || !pastRetention(own, cutoff))
            throw new AppError('CONFLICT', 'client.errors.notPastRetention', { name: client.display_name })
          await w.update(
            'client',
            id,
            {
              status: 'erased',
              party: erasePartyFields(client.party, rules),
              display_name: rules.erasure.erasedName,
              passport: null,
              inn: null,
              phone: null,
              search_text: null,
              erased_at: w.now,
            },
            { before: client },
          )
          const versions = (await w.trx('client_version').where({ client_id: id }).orderBy('version')) as Array<
            Record<string, unknown>
          >
          for (const v of versions) {
            const party = JSON.parse(String(v.party)) as PartyDraft
            await w.update('client_version', String(v.id), { party: erasePartyFields(party, rules) })
          }
          cards.push({
            clientId: id,
            kind: client.kind,
            lastActivityOn: own.reduce((a, e) => (e.until! > a ? e.until! : a), client.last_activity_on),
            versions: versions.length,
            records: own.map(({ entity, number, date }) => ({ entity, number, date })),
          })
        }
        const act: ErasureAct = {
          id: actId,
          number: await actNumber(w.trx, today),
          at: w.now,
          erasedBy: ctx.user?.fullName ?? ctx.actor.login,
          rulesVersion: file.version,
          retentionYears: years,
          ground: rules.erasure.ground,
          method: rules.erasure.method,
          categories: rules.erasure.categories,
          cards,
        }
        await w.audit(ERASURE_ACT_ACTION, ERASURE_ACT_ENTITY, actId, null, act)
      })
      return { actId, erased: ids.length }
    },
  }
}
