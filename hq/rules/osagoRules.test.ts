import { describe, expect, it } from 'vitest'
import { draftToApplicationInput } from '../../shared/osago/draft'
import { validateOsagoApplication } from '../../shared/osago/application'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { kbmDocument } from '../../shared/osago/kbmCheck'
import type { OsagoDraft } from '../../shared/osago/draft'
import type { RecordData } from '../records'
import { osagoPolicyRule } from './blankRules'
import { fakeContext, insert, judge, synced, update } from './fakeContext'
import { osagoDocumentRule } from './osagoRules'

const vector = {
  form: 'ooo',
  fullName: 'Общество с ограниченной ответственностью «Вектор»',
  shortName: 'ООО «Вектор»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address: { region: 'Москва', city: null, street: 'ул. Вавилова', house: '19', flat: null },
  phone: null,
  email: null,
}

/** The application as the branch stores it on calculate: validated, the citizen's two-driver list by default. */
function application(patch: Record<string, unknown> = {}): Record<string, unknown> {
  const r = validateOsagoApplication(draftToApplicationInput(completeDraft('2026-11-21')))
  if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors))
  return { ...JSON.parse(JSON.stringify(r.application)), ...patch }
}
const policy = (status: string, app: Record<string, unknown> | null, v = 2): RecordData =>
  synced('p1', v, {
    status,
    draft: '{}',
    application: app ? JSON.stringify(app) : null,
    blank_id: null,
    premium_kopecks: app ? 1_000_00 : null,
  })
const calculate = (app: Record<string, unknown> | null) =>
  judge(osagoPolicyRule, fakeContext({}), update(policy('draft', null, 1), policy('calculated', app)))

const unlimited = { mode: 'unlimited', ownerKbmClass: '3' }

describe('HQ judges an OSAGO application by who owns the vehicle (40-FZ art. 16)', () => {
  it('accepts a citizen’s named list and an organisation’s unlimited policy', async () => {
    expect(await calculate(application())).toBe('accepted')
    expect(await calculate(application({ insured: { kind: 'organisation', ...vector }, drivers: unlimited }))).toBe(
      'accepted',
    )
    expect(
      await calculate(
        application({ ownerIsInsured: false, owner: { type: 'legal', entity: vector }, drivers: unlimited }),
      ),
    ).toBe('accepted')
  })
  it('refuses an organisation owner with a named list, as insured-owner or as a separate owner', async () => {
    expect(await calculate(application({ insured: { kind: 'organisation', ...vector } }))).toBe(
      'rejected:osago-drivers-not-limitable',
    )
    expect(await calculate(application({ ownerIsInsured: false, owner: { type: 'legal', entity: vector } }))).toBe(
      'rejected:osago-drivers-not-limitable',
    )
  })
  it('refuses an organisation whose INN, KPP or OGRN is wrong for its form', async () => {
    const v = await osagoPolicyRule.check(
      fakeContext({}),
      update(
        policy('draft', null, 1),
        policy(
          'calculated',
          application({ insured: { kind: 'organisation', ...vector, inn: '7707083894' }, drivers: unlimited }),
        ),
      ),
    )
    expect(v).toEqual({
      status: 'rejected',
      reason: {
        code: 'invalid-data',
        params: { field: 'application.insured.inn', message: 'validation.inn.checksum' },
      },
    })
    expect(
      await calculate(
        application({
          ownerIsInsured: false,
          owner: { type: 'legal', entity: { ...vector, kpp: null } },
          drivers: unlimited,
        }),
      ),
    ).toBe('rejected:invalid-data')
    expect(
      await calculate(application({ insured: { kind: 'organisation', ...vector, form: 'ip' }, drivers: unlimited })),
    ).toBe('rejected:invalid-data')
  })
  it('does not judge drafts, and reads applications stored before organisations as they were', async () => {
    expect(
      await judge(
        osagoPolicyRule,
        fakeContext({}),
        insert(synced('p1', 1, { status: 'draft', draft: '{"insured":{"kind":"organisation"}}' })),
      ),
    ).toBe('accepted')
    const legacy = application({
      ownerIsInsured: false,
      owner: {
        type: 'legal',
        entity: { name: 'ООО «Вектор»', inn: '7707083893', ogrn: '1027700132195', address: vector.address },
      },
      drivers: unlimited,
    })
    delete (legacy.insured as Record<string, unknown>).kind
    expect(await calculate(legacy)).toBe('accepted')
    expect(await calculate({ ...legacy, drivers: application().drivers })).toBe('rejected:osago-drivers-not-limitable')
  })
  it('does not judge again an issued policy whose application did not change (one issued before the rule)', async () => {
    // Issued under an earlier release: an organisation owner with the named list it was allowed then.
    const older = application({ ownerIsInsured: false, owner: { type: 'legal', entity: vector } })
    const issued = { ...policy('issued', older, 3), blank_id: 'bl1', policy_number: '0000000001' }
    const ctx = fakeContext({
      records: [
        {
          entity: 'policy_blank',
          id: 'bl2',
          data: synced('bl2', 2, { series: 'ХХХ', number: '0000000002', status: 'used', policy_id: 'p1' }),
        },
      ],
    })
    expect(await judge(osagoPolicyRule, ctx, update(issued, { status: 'printed' }))).toBe('accepted')
    const printed = { ...issued, status: 'printed', row_version: 4 }
    // The same application re-serialised by another client (key order) is still the same application.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(older).reverse()))
    expect(
      await judge(osagoPolicyRule, ctx, update(printed, { status: 'issued', blank_id: 'bl2', application: reordered })),
    ).toBe('accepted')
  })
  it('judges a changed application in any priced status, and every move into calculated', async () => {
    const issued = { ...policy('issued', application(), 3), blank_id: 'bl1' }
    const listed = JSON.stringify(application({ ownerIsInsured: false, owner: { type: 'legal', entity: vector } }))
    expect(
      await judge(osagoPolicyRule, fakeContext({}), update(issued, { status: 'printed', application: listed })),
    ).toBe('rejected:osago-drivers-not-limitable')
    const calculated = policy('calculated', application())
    expect(await judge(osagoPolicyRule, fakeContext({}), update(calculated, { application: listed }))).toBe(
      'rejected:osago-drivers-not-limitable',
    )
    // Back to draft and priced again with the very same application: the move into calculated is judged.
    const old = application({ ownerIsInsured: false, owner: { type: 'legal', entity: vector } })
    expect(
      await judge(
        osagoPolicyRule,
        fakeContext({}),
        update({ ...policy('draft', null, 3), application: JSON.stringify(old) }, { status: 'calculated' }),
      ),
    ).toBe('rejected:osago-drivers-not-limitable')
  })
  it('refuses an application that is not JSON', async () => {
    const bad = { ...policy('calculated', null), application: '{oops' }
    expect(await judge(osagoPolicyRule, fakeContext({}), update(policy('draft', null, 1), bad))).toBe(
      'rejected:invalid-data',
    )
  })
})

