import type { Channel } from '../../shared/contract'
import type { Role } from '../../shared/contract/roles'
import { addDays, diffDays, type CalendarDate } from '../../shared/dates/calendarDate'
import type {
  HomeAttention,
  HomeItem,
  HomeList,
  HomeRecordKind,
  HomeRenewal,
  HomeWork,
} from '../../shared/home/contract'
import { mayCall } from '../../shared/lifecycle/can'
import type { BranchAttentionData } from '../../shared/home/attentionRules'
import type { Db } from '../db/openDatabase'
import { adminAttention } from './adminAttention'

/**
 * The home screen's lists (issue 14). Each list is a few small statements, one per status, each an equality on a
 * `(status, time)` index walked newest first under its own LIMIT: a status's rows are few next to the table (the
 * drafts and the cases in flight), so at 1M contracts each statement reads about `limit` index entries, never a
 * table (core/db/queryPlans.test.ts). Several statuses are asked one by one and merged here rather than with
 * `status IN (…)`, which SQLite can answer only by sorting every matching row. Each part is answered only to a
 * role that may make the move it leads to — the channel's access in shared/ (`mayCall`), the rule the buttons'
 * `can` reads too.
 */

export interface HomeUser {
  id: string
  role: Role
}

/** Rejected cases stay on the clerk's home this long after the decision; older ones are in the CASCO list. */
const REJECTED_SHOWN_DAYS = 14

/** The newest `limit` of several lists (each asked for limit + 1), and the kinds that have more than shown. */
async function merged(
  parts: Array<{ kind: HomeRecordKind; rows: Promise<HomeItem[]> }>,
  limit: number,
  order: 'newest' | 'oldest' = 'newest',
): Promise<HomeList<HomeItem>> {
  const all = (await Promise.all(parts.map((p) => p.rows))).flat()
  all.sort((a, b) => (a.at === b.at ? 0 : a.at < b.at === (order === 'newest') ? 1 : -1))
  const items = all.slice(0, limit)
  const shown = new Set(items)
  const more = [...new Set(all.filter((i) => !shown.has(i)).map((i) => i.kind))]
  return { items, more }
}

const joinText = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' · ') || null

function osagoItems(db: Db, status: string, by: string, limit: number): Promise<HomeItem[]> {
  return db('osago_policy')
    .where({ status, created_by: by })
    .orderBy('updated_at', 'desc')
    .limit(limit + 1)
    .select('id', 'status', 'insured_name', 'plate', 'vin', 'updated_at')
    .then((rows: Array<Record<string, string | null>>) =>
      rows.map((r) => ({
        kind: 'osago' as const,
        id: r.id!,
        status: r.status!,
        title: r.insured_name ?? null,
        detail: joinText(r.plate, r.plate ? null : r.vin),
        at: r.updated_at!,
      })),
    )
}

function cascoItems(
  db: Db,
  status: string,
  who: { column: 'created_by' | 'submitted_by'; id: string } | null,
  limit: number,
  order: { column: 'updated_at' | 'submitted_at'; direction: 'asc' | 'desc'; since?: string },
): Promise<HomeItem[]> {
  const q = db('casco_quote').where({ status })
  if (who) q.where(who.column, who.id)
  if (order.since) q.where(order.column, '>=', order.since)
  return q
    .orderBy(order.column, order.direction)
    .limit(limit + 1)
    .select('id', 'status', 'insured_name', 'vehicle_name', 'plate', 'updated_at', 'submitted_at')
    .then((rows: Array<Record<string, string | null>>) =>
      rows.map((r) => ({
        kind: 'casco' as const,
        id: r.id!,
        status: r.status!,
        title: r.insured_name ?? null,
        detail: joinText(r.vehicle_name, r.plate),
        at: (order.column === 'submitted_at' ? r.submitted_at : r.updated_at) ?? r.updated_at!,
      })),
    )
}

function terminationItems(db: Db, by: string, limit: number): Promise<HomeItem[]> {
  return db('termination_application')
    .where({ status: 'received', received_by: by })
    .orderBy('received_at', 'desc')
    .limit(limit + 1)
    .select('id', 'status', 'policyholder_name', 'incoming_number', 'contract_number', 'received_at')
    .then((rows: Array<Record<string, string | null>>) =>
      rows.map((r) => ({
        kind: 'termination' as const,
        id: r.id!,
        status: r.status!,
        title: r.policyholder_name ?? null,
        detail: joinText(r.incoming_number, r.contract_number),
        at: r.received_at!,
      })),
    )
}

function inspectionItems(db: Db, status: string, by: string, limit: number): Promise<HomeItem[]> {
  return (
    db('inspection')
      .where({ status })
      // `+`: by the status index (a status's few rows), never by the inspector's, which walks every report they ever
      // submitted looking for a draft (1.0–1.3 s for 64k reports at 1M contracts).
      .whereRaw('+inspector_id = ?', [by])
      .orderBy('updated_at', 'desc')
      .limit(limit + 1)
      .select('id', 'status', 'number', 'client_name', 'vehicle', 'plate', 'updated_at')
      .then((rows: Array<Record<string, string | null>>) =>
        rows.map((r) => ({
          kind: 'inspection' as const,
          id: r.id!,
          status: r.status!,
          title: r.client_name ?? null,
          detail: joinText(r.number, r.vehicle, r.plate),
          at: r.updated_at!,
        })),
      )
  )
}

