import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import type { OsagoPolicy } from '../../shared/osago/policy'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { damage, submittedCase, submittedInspection } from '../casco/testing/cascoCase'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/**
 * Renewal at the office (issue 15 point 2) on a real SQLite database through the channels the screens use: the
 * window (60 days before the end through the end, resources/rules/renewal.json), the carry-over into a new draft,
 * one renewal per policy, the worklist and the links both ways.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let session = 0
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
})
afterEach(async () => t.dispose())

const today = () => todayIn('Europe/Moscow', t.clock.now())

/** The branch's day moves to `date` (noon in Moscow); a fresh clerk's window is signed in on it. */
async function on(date: string): Promise<string> {
  t.clock.set(new Date(`${date}T09:00:00.000Z`))
  const client = `c-${++session}`
  await signInAs(t.core, 'clerk', client, `clerk-${session}`)
  return client
}

/** An OSAGO policy concluded today and issued on a blank, with a diagnostic card and a period of use. */
async function issuedPolicy(): Promise<OsagoPolicy> {
  const draft = completeDraft(today())
  draft.vehicle.diagnosticCard = { number: '123456789012345', issueDate: today(), validUntil: addDays(today(), 700) }
  draft.vehicle.plate = 'А123ВС777'
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  const calc = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c'),
  )
  return expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: calc.id,
        rowVersion: calc.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
}

/** A row straight into osago_policy: only status, dates and the link matter to the worklist. */
async function policyRow(id: string, status: string, endDate: string, over: Record<string, unknown> = {}) {
  const at = '2026-01-10T10:00:00.000Z'
  await t.core.db('osago_policy').insert({ id, created_at: at, updated_at: at, status, end_date: endDate, ...over })
  await t.core.db('osago_document').insert({ id, created_at: at, updated_at: at, draft: '{}' })
}

describe('OSAGO renewal at the office', () => {
  it('is refused before 60 days ahead and after the end, and starts from 60 days before through the last day', async () => {
    const old = await issuedPolicy()
    const end = old.endDate!
    const early = await call(t.core, 'osago/renew-policy', { id: old.id }, await on(addDays(end, -61)))
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!early.ok && early.error.message).toContain('60')
    expect(!early.ok && early.error.message).toContain(
      addDays(end, -60).split('-').reverse().join('.'), // ДД.ММ.ГГГГ: the day the window opens
    )
    const late = await call(t.core, 'osago/renew-policy', { id: old.id }, await on(addDays(end, 1)))
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!late.ok && late.error.message).toMatch(/закончился/)
    expect(await t.core.db('osago_policy').where({ renews_policy_id: old.id })).toEqual([])

    // The last day itself is inside the window.
    const lastDay = await expectOk(call(t.core, 'osago/renew-policy', { id: old.id }, await on(end)))
    expect(lastDay).toMatchObject({ status: 'draft' })
    expect(lastDay.draft.contract.startDate).toBe(addDays(end, 1))
  })

  it('opens the window exactly 60 days before the end and carries the policy over into an editable draft', async () => {
    const old = await issuedPolicy()
    const end = old.endDate!
    const clerk = await on(addDays(end, -60))
    const renewal = await expectOk(call(t.core, 'osago/renew-policy', { id: old.id }, clerk))

    expect(renewal.id).not.toBe(old.id)
    expect(renewal.status).toBe('draft')
    expect(renewal.calculation).toBeNull()
    // Everything carried over; only the dates are new.
    expect(renewal.draft.insured).toEqual(old.draft.insured)
    expect(renewal.draft.owner).toEqual(old.draft.owner)
    expect(renewal.draft.ownerIsInsured).toBe(old.draft.ownerIsInsured)
    expect(renewal.draft.vehicle).toEqual(old.draft.vehicle)
    expect(renewal.draft.drivers).toEqual(old.draft.drivers)
    expect(renewal.draft.contract).toEqual({ conclusionDate: today(), startDate: addDays(end, 1), periodsOfUse: [] })
    const row = await t.core.db('osago_policy').where({ id: renewal.id }).first('renews_policy_id', 'plate')
    expect(row).toEqual({ renews_policy_id: old.id, plate: 'А123ВС777' })
    // One write: the rows, their outbox entries and the audit entry under the renewal's own action.
    expect(
      (await t.core.db('audit_log').where({ entity: 'osago_policy', entity_id: renewal.id })).map(
        (a: { action: string }) => a.action,
      ),
    ).toEqual(['osago.renewal-created'])
    expect(await t.core.db('outbox').where({ entity: 'osago_document', entity_id: renewal.id })).toHaveLength(1)

    // A normal draft: edited (the plate, a driver) and priced on the tariff in force.
    const draft = structuredClone(renewal.draft)
    draft.vehicle.plate = 'В456ОР777'
    const saved = await expectOk(
      call(t.core, 'osago/save-draft', { id: renewal.id, rowVersion: renewal.rowVersion, draft }, clerk),
    )
    const priced = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, clerk),
    )
    expect(priced.status).toBe('calculated')
    expect(priced.calculation!.premiumKopecks).toBeGreaterThan(0)

    // A second attempt opens the same renewal; the links point both ways.
    const again = await expectOk(call(t.core, 'osago/renew-policy', { id: old.id }, clerk))
    expect(again.id).toBe(renewal.id)
    expect(await t.core.db('osago_policy').where({ renews_policy_id: old.id })).toHaveLength(1)
    const number = `${old.blank!.series} ${old.blank!.number}`
    expect(await expectOk(call(t.core, 'renewal/get-links', { product: 'osago', id: renewal.id }, clerk))).toEqual({
      renews: { product: 'osago', id: old.id, number, status: 'issued', endDate: end },
      renewedBy: null,
    })
    expect(await expectOk(call(t.core, 'renewal/get-links', { product: 'osago', id: old.id }, clerk))).toMatchObject({
      renews: null,
      renewedBy: { product: 'osago', id: renewal.id, number: null, status: 'calculated' },
    })
  })

  it('refuses a terminated policy, a draft and a discarded one; a discarded renewal lets a new one start', async () => {
    const start = today()
    const terminatedId = '00000000-0000-4000-8000-000000000001'
    await policyRow(terminatedId, 'issued', addDays(start, 30), { terminated_on: start })
    const terminated = await call(t.core, 'osago/renew-policy', { id: terminatedId }, 'c')
    expect(terminated).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const draft = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const fromDraft = await call(t.core, 'osago/renew-policy', { id: draft.id }, 'c')
    expect(!fromDraft.ok && fromDraft.error.message).toMatch(/действующий/)
    expect(fromDraft).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })

    const old = await issuedPolicy()
    const clerk = await on(addDays(old.endDate!, -10))
    const first = await expectOk(call(t.core, 'osago/renew-policy', { id: old.id }, clerk))
    await expectOk(call(t.core, 'osago/discard-draft', { id: first.id, rowVersion: first.rowVersion }, clerk))
    const second = await expectOk(call(t.core, 'osago/renew-policy', { id: old.id }, clerk))
    expect(second.id).not.toBe(first.id)
  })
})

