import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_BLANKS_PER_RANGE } from '../../shared/blanks/schemas'
import { translate } from '../../shared/i18n/messages'
import { AppError } from '../app/appError'
import { write, type Actor } from '../db/write'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { assignBlank, spoilBlank } from './blankUse'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'a')
})
afterEach(async () => t.dispose())

const receive = (series: string, fromNumber: string, toNumber: string, clientId = 'a') =>
  call(t.core, 'blanks/receive-range', { series, fromNumber, toNumber }, clientId)
const n = (i: number) => String(i).padStart(10, '0')

async function clerkActor(): Promise<Actor> {
  const admin = (await t.core.db('staff').where({ login: 'admin' }).first()) as { id: string }
  return { userId: admin.id, login: 'admin' }
}
/** What the OSAGO issue flow does: its own write(), with the blank taken inside it. */
async function issue(args: { policyId: string; blankId?: string }) {
  return write(t.core.db, await clerkActor(), 'osago.issued', t.clock.now(), (w) => assignBlank(w, args))
}
async function reprint(policyId: string, oldBlankId: string, reason: string, blankId?: string) {
  return write(t.core.db, await clerkActor(), 'osago.reissued', t.clock.now(), async (w) => {
    await spoilBlank(w, { blankId: oldBlankId, reason })
    return assignBlank(w, blankId ? { policyId, blankId } : { policyId })
  })
}
async function idOf(series: string, number: string): Promise<string> {
  return ((await t.core.db('policy_blank').where({ series, number }).first()) as { id: string }).id
}
async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

describe('receiving a range', () => {
  it('creates one available blank per number, each with its outbox and audit entry', async () => {
    expect(await expectOk(receive('ХХХ', '0123456780', '0123456789'))).toEqual({
      series: 'ХХХ',
      fromNumber: '0123456780',
      toNumber: '0123456789',
      count: 10,
    })
    const rows = await t.core.db('policy_blank').orderBy('number')
    expect(rows).toHaveLength(10)
    expect(rows.map((r: { number: string }) => r.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => n(123456780 + i)),
    )
    const admin = (await t.core.db('staff').where({ login: 'admin' }).first()) as { id: string }
    expect(rows[0]).toMatchObject({
      series: 'ХХХ',
      status: 'available',
      received_by: admin.id,
      received_at: t.clock.now().toISOString(),
      policy_id: null,
      row_version: 1,
    })
    expect(await t.core.db('outbox').where({ entity: 'policy_blank', op: 'insert' })).toHaveLength(10)
    expect(await t.core.db('audit_log').where({ entity: 'policy_blank', action: 'blank.received' })).toHaveLength(10)
  })

  it('folds Latin look-alike letters of the series to Cyrillic and strips separators from the numbers', async () => {
    // "AXK" typed on the English layout, in lower case, with a space; numbers with spaces and a dash.
    expect(await expectOk(receive('a xk', '000 000 0001', '000-000-0003'))).toMatchObject({
      series: 'АХК',
      fromNumber: '0000000001',
      toNumber: '0000000003',
      count: 3,
    })
    expect(await t.core.db('policy_blank').distinct('series')).toEqual([{ series: 'АХК' }])
    // The same series typed the other way is the same series: its numbers overlap.
    expect(await receive('АХК', '0000000003', '0000000004')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('refuses a bad series or number at the field', async () => {
    for (const [series, fromNumber, toNumber, field, key] of [
      ['ХХ', n(1), n(2), 'series', 'validation.policySeries.format'],
      ['ХХХХ', n(1), n(2), 'series', 'validation.policySeries.format'],
      ['XQX', n(1), n(2), 'series', 'validation.policySeries.format'], // Q has no Cyrillic twin
      ['ХХ1', n(1), n(2), 'series', 'validation.policySeries.format'],
      ['', n(1), n(2), 'series', 'validation.required'],
      ['ХХХ', '123456789', n(2), 'fromNumber', 'validation.policyNumber.format'],
      ['ХХХ', n(1), '12345678901', 'toNumber', 'validation.policyNumber.format'],
      ['ХХХ', n(1), '00000000O2', 'toNumber', 'validation.policyNumber.format'],
    ] as const) {
      const r = await receive(series, fromNumber, toNumber)
      expect(r, `${series} ${fromNumber} ${toNumber}`).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fieldErrors: { [field]: key } },
      })
    }
    expect(await t.core.db('policy_blank')).toHaveLength(0)
  })

  it('refuses a range that runs backwards or is too long; one number and the longest range are fine', async () => {
    expect(await receive('ХХХ', n(10), n(9))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { toNumber: 'validation.blankRange.order' } },
    })
    expect(await receive('ХХХ', n(1), n(MAX_BLANKS_PER_RANGE + 1))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { toNumber: 'validation.blankRange.tooMany' } },
    })
    expect(await expectOk(receive('ХХХ', n(9_999_999_999), n(9_999_999_999)))).toMatchObject({ count: 1 })
    expect(await expectOk(receive('ААА', n(1), n(MAX_BLANKS_PER_RANGE)))).toMatchObject({ count: MAX_BLANKS_PER_RANGE })
    const stock = await expectOk(call(t.core, 'blanks/get-stock', undefined, 'a'))
    expect(stock.totals.received).toBe(MAX_BLANKS_PER_RANGE + 1)
    // The message states the same limit the schema enforces.
    for (const locale of ['ru', 'en'] as const) {
      expect(translate(locale, 'validation.blankRange.tooMany').replace(/[\s,]/g, '')).toContain(
        String(MAX_BLANKS_PER_RANGE),
      )
    }
  }, 60_000)

  it('refuses any overlap with blanks already received, naming the first clash, and keeps nothing of the range', async () => {
    await expectOk(receive('ХХХ', n(100), n(199)))
    for (const [from, to, first] of [
      [n(50), n(100), n(100)],
      [n(150), n(160), n(150)],
      [n(199), n(250), n(199)],
      [n(1), n(1000), n(100)],
    ]) {
      const r = await receive('ХХХ', from!, to!)
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          fieldErrors: { fromNumber: 'blanks.errors.overlapField', toNumber: 'blanks.errors.overlapField' },
        },
      })
      if (!r.ok) expect(r.error.message).toContain(`ХХХ ${first}`)
    }
    expect(await t.core.db('policy_blank')).toHaveLength(100)
    // Next to the range, or the same numbers in another series, is no overlap.
    await expectOk(receive('ХХХ', n(200), n(201)))
    await expectOk(receive('ХХХ', n(98), n(99)))
    await expectOk(receive('ААА', n(100), n(199)))
  })
})

