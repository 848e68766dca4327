import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { toWire } from '../../shared/sync/documentColumns'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/**
 * «Reissue on a new blank» as history: the audit log and the outbox must tell where the policy was before — the
 * spoiled blank — and where it is now, with every state recorded once and in order.
 */

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

type Entry = { action: string; entity_id: string; before: string | null; after: string }
type PolicyState = {
  status: string
  blank_id: string | null
  policy_series: string | null
  policy_number: string | null
  row_version: number
}

async function blankId(number: string): Promise<string> {
  return ((await t.core.db('policy_blank').where({ number }).first()) as { id: string }).id
}

/** A policy issued on blank 0000000104, then reprinted on the next free blank (0000000101). */
async function issuedThenReissued() {
  const today = todayIn('Europe/Moscow', t.clock.now())
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const saved = await expectOk(
    call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) }, 'c'),
  )
  const calc = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'))
  const payment = { method: 'cash' as const, receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks }
  const issued = await expectOk(
    call(
      t.core,
      'osago/issue-policy',
      { id: p.id, rowVersion: calc.rowVersion, payment, blankId: await blankId('0000000104') },
      'c',
    ),
  )
  const reissued = await expectOk(
    call(
      t.core,
      'osago/reissue-on-new-blank',
      { id: p.id, rowVersion: issued.rowVersion, reason: 'Замятие в принтере' },
      'c',
    ),
  )
  return { id: p.id, issued, reissued }
}

describe('reissue on a new blank: the history', () => {
  it('the audit entry of the reissue reads the old blank as the before-state and the new one as the after-state', async () => {
    const { id, reissued } = await issuedThenReissued()
    const old = await blankId('0000000104')
    const fresh = await blankId('0000000101')
    expect(reissued.blank).toMatchObject({ id: fresh, number: '0000000101' })
    const entries = (await t.core
      .db('audit_log')
      .where({ entity: 'osago_policy', entity_id: id, action: 'osago.reissued-on-new-blank' })) as Entry[]
    expect(entries).toHaveLength(1)
    const before = JSON.parse(entries[0]!.before!) as PolicyState
    const after = JSON.parse(entries[0]!.after) as PolicyState
    expect(before).toMatchObject({ status: 'issued', blank_id: old, policy_series: 'ААК', policy_number: '0000000104' })
    expect(after).toMatchObject({
      status: 'issued',
      blank_id: fresh,
      policy_series: 'ААК',
      policy_number: '0000000101',
      row_version: before.row_version + 1,
    })
  })

  it("the policy's audit entries form an unbroken chain, each before-state the previous after-state, as the outbox's versions do", async () => {
    const { id } = await issuedThenReissued()
    const entries = (await t.core
      .db('audit_log')
      .where({ entity: 'osago_policy', entity_id: id })
      .orderBy('seq')) as Entry[]
    expect(entries.map((e) => e.action)).toEqual([
      'osago.draft-created',
      'osago.draft-saved',
      'osago.calculated',
      'osago.issued',
      'osago.reissued-on-new-blank',
    ])
    // The insert's after-image holds the columns it set; a column it left out is NULL in the row.
    const full = (json: string) => {
      const row = JSON.parse(json) as Record<string, unknown>
      return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]))
    }
    const columns = Object.keys(await t.core.db('osago_policy').where({ id }).first())
    for (let i = 1; i < entries.length; i++)
      expect(full(entries[i]!.before!), entries[i]!.action).toEqual(full(entries[i - 1]!.after))
    const outbox = (await t.core
      .db('outbox')
      .where({ entity: 'osago_policy', entity_id: id })
      .orderBy('seq')) as Array<{ row_version: number; data: string }>
    expect(outbox.map((o) => o.row_version)).toEqual([1, 2, 3, 4, 5])
    // What HQ receives last is the row as it is now, its documents (the payment) as objects.
    expect(JSON.parse(outbox.at(-1)!.data)).toEqual(
      toWire('osago_policy', await t.core.db('osago_policy').where({ id }).first()),
    )
  })

  it('the spoiled blank keeps its policy and shows the move in its own audit entry', async () => {
    const { id } = await issuedThenReissued()
    const old = await blankId('0000000104')
    const spoiled = (await t.core
      .db('audit_log')
      .where({ entity: 'policy_blank', entity_id: old, action: 'osago.reissued-on-new-blank' })) as Entry[]
    expect(spoiled).toHaveLength(1)
    expect(JSON.parse(spoiled[0]!.before!)).toMatchObject({ status: 'used', policy_id: id })
    expect(JSON.parse(spoiled[0]!.after)).toMatchObject({
      status: 'spoiled',
      policy_id: id,
      spoiled_reason: 'Замятие в принтере',
    })
    const taken = (await t.core.db('audit_log').where({
      entity: 'policy_blank',
      entity_id: await blankId('0000000101'),
      action: 'osago.reissued-on-new-blank',
    })) as Entry[]
    expect(JSON.parse(taken[0]!.before!)).toMatchObject({ status: 'available', policy_id: null })
    expect(JSON.parse(taken[0]!.after)).toMatchObject({ status: 'used', policy_id: id })
  })
})
