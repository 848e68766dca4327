import type { Knex } from 'knex'
import { addDays, diffDays, type CalendarDate } from '../../shared/dates/calendarDate'
import { versionInForce } from '../../shared/reference/envelope'
import type { ExpiringContract, ExpiringPage, RenewalProduct } from '../../shared/renewal/contract'
import type { Db } from '../db/openDatabase'
import type { ReferenceData } from '../reference/loadReferenceData'

/**
 * The worklist «Истекают в ближайшие 60 дней» (docs/domain/renewal.md#r5): the branch's OSAGO and CASCO contracts in
 * force (issued or printed, not terminated) whose last day is within each product's window, not yet renewed by an
 * issued contract, soonest first. One statement per page: each product's part walks its end-date index
 * (osago_end_idx, casco_end_idx) in order and SQLite merges the two ordered parts (`MERGE (UNION ALL)`), so a page
 * reads about `offset + limit` index entries and never sorts; `+status` keeps the planner off the status index
 * (every issued contract of the branch, to be sorted). Whether a contract is renewed, and by which draft, is a
 * lookup on the renewal's link index (migration 20261205000022). The phone and the vehicle come from the contract's
 * document (one row by primary key per row shown).
 */

/** The total is counted only this far: the window is bounded, but a count must not walk an unbounded range. */
const COUNT_CAP = 1000

const CONTRACT = "('issued', 'printed')"

interface Window {
  from: CalendarDate
  osagoTo: CalendarDate
  cascoTo: CalendarDate
}

function osagoPart(select: string): string {
  return `select ${select} from osago_policy p join osago_document d on d.id = p.id
    where p.end_date >= ? and p.end_date <= ? and +p.status in ${CONTRACT} and p.terminated_on is null
    and not exists (select 1 from osago_policy r where r.renews_policy_id = p.id and r.status in ${CONTRACT} limit 1)`
}

function cascoPart(select: string): string {
  return `select ${select} from casco_quote q join casco_document d on d.id = q.id
    where q.end_date >= ? and q.end_date <= ? and +q.status in ${CONTRACT} and q.terminated_on is null
    and not exists (select 1 from casco_quote r where r.renews_contract_id = q.id and r.status in ${CONTRACT} limit 1)`
}

const PHONE = (doc: string) =>
  `coalesce(nullif(json_extract(${doc}, '$.insured.phone'), ''), nullif(json_extract(${doc}, '$.owner.person.phone'), ''), nullif(json_extract(${doc}, '$.owner.entity.phone'), ''))`

const OSAGO_COLUMNS = `'osago' as product, p.id as id, p.policy_series || ' ' || p.policy_number as number,
  p.insured_name as client, ${PHONE('d.draft')} as phone, null as vehicle,
  json_extract(d.draft, '$.vehicle.modelId') as model_id, json_extract(d.draft, '$.vehicle.otherName') as other_name,
  p.plate as plate, p.vin as vin, p.end_date as end_date,
  (select r.id from osago_policy r where r.renews_policy_id = p.id and r.status != 'discarded' limit 1) as renewal_id`

const CASCO_COLUMNS = `'casco' as product, q.id as id, q.contract_number as number,
  q.insured_name as client, ${PHONE('d.draft')} as phone, q.vehicle_name as vehicle,
  null as model_id, null as other_name, q.plate as plate, q.vin as vin, q.end_date as end_date,
  (select r.id from casco_quote r where r.renews_contract_id = q.id and r.status != 'discarded' limit 1) as renewal_id`

interface Row {
  product: RenewalProduct
  id: string
  number: string | null
  client: string | null
  phone: string | null
  vehicle: string | null
  model_id: string | null
  other_name: string | null
  plate: string | null
  vin: string | null
  end_date: CalendarDate
  renewal_id: string | null
}

/** «Kia Rio» from the catalogue in force, or the name as typed for a model it does not list. */
function osagoVehicle(reference: ReferenceData, today: CalendarDate, r: Row): string | null {
  if (!r.model_id) return r.other_name?.trim() || null
  const catalog = versionInForce(reference.versions['vehicle-catalog'], today)
  const model = catalog?.data.models.find((m) => m.id === r.model_id)
  const make = catalog?.data.makes.find((m) => m.id === model?.makeId)
  return model ? `${make?.name ?? model.makeId} ${model.model}` : r.model_id
}

export async function listExpiring(
  db: Db | Knex.Transaction,
  reference: ReferenceData,
  today: CalendarDate,
  days: { osago: number; casco: number },
  page: { limit: number; offset: number },
): Promise<ExpiringPage> {
  const w: Window = { from: today, osagoTo: addDays(today, days.osago), cascoTo: addDays(today, days.casco) }
  const rows = (await db.raw(
    `${osagoPart(OSAGO_COLUMNS)} union all ${cascoPart(CASCO_COLUMNS)} order by end_date limit ? offset ?`,
    [w.from, w.osagoTo, w.from, w.cascoTo, page.limit, page.offset],
  )) as Row[]
  const counted = (await db.raw(
    `select (select count(*) from (${osagoPart('1')} limit ?)) + (select count(*) from (${cascoPart('1')} limit ?)) as n`,
    [w.from, w.osagoTo, COUNT_CAP + 1, w.from, w.cascoTo, COUNT_CAP + 1],
  )) as Array<{ n: number }>
  const n = counted[0]?.n ?? 0
  const items: ExpiringContract[] = rows.map((r) => ({
    product: r.product,
    id: r.id,
    number: r.number,
    client: r.client,
    phone: r.phone,
    vehicle: r.product === 'osago' ? osagoVehicle(reference, today, r) : r.vehicle,
    // A vehicle not yet registered is named by its VIN.
    plate: r.plate ?? r.vin,
    endDate: r.end_date,
    daysLeft: diffDays(today, r.end_date),
    renewalId: r.renewal_id,
  }))
  return {
    items,
    total: Math.min(n, COUNT_CAP),
    ...(n > COUNT_CAP ? { totalAtLeast: true as const } : {}),
    today,
    days: days.osago,
  }
}