describe('assigning a blank to a policy (the OSAGO issue flow)', () => {
  beforeEach(async () => {
    await expectOk(receive('ВВВ', n(1), n(3)))
    await expectOk(receive('ААА', n(7), n(8)))
    await expectOk(receive('ААА', n(5), n(5)))
  })

  it('takes the next available blank: lowest series, then lowest number', async () => {
    const taken = []
    for (let i = 0; i < 6; i++) taken.push(await issue({ policyId: `policy-${i}` }))
    expect(taken.map((b) => `${b.series} ${b.number}`)).toEqual([
      'ААА 0000000005',
      'ААА 0000000007',
      'ААА 0000000008',
      'ВВВ 0000000001',
      'ВВВ 0000000002',
      'ВВВ 0000000003',
    ])
    const row = await t.core.db('policy_blank').where({ id: taken[0]!.id }).first()
    const actor = await clerkActor()
    expect(row).toMatchObject({
      status: 'used',
      policy_id: 'policy-0',
      used_by: actor.userId,
      used_at: t.clock.now().toISOString(),
      row_version: 2,
    })
    const audit = await t.core
      .db('audit_log')
      .where({ entity: 'policy_blank', entity_id: taken[0]!.id, action: 'osago.issued' })
      .first()
    expect(JSON.parse(audit.before)).toMatchObject({ status: 'available', policy_id: null })
    expect(JSON.parse(audit.after)).toMatchObject({ status: 'used', policy_id: 'policy-0' })
  })

  it('when none is left: CONFLICT with a clear message, and the issue writes nothing', async () => {
    for (let i = 0; i < 6; i++) await issue({ policyId: `policy-${i}` })
    const outboxBefore = await t.core.db('outbox').count({ c: '*' }).first()
    const e = await rejection(issue({ policyId: 'policy-late' }))
    expect(e).toMatchObject({ code: 'CONFLICT', messageKey: 'blanks.errors.noneAvailable' })
    expect(translate('ru', e.messageKey)).toMatch(/Нет свободных бланков/)
    expect(await t.core.db('outbox').count({ c: '*' }).first()).toEqual(outboxBefore)
  })

  it('takes the chosen blank; a used, spoiled or unknown one is refused at the blank field', async () => {
    const chosen = await idOf('ВВВ', n(2))
    expect(await issue({ policyId: 'p1', blankId: chosen })).toEqual({ id: chosen, series: 'ВВВ', number: n(2) })
    const used = await rejection(issue({ policyId: 'p2', blankId: chosen }))
    expect(used).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'blanks.errors.alreadyUsed',
      params: { series: 'ВВВ', number: n(2) },
      fieldErrors: { blankId: 'blanks.errors.alreadyUsed' },
    })

    const damaged = await idOf('ВВВ', n(3))
    await expectOk(call(t.core, 'blanks/spoil-blank', { blankId: damaged, reason: 'Порван' }, 'a'))
    expect(await rejection(issue({ policyId: 'p2', blankId: damaged }))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'blanks.errors.alreadySpoiled',
    })
    expect(await rejection(issue({ policyId: 'p2', blankId: '01900000-0000-7000-8000-000000000000' }))).toMatchObject({
      code: 'NOT_FOUND',
      fieldErrors: { blankId: 'blanks.errors.notFound' },
    })
    // The next free blank is still the lowest one: choosing did not disturb the order.
    expect(await issue({ policyId: 'p2' })).toMatchObject({ series: 'ААА', number: n(5) })
  })

  it('one policy holds one blank: a second assignment is refused until the first blank is spoiled (reprint)', async () => {
    const first = await issue({ policyId: 'p1' })
    expect(await rejection(issue({ policyId: 'p1' }))).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'blanks.errors.policyHasBlank',
      params: { series: 'ААА', number: n(5) },
    })
    // The refused attempt took nothing.
    expect(await t.core.db('policy_blank').where({ status: 'used' })).toHaveLength(1)

    const second = await reprint('p1', first.id, 'Замят принтером', await idOf('ВВВ', n(1)))
    expect(second).toMatchObject({ series: 'ВВВ', number: n(1) })
    const old = await t.core.db('policy_blank').where({ id: first.id }).first()
    // The spoiled blank keeps the policy it carried, for the record.
    expect(old).toMatchObject({ status: 'spoiled', policy_id: 'p1', spoiled_reason: 'Замят принтером', row_version: 3 })
    expect(await t.core.db('policy_blank').where({ policy_id: 'p1', status: 'used' })).toHaveLength(1)
  })
})

