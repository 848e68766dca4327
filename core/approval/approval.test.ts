import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DecideInput } from '../../shared/approval/decision'
import { addDays } from '../../shared/dates/calendarDate'
import { damage, submittedCase, submittedInspection, today } from '../casco/testing/cascoCase'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
})
afterEach(async () => t.dispose())

type Decision = Omit<DecideInput, 'quoteId' | 'quoteRowVersion' | 'comment' | 'conditions'> & {
  comment?: string
  conditions?: string[]
}

async function decide(quoteId: string, d: Decision, client = 's') {
  const c = await expectOk(call(t.core, 'approval/get-case', { quoteId }, 's'))
  return call(t.core, 'approval/decide', { quoteId, quoteRowVersion: c.quote.rowVersion, ...d }, client)
}
const validUntil = () => addDays(today(t.core), 14)

describe('approval queue and decisions', () => {
  it('puts a submitted quote in the queue once its report is in, with the checks that fired', async () => {
    const q = await submittedCase(t.core, 'c')
    let ready = await expectOk(call(t.core, 'approval/list-queue', { scope: 'ready' }, 's'))
    let waiting = await expectOk(call(t.core, 'approval/list-queue', { scope: 'waiting' }, 's'))
    expect(ready.items).toEqual([])
    expect(waiting.items).toMatchObject([{ quoteId: q.id, ready: false, inspection: null, mayDecide: true }])
    expect(await decide(q.id, { decision: 'approved', validUntil: validUntil() })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Акт осмотра ещё не передан на согласование' },
    })

    await submittedInspection(t.core, 'i', q.id, [
      damage(),
      damage({ view: 'front', x: 0.2, y: 0.5, partCode: 'front-bumper', typeCode: 'scratch-paint', severity: 'minor' }),
    ])
    ready = await expectOk(call(t.core, 'approval/list-queue', { scope: 'ready' }, 's'))
    waiting = await expectOk(call(t.core, 'approval/list-queue', { scope: 'waiting' }, 's'))
    expect(waiting.items).toEqual([])
    expect(ready.items).toMatchObject([
      {
        quoteId: q.id,
        insuredName: 'Смирнов Алексей Игоревич',
        vehicleName: 'Kia Rio',
        inspection: { status: 'submitted', damageCount: 2 },
        ready: true,
      },
    ])
    expect(ready.items[0]!.checks.map((c) => c.code)).toEqual([
      'theftProneModel',
      'antiTheftMissing',
      'damageFound',
      'acceptedWithExclusions',
    ])
    const found = await expectOk(call(t.core, 'approval/list-queue', { scope: 'ready', query: 'а123' }, 's'))
    expect(found.items).toHaveLength(1)

    const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: q.id }, 's'))
    expect(c).toMatchObject({
      ready: true,
      refusal: null,
      inspection: { quoteId: q.id, damages: [{ number: 1 }, { number: 2 }] },
      quote: { status: 'submitted' },
    })
    expect(c.checks.find((x) => x.code === 'damageFound')).toMatchObject({ source: 'inspection', params: { count: 2 } })
    // The queue is the supervisors' alone.
    expect(await call(t.core, 'approval/list-queue', { scope: 'ready' }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('four eyes: refuses a decision by an inspector, by the supervisor who prepared the quote and by one who inspected it', async () => {
    // A supervisor sells too: the quote they prepared goes to another supervisor.
    const own = await submittedCase(t.core, 's')
    await submittedInspection(t.core, 'i', own.id)
    const mine = await decide(own.id, { decision: 'approved', validUntil: validUntil() })
    expect(mine).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('четырёх глаз') },
    })
    expect((await expectOk(call(t.core, 'approval/get-case', { quoteId: own.id }, 's'))).refusal).toBe(
      'approval.errors.ownQuote',
    )
    expect((await expectOk(call(t.core, 'approval/list-queue', { scope: 'ready' }, 's'))).items[0]).toMatchObject({
      quoteId: own.id,
      mayDecide: false,
    })
    expect(
      await t.core.db('audit_log').where({ action: 'security.four-eyes-refused', entity_id: own.id }),
    ).toHaveLength(1)
    // The inspector who made the report cannot decide at all: the channel is the supervisors'.
    const asInspector = await call(
      t.core,
      'approval/decide',
      { quoteId: own.id, quoteRowVersion: own.rowVersion, decision: 'approved', validUntil: validUntil() },
      'i',
    )
    expect(asInspector).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // …and neither after being made a supervisor: they inspected this vehicle.
    const inspector = (await t.core.db('staff').where({ login: 'inspector1' }).first()) as {
      id: string
      row_version: number
    }
    await signInAs(t.core, 'admin', 'admin')
    await expectOk(
      call(
        t.core,
        'staff/update-staff',
        { id: inspector.id, rowVersion: inspector.row_version, role: 'supervisor' },
        'admin',
      ),
    )
    await expectOk(call(t.core, 'session/sign-in', { login: 'inspector1', password: 'Own12345' }, 'i2'))
    const promoted = await decide(own.id, { decision: 'rejected', comment: 'Нет' }, 'i2')
    expect(promoted).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('проводили осмотр') },
    })
    // Another supervisor may decide; the database itself refuses the author even if the core were bypassed.
    await signInAs(t.core, 'supervisor', 's2', 'supervisor2')
    expect(await decide(own.id, { decision: 'approved', validUntil: validUntil() }, 's2')).toMatchObject({
      ok: true,
      value: { quote: { status: 'approved' } },
    })
    expect(await t.core.db('approval_decision').where({ quote_id: own.id })).toHaveLength(1)
    const author = (await t.core.db('staff').where({ login: 'supervisor1' }).first()) as { id: string }
    await expect(
      t.core.db('approval_decision').insert({
        id: 'x',
        quote_id: own.id,
        quote_row_version: 1,
        decision: 'rejected',
        comment: 'x',
        checks: '[]',
        decided_by: author.id,
        decided_by_name: 'x',
        decided_at: 'x',
        created_at: 'x',
        updated_at: 'x',
      }),
    ).rejects.toThrow(/author/)
  })

  it('returns to the inspector, who corrects the report; approves with conditions; decisions are append-only and audited', async () => {
    const q = await submittedCase(t.core, 'c')
    const report = await submittedInspection(t.core, 'i', q.id, [damage()])
    expect(await decide(q.id, { decision: 'returned', returnTo: 'inspector' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { comment: 'approval.errors.returnCommentRequired' } },
    })
    // If returning the report fails, the decision is not recorded either: one transaction.
    await t.core.db.raw(
      "CREATE TRIGGER test_no_return BEFORE UPDATE ON inspection BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    expect(await decide(q.id, { decision: 'returned', returnTo: 'inspector', comment: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    expect(await t.core.db('approval_decision')).toHaveLength(0)
    expect(await t.core.db('audit_log').where({ action: 'approval.returned' })).toHaveLength(0)
    await t.core.db.raw('DROP TRIGGER test_no_return')
    const returned = await expectOk(
      decide(q.id, { decision: 'returned', returnTo: 'inspector', comment: 'Нет крупного плана повреждения двери' }),
    )
    expect(returned).toMatchObject({
      ready: false,
      quote: {
        status: 'submitted',
        inspection: { status: 'returned', returnReason: 'Нет крупного плана повреждения двери' },
      },
    })
    let insp = await expectOk(call(t.core, 'inspection/get', { id: report.id }, 'i'))
    expect(insp).toMatchObject({ status: 'returned', returnReason: 'Нет крупного плана повреждения двери' })
    // Return, inspection and audit committed together.
    expect(await t.core.db('audit_log').where({ entity_id: report.id, action: 'inspection.returned' })).toHaveLength(1)
    expect(
      await t.core.db('audit_log').where({ action: 'approval.returned', entity: 'approval_decision' }),
    ).toHaveLength(1)

    insp = await expectOk(call(t.core, 'inspection/submit', { id: insp.id, rowVersion: insp.rowVersion }, 'i'))
    expect(
      (await expectOk(call(t.core, 'approval/list-queue', { scope: 'ready' }, 's'))).items.map((x) => x.quoteId),
    ).toEqual([q.id])
    expect(
      await decide(q.id, { decision: 'approved-with-conditions', validUntil: validUntil(), conditions: ['  '] }),
    ).toMatchObject({ ok: false, error: { fieldErrors: { conditions: 'approval.errors.conditionsRequired' } } })
    expect(await decide(q.id, { decision: 'approved', validUntil: addDays(today(t.core), -1) })).toMatchObject({
      ok: false,
      error: { fieldErrors: { validUntil: 'approval.errors.validUntilPast' } },
    })
    const approved = await expectOk(
      decide(q.id, {
        decision: 'approved-with-conditions',
        validUntil: validUntil(),
        conditions: ['Передняя левая дверь исключена из покрытия'],
      }),
    )
    expect(approved.quote.status).toBe('approved-with-conditions')
    expect(approved.quote.decisions.map((d) => [d.decision, d.returnTo])).toEqual([
      ['returned', 'inspector'],
      ['approved-with-conditions', null],
    ])
    const last = approved.quote.decisions[1]!
    expect(last).toMatchObject({
      conditions: ['Передняя левая дверь исключена из покрытия'],
      validUntil: validUntil(),
      decidedByName: 'Сотрудник supervisor1',
      inspectionId: report.id,
    })
    expect(last.checks.map((c) => c.code)).toContain('damageFound')
    // Nothing decided can be changed or removed, and a decided case takes no second decision.
    await expect(t.core.db('approval_decision').where({ id: last.id }).update({ comment: 'x' })).rejects.toThrow(
      /append-only/,
    )
    await expect(t.core.db('approval_decision').where({ id: last.id }).delete()).rejects.toThrow(/append-only/)
    expect(await decide(q.id, { decision: 'rejected', comment: 'Передумал' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await t.core.db('outbox').where({ entity: 'approval_decision' })).toHaveLength(2)
  })

  it('returns the terms to the clerk, who changes and resubmits them; a rejection is final', async () => {
    const q = await submittedCase(t.core, 'c')
    await submittedInspection(t.core, 'i', q.id)
    const stale = await call(
      t.core,
      'approval/decide',
      { quoteId: q.id, quoteRowVersion: q.rowVersion - 1, decision: 'rejected', comment: 'x' },
      's',
    )
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const back = await expectOk(decide(q.id, { decision: 'returned', returnTo: 'clerk', comment: 'Нужна франшиза' }))
    expect(back.quote.status).toBe('returned')
    expect(back.quote.inspection!.status).toBe('submitted')
    const r = await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
    const edited = await expectOk(
      call(
        t.core,
        'casco/save-draft',
        { id: q.id, rowVersion: r.rowVersion, draft: { ...r.draft, sumInsuredKopecks: 1_400_000_00 } },
        'c',
      ),
    )
    const quoted = await expectOk(
      call(t.core, 'casco/calculate-quote', { id: q.id, rowVersion: edited.rowVersion }, 'c'),
    )
    const chosen = await expectOk(
      call(t.core, 'casco/choose-option', { id: q.id, rowVersion: quoted.rowVersion, option: 1 }, 'c'),
    )
    const again = await expectOk(
      call(t.core, 'casco/submit-for-approval', { id: q.id, rowVersion: chosen.rowVersion }, 'c'),
    )
    expect(again.status).toBe('submitted')
    expect(
      (await expectOk(call(t.core, 'approval/list-queue', { scope: 'ready' }, 's'))).items.map((x) => x.quoteId),
    ).toEqual([q.id])
    const rejected = await expectOk(
      decide(q.id, { decision: 'rejected', comment: 'Угоняемая модель без поисковой системы' }),
    )
    expect(rejected.quote.status).toBe('rejected')
    expect(
      await call(t.core, 'casco/submit-for-approval', { id: q.id, rowVersion: rejected.quote.rowVersion }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const decided = await expectOk(call(t.core, 'approval/list-queue', { scope: 'decided' }, 's'))
    expect(decided.items).toMatchObject([{ quoteId: q.id, lastDecision: { decision: 'rejected' } }])
  })
})