/**
 * OSAGO policies in force, not yet renewed, whose last day is within `days`: a range on osago_end_idx (migration
 * 20261205000020) walked in end-date order. `+status`: the status index would give every issued policy of the branch to sort.
 */
async function renewals(db: Db, today: CalendarDate, days: number, limit: number): Promise<HomeWork['renewals']> {
  const rows = (await db('osago_policy')
    .whereRaw("+status IN ('issued', 'printed')")
    .whereNull('terminated_on')
    .where('end_date', '>=', today)
    .where('end_date', '<=', addDays(today, days))
    // Renewed already (core/renewal): the renewal's link index answers it per row.
    .whereNotExists((q) =>
      q
        .from('osago_policy as r')
        .whereRaw('r.renews_policy_id = osago_policy.id')
        .whereIn('r.status', ['issued', 'printed'])
        .limit(1)
        .select(db.raw('1')),
    )
    .orderBy('end_date')
    .limit(limit + 1)
    .select('id', 'policy_series', 'policy_number', 'insured_name', 'plate', 'end_date')) as Array<{
    id: string
    policy_series: string | null
    policy_number: string | null
    insured_name: string | null
    plate: string | null
    end_date: CalendarDate
  }>
  const items: HomeRenewal[] = rows.slice(0, limit).map((r) => ({
    id: r.id,
    policyNumber: r.policy_number ? [r.policy_series, r.policy_number].filter(Boolean).join(' ') : null,
    insuredName: r.insured_name,
    plate: r.plate,
    endDate: r.end_date,
    daysLeft: diffDays(today, r.end_date),
  }))
  return { days, items, more: rows.length > limit }
}

/** The admin's part needs the levels in force (reference data `branch-attention`) and the moment of the call. */
export interface AttentionInputs {
  levels: () => BranchAttentionData
  now: Date
  /** Renewals are shown this many days ahead: the OSAGO renewal window (reference data `renewal-rules`). */
  renewalDays: () => number
  /** Personal data lines for the admin (core/client: cards past retention, the disk not encrypted). */
  personalData?: () => Promise<HomeAttention[]>
}

export async function homeWork(
  db: Db,
  user: HomeUser,
  today: CalendarDate,
  limit: number,
  attention: AttentionInputs,
): Promise<HomeWork> {
  const may = (channel: Channel) => mayCall(user.role, channel)
  const me = user.id

  const draftParts: Array<{ kind: HomeRecordKind; rows: Promise<HomeItem[]> }> = []
  if (may('osago/save-draft'))
    for (const s of ['draft', 'calculated']) draftParts.push({ kind: 'osago', rows: osagoItems(db, s, me, limit) })
  if (may('casco/save-draft'))
    for (const s of ['draft', 'quoted'])
      draftParts.push({
        kind: 'casco',
        rows: cascoItems(db, s, { column: 'created_by', id: me }, limit, { column: 'updated_at', direction: 'desc' }),
      })
  // A termination application has no draft: registered and not yet completed with its documents is unfinished.
  if (may('termination/complete-application'))
    draftParts.push({ kind: 'termination', rows: terminationItems(db, me, limit) })
  if (may('inspection/save-report'))
    draftParts.push({ kind: 'inspection', rows: inspectionItems(db, 'draft', me, limit) })

  const caseParts: Array<{ kind: HomeRecordKind; rows: Promise<HomeItem[]> }> = []
  if (may('casco/submit-for-approval')) {
    const since = `${addDays(today, -REJECTED_SHOWN_DAYS)}T00:00:00.000Z`
    for (const s of ['returned', 'approved', 'approved-with-conditions', 'rejected'])
      caseParts.push({
        kind: 'casco',
        rows: cascoItems(db, s, { column: 'submitted_by', id: me }, limit, {
          column: 'updated_at',
          direction: 'desc',
          ...(s === 'rejected' ? { since } : {}),
        }),
      })
  }
  if (may('inspection/save-report'))
    caseParts.push({ kind: 'inspection', rows: inspectionItems(db, 'returned', me, limit) })

  return {
    today,
    drafts: draftParts.length ? await merged(draftParts, limit) : null,
    cases: caseParts.length ? await merged(caseParts, limit) : null,
    waiting: may('approval/decide')
      ? await merged(
          [
            {
              kind: 'casco',
              rows: cascoItems(db, 'submitted', null, limit, { column: 'submitted_at', direction: 'asc' }),
            },
          ],
          limit,
          'oldest',
        )
      : null,
    renewals: may('osago/create-draft') ? await renewals(db, today, attention.renewalDays(), limit) : null,
    attention: await adminAttention(db, may, attention.levels, attention.now, limit, attention.personalData),
  }
}