describe('spoiling a blank', () => {
  beforeEach(async () => expectOk(receive('ХХХ', n(1), n(4))))

  it('from stock: admin or supervisor, with a reason; the blank is never handed out again', async () => {
    const id = await idOf('ХХХ', n(1))
    const spoiled = await expectOk(call(t.core, 'blanks/spoil-blank', { blankId: id, reason: '  Залит водой  ' }, 'a'))
    expect(spoiled).toMatchObject({
      status: 'spoiled',
      spoiledReason: 'Залит водой',
      spoiledBy: 'Иванова Мария Петровна',
      spoiledAt: t.clock.now().toISOString(),
      policyId: null,
    })
    expect(await issue({ policyId: 'p1' })).toMatchObject({ number: n(2) })
    expect(await call(t.core, 'blanks/spoil-blank', { blankId: id, reason: 'Ещё раз' }, 'a')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fieldErrors: { blankId: 'blanks.errors.alreadySpoiled' } },
    })

    await signInAs(t.core, 'supervisor', 's')
    await expectOk(
      call(t.core, 'blanks/spoil-blank', { blankId: await idOf('ХХХ', n(3)), reason: 'Порван при выдаче' }, 's'),
    )
    expect((await expectOk(call(t.core, 'blanks/get-stock', undefined, 's'))).totals).toEqual({
      received: 4,
      used: 1,
      spoiled: 2,
      onHand: 1,
    })
  })

  it('the stock screen cannot spoil a blank that carries a policy: that is a reprint', async () => {
    const used = await issue({ policyId: 'p1' })
    const r = await call(t.core, 'blanks/spoil-blank', { blankId: used.id, reason: 'Ошибка в полисе' }, 'a')
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fieldErrors: { blankId: 'blanks.errors.spoilUsedViaPolicy' } },
    })
    if (!r.ok) expect(r.error.message).toContain(`ХХХ ${n(1)}`)
    expect(await t.core.db('policy_blank').where({ id: used.id }).first()).toMatchObject({ status: 'used' })
  })

  it('needs a reason', async () => {
    const id = await idOf('ХХХ', n(1))
    expect(await call(t.core, 'blanks/spoil-blank', { blankId: id, reason: '   ' }, 'a')).toMatchObject({
      error: { code: 'VALIDATION', fieldErrors: { reason: 'validation.required' } },
    })
    expect(await call(t.core, 'blanks/spoil-blank', { blankId: id, reason: 'ой' }, 'a')).toMatchObject({
      error: { code: 'VALIDATION', fieldErrors: { reason: 'validation.spoilReason.tooShort' } },
    })
    const e = await rejection(
      write(t.core.db, await clerkActor(), 'osago.reissued', t.clock.now(), (w) =>
        spoilBlank(w, { blankId: id, reason: ' ' }),
      ),
    )
    expect(e).toMatchObject({ code: 'VALIDATION', fieldErrors: { reason: 'validation.required' } })
    expect(await t.core.db('policy_blank').where({ id }).first()).toMatchObject({ status: 'available' })
  })

  it('the database itself refuses to put a used or spoiled blank back into stock, or a used one without its policy', async () => {
    const used = await issue({ policyId: 'p1' })
    const spoiled = await idOf('ХХХ', n(2))
    await expectOk(call(t.core, 'blanks/spoil-blank', { blankId: spoiled, reason: 'Порван' }, 'a'))
    await expect(
      t.core.db('policy_blank').where({ id: used.id }).update({ status: 'available', policy_id: null, used_at: null }),
    ).rejects.toThrow(/never returns to stock/)
    await expect(
      t.core
        .db('policy_blank')
        .where({ id: spoiled })
        .update({ status: 'available', spoiled_at: null, spoiled_reason: null }),
    ).rejects.toThrow(/never returns to stock/)
    await expect(
      t.core.db('policy_blank').where({ id: spoiled }).update({ status: 'used', policy_id: 'p9', used_at: 'x' }),
    ).rejects.toThrow(/never returns to stock/)
    const free = await idOf('ХХХ', n(3))
    await expect(t.core.db('policy_blank').where({ id: free }).update({ status: 'used' })).rejects.toThrow(
      /do not match the status/,
    )
    await expect(
      t.core.db('policy_blank').where({ id: free }).update({ status: 'spoiled', spoiled_at: 'x' }),
    ).rejects.toThrow(/do not match the status/)
  })
})

