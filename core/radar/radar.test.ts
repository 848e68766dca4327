import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { Radar, RadarItem, RadarKind } from '../../shared/radar/contract'
import type { ManualContractInput } from '../../shared/termination/application'
import { damage, submittedCase, submittedInspection } from '../casco/testing/cascoCase'
import { ADMIN, call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/**
 * The radar after a day of work (issue 17 points 3 and 4) on a real SQLite file with a ManualClock in Moscow: a CASCO
 * contract sold in instalments and a refund application on day 0; five weeks later an OSAGO policy with a diagnostic
 * card ending soon, a CASCO contract entered by hand inside its cooling-off window, a case sent for a decision, a
 * small delivery of blanks and a policy ending within the renewal window. Every date is checked against the list of
 * the feature that owns it (the same rule its documents use), every kind against who may see it.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
const passwords: Record<string, string> = { c: 'Own12345', s: 'Own12345', i: 'Own12345', admin: ADMIN.password }
const today = () => todayIn('Europe/Moscow', t.clock.now())
async function on(date: string) {
  t.clock.set(new Date(`${date}T07:00:00Z`))
  for (const [client, password] of Object.entries(passwords))
    await call(t.core, 'session/unlock-screen', { password }, client)
}

let day0: string
let day1: string
let cascoId: string
let applicationId: string
let coolingOffNumber: string
let policyId: string
let waitingId: string
const renewalId = '01900000-0000-7000-8000-0000000000f1'
let radar: Radar

async function issuedCasco(): Promise<string> {
  const s = await submittedCase(t.core, 'c', (d) => {
    d.options[0]!.plan = 'four'
  })
  await submittedInspection(t.core, 'i', s.id, [damage()])
  const got = await expectOk(call(t.core, 'approval/get-case', { quoteId: s.id }, 's'))
  await expectOk(
    call(
      t.core,
      'approval/decide',
      { quoteId: s.id, quoteRowVersion: got.quote.rowVersion, decision: 'approved', validUntil: addDays(today(), 10) },
      's',
    ),
  )
  const approved = await expectOk(call(t.core, 'casco/get-quote', { id: s.id }, 'c'))
  const first = approved.result!.options[0]!.schedule.payments[0]!.amountKopecks
  const issued = await expectOk(
    call(
      t.core,
      'casco/issue-contract',
      {
        id: s.id,
        rowVersion: approved.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: first },
      },
      'c',
    ),
  )
  return issued.id
}

let contractNo = 0
function manual(over: Partial<ManualContractInput>) {
  contractNo += 1
  return expectOk(
    call(
      t.core,
      'termination/enter-contract',
      {
        contract: {
          product: 'osago',
          number: `ХХХ ${String(contractNo).padStart(10, '0')}`,
          concludedAt: 'Агент Сидоров',
          policyholderType: 'individual',
          policyholderName: 'Орлова Ирина Сергеевна',
          plate: 'В456ОР199',
          vin: 'XTA21700080123456',
          conclusionDate: '2026-04-20',
          startDate: '2026-05-01',
          endDate: '2027-04-30',
          premiumKopecks: 1_000_000,
          periodsOfUse: [],
          ...over,
        },
      },
      'c',
    ),
  )
}

async function refundApplication(): Promise<string> {
  const c = await manual({})
  let a = await expectOk(
    call(
      t.core,
      'termination/register-application',
      {
        contract: { source: c.source, id: c.id },
        details: {
          kind: 'osago-early-termination',
          ground: 'owner-change',
          eventDate: null,
          cascoChoice: null,
          insuredEventOccurred: false,
          applicant: {
            fullName: 'Орлова Ирина Сергеевна',
            passport: '4519 123456',
            phone: '8 916 123-45-67',
            address: null,
          },
          representative: null,
          payout: { method: 'cash' },
        },
      },
      'c',
    ),
  )
  a = await expectOk(
    call(
      t.core,
      'termination/set-documents',
      { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
      'c',
    ),
  )
  a = await expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, 'c'))
  return a.id
}

async function osagoWithCard(validUntil: string): Promise<string> {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const draft = completeDraft(today())
  draft.vehicle.diagnosticCard = { number: '123456789012345', issueDate: addDays(today(), -300), validUntil }
  draft.vehicle.plate = 'А123ВС777'
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  const calc = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'))
  const issued = await expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calc.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 2', amountKopecks: calc.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
  return issued.id
}

const of = (r: Radar, kind: RadarKind) => r.items.filter((i) => i.kind === kind)
const one = (r: Radar, kind: RadarKind): RadarItem => {
  const found = of(r, kind)
  expect(found, kind).toHaveLength(1)
  return found[0]!
}

beforeAll(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
  day0 = today()
  cascoId = await issuedCasco()
  applicationId = await refundApplication()

  day1 = addDays(day0, 35)
  await on(day1)
  // Five blanks: under the branch's level of 50 a series (branch-attention); the OSAGO policy takes one.
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  policyId = await osagoWithCard(addDays(day1, 20))
  const coolingOff = await manual({
    product: 'casco',
    conclusionDate: addDays(day1, -2),
    startDate: addDays(day1, -1),
    endDate: addDays(day1, 362),
  })
  coolingOffNumber = coolingOff.number
  waitingId = (await submittedCase(t.core, 'c')).id
  // A policy sold before this database began, ending within the renewal window: its row as sync would have left it.
  const at = `${day0}T10:00:00.000Z`
  await t.core.db('osago_policy').insert({
    id: renewalId,
    created_at: at,
    updated_at: at,
    status: 'printed',
    end_date: addDays(day1, 30),
    policy_series: 'ХХХ',
    policy_number: '0000000777',
    insured_name: 'Петров Пётр Петрович',
  })
  await t.core.db('osago_document').insert({ id: renewalId, created_at: at, updated_at: at, draft: '{}' })
  radar = await expectOk(call(t.core, 'radar/get', undefined, 's'))
}, 120_000)
afterAll(async () => t.dispose())

describe('the radar after a day of work', () => {
  it('holds the overdue refund payout with the penalty the deadlines list counts, and opens the application', async () => {
    const deadlines = await expectOk(call(t.core, 'termination/list-deadlines', undefined, 'c'))
    const late = deadlines.overdue.find((d) => d.applicationId === applicationId)!
    expect(late.penaltyKopecks).toBeGreaterThan(0)
    const item = one(radar, 'payout')
    expect(item).toMatchObject({
      date: late.dueDate,
      urgency: 'overdue',
      daysLeft: late.daysLeft,
      consequence: {
        key: late.latePayoutConsequence === 'statutory-interest' ? 'payoutLateInterest' : 'payoutLatePenalty',
        params: { amountKopecks: late.penaltyKopecks, days: -late.daysLeft },
      },
      route: { name: 'termination-application', params: { id: applicationId } },
    })
    expect(radar.items[0]!.urgency).toBe('overdue')
  })

  it('holds the cooling-off window of the contract entered by hand, closing on the termination rules’ day', async () => {
    const deadlines = await expectOk(call(t.core, 'termination/list-deadlines', { dueSoonDays: 30 }, 'c'))
    const closing = deadlines.coolingOffClosing.find((c) => c.contractNumber === coolingOffNumber)!
    const item = of(radar, 'coolingOff').find((i) => i.title === coolingOffNumber)!
    expect(item).toMatchObject({
      date: closing.windowEnd,
      dateRole: 'due',
      route: { name: 'termination-new', query: { q: coolingOffNumber, kind: 'cooling-off' } },
    })
    // 14 days from conclusion two days ago (moved past a day off when the rules say so): within the week or just after.
    expect(['week', 'later']).toContain(item.urgency)
    // The CASCO contract sold five weeks ago is past its window: not on the radar.
    expect(radar.items.some((i) => i.kind === 'coolingOff' && i.route.params?.id === cascoId)).toBe(false)
  })

  it('holds the next CASCO instalment on its last day to pay from the due list, opening the contract', async () => {
    const due = await expectOk(call(t.core, 'payments/list-instalments', undefined, 'c'))
    const next = due.items.find((i) => i.contractId === cascoId && i.instalmentNo === 2)!
    expect(next.lastDayToPay <= radar.until).toBe(true)
    expect(one(radar, 'instalment')).toMatchObject({
      date: next.lastDayToPay,
      urgency: 'later',
      params: { no: 2, count: 4, owedKopecks: next.owedKopecks },
      route: { name: 'casco-quote', params: { id: cascoId } },
    })
  })

  it('holds the diagnostic card ending while the policy is in force, the renewal due and the case waiting', async () => {
    expect(one(radar, 'diagnosticCard')).toMatchObject({
      date: addDays(day1, 20),
      urgency: 'later',
      route: { name: 'osago-policy', params: { id: policyId } },
    })
    expect(one(radar, 'renewal')).toMatchObject({
      date: addDays(day1, 30),
      title: 'ХХХ 0000000777',
      route: { name: 'osago-policy', params: { id: renewalId } },
    })
    expect(one(radar, 'approval')).toMatchObject({
      dateRole: 'since',
      date: day1,
      urgency: 'today',
      route: { name: 'approval-case', params: { id: waitingId } },
    })
    expect(one(radar, 'blanksLow')).toMatchObject({ title: 'ААК', params: { onHand: 4, min: 50 }, urgency: 'today' })
  })

  it('counts by urgency and kind, most urgent first, within the horizon', () => {
    expect(radar.today).toBe(day1)
    expect(radar.until).toBe(addDays(day1, 60))
    const total = Object.values(radar.counts).reduce((a, b) => a + b, 0)
    expect(total).toBe(radar.items.length)
    expect(radar.countsByKind).toMatchObject({ payout: 1, instalment: 1, approval: 1, blanksLow: 1, renewal: 1 })
    const ranks = radar.items.map((i) => ['overdue', 'today', 'week', 'later'].indexOf(i.urgency))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(radar.items.every((i) => i.dateRole === 'since' || i.urgency === 'overdue' || i.date <= radar.until)).toBe(
      true,
    )
  })

  it('shows each role only what it may open, and filters by kind', async () => {
    const clerk = await expectOk(call(t.core, 'radar/get', undefined, 'c'))
    expect(clerk.kinds).not.toContain('approval')
    expect(of(clerk, 'approval')).toEqual([])
    expect(clerk.countsByKind.payout).toBe(1)
    const admin = await expectOk(call(t.core, 'radar/get', undefined, 'admin'))
    expect(admin.kinds).toEqual(['blanksLow'])
    expect(admin.items.map((i) => i.kind)).toEqual(['blanksLow'])
    const inspector = await expectOk(call(t.core, 'radar/get', undefined, 'i'))
    expect(inspector).toMatchObject({ kinds: [], items: [] })
    const only = await expectOk(call(t.core, 'radar/get', { kinds: ['renewal', 'payout'] }, 's'))
    expect(new Set(only.items.map((i) => i.kind))).toEqual(new Set(['renewal', 'payout']))
    expect(await call(t.core, 'radar/get', { kinds: ['nothing'] } as never, 's')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
  })

  it('moves with the clock: a day past the diagnostic card it is overdue', async () => {
    await on(addDays(day1, 21))
    const later = await expectOk(call(t.core, 'radar/get', { kinds: ['diagnosticCard'] }, 's'))
    expect(one(later, 'diagnosticCard')).toMatchObject({ urgency: 'overdue', daysLeft: -1 })
    await on(day1)
  })

  it('reads every table of records through an index (no full SCAN)', async () => {
    const statements: string[] = []
    const listen = (q: { sql: string }) => statements.push(q.sql)
    t.core.db.on('query', listen)
    try {
      await expectOk(call(t.core, 'radar/get', undefined, 's'))
    } finally {
      t.core.db.off('query', listen)
    }
    const selects = statements.filter((s) => /^\s*(select|with)\b/i.test(s))
    expect(selects.length).toBeGreaterThan(5)
    const scans: string[] = []
    for (const sql of selects) {
      // The plan does not depend on the values: a date stands for every binding.
      const bindings = [...sql.matchAll(/\?/g)].map(() => '2026-01-01')
      const plan = (await t.core.db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)) as Array<{ detail: string }>
      for (const p of plan)
        if (/^SCAN /.test(p.detail) && !/^SCAN (CONSTANT ROW|\(subquery-\d+\))/.test(p.detail))
          scans.push(`${p.detail}  ←  ${sql.slice(0, 120)}`)
    }
    expect(scans).toEqual([])
  })
})
