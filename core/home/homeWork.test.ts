import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates/calendarDate'
import { quotedCase, submittedCase, submittedInspection, today } from '../casco/testing/cascoCase'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'clerk', 'c2', 'clerk2')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
  await signInAs(t.core, 'admin', 'a')
})
afterEach(async () => t.dispose())

const work = (client: string, limit?: number) =>
  expectOk(call(t.core, 'home/get-work', limit === undefined ? undefined : { limit }, client))

/** An OSAGO policy straight into the table: only its status and dates matter to the renewals. */
async function policy(id: string, status: string, endDate: string | null, terminatedOn: string | null = null) {
  const at = '2026-01-10T10:00:00.000Z'
  await t.core.db('osago_policy').insert({
    id,
    created_at: at,
    updated_at: at,
    status,
    end_date: endDate,
    terminated_on: terminatedOn,
    insured_name: `Страхователь ${id}`,
    plate: 'А001АА77',
    policy_series: 'ХХХ',
    policy_number: `00000000${id.length}${id.charCodeAt(0) % 10}`,
  })
}

describe('home/get-work (issue 14)', () => {
  it("gives each role only its own part of the day's work", async () => {
    // The clerk's unfinished records: an OSAGO draft, a CASCO quote priced but not submitted; another clerk's are not theirs.
    const osago = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    await expectOk(call(t.core, 'osago/create-draft', undefined, 'c2'))
    t.clock.advance(60_000)
    const quoted = await quotedCase(t.core, 'c')
    // A case decided for the clerk, and one waiting for the supervisor.
    const decided = await submittedCase(t.core, 'c')
    await submittedInspection(t.core, 'i', decided.id)
    const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: decided.id }, 's'))
    await expectOk(
      call(
        t.core,
        'approval/decide',
        {
          quoteId: decided.id,
          quoteRowVersion: c.quote.rowVersion,
          decision: 'approved',
          validUntil: addDays(today(t.core), 10),
        },
        's',
      ),
    )
    const waiting = await submittedCase(t.core, 'c2')
    // The inspector's own draft report.
    const inspection = await expectOk(call(t.core, 'inspection/create', { quoteId: quoted.id }, 'i'))

    const clerk = await work('c')
    expect(clerk.today).toBe(today(t.core))
    expect(clerk.drafts!.items.map((x) => [x.kind, x.id, x.status])).toEqual(
      expect.arrayContaining([
        ['osago', osago.id, 'draft'],
        ['casco', quoted.id, 'quoted'],
      ]),
    )
    expect(clerk.drafts!.items).toHaveLength(2)
    // Newest change first.
    expect([...clerk.drafts!.items].sort((a, b) => (a.at < b.at ? 1 : -1))).toEqual(clerk.drafts!.items)
    expect(clerk.drafts!.items.find((x) => x.id === quoted.id)).toMatchObject({
      title: 'Смирнов Алексей Игоревич',
      detail: 'Kia Rio · А123ВС777',
    })
    expect(clerk.cases!.items.map((x) => [x.id, x.status])).toEqual([[decided.id, 'approved']])
    // Deciding is the supervisor's; the counter renews OSAGO.
    expect(clerk.waiting).toBeNull()
    expect(clerk.renewals).toMatchObject({ days: 60, items: [], more: false })

    const other = await work('c2')
    expect(other.drafts!.items.map((x) => x.kind)).toEqual(['osago'])
    expect(other.cases!.items).toEqual([])

    const supervisor = await work('s')
    expect(supervisor.waiting!.items.map((x) => [x.kind, x.id, x.status])).toEqual([['casco', waiting.id, 'submitted']])

    const inspector = await work('i')
    expect(inspector.drafts!.items.map((x) => [x.kind, x.id])).toEqual([['inspection', inspection.id]])
    expect(inspector.drafts!.items[0]).toMatchObject({ title: 'Смирнов Алексей Игоревич' })
    expect(inspector.cases!.items).toEqual([])
    expect(inspector.waiting).toBeNull()
    expect(inspector.renewals).toBeNull()

    // The admin sells nothing, inspects nothing and decides nothing: shortcuts only.
    expect(await work('a')).toMatchObject({ drafts: null, cases: null, waiting: null, renewals: null })
  })

  it('keeps each list short and says which kinds have more', async () => {
    for (let i = 0; i < 3; i++) {
      await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
      t.clock.advance(60_000)
    }
    await quotedCase(t.core, 'c')
    const two = await work('c', 2)
    expect(two.drafts!.items).toHaveLength(2)
    expect(two.drafts!.more.sort()).toEqual(['osago'])
    const all = await work('c', 10)
    expect(all.drafts!.items).toHaveLength(4)
    expect(all.drafts!.more).toEqual([])
  })

  it('lists the policies in force ending within 60 days, soonest first', async () => {
    const d = today(t.core)
    await policy('late', 'issued', addDays(d, 45))
    await policy('soon', 'printed', addDays(d, 3))
    await policy('today', 'issued', d)
    await policy('beyond', 'issued', addDays(d, 61))
    await policy('ended', 'issued', addDays(d, -1))
    await policy('terminated', 'issued', addDays(d, 10), addDays(d, -5))
    await policy('draft', 'draft', addDays(d, 5))
    await policy('discarded', 'discarded', addDays(d, 5))
    const r = (await work('c')).renewals!
    expect(r.items.map((x) => [x.id, x.daysLeft])).toEqual([
      ['today', 0],
      ['soon', 3],
      ['late', 45],
    ])
    expect(r.items[0]).toMatchObject({ insuredName: 'Страхователь today', plate: 'А001АА77', endDate: d })
    expect(r.items[0]!.policyNumber).toMatch(/^ХХХ \d{10}$/)
    expect(r.more).toBe(false)
    const one = (await work('s', 1)).renewals!
    expect(one.items.map((x) => x.id)).toEqual(['today'])
    expect(one.more).toBe(true)
  })
})
