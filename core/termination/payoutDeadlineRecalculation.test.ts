import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../app/clock'
import { createCore, type Core } from '../app/createCore'
import type {
  ApplicationDetailsInput,
  ContractSummary,
  ManualContractInput,
  TerminationApplication,
} from '../../shared/termination/application'
import type { ProductionCalendarFile } from '../../shared/reference/productionCalendar'
import { installReference } from '../sync/referenceUpdates'
import {
  ADMIN,
  RESOURCES_DIR,
  TRUSTED_URL,
  call,
  expectOk,
  makeTestCore,
  setupBranch,
  signInAs,
} from '../testing/testCore'
import { NON_WORKING_DAY_RULE_RECOUNT, PAYOUT_DEADLINE_OF } from './payoutDeadlineRecalculation'
import { APPLICATION_KINDS } from '../../shared/termination/application'

/**
 * Deadlines at the turn of a year no decree covers yet (issue 9, point 4): the counter never stops for lack of a
 * calendar, and when HQ's decree arrives open applications' payout deadlines are counted again, with a notice.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
const clients: Record<string, string> = {}
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  for (const k of Object.keys(clients)) delete clients[k]
  await signInAs(t.core, 'clerk', 'c')
  clients.c = 'Own12345'
  clients['admin-console'] = ADMIN.password
})
afterEach(async () => t.dispose())

async function on(date: string): Promise<void> {
  t.clock.set(new Date(`${date}T07:00:00Z`))
  for (const [client, password] of Object.entries(clients))
    await call(t.core, 'session/unlock-screen', { password }, client)
}

let contractNo = 0
async function manual(over: Partial<ManualContractInput>): Promise<ContractSummary> {
  contractNo += 1
  return expectOk(
    call(
      t.core,
      'termination/enter-contract',
      {
        contract: {
          product: 'casco',
          number: `ХХХ ${String(contractNo).padStart(10, '0')}`,
          concludedAt: 'Агент Сидоров',
          policyholderType: 'individual',
          policyholderName: 'Орлова Ирина Сергеевна',
          plate: 'В456ОР199',
          vin: 'XTA21700080123456',
          conclusionDate: '2026-12-20',
          startDate: '2026-12-21',
          endDate: '2027-12-20',
          premiumKopecks: 1_000_000,
          periodsOfUse: [],
          ...over,
        },
      },
      'c',
    ),
  )
}

function details(over: Partial<ApplicationDetailsInput> = {}): ApplicationDetailsInput {
  return {
    kind: 'cooling-off',
    ground: null,
    eventDate: null,
    cascoChoice: null,
    insuredEventOccurred: false,
    applicant: { fullName: 'Орлова Ирина Сергеевна', passport: '4519 123456', phone: '8 916 123-45-67', address: null },
    representative: null,
    payout: { method: 'cash' },
    ...over,
  }
}

async function register(
  c: ContractSummary,
  over: Partial<ApplicationDetailsInput> = {},
): Promise<TerminationApplication> {
  return expectOk(
    call(
      t.core,
      'termination/register-application',
      { contract: { source: c.source, id: c.id }, details: details(over) },
      'c',
    ),
  )
}
async function complete(a: TerminationApplication): Promise<TerminationApplication> {
  const ticked = await expectOk(
    call(
      t.core,
      'termination/set-documents',
      { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
      'c',
    ),
  )
  return expectOk(
    call(t.core, 'termination/complete-application', { id: ticked.id, rowVersion: ticked.rowVersion }, 'c'),
  )
}

const bundled = JSON.parse(
  readFileSync(join(RESOURCES_DIR, 'reference', 'production-calendar.json'), 'utf8'),
) as ProductionCalendarFile

/**
 * HQ's calendar for 2027 as a decree might give it: Sunday 3 January moved to Monday 11 January, Saturday 2 January
 * to Friday 31 December. Only 2027 is in the file; 2025–2026 stay the bundled decrees.
 */
