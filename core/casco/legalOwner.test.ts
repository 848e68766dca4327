import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CascoDraft } from '../../shared/casco/draft'
import { completeCascoDraft } from '../../shared/casco/draftFixture'
import type { OrganisationDraft } from '../../shared/party/draft'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { today } from './testing/cascoCase'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

/** The organisation exactly as the owner section (shared with OSAGO) writes it into the draft. */
const vector = (): OrganisationDraft => ({
  form: 'ooo',
  fullName: 'Общество с ограниченной ответственностью «Вектор»',
  shortName: 'ООО «Вектор»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address: { region: 'Санкт-Петербург', city: '', street: 'Невский пр.', house: '28', flat: '' },
  phone: '+7 812 555-01-02',
  email: '',
})

function ownedByVector(): CascoDraft {
  const d = completeCascoDraft(today(t.core))
  d.ownerIsInsured = false
  d.owner = { type: 'legal', entity: vector() }
  return d
}

async function saved(draft: CascoDraft) {
  const q = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
  return call(t.core, 'casco/save-draft', { id: q.id, rowVersion: q.rowVersion, draft }, 'c')
}

describe('CASCO with an organisation as the owner', () => {
  it('autosaves the organisation the owner section writes, half-typed too, and reads it back unchanged', async () => {
    const half = ownedByVector()
    half.owner = { type: 'legal', entity: { ...vector(), form: null, inn: '77070', kpp: '', ogrn: '' } }
    expect(await saved(half)).toMatchObject({ ok: true })
    const s = await expectOk(saved(ownedByVector()))
    expect(s.draft.owner).toEqual({ type: 'legal', entity: vector() })
    expect((await expectOk(call(t.core, 'casco/get-quote', { id: s.id }, 'c'))).draft.owner).toEqual(s.draft.owner)
  })

  it('prices by the organisation’s address and type, and submits it only with valid INN and OGRN', async () => {
    const wrong = ownedByVector()
    if (wrong.owner?.type !== 'legal') throw new Error('legal owner expected')
    wrong.owner.entity.inn = '7707083894'
    wrong.owner.entity.ogrn = '1027700132196'
    let q = await expectOk(saved(wrong))
    q = await expectOk(call(t.core, 'casco/calculate-quote', { id: q.id, rowVersion: q.rowVersion }, 'c'))
    expect(q.quoteInput?.owner).toEqual({ type: 'legal', region: 'Санкт-Петербург', city: null })
    expect(q.result?.options[0]?.factors.find((f) => f.code === 'ownerType')?.value).toBe(1.1)
    q = await expectOk(call(t.core, 'casco/choose-option', { id: q.id, rowVersion: q.rowVersion, option: 0 }, 'c'))
    const r = await call(t.core, 'casco/submit-for-approval', { id: q.id, rowVersion: q.rowVersion }, 'c')
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fieldErrors: {
          'owner.entity.inn': 'validation.inn.checksum',
          'owner.entity.ogrn': 'validation.ogrn.checksum',
        },
      },
    })
    const fixed = ownedByVector()
    q = await expectOk(call(t.core, 'casco/save-draft', { id: q.id, rowVersion: q.rowVersion, draft: fixed }, 'c'))
    q = await expectOk(call(t.core, 'casco/calculate-quote', { id: q.id, rowVersion: q.rowVersion }, 'c'))
    q = await expectOk(call(t.core, 'casco/choose-option', { id: q.id, rowVersion: q.rowVersion, option: 0 }, 'c'))
    q = await expectOk(call(t.core, 'casco/submit-for-approval', { id: q.id, rowVersion: q.rowVersion }, 'c'))
    expect(q.status).toBe('submitted')
  })

  it('opens a quote saved with the legal owner’s old shape in today’s, and saves it again', async () => {
    const q = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
    const old = {
      ...completeCascoDraft(today(t.core)),
      ownerIsInsured: false,
      owner: {
        type: 'legal',
        entity: {
          name: 'ООО «Старый Вектор»',
          inn: '7707083893',
          ogrn: '1027700132195',
          address: { region: 'Москва', city: '', street: 'ул. Вавилова', house: '19', flat: '' },
        },
      },
    }
    await t.core
      .db('casco_document')
      .where({ id: q.id })
      .update({ draft: JSON.stringify(old) })
    const read = await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
    expect(read.draft.owner).toEqual({
      type: 'legal',
      entity: {
        form: null,
        fullName: 'ООО «Старый Вектор»',
        shortName: '',
        inn: '7707083893',
        kpp: '',
        ogrn: '1027700132195',
        address: { region: 'Москва', city: '', street: 'ул. Вавилова', house: '19', flat: '' },
        phone: '',
        email: '',
      },
    })
    // The form autosaves what it opened: the strict draft schema must take it.
    expect(
      await call(t.core, 'casco/save-draft', { id: q.id, rowVersion: read.rowVersion, draft: read.draft }, 'c'),
    ).toMatchObject({ ok: true })
  })
})
