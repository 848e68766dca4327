import { contract, type Channel } from '../../shared/contract'
import type { Role } from '../../shared/contract/roles'
import { addDays, diffDays, todayIn, type CalendarDate } from '../../shared/dates/calendarDate'
import { RADAR_KINDS, type Radar, type RadarItem, type RadarKind } from '../../shared/radar/contract'
import { byUrgency, URGENCIES, urgencyOf, type RadarDateRole, type Urgency } from '../../shared/radar/urgency'
import { inGroup } from '../../shared/staff/roleGroups'
import { waitingCases } from '../approval/api'
import { availableBlanksBySeries } from '../blanks/api'
import type { Db } from '../db/openDatabase'
import { diagnosticCardsEnding } from '../osago/api'
import { dueInstalments } from '../payments/api'
import { referenceInForce, type ReferenceData } from '../reference/loadReferenceData'
import { workingDayCalendarOf } from '../reference/workingDays'
import { listExpiring } from '../renewal/api'
import { listDeadlines } from '../termination/api'

/**
 * The radar of the branch's dates (issue 17 point 3; docs/decisions.md row 111). Nothing here computes a deadline:
 * each kind is the list its own feature already shows, by the rule its documents use — the refund payout date and
 * its late penalty or interest and the cooling-off window (core/termination listDeadlines, docs/refund-rules.md),
 * the instalments' last day to pay and what follows it (core/payments dueInstalments, casco-instalment-terms), the
 * renewal worklist (core/renewal listExpiring, renewal-rules), the diagnostic card as the policy prints it
 * (core/osago), the blanks on hand against the branch's level (branch-attention), the approval queue. Here they are
 * only put on one calendar, given an urgency (shared/radar/urgency.ts) and the route of their record.
 */

/** A kind is shown to a role that may open the list it comes from: that channel's access, read from the contract. */
const LIST_CHANNEL: Record<RadarKind, Channel> = {
  payout: 'termination/list-deadlines',
  coolingOff: 'termination/list-deadlines',
  instalment: 'payments/list-instalments',
  approval: 'approval/list-queue',
  blanksLow: 'blanks/get-stock',
  diagnosticCard: 'osago/list-policies',
  renewal: 'renewal/list-expiring',
}

export function maySee(role: Role, kind: RadarKind): boolean {
  const access = contract[LIST_CHANNEL[kind]].access
  return access === 'signed-in' || (access !== 'public' && inGroup(role, access))
}

/** The approval queue is a branch's handful of cases; the radar shows this many of the longest waiting. */
const APPROVALS_SHOWN = 200
/** The renewal worklist's page size (its count is capped at 1000 too, core/renewal/expiringList.ts). */
const RENEWALS_SHOWN = 1000

interface Span {
  today: CalendarDate
  until: CalendarDate
  weekDays: number
}

type Draft = Omit<RadarItem, 'daysLeft' | 'urgency'>

function dated(span: Span, role: RadarDateRole, d: Omit<Draft, 'dateRole'>): RadarItem {
  return {
    ...d,
    dateRole: role,
    daysLeft: diffDays(span.today, d.date),
    urgency: urgencyOf(role, d.date, span.today, span.weekDays),
  }
}

const joined = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' · ') || null

async function terminationItems(db: Db, reference: ReferenceData, span: Span, kinds: Set<RadarKind>) {
  const horizon = diffDays(span.today, span.until)
  const list = await listDeadlines(db, reference, span.today, horizon)
  const out: RadarItem[] = []
  if (kinds.has('payout'))
    for (const d of [...list.overdue, ...list.dueSoon]) {
      const late = d.daysLeft < 0
      out.push(
        dated(span, 'due', {
          key: `payout:${d.applicationId}`,
          kind: 'payout',
          date: d.dueDate,
          title: d.incomingNumber,
          subtitle: joined(d.policyholderName, d.contractNumber),
          params: { refundKopecks: d.refundKopecks ?? 0, refundKnown: d.refundKopecks === null ? 0 : 1 },
          // Past the date: what the delay has cost so far by the rules in force (seed 004's penalty or GK RF
          // art. 395 interest), exactly as the deadlines card and the payout will count it.
          consequence: !late
            ? null
            : d.penaltyKopecks === null
              ? { key: 'payoutLateUncounted', params: { days: -d.daysLeft } }
              : {
                  key: d.latePayoutConsequence === 'statutory-interest' ? 'payoutLateInterest' : 'payoutLatePenalty',
                  params: { amountKopecks: d.penaltyKopecks, days: -d.daysLeft },
                },
          route: { name: 'termination-application', params: { id: d.applicationId } },
        }),
      )
    }
  if (kinds.has('coolingOff'))
    for (const c of list.coolingOffClosing)
      out.push(
        dated(span, 'due', {
          key: `coolingOff:${c.source}:${c.contractId}`,
          kind: 'coolingOff',
          date: c.windowEnd,
          title: c.contractNumber,
          subtitle: c.policyholderName,
          params: { conclusionDate: c.conclusionDate },
          consequence: null,
          // The move the date is about: a cooling-off application for this contract (as the deadlines card opens it).
          route: { name: 'termination-new', query: { q: c.contractNumber, kind: 'cooling-off' } },
        }),
      )
  return out
}