describe('stock report and list', () => {
  beforeEach(async () => {
    await expectOk(receive('ХХХ', n(1), n(5)))
    await expectOk(receive('ААА', n(11), n(13)))
    await issue({ policyId: 'p1' }) // ААА 11
    const first = await issue({ policyId: 'p2' }) // ААА 12
    await reprint('p2', first.id, 'Опечатка при печати') // ААА 12 spoiled, ААА 13 used
    await expectOk(call(t.core, 'blanks/spoil-blank', { blankId: await idOf('ХХХ', n(5)), reason: 'Залит' }, 'a'))
  })

  it('counts received, used, spoiled and on hand, per series and in total', async () => {
    expect(await expectOk(call(t.core, 'blanks/get-stock', undefined, 'a'))).toEqual({
      totals: { received: 8, used: 2, spoiled: 2, onHand: 4 },
      bySeries: [
        { series: 'ААА', received: 3, used: 2, spoiled: 1, onHand: 0 },
        { series: 'ХХХ', received: 5, used: 0, spoiled: 1, onHand: 4 },
      ],
    })
  })

  it('an empty branch has zero stock', async () => {
    const fresh = await makeTestCore()
    try {
      await setupBranch(fresh.core)
      await signInAs(fresh.core, 'clerk', 'c')
      expect(await expectOk(call(fresh.core, 'blanks/get-stock', undefined, 'c'))).toEqual({
        totals: { received: 0, used: 0, spoiled: 0, onHand: 0 },
        bySeries: [],
      })
      expect(await expectOk(call(fresh.core, 'blanks/list-blanks', undefined, 'c'))).toEqual({ items: [], total: 0 })
    } finally {
      await fresh.dispose()
    }
  })

  it('lists blanks in series and number order, filtered by status and series, a page at a time', async () => {
    const all = await expectOk(call(t.core, 'blanks/list-blanks', undefined, 'a'))
    expect(all.total).toBe(8)
    expect(all.items.map((b) => `${b.series} ${b.number.slice(-2)} ${b.status}`)).toEqual([
      'ААА 11 used',
      'ААА 12 spoiled',
      'ААА 13 used',
      'ХХХ 01 available',
      'ХХХ 02 available',
      'ХХХ 03 available',
      'ХХХ 04 available',
      'ХХХ 05 spoiled',
    ])
    expect(all.items[1]).toMatchObject({
      policyId: 'p2',
      spoiledReason: 'Опечатка при печати',
      spoiledBy: 'Иванова Мария Петровна',
      usedBy: 'Иванова Мария Петровна',
      receivedBy: 'Иванова Мария Петровна',
    })

    const spoiled = await expectOk(call(t.core, 'blanks/list-blanks', { status: 'spoiled' }, 'a'))
    expect(spoiled.items.map((b) => `${b.series} ${b.number.slice(-2)}`)).toEqual(['ААА 12', 'ХХХ 05'])
    // The series filter folds Latin twins too ("XXX" typed on the English layout).
    const page = await expectOk(
      call(t.core, 'blanks/list-blanks', { series: 'xxx', status: 'available', limit: 2, offset: 2 }, 'a'),
    )
    expect(page).toMatchObject({ total: 4, items: [{ number: n(3) }, { number: n(4) }] })
    expect(await call(t.core, 'blanks/list-blanks', { limit: 500 }, 'a')).toMatchObject({
      error: { code: 'VALIDATION' },
    })
  })
})