function hqDecree2027(): ProductionCalendarFile {
  const y = structuredClone(bundled.data.years.find((x) => x.year === 2027)!)
  y.decree = 'Government Decree (test)'
  y.nonWorkingDays = { value: [...y.nonWorkingDays.value, '2027-01-11', '2027-12-31'].sort(), verified: true }
  y.workingWeekendDays = { value: [], verified: true }
  y.shortenedDays = { value: y.shortenedDays.value.filter((d) => d !== '2027-12-31'), verified: true }
  const { labourCode: _rule, ...data } = structuredClone(bundled.data)
  return {
    ...bundled,
    version: 'hq-2027.1',
    effectiveFrom: '2026-10-01',
    source: 'test decree',
    data: { ...data, years: [y] },
  }
}

function installHq(core: Core, dir: string, file: ProductionCalendarFile): void {
  installReference(
    { bundledDir: RESOURCES_DIR, overrideDir: join(dir, 'reference-updates'), reference: core.reference },
    file.kind,
    file.version,
    JSON.stringify(file),
  )
}

/** The recalculation runs after the install, queued behind the database; wait for it to show. */
async function settled(id: string, due: string): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await t.core.db('termination_application').where({ id }).first()) as { payout_due_on: string }).payout_due_on,
      { timeout: 5000 },
    )
    .toBe(due)
}

describe('a year no decree covers yet', () => {
  it('a cooling-off whose window and payout reach into 2027 is taken on 28.12.2026, shown as unconfirmed', async () => {
    await on('2026-12-28')
    const c = await manual({})
    const preview = await expectOk(
      call(
        t.core,
        'termination/preview-refund',
        {
          contract: { source: c.source, id: c.id },
          kind: 'cooling-off',
          ground: null,
          eventDate: null,
          cascoChoice: null,
          insuredEventOccurred: false,
          representative: false,
          payoutMethod: 'cash',
        },
        'c',
      ),
    )
    // Day 14 is Sunday 3 January 2027, inside the Labour Code holidays 1–8 January: the window ends on Monday 11 January.
    expect(preview).toMatchObject({
      ok: true,
      calculation: { coolingOffLastDay: '2027-01-03', coolingOffWindowEnd: '2027-01-11' },
    })
    const a = await register(c)
    // 10 working days after 28.12: 29 and 30 December (31 December 2026 is a day off by decree), then 11–20 January.
    expect(a.payoutDueOn).toBe('2027-01-20')
    expect(await expectOk(call(t.core, 'calendar/get-status', undefined, 'c'))).toEqual({
      confirmedYears: [2025, 2026],
    })
  })

  it('every kind of application has its payout deadline in the rules', () => {
    expect(Object.keys(PAYOUT_DEADLINE_OF).sort()).toEqual([...APPLICATION_KINDS].sort())
  })
})

