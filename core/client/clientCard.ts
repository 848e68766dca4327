import { todayIn } from '../../shared/dates/calendarDate'
import { partyChanges } from '../../shared/client/versionChanges'
import { readPartyDraft } from '../../shared/party/draft'
import type {
  ClientCard,
  ClientLinkEntity,
  ClientLinkRole,
  ClientPaymentLine,
  ClientRecordLine,
} from '../../shared/client/client'
import { AppError } from '../app/appError'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'
import { fromStored } from '../db/tables'
import type { Knex } from 'knex'
import { toClientSummary, type ClientRow } from './clientRows'

type Reader = Db | Knex.Transaction

export async function findClient(db: Reader, id: string): Promise<ClientRow> {
  const row = (await db('client').where({ id }).first()) as Record<string, unknown> | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return fromStored('client', row)
}

const day = (iso: string | null | undefined): string | null =>
  iso ? (iso.length === 10 ? iso : todayIn(BRANCH_TIME_ZONE, new Date(iso))) : null
const json = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v ?? null) as T | null))

type Link = { entity: ClientLinkEntity; entity_id: string; role: ClientLinkRole }

/**
 * The records naming the client, each read by id from its own table (the link table's index gives the ids; no
 * table of records is scanned), newest first, and the payments among them: premiums taken at issue, refunds paid.
 */
async function recordsOf(
  db: Reader,
  links: readonly Link[],
): Promise<{ records: ClientRecordLine[]; payments: ClientPaymentLine[] }> {
  const ids = (entity: ClientLinkEntity) => links.filter((l) => l.entity === entity).map((l) => l.entity_id)
  const roleOf = (entity: ClientLinkEntity, id: string) =>
    links.find((l) => l.entity === entity && l.entity_id === id)!.role
  const records: ClientRecordLine[] = []
  const payments: ClientPaymentLine[] = []
  const osago = (await db('osago_policy')
    .whereIn('id', ids('osago_policy'))
    .select(
      'id',
      'status',
      'policy_series',
      'policy_number',
      'conclusion_date',
      'plate',
      'premium_kopecks',
      'payment',
    )) as Array<Record<string, string | number | null>>
  for (const r of osago) {
    const id = String(r.id)
    records.push({
      entity: 'osago_policy',
      id,
      role: roleOf('osago_policy', id),
      number: r.policy_series ? `${r.policy_series} ${r.policy_number}` : null,
      status: String(r.status),
      date: (r.conclusion_date as string | null) ?? null,
      plate: (r.plate as string | null) ?? null,
      amountKopecks: (r.premium_kopecks as number | null) ?? null,
    })
    const paid = json<{ amountKopecks: number; paidAt: string }>(r.payment)
    if (paid && roleOf('osago_policy', id) === 'insured')
      payments.push({
        entity: 'osago_policy',
        id,
        direction: 'in',
        amountKopecks: paid.amountKopecks,
        on: day(paid.paidAt)!,
      })
  }
  const casco = (await db('casco_quote')
    .whereIn('id', ids('casco_quote'))
    .select('id', 'status', 'contract_number', 'conclusion_date', 'plate', 'total_kopecks', 'first_payment')) as Array<
    Record<string, string | number | null>
  >
  for (const r of casco) {
    const id = String(r.id)
    records.push({
      entity: 'casco_quote',
      id,
      role: roleOf('casco_quote', id),
      number: (r.contract_number as string | null) ?? null,
      status: String(r.status),
      date: (r.conclusion_date as string | null) ?? null,
      plate: (r.plate as string | null) ?? null,
      amountKopecks: (r.total_kopecks as number | null) ?? null,
    })
    const paid = json<{ amountKopecks: number; paidAt: string }>(r.first_payment)
    if (paid)
      payments.push({
        entity: 'casco_quote',
        id,
        direction: 'in',
        amountKopecks: paid.amountKopecks,
        on: day(paid.paidAt)!,
      })
  }
  const inspections = (await db('inspection')
    .whereIn('id', ids('inspection'))
    .select('id', 'number', 'status', 'inspected_at', 'plate')) as Array<Record<string, string | null>>
  for (const r of inspections) {
    records.push({
      entity: 'inspection',
      id: r.id!,
      role: roleOf('inspection', r.id!),
      number: r.number ?? null,
      status: r.status!,
      date: r.inspected_at ? r.inspected_at.slice(0, 10) : null,
      plate: r.plate ?? null,
      amountKopecks: null,
    })
  }
  const terminations = (await db('termination_application')
    .whereIn('id', ids('termination_application'))
    .select('id', 'incoming_number', 'status', 'received_on', 'refund_kopecks', 'paid_on', 'paid_kopecks')) as Array<
    Record<string, string | number | null>
  >
  for (const r of terminations) {
    const id = String(r.id)
    records.push({
      entity: 'termination_application',
      id,
      role: roleOf('termination_application', id),
      number: String(r.incoming_number),
      status: String(r.status),
      date: String(r.received_on),
      plate: null,
      amountKopecks: (r.refund_kopecks as number | null) ?? null,
    })
    if (r.paid_on && typeof r.paid_kopecks === 'number' && r.paid_kopecks > 0)
      payments.push({
        entity: 'termination_application',
        id,
        direction: 'out',
        amountKopecks: r.paid_kopecks,
        on: String(r.paid_on),
      })
  }
  records.sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : 0))
  payments.sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0))
  return { records, payments }
}