async function instalmentItems(db: Db, reference: ReferenceData, span: Span): Promise<RadarItem[]> {
  const due = await dueInstalments(db, reference, workingDayCalendarOf(reference), span.today)
  return due
    .filter((i) => i.lastDayToPay <= span.until)
    .map((i) =>
      dated(span, 'due', {
        key: `instalment:${i.contractId}:${i.instalmentNo}`,
        kind: 'instalment',
        date: i.lastDayToPay,
        title: i.contractNumber ?? '',
        subtitle: joined(i.client, i.plate),
        params: { no: i.instalmentNo, count: i.instalmentCount, owedKopecks: i.owedKopecks },
        consequence: !i.consequence
          ? null
          : i.consequence.kind === 'suspended'
            ? {
                key: i.consequence.endsOn ? 'instalmentSuspendedEnds' : 'instalmentSuspended',
                params: { since: i.consequence.since, endsOn: i.consequence.endsOn ?? '' },
              }
            : { key: 'instalmentTerminated', params: { on: i.consequence.on } },
        route: { name: 'casco-quote', params: { id: i.contractId } },
      }),
    )
}

async function approvalItems(db: Db, span: Span, timeZone: string): Promise<RadarItem[]> {
  return (await waitingCases(db, APPROVALS_SHOWN)).map((c) =>
    dated(span, 'since', {
      key: `approval:${c.quoteId}`,
      kind: 'approval',
      date: todayIn(timeZone, new Date(c.submittedAt)),
      title: c.client ?? '',
      subtitle: joined(c.vehicle, c.plate),
      params: {},
      consequence: null,
      route: { name: 'approval-case', params: { id: c.quoteId } },
    }),
  )
}

async function blankItems(db: Db, reference: ReferenceData, span: Span): Promise<RadarItem[]> {
  // The same level as the admin's home (resources/rules/branch-attention.json): a series fewer than it on hand.
  const min = referenceInForce(reference, 'branch-attention', span.today).data.blanks.lowPerSeries.value
  return (await availableBlanksBySeries(db))
    .filter((s) => s.onHand < min)
    .map((s) =>
      dated(span, 'since', {
        key: `blanksLow:${s.series}`,
        kind: 'blanksLow',
        date: span.today,
        title: s.series,
        subtitle: null,
        params: { onHand: s.onHand, min },
        consequence: null,
        route: { name: 'blanks', query: { series: s.series } },
      }),
    )
}

async function diagnosticItems(db: Db, span: Span): Promise<RadarItem[]> {
  return (await diagnosticCardsEnding(db, span.today, span.until)).map((c) =>
    dated(span, 'due', {
      key: `diagnosticCard:${c.policyId}`,
      kind: 'diagnosticCard',
      date: c.validUntil,
      title: c.policyNumber ?? '',
      subtitle: joined(c.client, c.plate),
      params: { policyEndDate: c.policyEndDate },
      consequence: null,
      route: { name: 'osago-policy', params: { id: c.policyId } },
    }),
  )
}

async function renewalItems(db: Db, reference: ReferenceData, span: Span): Promise<RadarItem[]> {
  const horizon = diffDays(span.today, span.until)
  const windows = referenceInForce(reference, 'renewal-rules', span.today).data
  // The worklist's own windows, cut at the radar's horizon.
  const days = {
    osago: Math.min(windows.osago.windowDays.value, horizon),
    casco: Math.min(windows.casco.windowDays.value, horizon),
  }
  const page = await listExpiring(db, reference, span.today, days, { limit: RENEWALS_SHOWN, offset: 0 })
  return page.items.map((c) =>
    dated(span, 'due', {
      key: `renewal:${c.product}:${c.id}`,
      kind: 'renewal',
      date: c.endDate,
      title: c.number ?? '',
      subtitle: joined(c.client, c.plate),
      params: { product: c.product, renewalStarted: c.renewalId ? 1 : 0 },
      consequence: null,
      route: { name: c.product === 'osago' ? 'osago-policy' : 'casco-quote', params: { id: c.id } },
    }),
  )
}

export async function radarFor(
  db: Db,
  reference: ReferenceData,
  timeZone: string,
  role: Role,
  now: Date,
  only?: readonly RadarKind[],
): Promise<Radar> {
  const today = todayIn(timeZone, now)
  const rules = referenceInForce(reference, 'radar-rules', today).data
  const span: Span = { today, until: addDays(today, rules.horizonDays.value), weekDays: rules.weekDays.value }
  const allowed = RADAR_KINDS.filter((k) => maySee(role, k))
  const kinds = new Set(allowed.filter((k) => !only?.length || only.includes(k)))
  const parts = await Promise.all([
    kinds.has('payout') || kinds.has('coolingOff') ? terminationItems(db, reference, span, kinds) : [],
    kinds.has('instalment') ? instalmentItems(db, reference, span) : [],
    kinds.has('approval') ? approvalItems(db, span, timeZone) : [],
    kinds.has('blanksLow') ? blankItems(db, reference, span) : [],
    kinds.has('diagnosticCard') ? diagnosticItems(db, span) : [],
    kinds.has('renewal') ? renewalItems(db, reference, span) : [],
  ])
  const items = byUrgency(parts.flat())
  const counts = Object.fromEntries(URGENCIES.map((u) => [u, 0])) as Record<Urgency, number>
  const countsByKind: Radar['countsByKind'] = {}
  for (const i of items) {
    counts[i.urgency]++
    countsByKind[i.kind] = (countsByKind[i.kind] ?? 0) + 1
  }
  return {
    today,
    until: span.until,
    horizonDays: rules.horizonDays.value,
    weekDays: rules.weekDays.value,
    kinds: allowed,
    items,
    counts,
    countsByKind,
  }
}