describe('the worklist «Истекают в ближайшие 60 дней»', () => {
  it('lists contracts in force ending from today through 60 days ahead, soonest first, not yet renewed', async () => {
    const d = today()
    await policyRow('in-60', 'printed', addDays(d, 60))
    await policyRow('in-61', 'printed', addDays(d, 61))
    await policyRow('today', 'printed', d)
    await policyRow('yesterday', 'printed', addDays(d, -1))
    await policyRow('draft', 'draft', addDays(d, 5))
    await policyRow('terminated', 'printed', addDays(d, 6), { terminated_on: d })
    await policyRow('renewed', 'printed', addDays(d, 7))
    await policyRow('renewal', 'printed', addDays(d, 372), { renews_policy_id: 'renewed' })
    await policyRow('being-renewed', 'printed', addDays(d, 8))
    await policyRow('its-draft', 'draft', null as unknown as string, { renews_policy_id: 'being-renewed' })

    const page = await expectOk(call(t.core, 'renewal/list-expiring', {}, 'c'))
    expect(page).toMatchObject({ today: d, days: 60, total: 3 })
    expect(page.items.map((i) => [i.id, i.daysLeft, i.renewalId])).toEqual([
      ['today', 0, null],
      ['being-renewed', 8, 'its-draft'],
      ['in-60', 60, null],
    ])
    // Paged: the second row alone.
    const second = await expectOk(call(t.core, 'renewal/list-expiring', { limit: 1, offset: 1 }, 'c'))
    expect(second.items.map((i) => i.id)).toEqual(['being-renewed'])
    expect(second.total).toBe(3)
    // Only the desk works the list.
    expect(await call(t.core, 'renewal/list-expiring', {}, 'i')).toMatchObject({ error: { code: 'FORBIDDEN' } })
  })

  it('shows a real policy with its phone and vehicle, and drops it once its renewal is issued', async () => {
    const old = await issuedPolicy()
    const clerk = await on(addDays(old.endDate!, -20))
    const [row] = (await expectOk(call(t.core, 'renewal/list-expiring', {}, clerk))).items
    expect(row).toMatchObject({
      product: 'osago',
      id: old.id,
      number: `${old.blank!.series} ${old.blank!.number}`,
      client: 'Смирнов Алексей Игоревич',
      phone: old.draft.insured.phone,
      plate: 'А123ВС777',
      endDate: old.endDate,
      daysLeft: 20,
      renewalId: null,
    })
    expect(row!.vehicle).toMatch(/Vesta/)
    await t.core.db('osago_policy').insert({
      id: 'issued-renewal',
      created_at: '2026-01-10T10:00:00.000Z',
      updated_at: '2026-01-10T10:00:00.000Z',
      status: 'draft',
      renews_policy_id: old.id,
    })
    expect((await expectOk(call(t.core, 'renewal/list-expiring', {}, clerk))).items[0]!.renewalId).toBe(
      'issued-renewal',
    )
    await t.core.db('osago_policy').where({ id: 'issued-renewal' }).update({ status: 'discarded' })
    await policyRow('issued-2', 'printed', addDays(old.endDate!, 365), { renews_policy_id: old.id })
    expect((await expectOk(call(t.core, 'renewal/list-expiring', {}, clerk))).items).toEqual([])
  })
})