describe('HQ delivers the decree', () => {
  it('moves open applications’ payout deadlines with an audited notice; paid and unaffected ones, and the calculation, stay', async () => {
    const osagoContract = {
      product: 'osago' as const,
      conclusionDate: '2026-06-01',
      startDate: '2026-06-02',
      endDate: '2027-06-01',
    }
    await on('2026-12-01')
    const unaffected = await register(await manual(osagoContract), {
      kind: 'osago-early-termination',
      ground: 'owner-change',
    })
    expect(unaffected.payoutDueOn).toBe('2026-12-15')
    await on('2026-12-20')
    const osago = await register(await manual(osagoContract), {
      kind: 'osago-early-termination',
      ground: 'owner-change',
    })
    // 14 calendar days after Sunday 20.12.2026 is Sunday 03.01.2027, a holiday: moved to Monday 11.01.2027 (GK RF art. 193).
    expect(osago.payoutDueOn).toBe('2027-01-11')
    await on('2026-12-28')
    const completed = await complete(await register(await manual({})))
    expect(completed).toMatchObject({
      status: 'calculated',
      payoutDueOn: '2027-01-20',
      calculation: { payoutDueDate: '2027-01-20' },
    })
    const paidEarly = await complete(await register(await manual({})))
    const paid = await expectOk(
      call(
        t.core,
        'termination/record-payout',
        { id: paidEarly.id, rowVersion: paidEarly.rowVersion, paymentDocument: 'РКО 1' },
        'c',
      ),
    )
    expect(paid.status).toBe('paid')
    await on('2026-12-29')
    // 10 working days from 29.12 end on 21.01.2027 already; the decree's day off on 11.01 moves that to 22.01.
    const later = await register(await manual({}))
    expect(later.payoutDueOn).toBe('2027-01-21')
    const auditBefore = await t.core.db('audit_log').where({ action: 'termination.deadline-recalculated' })
    expect(auditBefore).toHaveLength(0)

    installHq(t.core, t.dir, hqDecree2027())
    await settled(osago.id, '2027-01-12')
    await settled(completed.id, '2027-01-21')
    await settled(later.id, '2027-01-22')

    expect(await expectOk(call(t.core, 'calendar/get-status', undefined, 'c'))).toEqual({
      confirmedYears: [2025, 2026, 2027],
    })
    const view = await expectOk(call(t.core, 'termination/get-application', { id: completed.id }, 'c'))
    expect(view.payoutDueOn).toBe('2027-01-21')
    // The stored calculation — what the calculation sheet prints — is as it was at completion.
    expect(view.calculation?.payoutDueDate).toBe('2027-01-20')
    expect(
      await expectOk(call(t.core, 'calendar/list-deadline-changes', { applicationId: completed.id }, 'c')),
    ).toEqual([
      { previous: '2027-01-20', current: '2027-01-21', at: '2026-12-29T07:00:00.000Z', reason: 'calendar-updated' },
    ])
    expect(await expectOk(call(t.core, 'calendar/list-deadline-changes', { applicationId: paid.id }, 'c'))).toEqual([])
    expect((await t.core.db('termination_application').where({ id: paid.id }).first()).payout_due_on).toBe('2027-01-20')
    expect((await t.core.db('termination_application').where({ id: unaffected.id }).first()).payout_due_on).toBe(
      '2026-12-15',
    )

    const audit = (await t.core
      .db('audit_log')
      .where({ action: 'termination.deadline-recalculated' })
      .orderBy('at')) as Array<{ entity_id: string; actor_login: string; before: string; after: string }>
    expect(audit.map((e) => e.entity_id).sort()).toEqual([osago.id, completed.id, later.id].sort())
    const entry = audit.find((e) => e.entity_id === completed.id)!
    expect(entry.actor_login).toBe('system')
    expect([JSON.parse(entry.before).payout_due_on, JSON.parse(entry.after).payout_due_on]).toEqual([
      '2027-01-20',
      '2027-01-21',
    ])
    // Each move travels to HQ with its notice.
    const outbox = (await t.core
      .db('outbox')
      .where({ entity: 'termination_application', entity_id: completed.id })
      .orderBy('seq')) as Array<{ data: string }>
    expect(JSON.parse(outbox.at(-1)!.data)).toMatchObject({ status: 'calculated', payout_due_on: '2027-01-21' })

    // The same calendar again installs nothing and moves nothing.
    installHq(t.core, t.dir, hqDecree2027())
    await new Promise((r) => setTimeout(r, 100))
    expect(await t.core.db('audit_log').where({ action: 'termination.deadline-recalculated' })).toHaveLength(3)
  })
})

