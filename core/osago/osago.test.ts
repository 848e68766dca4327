import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

async function newPolicy() {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  return expectOk(
    call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) }, 'c'),
  )
}

describe('OSAGO at the counter', () => {
  it('creates a draft dated today that autosaves with outbox and audit entries', async () => {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    expect(p).toMatchObject({ status: 'draft', rowVersion: 1 })
    expect(p.draft.contract.conclusionDate).toBe(today)
    const draft = completeDraft(today)
    draft.insured.surname = 'Смирн'
    const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: 1, draft }, 'c'))
    expect(saved.rowVersion).toBe(2)
    expect(await t.core.db('outbox').where({ entity: 'osago_policy', entity_id: p.id })).toHaveLength(2)
    expect(
      (await t.core.db('audit_log').where({ entity: 'osago_policy', entity_id: p.id })).map(
        (a: { action: string }) => a.action,
      ),
    ).toEqual(['osago.draft-created', 'osago.draft-saved'])
    // The draft is the policy's document: its own row, outbox and audit entries, in the same transactions.
    expect(await t.core.db('outbox').where({ entity: 'osago_document', entity_id: p.id })).toHaveLength(2)
    // A stale autosave is refused rather than overwriting newer text.
    expect(await call(t.core, 'osago/save-draft', { id: p.id, rowVersion: 1, draft }, 'c')).toMatchObject({
      error: { code: 'CONFLICT' },
    })
  })

  it('quotes live, calculates with the breakdown, issues on the next blank with payment, and becomes read-only', async () => {
    const p = await newPolicy()
    const quote = await expectOk(call(t.core, 'osago/quote-premium', { draft: completeDraft(today) }, 'c'))
    if (!quote.ok) throw new Error(quote.message)
    // Moscow KT 1.80, KBM 1.17 (class 3), KVS of the youngest (23, experience 1) 1.72, KM 1.2 (106 hp: >100–120), TB 7500 (7204-U)
    expect(quote.premium.coefficients).toMatchObject({ kt: 1.8, kbm: 1.17, km: 1.2, ko: 1, ks: 1, kn: 1 })
    const calculated = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion }, 'c'),
    )
    expect(calculated.status).toBe('calculated')
    expect(calculated.calculation!.premiumKopecks).toBe(quote.premium.premiumKopecks)
    expect(calculated.calculation!.breakdown.map((b) => b.code)).toEqual([
      'tb',
      'kt',
      'kbm',
      'kvs',
      'ko',
      'km',
      'ks',
      'kn',
      'kp',
      'kpr',
    ])
    expect(calculated.endDate).toBe(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`)

    const wrongAmount = await call(
      t.core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calculated.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: 1 },
      },
      'c',
    )
    expect(wrongAmount).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'payment.amountKopecks': 'osago.errors.paymentMismatch' } },
    })
    const issued = await expectOk(
      call(
        t.core,
        'osago/issue-policy',
        {
          id: p.id,
          rowVersion: calculated.rowVersion,
          payment: { method: 'card', receiptNumber: 'ФД 123', amountKopecks: calculated.calculation!.premiumKopecks },
        },
        'c',
      ),
    )
    expect(issued).toMatchObject({
      status: 'issued',
      blank: { series: 'ААК', number: '0000000101' },
      payment: { method: 'card', receiptNumber: 'ФД 123' },
    })
    expect(
      await call(
        t.core,
        'osago/save-draft',
        { id: p.id, rowVersion: issued.rowVersion, draft: completeDraft(today) },
        'c',
      ),
    ).toMatchObject({ error: { code: 'CONFLICT' } })
    const blank = await t.core.db('policy_blank').where({ number: '0000000101' }).first()
    expect(blank).toMatchObject({ status: 'used', policy_id: p.id })
  })

  it('refuses an incomplete or invalid application with field errors the form can show', async () => {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const draft = completeDraft(today)
    draft.vehicle.vin = 'XTAGFK330RY12345O'
    draft.insured.passport.series = '45'
    draft.contract.periodsOfUse = [{ from: draft.contract.startDate, to: draft.contract.startDate }]
    const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
    const r = await call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c')
    if (r.ok) throw new Error('expected refusal')
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.fieldErrors).toMatchObject({
      'vehicle.vin': 'validation.vin.forbiddenLetters',
      'insured.passport.series': 'validation.passportSeries.format',
    })
  })

  it('reports a too-short period of use even before the rest of the form is filled', async () => {
    const empty = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const draft0 = empty.draft
    draft0.contract.periodsOfUse = [{ from: draft0.contract.startDate, to: draft0.contract.startDate }]
    const q0 = await expectOk(call(t.core, 'osago/quote-premium', { draft: draft0 }, 'c'))
    expect(q0).toMatchObject({ ok: false, field: 'contract.periodsOfUse', messageKey: 'osago.errors.periodsTooShort' })
  })

  it('shows a too-short period of use at the period', async () => {
    const draft = completeDraft(today)
    draft.contract.periodsOfUse = [{ from: draft.contract.startDate, to: draft.contract.startDate }]
    const quote = await expectOk(call(t.core, 'osago/quote-premium', { draft }, 'c'))
    expect(quote).toMatchObject({ ok: false })
    if (!quote.ok) expect(quote.field).toMatch(/^contract\.periodsOfUse/)
  })

  it('issues a chosen blank, never the same blank twice, and reprints on a fresh blank after spoiling', async () => {
    const a = await newPolicy()
    const b = await newPolicy()
    const ca = await expectOk(call(t.core, 'osago/calculate-policy', { id: a.id, rowVersion: a.rowVersion }, 'c'))
    const cb = await expectOk(call(t.core, 'osago/calculate-policy', { id: b.id, rowVersion: b.rowVersion }, 'c'))
    const chosen = (await t.core.db('policy_blank').where({ number: '0000000104' }).first()) as { id: string }
    const pay = (k: number) => ({ method: 'cash' as const, receiptNumber: 'ФД 1', amountKopecks: k })
    const ia = await expectOk(
      call(
        t.core,
        'osago/issue-policy',
        { id: a.id, rowVersion: ca.rowVersion, payment: pay(ca.calculation!.premiumKopecks), blankId: chosen.id },
        'c',
      ),
    )
    expect(ia.blank!.number).toBe('0000000104')
    expect(
      await call(
        t.core,
        'osago/issue-policy',
        { id: b.id, rowVersion: cb.rowVersion, payment: pay(cb.calculation!.premiumKopecks), blankId: chosen.id },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const re = await expectOk(
      call(
        t.core,
        'osago/reissue-on-new-blank',
        { id: a.id, rowVersion: ia.rowVersion, reason: 'Замятие в принтере' },
        'c',
      ),
    )
    expect(re.blank!.number).toBe('0000000101')
    expect(await t.core.db('policy_blank').where({ number: '0000000104' }).first()).toMatchObject({
      status: 'spoiled',
      spoiled_reason: 'Замятие в принтере',
    })
  })

  it('finds policies by surname (any case, Cyrillic), plate, VIN and policy number; filters by status', async () => {
    const p = await newPolicy()
    const c = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion }, 'c'))
    await expectOk(
      call(
        t.core,
        'osago/issue-policy',
        {
          id: p.id,
          rowVersion: c.rowVersion,
          payment: { method: 'cash', receiptNumber: '1', amountKopecks: c.calculation!.premiumKopecks },
        },
        'c',
      ),
    )
    await newPolicy()
    const find = async (query: string, status?: 'issued') =>
      (
        await expectOk(
          call(t.core, 'osago/list-policies', { query, ...(status ? { status } : {}), limit: 50, offset: 0 }, 'c'),
        )
      ).total
    expect(await find('СМИРНОВ')).toBe(2)
    expect(await find('смирнов', 'issued')).toBe(1)
    expect(await find('XTAGFK330RY123456')).toBe(2)
    expect(await find('ААК 0000000101')).toBe(1)
    expect(await find('ААК0000000101')).toBe(1)
    expect(await find('Иванов')).toBe(0)
  })

  it('suggests streets already used in the branch for the same city', async () => {
    await newPolicy()
    expect(
      await expectOk(call(t.core, 'osago/suggest-streets', { region: 'Москва', city: '', prefix: 'ул. т' }, 'c')),
    ).toEqual(['ул. Тверская'])
  })

  it('is refused to inspectors and admins by the core', async () => {
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'osago/create-draft', undefined, 'i')).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(await call(t.core, 'osago/create-draft', undefined, 'admin')).toMatchObject({ error: { code: 'FORBIDDEN' } })
  })
})