describe('CASCO renewal from the same worklist', () => {
  it('lists the contract and starts a quote marked as its renewal, priced with the renewal discount (seed 002)', async () => {
    const s = await submittedCase(t.core, 'c')
    await submittedInspection(t.core, 'i', s.id, [damage()])
    const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: s.id }, 's'))
    await expectOk(
      call(
        t.core,
        'approval/decide',
        { quoteId: s.id, quoteRowVersion: c.quote.rowVersion, decision: 'approved', validUntil: addDays(today(), 10) },
        's',
      ),
    )
    const approved = await expectOk(call(t.core, 'casco/get-quote', { id: s.id }, 'c'))
    const issued = await expectOk(
      call(
        t.core,
        'casco/issue-contract',
        {
          id: s.id,
          rowVersion: approved.rowVersion,
          payment: {
            method: 'cash',
            receiptNumber: 'ФД 1',
            amountKopecks: approved.result!.options[0]!.schedule.payments[0]!.amountKopecks,
          },
        },
        'c',
      ),
    )
    const end = (await t.core.db('casco_quote').where({ id: issued.id }).first('end_date')).end_date as string
    const early = await on(addDays(end, -61))
    expect(await call(t.core, 'casco/renew-contract', { id: issued.id }, early)).toMatchObject({
      error: { code: 'CONFLICT' },
    })
    const clerk = await on(addDays(end, -30))
    const listed = await expectOk(call(t.core, 'renewal/list-expiring', {}, clerk))
    expect(listed.items.map((i) => [i.product, i.id, i.daysLeft])).toEqual([['casco', issued.id, 30]])
    expect(listed.items[0]!.vehicle).toBe('Kia Rio')

    const renewal = await expectOk(call(t.core, 'casco/renew-contract', { id: issued.id }, clerk))
    expect(renewal.status).toBe('draft')
    expect(renewal.draft.insured).toEqual(approved.draft.insured)
    expect(renewal.draft.contract).toEqual({ quoteDate: today(), startDate: addDays(end, 1), termMonths: 12 })
    expect(renewal.draft.previousPolicy).toEqual({
      startDate: approved.draft.contract.startDate,
      endDate: end,
      claims: null,
      sameOwnerAndInsured: true,
    })
    expect(await t.core.db('casco_quote').where({ id: renewal.id }).first('renews_contract_id')).toEqual({
      renews_contract_id: issued.id,
    })
    expect((await expectOk(call(t.core, 'casco/renew-contract', { id: issued.id }, clerk))).id).toBe(renewal.id)

    // The clerk types the claims under the old contract; the promotion «renewal» is then applied by its conditions.
    const draft = structuredClone(renewal.draft)
    draft.previousPolicy!.claims = 0
    const saved = await expectOk(
      call(t.core, 'casco/save-draft', { id: renewal.id, rowVersion: renewal.rowVersion, draft }, clerk),
    )
    const quoted = await expectOk(
      call(t.core, 'casco/calculate-quote', { id: saved.id, rowVersion: saved.rowVersion }, clerk),
    )
    const promotion = quoted.result!.options[0]!.programs.find((p) => p.code === 'renewal')
    expect(promotion).toMatchObject({ code: 'renewal', applied: true })
    expect(await expectOk(call(t.core, 'renewal/get-links', { product: 'casco', id: issued.id }, clerk))).toMatchObject(
      {
        renewedBy: { product: 'casco', id: renewal.id },
      },
    )
  })
})