describe('the calendar last counted on is remembered', () => {
  it('records the calendar on the first run and acts on a change found at the next start, once', async () => {
    await on('2026-12-28')
    const a = await register(await manual({}))
    expect(a.payoutDueOn).toBe('2027-01-20')
    const state = await t.core.db('reference_state').where({ kind: 'production-calendar' }).first()
    expect(JSON.parse(state.versions)).toEqual([bundled.version])
    await t.core.close()

    // HQ's file landed in the update folder while the app was not running (or it stopped before recounting).
    const dir = join(t.dir, 'reference-updates', 'reference', 'hq')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'production-calendar--hq-2027.1.json'), JSON.stringify(hqDecree2027()))
    const open = async () =>
      createCore({
        dataDir: t.dir,
        resourcesDir: RESOURCES_DIR,
        isTrustedUrl: (u) => u === TRUSTED_URL,
        clock: new ManualClock(new Date('2026-12-29T07:00:00Z')),
      })
    const again = await open()
    expect((await again.db('termination_application').where({ id: a.id }).first()).payout_due_on).toBe('2027-01-21')
    expect(await again.db('audit_log').where({ action: 'termination.deadline-recalculated' })).toHaveLength(1)
    await again.close()
    const third = await open()
    expect(await third.db('audit_log').where({ action: 'termination.deadline-recalculated' })).toHaveLength(1)
    await third.close()
  })

  it('leaves a due date the previous calendar does not explain (moved elsewhere) as it is', async () => {
    await on('2026-12-28')
    const a = await register(await manual({}))
    // As if another computer had already moved it and sync brought its version here.
    await t.core.db('termination_application').where({ id: a.id }).update({ payout_due_on: '2027-01-21' })
    installHq(t.core, t.dir, hqDecree2027())
    await expect
      .poll(async () => (await t.core.db('reference_state').where({ kind: 'production-calendar' }).first()).versions, {
        timeout: 5000,
      })
      .toContain('hq-2027.1')
    expect((await t.core.db('termination_application').where({ id: a.id }).first()).payout_due_on).toBe('2027-01-21')
    expect(await t.core.db('audit_log').where({ action: 'termination.deadline-recalculated' })).toHaveLength(0)
  })
})

