import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { submittedInspection, quotedCase } from '../casco/testing/cascoCase'
import { CLIENT_SEARCH } from './clientSearch'
import { matchingRows } from '../db/search'
import { keepPdf, pdfText, pdfToPng } from '../print/testing/pdfTools'
import { previewPdf } from '../print/testing/previewPdf'

let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000109' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

/** An OSAGO policy issued through the counter's channels, the draft changed by `edit`. */
async function issuePolicy(edit: (d: ReturnType<typeof completeDraft>) => void = () => {}) {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const draft = completeDraft(today)
  edit(draft)
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  const calc = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'))
  return expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calc.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
}

const clientOf = async (entity: string, id: string, role = 'insured') =>
  ((await t.core.db('client_link').where({ entity, entity_id: id, role }).first()) as { client_id: string } | undefined)
    ?.client_id

describe('the client card', () => {
  it('is made when a policy is issued, in the same transaction, and matched by passport the next time', async () => {
    const first = await issuePolicy()
    const id = await clientOf('osago_policy', first.id)
    expect(id).toBeDefined()
    // The client, its first version and the link went out with the issue: one write, one set of outbox entries.
    const issueChange = (await t.core
      .db('outbox')
      .where({ entity: 'osago_policy', entity_id: first.id })
      .orderBy('seq')
      .select('seq')) as Array<{ seq: number }>
    const clientChange = (await t.core.db('outbox').where({ entity: 'client', entity_id: id }).first('seq')) as {
      seq: number
    }
    expect(clientChange.seq).toBeGreaterThan(issueChange.at(-1)!.seq)
    const audit = (await t.core.db('audit_log').where({ entity: 'client', entity_id: id })) as Array<{ action: string }>
    expect(audit.map((a) => a.action)).toEqual(['osago.issued'])

    // Same passport typed with a space and a new phone: the same card, a new version, the old policy untouched.
    const second = await issuePolicy((d) => {
      d.insured.passport.series = '45 19'
      d.insured.phone = '+7 903 765-43-21'
      d.vehicle.vin = 'XTAGFK330RY654321'
    })
    expect(await clientOf('osago_policy', second.id)).toBe(id)
    expect(await t.core.db('client')).toHaveLength(1)
    const card = await expectOk(call(t.core, 'client/get-card', { id: id! }, 'c'))
    expect(card.name).toBe('Смирнов Алексей Игоревич')
    expect(card.phone).toBe('9037654321')
    expect(card.versions.map((v) => [v.version, v.source])).toEqual([
      [2, 'osago_policy'],
      [1, 'osago_policy'],
    ])
    expect(card.records.map((r) => [r.entity, r.id, r.role]).sort()).toEqual(
      [
        ['osago_policy', first.id, 'insured'],
        ['osago_policy', second.id, 'insured'],
      ].sort(),
    )
    expect(card.payments).toHaveLength(2)
    expect(card.payments[0]).toMatchObject({ direction: 'in', on: today })
    // The first policy keeps the phone it was issued with.
    const kept = await expectOk(call(t.core, 'osago/get-policy', { id: first.id }, 'c'))
    expect(kept.draft.insured.phone).toBe('+7 916 123-45-67')
  })

  it('another passport is another client', async () => {
    const a = await issuePolicy()
    const b = await issuePolicy((d) => {
      d.insured.passport.number = '654321'
      d.vehicle.vin = 'XTAGFK330RY000002'
    })
    expect(await clientOf('osago_policy', a.id)).not.toBe(await clientOf('osago_policy', b.id))
  })

  it('edits write a version with who and when; a stale edit is refused; each read is audited', async () => {
    const p = await issuePolicy()
    const id = (await clientOf('osago_policy', p.id))!
    const card = await expectOk(call(t.core, 'client/get-card', { id }, 'c'))
    const party = { ...card.party, phone: '+7 999 000-11-22' }
    const edited = await expectOk(call(t.core, 'client/update-card', { id, rowVersion: card.rowVersion, party }, 'c'))
    expect(edited.versions[0]).toMatchObject({ version: 2, source: 'card', changedBy: expect.any(String) })
    expect(edited.phone).toBe('9990001122')
    expect(await call(t.core, 'client/update-card', { id, rowVersion: card.rowVersion, party }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    const reads = (await t.core
      .db('audit_log')
      .where({ entity: 'client', entity_id: id, action: 'client.card-read' })) as Array<{
      actor_login: string
    }>
    expect(reads).toHaveLength(1)
    expect(reads[0]!.actor_login).toBe('clerk1')
    // A read is not a change: nothing goes to HQ for it.
    expect(await t.core.db('outbox').where({ entity: 'client', entity_id: id })).toHaveLength(2)
    // The inspector reads no cards.
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'client/get-card', { id }, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('records consent with the text version in force', async () => {
    const p = await issuePolicy()
    const id = (await clientOf('osago_policy', p.id))!
    const card = await expectOk(call(t.core, 'client/get-card', { id }, 'c'))
    expect(card.consent).toBeNull()
    const after = await expectOk(
      call(t.core, 'client/record-consent', { id, rowVersion: card.rowVersion, givenOn: today }, 'c'),
    )
    expect(after.consent).toMatchObject({ givenOn: today, textVersion: 'ПДн-2026-01' })
    // The OSAGO application prints the consent: its text, the version and the day recorded on the card.
    const r = await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-application', id: p.id }, 'c'))
    const path = keepPdf('osago-application-consent', await previewPdf(t.dir, r))
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('12. Согласие на обработку персональных данных')
    expect(text).toContain('Редакция текста ПДн-2026-01')
    expect(text).toContain(`Дата согласия ${today.split('-').reverse().join('.')}`)
    expect(text).toContain('Субъект персональных данных')
    expect(pdfToPng(path, 'osago-application-consent').length).toBeGreaterThan(0)
  })

  it('the admin merges duplicates: links move, the other is marked merged, all audited', async () => {
    const a = await issuePolicy()
    const b = await issuePolicy((d) => {
      d.insured.passport.number = '654321' // a typo at the counter made a second card
      d.vehicle.vin = 'XTAGFK330RY000003'
    })
    const keep = (await clientOf('osago_policy', a.id))!
    const other = (await clientOf('osago_policy', b.id))!
    expect(await call(t.core, 'client/merge', { keepId: keep, mergeId: other }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const merged = await expectOk(call(t.core, 'client/merge', { keepId: keep, mergeId: other }, 'admin'))
    expect(merged.records.map((r) => r.id).sort()).toEqual([a.id, b.id].sort())
    expect(await t.core.db('client').where({ id: other }).first()).toMatchObject({
      status: 'merged',
      merged_into: keep,
    })
    const actions = (await t.core.db('audit_log').where({ action: 'client.merged' })) as Array<{ entity: string }>
    expect(actions.map((x) => x.entity).sort()).toEqual(['client', 'client', 'client_link', 'client_version'])
    expect(await call(t.core, 'client/merge', { keepId: keep, mergeId: other }, 'admin')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('a termination and an inspection find the client the policy made: passport, or phone and name', async () => {
    const p = await issuePolicy()
    const id = (await clientOf('osago_policy', p.id))!
    const contract = await expectOk(
      call(
        t.core,
        'termination/enter-contract',
        {
          contract: {
            product: 'osago',
            number: 'ХХХ 0000000777',
            concludedAt: 'Агент Сидоров',
            policyholderType: 'individual',
            policyholderName: 'Смирнов Алексей Игоревич',
            plate: 'В456ОР199',
            vin: 'XTA21700080123456',
            conclusionDate: '2024-12-20',
            startDate: '2025-01-01',
            endDate: '2025-12-31',
            premiumKopecks: 1_000_000,
            periodsOfUse: [],
          },
        },
        'c',
      ),
    )
    const application = await expectOk(
      call(
        t.core,
        'termination/register-application',
        {
          contract: { source: contract.source, id: contract.id },
          details: {
            kind: 'osago-early-termination',
            ground: 'owner-change',
            eventDate: null,
            cascoChoice: null,
            insuredEventOccurred: false,
            applicant: {
              fullName: 'Смирнов Алексей Игоревич',
              passport: '4519123456',
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
    expect(await clientOf('termination_application', application.id, 'applicant')).toBe(id)

    // The inspection report names the client by name and phone only (completeReport: the same person).
    await signInAs(t.core, 'inspector', 'i')
    const q = await quotedCase(t.core, 'c')
    const inspection = await submittedInspection(t.core, 'i', q.id)
    expect(await clientOf('inspection', inspection.id, 'client')).toBe(id)
    const card = await expectOk(call(t.core, 'client/get-card', { id }, 'c'))
    expect(card.records.map((r) => r.entity).sort()).toEqual(['inspection', 'osago_policy', 'termination_application'])
    expect(await t.core.db('client')).toHaveLength(1)
  })

  it('the global search finds a card by surname, phone, passport and INN, for the office only', async () => {
    await issuePolicy((d) => {
      d.ownerIsInsured = false
      d.drivers = { mode: 'unlimited', ownerKbmClass: '3' }
      d.owner = {
        type: 'legal',
        entity: {
          form: 'ooo',
          fullName: 'Общество с ограниченной ответственностью «Ромашка»',
          shortName: 'ООО «Ромашка»',
          inn: '7707083893',
          kpp: '770701001',
          ogrn: '1027700132195',
          address: { region: 'Москва', city: '', street: 'ул. Ленина', house: '1', flat: '' },
          phone: '',
          email: '',
        },
      }
    })
    const cards = async (query: string, client = 'c') => {
      const r = await expectOk(call(t.core, 'search/global', { query, limit: 20 }, client))
      return r.hits.filter((h) => h.kind === 'client' && !h.source).map((h) => h.title)
    }
    for (const query of ['смирн', 'Смирнов Алексей', '+7 916 123-45-67', '9161234567', '4519 123456', '4519123456'])
      expect(await cards(query), query).toEqual(['Смирнов Алексей Игоревич'])
    expect(await cards('7707083893')).toEqual(['ООО «Ромашка»'])
    expect(await cards('ромаш')).toEqual(['ООО «Ромашка»'])
    await signInAs(t.core, 'inspector', 'i')
    expect(await cards('смирн', 'i')).toEqual([])
  })

  it('search plans read the card index, never scan the client table', async () => {
    await issuePolicy()
    const plans: string[] = []
    const db = t.core.db
    const spy = (sql: string) => plans.push(sql)
    db.on('query', (q: { sql: string }) => spy(q.sql))
    for (const query of ['с', 'см', 'смирн', '4519123456', '+7 916 123'])
      await matchingRows({
        db,
        search: CLIENT_SEARCH,
        query,
        base: () => db('client').where('client.status', 'active').select('client.id'),
      })
    db.removeAllListeners('query')
    for (const sql of plans.filter((s) => /from [`"]?client[`"]?/i.test(s))) {
      const plan = (
        (await db.raw(`EXPLAIN QUERY PLAN ${sql.replace(/\?/g, "'4519123456'")}`)) as Array<{ detail: string }>
      )
        .map((r) => r.detail)
        .join('; ')
      expect(plan, sql).not.toMatch(/SCAN client(?!_fts)( |$)/)
    }
    expect(plans.length).toBeGreaterThan(4)
  })
})