describe('roles', () => {
  beforeEach(async () => expectOk(receive('ХХХ', n(1), n(2))))

  it('a clerk sees the stock and the list but cannot receive or spoil', async () => {
    await signInAs(t.core, 'clerk', 'c')
    expect((await expectOk(call(t.core, 'blanks/get-stock', undefined, 'c'))).totals.onHand).toBe(2)
    expect((await expectOk(call(t.core, 'blanks/list-blanks', undefined, 'c'))).total).toBe(2)
    expect(await receive('ААА', n(1), n(2), 'c')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await call(t.core, 'blanks/spoil-blank', { blankId: await idOf('ХХХ', n(1)), reason: 'Порван' }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await t.core.db('policy_blank').where({ status: 'available' })).toHaveLength(2)
    expect(await t.core.db('audit_log').where({ action: 'security.forbidden' })).toHaveLength(2)
  })

  it('a supervisor may spoil but not receive', async () => {
    await signInAs(t.core, 'supervisor', 's')
    expect(await receive('ААА', n(1), n(2), 's')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await expectOk(call(t.core, 'blanks/spoil-blank', { blankId: await idOf('ХХХ', n(1)), reason: 'Порван' }, 's'))
  })

  it('an inspector has no business with blanks', async () => {
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'blanks/get-stock', undefined, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(t.core, 'blanks/list-blanks', undefined, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('nobody signed in gets nothing', async () => {
    expect(await call(t.core, 'blanks/get-stock', undefined, 'anon')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await receive('ААА', n(1), n(2), 'anon')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