describe('the upgrade that moves a last day off a non-working day (rules 2023-01-30.2, GK RF art. 193)', () => {
  /** As the rules 2023-01-30.1 counted it: 14 calendar days, a last day on a non-working day kept. */
  async function countedByOldRules(id: string, keptDue: string): Promise<void> {
    const row = (await t.core.db('termination_application').where({ id }).first()) as { calculation: string | null }
    const calculation = row.calculation
      ? (JSON.parse(row.calculation) as Record<string, unknown> & { payoutDeadline: Record<string, unknown> })
      : null
    if (calculation) {
      calculation.payoutDeadline = { ...calculation.payoutDeadline, lastDayNonWorking: 'keep' }
      calculation.payoutDueDate = keptDue
    }
    await t.core
      .db('termination_application')
      .where({ id })
      .update({ payout_due_on: keptDue, ...(calculation ? { calculation: JSON.stringify(calculation) } : {}) })
  }

  it('counts open applications again once per device, with the notice, through the Writer; paid ones and moved ones stay', async () => {
    const osagoContract = {
      product: 'osago' as const,
      conclusionDate: '2026-06-01',
      startDate: '2026-06-02',
      endDate: '2027-06-01',
    }
    const osagoDetails = { kind: 'osago-early-termination' as const, ground: 'owner-change' as const }
    await on('2026-12-20')
    // 14 calendar days after Sunday 20.12.2026 is Sunday 03.01.2027 (a holiday); the old rules kept it.
    const received = await register(await manual(osagoContract), osagoDetails)
    const completed = await complete(await register(await manual(osagoContract), osagoDetails))
    const paidOne = await complete(await register(await manual(osagoContract), osagoDetails))
    const paid = await expectOk(
      call(
        t.core,
        'termination/record-payout',
        { id: paidOne.id, rowVersion: paidOne.rowVersion, paymentDocument: 'РКО 1' },
        'c',
      ),
    )
    const elsewhere = await register(await manual(osagoContract), osagoDetails)
    for (const a of [received, completed, paid]) await countedByOldRules(a.id, '2027-01-03')
    // Moved by hand on another computer: the `keep` count does not give it, so it is not this recount's to move.
    await countedByOldRules(elsewhere.id, '2027-01-12')
    // The build before the upgrade had recorded its calendar but knew nothing of this recount.
    await t.core.db('reference_state').where({ kind: NON_WORKING_DAY_RULE_RECOUNT }).delete()
    await t.core.close()

    const open = async () =>
      createCore({
        dataDir: t.dir,
        resourcesDir: RESOURCES_DIR,
        isTrustedUrl: (u) => u === TRUSTED_URL,
        clock: new ManualClock(new Date('2026-12-21T07:00:00Z')),
      })
    const upgraded = await open()
    const due = async (core: Core, id: string) =>
      ((await core.db('termination_application').where({ id }).first()) as { payout_due_on: string }).payout_due_on
    expect(await due(upgraded, received.id)).toBe('2027-01-11')
    expect(await due(upgraded, completed.id)).toBe('2027-01-11')
    expect(await due(upgraded, paid.id)).toBe('2027-01-03')
    expect(await due(upgraded, elsewhere.id)).toBe('2027-01-12')
    const row = (await upgraded.db('termination_application').where({ id: completed.id }).first()) as {
      deadline_changes: string
      calculation: string
    }
    expect(JSON.parse(row.deadline_changes)).toEqual([
      { previous: '2027-01-03', current: '2027-01-11', at: '2026-12-21T07:00:00.000Z', reason: 'non-working-day-rule' },
    ])
    // The stored calculation — what was printed — stays as it was.
    expect(JSON.parse(row.calculation)).toMatchObject({ payoutDueDate: '2027-01-03' })
    const audit = (await upgraded.db('audit_log').where({ action: 'termination.deadline-recalculated' })) as Array<{
      entity_id: string
      actor_login: string
    }>
    expect(audit.map((e) => e.entity_id).sort()).toEqual([received.id, completed.id].sort())
    expect(audit.every((e) => e.actor_login === 'system')).toBe(true)
    const outbox = (await upgraded
      .db('outbox')
      .where({ entity: 'termination_application', entity_id: completed.id })
      .orderBy('seq')) as Array<{ data: string }>
    expect(JSON.parse(outbox.at(-1)!.data)).toMatchObject({ status: 'calculated', payout_due_on: '2027-01-11' })
    expect(await upgraded.db('reference_state').where({ kind: NON_WORKING_DAY_RULE_RECOUNT }).first()).toBeTruthy()

    // Remembered: a date put back by hand afterwards is not the recount's business any more.
    await upgraded.db('termination_application').where({ id: received.id }).update({ payout_due_on: '2027-01-03' })
    await upgraded.close()
    const again = await open()
    expect(await due(again, received.id)).toBe('2027-01-03')
    expect(await again.db('audit_log').where({ action: 'termination.deadline-recalculated' })).toHaveLength(2)
    await again.close()
  })

  it('a calendar update afterwards counts from the new rule, not from the stored calculation’s `keep`', async () => {
    const osagoContract = {
      product: 'osago' as const,
      conclusionDate: '2026-06-01',
      startDate: '2026-06-02',
      endDate: '2027-06-01',
    }
    await on('2026-12-20')
    const completed = await complete(
      await register(await manual(osagoContract), { kind: 'osago-early-termination', ground: 'owner-change' }),
    )
    await countedByOldRules(completed.id, '2027-01-03')
    await t.core.db('reference_state').where({ kind: NON_WORKING_DAY_RULE_RECOUNT }).delete()
    await t.core.close()
    const dir = join(t.dir, 'reference-updates', 'reference', 'hq')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'production-calendar--hq-2027.1.json'), JSON.stringify(hqDecree2027()))
    const core = await createCore({
      dataDir: t.dir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: (u) => u === TRUSTED_URL,
      clock: new ManualClock(new Date('2026-12-21T07:00:00Z')),
    })
    // 03.01 → 11.01 by the rule (on the calendar it was counted on), then 11.01 is a day off by HQ's decree → 12.01.
    expect(
      JSON.parse(
        ((await core.db('termination_application').where({ id: completed.id }).first()) as { deadline_changes: string })
          .deadline_changes,
      ),
    ).toEqual([
      expect.objectContaining({ previous: '2027-01-03', current: '2027-01-11', reason: 'non-working-day-rule' }),
      expect.objectContaining({ previous: '2027-01-11', current: '2027-01-12', reason: 'calendar-updated' }),
    ])
    await core.close()
  })
})
