import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CASCO_QUOTE_STATUSES, type CascoQuoteStatus } from '../../shared/casco/contract'
import type { RecordData } from '../records'
import { approvalDecisionKey, cascoDocumentRule, cascoQuoteRule, decisionKey } from './cascoRules'
import { at, fakeContext, insert, judge, staff, synced, update, type FakeRecord } from './fakeContext'
import {
  CASCO_DECIDED as DECIDED,
  cascoDecision as decision,
  cascoPeople as people,
  cascoQuote as quote,
  moveCasco as move,
  updateMoves,
} from './ruleFixtures'
import { cascoLifecycle } from '../../shared/casco/lifecycle'

describe('casco_quote: status machine', () => {
  it('accepts every move the branch code makes', async () => {
    const moves = updateMoves(cascoLifecycle)
    expect(moves).toHaveLength(23)
    for (const [from, to] of moves) expect(`${from}→${to}: ${await move(from, to)}`).toBe(`${from}→${to}: accepted`)
  })

  it('starts as a draft', async () => {
    const ctx = fakeContext({ records: people, changedBy: 'c1' })
    expect(await judge(cascoQuoteRule, ctx, insert(quote('draft', 1)))).toBe('accepted')
    expect(await judge(cascoQuoteRule, ctx, insert(quote('approved', 1)))).toBe('rejected:bad-transition')
    expect(await judge(cascoQuoteRule, ctx, insert(quote('issued', 1)))).toBe('rejected:bad-transition')
  })

  it('refuses moves the code never makes; rejected and discarded are terminal', async () => {
    for (const [from, to] of [
      ['draft', 'submitted'],
      ['draft', 'approved'],
      ['quoted', 'approved'],
      ['submitted', 'issued'],
      ['submitted', 'draft'],
      ['returned', 'approved'],
      ['rejected', 'submitted'],
      ['rejected', 'draft'],
      ['discarded', 'draft'],
      ['issued', 'approved'],
      ['printed', 'issued'],
      ['issued', 'discarded'],
      ['approved', 'draft'],
    ] as Array<[CascoQuoteStatus, CascoQuoteStatus]>) {
      expect(`${from}→${to}: ${await move(from, to)}`).toBe(`${from}→${to}: rejected:bad-transition`)
    }
  })

  it('property: any (from, to) is accepted exactly when the table has it', async () => {
    const status = fc.constantFrom(...CASCO_QUOTE_STATUSES)
    await fc.assert(
      fc.asyncProperty(status, status, async (from, to) => {
        const legal = cascoLifecycle.allows(from, to)
        expect(await move(from, to)).toBe(legal ? 'accepted' : 'rejected:bad-transition')
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the shape each status has on the branch', async () => {
    const ctx = fakeContext({ records: people, changedBy: 'c1' })
    expect(await judge(cascoQuoteRule, ctx, update(quote('approved'), { ...quote('issued', 6), schedule: null }))).toBe(
      'rejected:invalid-data',
    )
    expect(await judge(cascoQuoteRule, ctx, update(quote('draft'), { quote_result: '{}' }))).toBe(
      'rejected:invalid-data',
    )
    expect(
      await judge(
        cascoQuoteRule,
        ctx,
        update(quote('quoted'), { status: 'submitted', submitted_at: at, submitted_by: 'c1', chosen_option: null }),
      ),
    ).toBe('rejected:invalid-data')
    expect(await judge(cascoQuoteRule, ctx, update(quote('quoted'), { contract_number: 'MSK-01-К000001' }))).toBe(
      'rejected:invalid-data',
    )
  })
})

describe('casco_quote: what may not change', () => {
  const clerk = () => fakeContext({ records: people, changedBy: 'c1' })

  it('the contract number and schedule once issued; the author ever', async () => {
    expect(
      await judge(
        cascoQuoteRule,
        clerk(),
        update(quote('issued'), {
          status: 'printed',
          printed_at: at,
          contract_number: 'MSK-01-К000008',
          contract_seq: 8,
        }),
      ),
    ).toBe('rejected:immutable-field')
    expect(await judge(cascoQuoteRule, clerk(), update(quote('printed'), { schedule: '{"payments":[1]}' }))).toBe(
      'rejected:immutable-field',
    )
    expect(await judge(cascoQuoteRule, clerk(), update(quote('draft'), { created_by: 's1' }))).toBe(
      'rejected:immutable-field',
    )
  })

  it('the terms the supervisor judged, from submission on; the total only when issuing', async () => {
    const supervisor = fakeContext({ records: [...people, decision('approved')], changedBy: 's1' })
    expect(
      await judge(cascoQuoteRule, supervisor, update(quote('submitted'), { status: 'approved', chosen_option: '1' })),
    ).toBe('rejected:immutable-field')
    expect(
      await judge(
        cascoQuoteRule,
        clerk(),
        update(quote('approved'), { ...quote('issued', 6), total_kopecks: 5_100_00 }),
      ),
    ).toBe('accepted')
    expect(await judge(cascoQuoteRule, clerk(), update(quote('issued'), { total_kopecks: 1 }))).toBe(
      'rejected:immutable-field',
    )
    // A returned case is the clerk's to change again.
    expect(
      await judge(
        cascoQuoteRule,
        clerk(),
        update(quote('returned'), { status: 'quoted', quote_result: '{"options":[{},{}]}' }),
      ),
    ).toBe('accepted')
  })

  it('a termination may set and clear the end date of an issued or printed contract', async () => {
    expect(await judge(cascoQuoteRule, clerk(), update(quote('issued'), { terminated_on: '2027-01-10' }))).toBe(
      'accepted',
    )
    expect(
      await judge(
        cascoQuoteRule,
        clerk(),
        update(quote('printed', 5, { terminated_on: '2027-01-10' }), { terminated_on: null }),
      ),
    ).toBe('accepted')
  })
})

describe('casco_quote: who moves it, and the decision behind a decided status', () => {
  const decide = (to: CascoQuoteStatus, records: FakeRecord[], changedBy = 's1', byKey = true) =>
    judge(cascoQuoteRule, fakeContext({ records, changedBy, byKey }), update(quote('submitted'), { status: to }))

  it('accepts each outcome backed by the same supervisor’s decision on this version', async () => {
    for (const to of DECIDED as CascoQuoteStatus[]) expect(await decide(to, [...people, decision(to)])).toBe('accepted')
  })

  it('waits for a decision HQ does not hold yet; refuses one that says otherwise', async () => {
    expect(await decide('approved', people)).toBe('deferred:subject-unknown')
    // A decision on an older version of the quote does not cover this one.
    expect(await decide('approved', [...people, decision('approved', {}, 4)])).toBe('deferred:subject-unknown')
    expect(await decide('approved', [...people, decision('rejected')])).toBe('rejected:decision-mismatch')
    expect(await decide('approved', [...people, decision('approved-with-conditions')])).toBe(
      'rejected:decision-mismatch',
    )
    expect(await decide('approved', [...people, decision('approved', { decided_by: 's2' })])).toBe(
      'rejected:approver-not-sender',
    )
    expect(await decide('approved', [...people, { ...decision('approved'), branchCode: 'SPB-01' }])).toBe(
      'rejected:subject-other-branch',
    )
  })

  it('the sender is an active supervisor of the branch who neither wrote nor submitted the case', async () => {
    const backed = [...people, decision('approved')]
    expect(await decide('approved', backed, 'c1')).toBe('rejected:approver-not-supervisor')
    expect(await decide('approved', backed, 'gone')).toBe('rejected:approver-inactive')
    expect(await decide('approved', backed, 'nobody')).toBe('rejected:approver-unknown')
    expect(await decide('approved', [...backed, { ...staff('spb', 'supervisor'), branchCode: 'SPB-01' }], 'spb')).toBe(
      'rejected:approver-unknown',
    )
    const own = (extra: RecordData) =>
      judge(
        cascoQuoteRule,
        fakeContext({ records: backed, changedBy: 's1' }),
        update(quote('submitted', 5, extra), { status: 'approved' }),
      )
    expect(await own({ created_by: 's1' })).toBe('rejected:approver-is-author')
    expect(await own({ submitted_by: 's1' })).toBe('rejected:approver-is-author')
  })

  it('without key lookups in the context, the supervisor checks still hold and the decision is not looked for', async () => {
    expect(await decide('approved', people, 's1', false)).toBe('accepted')
    expect(await decide('approved', people, 'c1', false)).toBe('rejected:approver-not-supervisor')
  })

  it('the author, the submitter and the issuer are the people who sent those changes', async () => {
    expect(
      await judge(cascoQuoteRule, fakeContext({ records: people, changedBy: 's1' }), insert(quote('draft', 1))),
    ).toBe('rejected:author-not-sender')
    expect(
      await judge(cascoQuoteRule, fakeContext({ records: people, changedBy: null }), insert(quote('draft', 1))),
    ).toBe('rejected:author-not-sender')
    expect(
      await judge(
        cascoQuoteRule,
        fakeContext({ records: people, changedBy: 's1' }),
        update(quote('quoted'), { status: 'submitted', submitted_at: at, submitted_by: 'c1' }),
      ),
    ).toBe('rejected:author-not-sender')
    expect(
      await judge(
        cascoQuoteRule,
        fakeContext({ records: people, changedBy: 's2' }),
        update(quote('approved'), quote('issued', 6)),
      ),
    ).toBe('rejected:author-not-sender')
  })

  it('a contract is issued from an approval, in the issuing branch’s own number series', async () => {
    const clerk = fakeContext({ records: people, changedBy: 'c1' })
    expect(await judge(cascoQuoteRule, clerk, update(quote('submitted'), quote('issued', 6)))).toBe(
      'rejected:bad-transition',
    )
    expect(await judge(cascoQuoteRule, clerk, update(quote('approved-with-conditions'), quote('issued', 6)))).toBe(
      'accepted',
    )
    expect(
      await judge(
        cascoQuoteRule,
        clerk,
        update(quote('approved'), {
          ...quote('issued', 6),
          contract_branch: 'SPB-01',
          contract_number: 'SPB-01-К000007',
        }),
      ),
    ).toBe('rejected:invalid-data')
    expect(
      await judge(
        cascoQuoteRule,
        clerk,
        update(quote('approved'), { ...quote('issued', 6), contract_number: 'MSK-01-К000001' }),
      ),
    ).toBe('rejected:invalid-data')
  })
})

describe('approval_decision business key', () => {
  it('names the quote version a quote-moving decision judged; a return to the inspector moves no quote', () => {
    const d = (decisionKind: string, returnTo: string | null = null) =>
      approvalDecisionKey({ quote_id: 'q1', quote_row_version: 5, decision: decisionKind, return_to: returnTo })
    expect(d('approved')).toBe(decisionKey('q1', 5))
    expect(d('approved-with-conditions')).toBe('q1@5')
    expect(d('rejected')).toBe('q1@5')
    expect(d('returned', 'clerk')).toBe('q1@5')
    expect(d('returned', 'inspector')).toBeNull()
  })
})

describe('casco_document: the case’s documents out of the hot row (migration 20261205000017)', () => {
  /** The quote as today's device sends it: no documents inside. */
  const hot = (status: CascoQuoteStatus, v = 5): RecordData => {
    const { draft: _d, quote_input: _i, quote_result: _r, ...row } = quote(status, v)
    return row
  }
  const draft = { insured: { surname: 'Петров' } }
  const priced = { sum: 1 }
  const result = { options: [{}] }
  const documentOf = (extra: RecordData = {}, v = 2): RecordData =>
    synced('q1', v, { draft, quote_input: null, quote_result: null, ...extra })
  const holding = (document: RecordData | null, status: CascoQuoteStatus = 'draft', branchCode?: string) =>
    fakeContext({
      records: [
        ...people,
        { entity: 'casco_quote', id: 'q1', data: hot(status, 1), ...(branchCode ? { branchCode } : {}) },
        ...(document ? [{ entity: 'casco_document', id: 'q1', data: document }] : []),
      ],
      changedBy: 'c1',
    })

  it('judges the priced terms in the document HQ holds when the quote moves', async () => {
    const toQuoted = update(hot('draft', 1), { ...hot('quoted', 2) })
    const pricedDoc = documentOf({ quote_input: priced, quote_result: result })
    expect(await judge(cascoQuoteRule, holding(pricedDoc), toQuoted)).toBe('accepted')
    expect(await judge(cascoQuoteRule, holding(documentOf()), toQuoted)).toBe('rejected:invalid-data')
    // The branch writes the document first; a quote whose document HQ lacks waits for it.
    expect(await judge(cascoQuoteRule, holding(null), toQuoted)).toBe('deferred:subject-unknown')
    // Back to a draft: the document HQ holds must be unpriced.
    const toDraft = update(hot('quoted', 2), { ...hot('draft', 3), chosen_option: null })
    expect(await judge(cascoQuoteRule, holding(documentOf()), toDraft)).toBe('accepted')
    expect(await judge(cascoQuoteRule, holding(pricedDoc), toDraft)).toBe('rejected:invalid-data')
    // A new quote is a draft sent before its document.
    expect(await judge(cascoQuoteRule, holding(null), insert(hot('draft', 1)))).toBe('accepted')
  })

  it('takes the first hot-row change of a quote HQ holds with its documents inside', async () => {
    // The upgraded device's next move of a submitted case carries no documents; they were moved, not changed.
    const ctx = fakeContext({ records: [...people, decision('approved')], changedBy: 's1' })
    const moved = { op: 'update' as const, id: 'q1', before: quote('submitted'), after: hot('approved', 6) }
    expect(moved.after).not.toHaveProperty('draft')
    expect(await judge(cascoQuoteRule, ctx, moved)).toBe('accepted')
    // Still compared while both sides carry them (a device on the previous version).
    expect(await judge(cascoQuoteRule, ctx, update(quote('submitted'), { status: 'approved', draft: '{}' }))).toBe(
      'rejected:immutable-field',
    )
  })

  it('takes a document of the branch’s own quote, and waits for the quote', async () => {
    expect(await judge(cascoDocumentRule, holding(null), insert(documentOf({}, 1)))).toBe('accepted')
    expect(await judge(cascoDocumentRule, holding(documentOf()), update(documentOf(), { draft: { x: 1 } }))).toBe(
      'accepted',
    )
    expect(await judge(cascoDocumentRule, holding(null), insert(documentOf({ draft: '{oops' }, 1)))).toBe(
      'rejected:invalid-data',
    )
    expect(await judge(cascoDocumentRule, fakeContext({}), insert(documentOf({}, 1)))).toBe('deferred:subject-unknown')
    expect(await judge(cascoDocumentRule, holding(null, 'draft', 'SPB-01'), insert(documentOf({}, 1)))).toBe(
      'rejected:not-owner',
    )
  })

  it('keeps the documents of a submitted, decided or issued case as they are', async () => {
    const doc = documentOf({ quote_input: priced, quote_result: result })
    for (const status of ['submitted', 'approved', 'rejected', 'issued', 'printed', 'discarded'] as const) {
      const ctx = holding(doc, status)
      expect(`${status}: ${await judge(cascoDocumentRule, ctx, update(doc, { quote_result: { options: [] } }))}`).toBe(
        `${status}: rejected:immutable-field`,
      )
      // The migration's first copy of a moved document is an insert: taken.
      expect(await judge(cascoDocumentRule, ctx, insert(documentOf({}, 1)))).toBe('accepted')
    }
    expect(
      await judge(cascoDocumentRule, holding(doc, 'returned'), update(doc, { quote_input: null, quote_result: null })),
    ).toBe('accepted')
  })
})

describe('casco_quote: the contract a renewal names (renews_contract_id, core/renewal)', () => {
  const old = (status: CascoQuoteStatus, branchCode?: string): FakeRecord => ({
    entity: 'casco_quote',
    id: 'old',
    data: quote(status, 7, { contract_number: 'MSK-01-К-2025-00001' }),
    ...(branchCode ? { branchCode } : {}),
  })
  const renewal = (renews: unknown) => insert(quote('draft', 1, { renews_contract_id: renews }))
  const judged = (records: FakeRecord[], change = renewal('old')) =>
    judge(cascoQuoteRule, fakeContext({ records: [...people, ...records], changedBy: 'c1' }), change)

  it('takes a renewal of an issued contract of this branch that HQ holds', async () => {
    expect(await judged([old('issued')])).toBe('accepted')
    expect(await judged([], renewal(null))).toBe('accepted')
  })
  it('waits for a contract HQ has not received, refuses one of another branch, a quote or itself', async () => {
    expect(await judged([])).toBe('deferred:subject-unknown')
    expect(await judged([old('issued', 'SPB-01')])).toBe('rejected:subject-other-branch')
    expect(await judged([old('approved')])).toBe('rejected:contract-not-issued')
    expect(await judged([old('issued')], renewal('q1'))).toBe('rejected:invalid-data')
  })
  it('keeps the link once given', async () => {
    const held = quote('draft', 1, { renews_contract_id: 'old' })
    expect(await judged([old('issued')], update(held, { insured_name: 'Петрова' }))).toBe('accepted')
    expect(await judged([old('issued')], update(held, { renews_contract_id: null }))).toBe('rejected:immutable-field')
    expect(await judged([old('issued')], update(held, { renews_contract_id: 'other' }))).toBe(
      'rejected:immutable-field',
    )
  })
})