describe('HQ judges the policy’s document (osago_document) once the application left the hot row', () => {
  const draft = completeDraft('2026-11-21')
  const organisationList = { ...draft, insured: { kind: 'organisation', ...vector, city: '' } }
  const hot = (status: string, v: number): RecordData =>
    synced('p1', v, { status, blank_id: null, premium_kopecks: status === 'draft' ? null : 1_000_00 })
  const documentOf = (d: unknown, v = 2): RecordData => synced('p1', v, { draft: d, calculation: null })
  const holding = (d: unknown, status = 'draft') =>
    fakeContext({
      records: [
        { entity: 'osago_document', id: 'p1', data: documentOf(d) },
        { entity: 'osago_policy', id: 'p1', data: hot(status, 1) },
      ],
    })

  it('judges the document HQ holds when the policy moves into calculated', async () => {
    const move = update(hot('draft', 1), { status: 'calculated' })
    expect(await judge(osagoPolicyRule, holding(draft), move)).toBe('accepted')
    expect(await judge(osagoPolicyRule, holding(organisationList), move)).toBe('rejected:osago-drivers-not-limitable')
    // The branch writes the document first; a policy whose document HQ lacks waits for it.
    expect(await judge(osagoPolicyRule, fakeContext({}), move)).toBe('deferred:subject-unknown')
    // Hot-row changes that are not the move into calculated (printing) do not judge it again.
    const issued = { ...hot('issued', 3), blank_id: 'bl1' }
    expect(await judge(osagoPolicyRule, holding(organisationList), update(issued, { status: 'printed' }))).toBe(
      'accepted',
    )
  })

  it('takes an application carrying the national database’s KBM answers beside the classes', async () => {
    const move = update(hot('draft', 1), { status: 'calculated' })
    const check = (kbmClass: string, document: string) => ({
      source: 'ais' as const,
      class: kbmClass,
      requestId: 'KBM-SIM-0123456789AB',
      checkedAt: '2026-11-21T10:00:00.000Z',
      document,
    })
    const listed = structuredClone(draft)
    if (listed.drivers.mode !== 'list') throw new Error('list expected')
    const first = listed.drivers.list[0]!
    first.kbmClass = '10'
    first.kbmCheck = check('10', kbmDocument(first.licence.series, first.licence.number))
    expect(await judge(osagoPolicyRule, holding(listed), move)).toBe('accepted')
    const anyDriver: OsagoDraft = structuredClone(draft)
    anyDriver.drivers = { mode: 'unlimited', ownerKbmClass: '6', ownerKbmCheck: check('6', '4519123456') }
    expect(await judge(osagoPolicyRule, holding(anyDriver), move)).toBe('accepted')
    // What HQ refuses it still refuses with the answers in: an organisation's named list.
    expect(await judge(osagoPolicyRule, holding({ ...organisationList, drivers: listed.drivers }), move)).toBe(
      'rejected:osago-drivers-not-limitable',
    )
  })

  it('takes a document of the branch’s own policy as an object or as the previous version’s text', async () => {
    const ctx = holding(draft)
    expect(await judge(osagoDocumentRule, ctx, update(documentOf(draft), { draft: organisationList }))).toBe('accepted')
    expect(await judge(osagoDocumentRule, ctx, insert(documentOf(JSON.stringify(draft), 1)))).toBe('accepted')
    expect(await judge(osagoDocumentRule, ctx, insert(documentOf('{oops', 1)))).toBe('rejected:invalid-data')
    expect(await judge(osagoDocumentRule, fakeContext({}), insert(documentOf(draft, 1)))).toBe(
      'deferred:subject-unknown',
    )
    const foreign = fakeContext({
      records: [{ entity: 'osago_policy', id: 'p1', data: hot('draft', 1), branchCode: 'SPB-01' }],
    })
    expect(await judge(osagoDocumentRule, foreign, insert(documentOf(draft, 1)))).toBe('rejected:not-owner')
  })

  it('keeps the documents of an issued, printed or discarded policy as they are', async () => {
    for (const status of ['issued', 'printed', 'discarded']) {
      const ctx = holding(draft, status)
      expect(await judge(osagoDocumentRule, ctx, update(documentOf(draft), { draft: organisationList }))).toBe(
        'rejected:immutable-field',
      )
      // The same document sent again (its copy the migration moved out of the policy) changes nothing.
      expect(await judge(osagoDocumentRule, ctx, update(documentOf(draft), {}))).toBe('accepted')
    }
  })
})

