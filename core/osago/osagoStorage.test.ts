import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { emptyPerson, type OsagoDraft } from '../../shared/osago/draft'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { HandlerContext } from '../ipc/handlers'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/**
 * How an OSAGO policy is stored (migration 20261205000015): the documents in osago_document, the hot row small,
 * documents as objects in the outbox and the audit log, and «Рассчитать» as one call with a bounded number of
 * statements, answered from the rows the Writer wrote.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

/** A full application as the counter sees it: the insured, a different owner, two drivers, a plate. */
function fullApplication(): OsagoDraft {
  const d: OsagoDraft = completeDraft(today)
  d.vehicle.plate = 'А123ВС777'
  d.ownerIsInsured = false
  d.owner = {
    type: 'individual',
    person: {
      ...emptyPerson(),
      surname: 'Смирнова',
      name: 'Ольга',
      patronymic: 'Петровна',
      gender: 'female',
      birthDate: '2003-09-30',
      passport: {
        series: '4521',
        number: '654321',
        issueDate: '2023-10-10',
        issuer: 'ГУ МВД России по г. Москве',
        departmentCode: '770-002',
      },
      address: { region: 'Москва', city: '', street: 'ул. Тверская', house: '12', flat: '45' },
      phone: '+7 916 765-43-21',
      email: '',
    },
  }
  return d
}

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i

/** The SQL statements a piece of work runs on the core's database (not BEGIN/COMMIT), with their text. */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = []
  const listener = (q: { sql: string }) => {
    if (DATA_STATEMENT.test(q.sql)) sql.push(q.sql)
  }
  t.core.db.on('query', listener)
  try {
    return { result: await work(), sql }
  } finally {
    t.core.db.off('query', listener)
  }
}

function clerkContext(): HandlerContext {
  return {
    clientId: 'c',
    locale: 'ru',
    user: null,
    actor: { userId: null, login: 'c' },
    now: t.clock.now(),
  }
}

describe('OSAGO storage', () => {
  it('keeps the documents in osago_document and the hot row under 3 KB for a full application', async () => {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const calculated = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion, draft: fullApplication() }, 'c'),
    )
    expect(calculated.status).toBe('calculated')
    const columns = (
      (await t.core.db.raw('SELECT name FROM pragma_table_info(?)', ['osago_policy'])) as {
        name: string
      }[]
    ).map((c) => c.name)
    expect(columns).not.toContain('draft')
    expect(columns).not.toContain('application')
    expect(columns).not.toContain('calculation')
    const hot = (await t.core.db('osago_policy').where({ id: p.id }).first()) as Record<string, unknown>
    const hotBytes = Buffer.byteLength(JSON.stringify(hot))
    expect(hotBytes).toBeLessThanOrEqual(3 * 1024)
    const doc = (await t.core.db('osago_document').where({ id: p.id }).first()) as {
      draft: string
      calculation: string
    }
    // The application is stored once: as the draft typed (the validated one is derived from it).
    expect(JSON.parse(doc.draft)).toEqual(fullApplication())
    expect(JSON.parse(doc.calculation)).toEqual(calculated.calculation)
    expect(calculated.application?.owner).toMatchObject({ type: 'individual', person: { surname: 'Смирнова' } })
  })

  it('«Рассчитать» is one call: save and price in at most four statements, answered from the written rows', async () => {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const handler = t.core.handlers['osago/calculate-policy']
    const { result, sql } = await statementsOf(() =>
      handler({ id: p.id, rowVersion: p.rowVersion, draft: fullApplication() }, clerkContext()),
    )
    // One read of the policy with its document, the two updates, and one insert into write_journal: its trigger
    // files the outbox and audit entries inside SQLite (migration 20261205000016), so the work is the same as
    // before; what one statement saves is a round trip through the driver per table.
    expect(sql).toHaveLength(4)
    expect(sql.filter((s) => /^\s*select/i.test(s))).toHaveLength(1)
    expect(result).toEqual(await expectOk(call(t.core, 'osago/get-policy', { id: p.id }, 'c')))
    expect(result).toMatchObject({ status: 'calculated', rowVersion: p.rowVersion + 1 })
  })

  it('refuses a stale or read-only policy before writing anything, and a draft that does not price before any SQL', async () => {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const handler = t.core.handlers['osago/calculate-policy']
    const stale = await statementsOf(() =>
      handler({ id: p.id, rowVersion: p.rowVersion + 1, draft: fullApplication() }, clerkContext()).catch((e) => e),
    )
    expect(stale.result).toMatchObject({ code: 'CONFLICT' })
    expect(stale.sql).toHaveLength(1)
    const incomplete = completeDraft(today)
    incomplete.insured.surname = ''
    const invalid = await statementsOf(() =>
      handler({ id: p.id, rowVersion: p.rowVersion, draft: incomplete }, clerkContext()).catch((e) => e),
    )
    expect(invalid.result).toMatchObject({ code: 'VALIDATION', fieldErrors: { 'insured.surname': expect.any(String) } })
    expect(invalid.sql).toHaveLength(0)
    expect(await t.core.db('outbox').where({ entity_id: p.id })).toHaveLength(2)
  })

  it('puts documents in the outbox and the audit log as objects, not JSON text inside JSON', async () => {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    await expectOk(
      call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion, draft: fullApplication() }, 'c'),
    )
    const outbox = (await t.core.db('outbox').where({ entity_id: p.id }).orderBy('seq')) as Array<{
      entity: string
      data: string
    }>
    expect(outbox.map((o) => o.entity)).toEqual(['osago_policy', 'osago_document', 'osago_document', 'osago_policy'])
    const calculatedDoc = JSON.parse(outbox[2]!.data) as { draft: unknown; calculation: { premiumKopecks: number } }
    expect(calculatedDoc.draft).toEqual(fullApplication())
    expect(typeof calculatedDoc.calculation.premiumKopecks).toBe('number')
    // The hot row's change carries no document at all.
    const hotChange = JSON.parse(outbox[3]!.data) as Record<string, unknown>
    expect(hotChange).not.toHaveProperty('draft')
    expect(hotChange.status).toBe('calculated')
    const audit = (await t.core
      .db('audit_log')
      .where({ entity: 'osago_document', entity_id: p.id, action: 'osago.calculated' })
      .first()) as { before: string; after: string }
    expect((JSON.parse(audit.after) as { draft: unknown }).draft).toEqual(fullApplication())
    expect(typeof (JSON.parse(audit.before) as { draft: unknown }).draft).toBe('object')
    for (const o of outbox) expect(o.data).not.toMatch(/"\{\\"/)
  })

  it('prices the stored draft when the call sends none', async () => {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const saved = await expectOk(
      call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft: fullApplication() }, 'c'),
    )
    const calculated = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'),
    )
    expect(calculated).toMatchObject({ status: 'calculated', draft: fullApplication() })
  })
})