/** The card as the screen shows it: the client, the history of its versions, its records and payments. */
export async function loadCard(db: Reader, id: string): Promise<ClientCard> {
  const row = await findClient(db, id)
  const [versions, links] = await Promise.all([
    // Who changed it, by name: the history is read by people.
    db('client_version as v')
      .leftJoin('staff as s', 's.id', 'v.changed_by')
      .where('v.client_id', id)
      .orderBy('v.version', 'desc')
      .select('v.version', 'v.source', 'v.changed_at', 's.full_name as changed_by', 'v.party') as Promise<
      Array<{ version: number; source: string; changed_at: string; changed_by: string | null; party: string }>
    >,
    db('client_link').where({ client_id: id }).select('entity', 'entity_id', 'role') as Promise<Link[]>,
  ])
  const { records, payments } = await recordsOf(db, links)
  return {
    ...toClientSummary(row),
    rowVersion: row.row_version,
    party: row.party,
    consent: row.consent,
    mergedInto: row.merged_into,
    versions: versions.map((v, i) => ({
      version: v.version,
      source: v.source,
      changedAt: v.changed_at,
      changedBy: v.changed_by,
      // Newest first: the version before this one is the next in the list.
      changes: partyChanges(
        versions[i + 1] ? readPartyDraft(JSON.parse(versions[i + 1]!.party)) : null,
        readPartyDraft(JSON.parse(v.party)),
      ),
    })),
    records,
    payments,
  }
}

/**
 * The consent recorded on the card of a record's insured (the card it was merged into, if merged): printed with
 * the OSAGO application. Null while none is recorded.
 */
export async function consentFor(
  db: Reader,
  entity: 'osago_policy' | 'casco_quote',
  id: string,
): Promise<{ givenOn: string; textVersion: string } | null> {
  const link = (await db('client_link').where({ entity, entity_id: id, role: 'insured' }).first('client_id')) as
    { client_id: string } | undefined
  if (!link) return null
  let row = (await db('client').where({ id: link.client_id }).first('consent', 'merged_into')) as
    { consent: string | null; merged_into: string | null } | undefined
  if (row?.merged_into && !row.consent)
    row = (await db('client').where({ id: row.merged_into }).first('consent', 'merged_into')) as typeof row
  const consent = row?.consent ? (JSON.parse(row.consent) as { givenOn: string; textVersion: string }) : null
  return consent ? { givenOn: consent.givenOn, textVersion: consent.textVersion } : null
}
