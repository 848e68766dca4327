import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { PartyDraft } from '../../shared/party/draft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/** The card's edit form as the core takes it: checked again, a new version with what changed, the policy untouched. */
let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000102' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

async function issuePolicy() {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const draft = completeDraft(today)
  const saved = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  const calc = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c'))
  const payment = { method: 'cash' as const, receiptNumber: 'ФД 101', amountKopecks: calc.calculation!.premiumKopecks }
  return expectOk(call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: calc.rowVersion, payment }, 'c'))
}

async function cardOf(policyId: string) {
  const link = (await t.core.db('client_link').where({ entity_id: policyId, role: 'insured' }).first()) as {
    client_id: string
  }
  return expectOk(call(t.core, 'client/get-card', { id: link.client_id }, 'c'))
}

describe('editing a client card', () => {
  it('is refused by the core with each field named, in Russian, even when a window skipped the form', async () => {
    const card = await cardOf((await issuePolicy()).id)
    const party = {
      ...card.party,
      surname: '',
      phone: '12',
      email: 'нет почты',
      passport: { ...(card.party as Extract<PartyDraft, { kind: 'person' }>).passport, number: '12' },
    } as PartyDraft
    const r = await call(t.core, 'client/update-card', { id: card.id, rowVersion: card.rowVersion, party }, 'c')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.message).toBe('Проверьте отмеченные поля')
    expect(Object.keys(r.error.fieldErrors ?? {}).sort()).toEqual([
      'party.email',
      'party.passport.number',
      'party.phone',
      'party.surname',
    ])
    // Nothing written: still the one version the policy made.
    expect(await t.core.db('client_version').where({ client_id: card.id })).toHaveLength(1)
  })

  it('makes a version that says who, when and what changed; the issued policy keeps its insured as issued', async () => {
    const policy = await issuePolicy()
    const card = await cardOf(policy.id)
    if (card.party.kind !== 'person') throw new Error('a person expected')
    const issuedInsured = structuredClone(
      (await expectOk(call(t.core, 'osago/get-policy', { id: policy.id }, 'c'))).draft.insured,
    )
    const party: PartyDraft = {
      ...card.party,
      phone: '+7 999 000-11-22',
      address: { ...card.party.address, street: 'ул. Новая', house: '7' },
    }
    const edited = await expectOk(
      call(t.core, 'client/update-card', { id: card.id, rowVersion: card.rowVersion, party }, 'c'),
    )
    expect(edited.versions.map((v) => [v.version, v.source, v.changedBy, v.changes])).toEqual([
      [2, 'card', 'Сотрудник clerk1', ['address.street', 'address.house', 'phone']],
      [1, 'osago_policy', 'Сотрудник clerk1', []],
    ])
    expect(edited.versions[0]!.changedAt).toBe(t.clock.now().toISOString())
    // The policy is an accounting document: its insured stays what it was issued with.
    const after = await expectOk(call(t.core, 'osago/get-policy', { id: policy.id }, 'c'))
    expect(after.draft.insured).toEqual(issuedInsured)
    expect(after.draft.insured.phone).not.toBe(party.phone)
    expect(after.rowVersion).toBe(policy.rowVersion)
    // The audit log says who edited the card, not the client's data (the versions are its history).
    const audit = (await t.core
      .db('audit_log')
      .where({ entity: 'client', entity_id: card.id, action: 'client.card-edited' })
      .first()) as { before: string; after: string }
    expect(JSON.parse(audit.after)).toMatchObject({ party: '[redacted]', phone: '[redacted]' })
    expect(audit.before + audit.after).not.toContain('Смирнов')
  })

  it('is the desk’s: the admin and the inspector may read or not, but not edit', async () => {
    const card = await cardOf((await issuePolicy()).id)
    const input = { id: card.id, rowVersion: card.rowVersion, party: card.party }
    expect(await call(t.core, 'client/update-card', input, 'admin')).toMatchObject({ error: { code: 'FORBIDDEN' } })
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'client/update-card', input, 'i')).toMatchObject({ error: { code: 'FORBIDDEN' } })
    await signInAs(t.core, 'supervisor', 's')
    await expectOk(call(t.core, 'client/update-card', { ...input, party: { ...card.party, email: 'a@b.ru' } }, 's'))
  })
})
