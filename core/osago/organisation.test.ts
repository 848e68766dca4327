import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import type { OsagoDraft } from '../../shared/osago/draft'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

const vector = {
  form: 'ooo' as const,
  fullName: 'Общество с ограниченной ответственностью «Вектор»',
  shortName: 'ООО «Вектор»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address: { region: 'Москва', city: '', street: 'ул. Вавилова', house: '19', flat: '' },
  phone: '',
  email: '',
}

/** The complete citizen's application with an organisation as insured and owner; its two named drivers kept. */
function organisationWithList(): OsagoDraft {
  const d: OsagoDraft = completeDraft(today)
  d.insured = { kind: 'organisation', ...vector }
  return d
}

async function saved(draft: OsagoDraft) {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  return expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
}

describe('OSAGO for an organisation in the core', () => {
  it('refuses to calculate an organisation’s named list with a field error at the list choice', async () => {
    const p = await saved(organisationWithList())
    const r = await call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion }, 'c')
    if (r.ok) throw new Error('expected a refusal')
    expect(r.error).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { 'drivers.mode': 'osago.form.driversNotForOrganisation' },
    })
  })
  it('quotes the named list as refused at the same field, not priced with the drivers’ KBM and KVS', async () => {
    const q = await expectOk(call(t.core, 'osago/quote-premium', { draft: organisationWithList() }, 'c'))
    expect(q).toMatchObject({ ok: false, field: 'drivers.mode', messageKey: 'osago.input.driversNotForLegalEntity' })
  })
  it('refuses periods of use for an organisation at the periods, in the quote and on calculate', async () => {
    const d = organisationWithList()
    d.drivers = { mode: 'unlimited', ownerKbmClass: '3' }
    d.contract.periodsOfUse = [{ from: d.contract.startDate, to: d.contract.startDate }]
    const q = await expectOk(call(t.core, 'osago/quote-premium', { draft: d }, 'c'))
    expect(q).toMatchObject({
      ok: false,
      field: 'contract.periodsOfUse',
      messageKey: 'osago.errors.periodsNotForLegalEntity',
    })
    const p = await saved(d)
    const r = await call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion }, 'c')
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'contract.periodsOfUse': 'osago.errors.periodsNotForLegalEntity' } },
    })
  })
  it('calculates an organisation’s unlimited policy as a legal entity and lists it under its name and INN', async () => {
    const d = organisationWithList()
    d.drivers = { mode: 'unlimited', ownerKbmClass: '3' }
    const p = await saved(d)
    const calculated = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion }, 'c'),
    )
    expect(calculated.application!.insured).toMatchObject({ kind: 'organisation', inn: '7707083893', kpp: '773601001' })
    expect(calculated.calculation!.breakdown.find((b) => b.code === 'ko')?.sourceRow).toBe('KO: unlimited list, legal')
    const list = await expectOk(call(t.core, 'osago/list-policies', { query: '7707083893' }, 'c'))
    expect(list.items.map((i) => i.insuredName)).toEqual(['ООО «Вектор»'])
  })
  it('reads a draft stored before organisations (insured without kind) as a person', async () => {
    const p = await saved(completeDraft(today))
    const old = completeDraft(today) as unknown as { insured: Record<string, unknown> }
    delete old.insured.kind
    await t.core
      .db('osago_document')
      .where({ id: p.id })
      .update({ draft: JSON.stringify(old) })
    const read = await expectOk(call(t.core, 'osago/get-policy', { id: p.id }, 'c'))
    expect(read.draft.insured).toMatchObject({ kind: 'person', surname: 'Смирнов' })
    await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: read.rowVersion }, 'c'))
  })
})
