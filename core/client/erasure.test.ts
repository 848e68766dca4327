import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays, addMonths, todayIn } from '../../shared/dates/calendarDate'
import { isErasedParty } from '../../shared/client/erasure'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { keepPdf, pdfText, pdfToPng } from '../print/testing/pdfTools'
import { previewPdf } from '../print/testing/previewPdf'
import { ADMIN, call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/** Erasure of cards past retention through the channels, the act printed from the event log. */
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

async function issuePolicy(edit: (d: ReturnType<typeof completeDraft>) => void = () => {}) {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const draft = completeDraft(today)
  edit(draft)
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  const calc = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'))
  const payment = { method: 'cash' as const, receiptNumber: 'ФД 101', amountKopecks: calc.calculation!.premiumKopecks }
  return expectOk(call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: calc.rowVersion, payment }, 'c'))
}

const clientOf = async (policyId: string) =>
  ((await t.core.db('client_link').where({ entity_id: policyId, role: 'insured' }).first()) as { client_id: string })
    .client_id

/** The clock moved to `day` (noon in Moscow), and the admin signed in again on a fresh window. */
async function laterAsAdmin(day: string, window = 'admin-later') {
  t.clock.set(new Date(`${day}T09:00:00.000Z`))
  await expectOk(call(t.core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, window))
  return window
}