describe('osago_policy: the policy a renewal names (renews_policy_id, core/renewal)', () => {
  const old = (status: string, branchCode?: string) => ({
    entity: 'osago_policy',
    id: 'old',
    data: synced('old', 5, { status, blank_id: 'b-old', premium_kopecks: 1_000_00 }),
    ...(branchCode ? { branchCode } : {}),
  })
  const renewal = (renews: unknown) =>
    insert(synced('p1', 1, { status: 'draft', blank_id: null, renews_policy_id: renews }))
  const judged = (records: ReturnType<typeof old>[], change = renewal('old')) =>
    judge(osagoPolicyRule, fakeContext({ records }), change)

  it('takes a renewal of an issued or printed policy of this branch that HQ holds', async () => {
    expect(await judged([old('printed')])).toBe('accepted')
    expect(await judged([old('issued')])).toBe('accepted')
    expect(await judged([], renewal(null))).toBe('accepted')
  })
  it('waits for a policy HQ has not received, refuses one of another branch, a draft or itself', async () => {
    expect(await judged([])).toBe('deferred:subject-unknown')
    expect(await judged([old('printed', 'SPB-01')])).toBe('rejected:subject-other-branch')
    expect(await judged([old('calculated')])).toBe('rejected:contract-not-issued')
    expect(await judged([old('discarded')])).toBe('rejected:contract-not-issued')
    expect(await judged([old('printed')], renewal('p1'))).toBe('rejected:invalid-data')
  })
  it('keeps the link once given, whatever becomes of the old policy later', async () => {
    const held = synced('p1', 1, { status: 'draft', blank_id: null, renews_policy_id: 'old' })
    // The old policy terminated since: the renewal's later moves are not judged by the link again.
    expect(await judged([], update(held, { plate: 'А001АА77' }))).toBe('accepted')
    expect(await judged([old('printed')], update(held, { renews_policy_id: null }))).toBe('rejected:immutable-field')
  })
})