describe('erasure past retention', () => {
  it('lists only cards whose every record ended more than five years ago, and only to the admin', async () => {
    const old = await issuePolicy()
    const kept = await issuePolicy((d) => {
      d.insured.passport.number = '654321'
      d.vehicle.vin = 'XTAGFK330RY000002'
    })
    // The second client comes back a year later: a new policy keeps the card.
    t.clock.set(new Date(`${addMonths(today, 11)}T09:00:00.000Z`))
    await signInAs(t.core, 'clerk', 'c2', 'clerk2')
    await expectOk(
      call(
        t.core,
        'blanks/receive-range',
        { series: 'ААК', fromNumber: '0000000201', toNumber: '0000000201' },
        'admin-console',
      ),
    )
    today = addMonths(today, 11)
    const renewed = await (async () => {
      const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c2'))
      const draft = completeDraft(today)
      draft.insured.passport.number = '654321'
      draft.vehicle.vin = 'XTAGFK330RY000002'
      const saved = await expectOk(
        call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c2'),
      )
      const calc = await expectOk(
        call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c2'),
      )
      const payment = {
        method: 'cash' as const,
        receiptNumber: 'ФД 102',
        amountKopecks: calc.calculation!.premiumKopecks,
      }
      return expectOk(call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: calc.rowVersion, payment }, 'c2'))
    })()
    expect(await clientOf(renewed.id)).toBe(await clientOf(kept.id))

    // The day the first policy's card passes five years after its end: only that card is listed.
    const w = await laterAsAdmin(addDays(addMonths(old.endDate!, 60), 1))
    const list = await expectOk(call(t.core, 'client/list-retention', undefined, w))
    expect(list.years).toBe(5)
    expect(list.lines.map((l) => [l.id, l.lastActivityOn, l.records])).toEqual([
      [await clientOf(old.id), old.endDate, 1],
    ])
    expect(list.more).toBe(false)
    // A card with a contract that ended less than five years ago is refused even when named.
    const keptCard = await expectOk(call(t.core, 'client/get-card', { id: await clientOf(kept.id) }, w))
    expect(
      await call(t.core, 'client/erase', { cards: [{ id: keptCard.id, rowVersion: keptCard.rowVersion }] }, w),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // Clerks neither see nor erase.
    await signInAs(t.core, 'clerk', 'c3', 'clerk3')
    expect(await call(t.core, 'client/list-retention', undefined, 'c3')).toMatchObject({ error: { code: 'FORBIDDEN' } })
  })

  it('empties the card and its versions, keeps the links and the policy, files the act and prints it', async () => {
    const policy = await issuePolicy()
    const id = await clientOf(policy.id)
    let card = await expectOk(call(t.core, 'client/get-card', { id }, 'c'))
    // A second version, from the card's own form.
    card = await expectOk(
      call(
        t.core,
        'client/update-card',
        { id, rowVersion: card.rowVersion, party: { ...card.party, email: 'a@b.ru' } },
        'c',
      ),
    )
    await expectOk(call(t.core, 'client/record-consent', { id, rowVersion: card.rowVersion, givenOn: today }, 'c'))
    const w = await laterAsAdmin(addDays(addMonths(policy.endDate!, 60), 1))
    const [line] = (await expectOk(call(t.core, 'client/list-retention', undefined, w))).lines
    const outboxBefore = Number(((await t.core.db('outbox').count({ n: '*' }).first()) as { n: number }).n)

    const { actId, erased } = await expectOk(
      call(t.core, 'client/erase', { cards: [{ id: line!.id, rowVersion: line!.rowVersion }] }, w),
    )
    expect(erased).toBe(1)

    const row = (await t.core.db('client').where({ id }).first()) as Record<string, string | null>
    expect(row).toMatchObject({ status: 'erased', display_name: 'Данные обезличены', passport: null, phone: null })
    expect(row.search_text).toBeNull()
    expect(row.erased_at).toBe(t.clock.now().toISOString())
    expect(isErasedParty(JSON.parse(row.party!))).toBe(true)
    const versions = (await t.core.db('client_version').where({ client_id: id })) as Array<{ party: string }>
    expect(versions).toHaveLength(2)
    for (const v of versions) expect(isErasedParty(JSON.parse(v.party))).toBe(true)
    // Nothing of the person is left in the card's tables.
    const everything = JSON.stringify([row, versions])
    for (const trace of ['Смирнов', '4519', '123456', 'a@b.ru']) expect(everything).not.toContain(trace)
    // The links stay: the policy is an accounting document, still the client's by number.
    expect(await t.core.db('client_link').where({ client_id: id })).toHaveLength(1)
    await signInAs(t.core, 'clerk', 'c9', 'clerk9')
    const stillIssued = await expectOk(call(t.core, 'osago/get-policy', { id: policy.id }, 'c9'))
    expect(JSON.stringify(stillIssued.draft.insured)).toContain('Смирнов')
    // The card and its versions go to HQ; the act stays in the event log, without the person.
    const sent = (await t.core
      .db('outbox')
      .where('seq', '>', outboxBefore)
      .whereIn('entity', ['client', 'client_version', 'client_link'])
      .select('entity')) as Array<{
      entity: string
    }>
    expect(sent.map((s) => s.entity).sort()).toEqual(['client', 'client_version', 'client_version'])
    const act = (await t.core.db('audit_log').where({ action: 'client.erasure-act', entity_id: actId }).first()) as {
      after: string
      actor_login: string
    }
    expect(act.actor_login).toBe('admin')
    expect(JSON.parse(act.after)).toMatchObject({
      number: `ПДн-${t.clock.now().toISOString().slice(0, 10).replaceAll('-', '')}-1`,
      ground: expect.stringContaining('ч. 7 ст. 21'),
      cards: [{ clientId: id, versions: 2, records: [{ entity: 'osago_policy', number: 'ААК 0000000101' }] }],
    })
    expect(act.after).not.toContain('Смирнов')

    // An erased card is final: no edit, no second erasure; the card shows as erased.
    const shown = await expectOk(call(t.core, 'client/get-card', { id }, w))
    expect(shown).toMatchObject({ status: 'erased', name: 'Данные обезличены' })
    expect(shown.versions.every((v) => v.changes.length === 0)).toBe(true)
    expect(
      await call(t.core, 'client/update-card', { id, rowVersion: shown.rowVersion, party: card.party }, 'c9'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await call(t.core, 'client/erase', { cards: [{ id, rowVersion: shown.rowVersion }] }, w)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    // Erased, it is no longer listed.
    expect((await expectOk(call(t.core, 'client/list-retention', undefined, w))).lines).toEqual([])

    // The act on paper.
    const preview = await expectOk(call(t.core, 'print/preview-document', { kind: 'client-erasure-act', id: actId }, w))
    const path = keepPdf('client-erasure-act', await previewPdf(t.dir, preview))
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('Акт об уничтожении персональных данных № ПДн-')
    expect(text).toContain('АО «Страховая компания «Образец»')
    expect(text).toContain('Филиал «Тверской»')
    expect(text).toContain('Полис ОСАГО ААК 0000000101')
    expect(text).toContain('ст. 21')
    expect(text).toContain('5 лет после окончания последнего договора')
    expect(text).toContain('Иванова Мария Петровна')
    expect(text).not.toContain('Смирнов')
    expect(pdfToPng(path, 'client-erasure-act').length).toBe(1)
    // The clerk may not print it.
    expect(await call(t.core, 'print/preview-document', { kind: 'client-erasure-act', id: actId }, 'c9')).toMatchObject(
      { ok: false, error: { code: 'FORBIDDEN' } },
    )
  })
})
