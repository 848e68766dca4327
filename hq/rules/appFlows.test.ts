import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { damage, submittedCase, submittedInspection, today } from '../../core/casco/testing/cascoCase'
import { RecordingPrintPlatform } from '../../core/print/recordingPlatform'
import { ADMIN, call, expectOk, makeTestCore, setupBranch, signInAs } from '../../core/testing/testCore'
import { addDays } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { Change } from '../../shared/sync/protocol'
import type {
  ApplicationDetailsInput,
  ContractSource,
  TerminationApplication,
} from '../../shared/termination/application'
import { ensureBranch, issueEnrolmentCode } from '../admin'
import { openHqDatabase } from '../db'
import { enrolDevice } from '../enrolment'
import { applyChanges } from '../push'
import type { HqRecord } from '../records'
import { ruleFor } from './registry'
import type { RuleContext } from './types'

/**
 * What the branch app really writes, judged by HQ's rules: OSAGO at the counter with its blanks (issue, print,
 * reissue on a new blank, a blank spoiled from stock, discards); the CASCO case with both kinds of return, an expired
 * approval submitted again, issue and print, and terminations of a CASCO contract and of contracts entered by
 * hand through every status. The device's outbox goes, in order, (1) through `applyChanges` into an embedded HQ
 * (the push as it is wired) and (2) through the rules with key lookups (`lookupByKey`), which also checks that
 * each decided quote status finds its decision within the same push. Every change must be accepted.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let dirs: string[] = []
const clients: Record<string, string> = {}
beforeEach(async () => {
  const saveDir = mkdtempSync(join(tmpdir(), 'bd-rules-flow-print-'))
  dirs = [saveDir]
  t = await makeTestCore({ print: new RecordingPrintPlatform({ saveDir }) })
  await setupBranch(t.core)
  for (const k of Object.keys(clients)) delete clients[k]
  clients['admin-console'] = ADMIN.password
  for (const [role, client, login] of [
    ['clerk', 'c', 'clerk1'],
    ['inspector', 'i', 'inspector1'],
    ['supervisor', 's', 'boss1'],
    ['supervisor', 's2', 'boss2'],
  ] as const) {
    await signInAs(t.core, role, client, login)
    clients[client] = 'Own12345'
  }
})
afterEach(async () => {
  await t.dispose()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Moves the clock; every session signed in so far unlocks again, the way its user would. */
async function setClock(at: Date): Promise<void> {
  t.clock.set(at)
  for (const [client, password] of Object.entries(clients))
    await call(t.core, 'session/unlock-screen', { password }, client)
}

async function outbox(): Promise<Change[]> {
  const rows = (await t.core.db('outbox').orderBy('seq')) as Array<{
    change_id: string
    entity: string
    entity_id: string
    op: Change['op']
    row_version: number
    data: string
    changed_at: string
    changed_by: string | null
  }>
  return rows.map((r) => ({
    changeId: r.change_id,
    entity: r.entity,
    entityId: r.entity_id,
    op: r.op,
    rowVersion: r.row_version,
    data: JSON.parse(r.data) as Record<string, unknown>,
    changedAt: r.changed_at,
    changedBy: r.changed_by,
  }))
}

const verdictOf = (c: Change, r: { status: string; reason?: { code: string; params: Record<string, unknown> } }) =>
  `${c.entity}#${c.rowVersion} ${r.status}${r.reason ? `:${r.reason.code} ${JSON.stringify(r.reason.params)}` : ''}`

/** (1) The push as wired: an embedded HQ on SQLite, the device enrolled with its own branch record. */
async function pushToHq(changes: Change[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-rules-flow-hq-'))
  dirs.push(dir)
  const db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
  try {
    const branch = (await t.core.db('branch').first()) as { id: string; code: string; name: string; city: string }
    const now = t.clock.now()
    await ensureBranch(db, { code: branch.code, name: branch.name, city: branch.city }, now)
    const { code } = await issueEnrolmentCode(db, branch.code, now, 7)
    const { deviceId } = await enrolDevice(db, { code, deviceName: 'flow', branch }, now)
    const out: string[] = []
    for (let i = 0; i < changes.length; i += 200) {
      const batch = changes.slice(i, i + 200)
      const results = await applyChanges(db, { id: deviceId, branchCode: branch.code }, batch, 'push', now)
      results.forEach((r, j) => {
        if (r.status !== 'accepted') out.push(verdictOf(batch[j]!, r))
      })
    }
    return out
  } finally {
    await db.destroy()
  }
}

/** (2) The rules alone, over a map of accepted records that also answers key lookups, one change after another. */
async function judgeWithKeyLookups(changes: Change[]): Promise<string[]> {
  const branch = (await t.core.db('branch').first()) as { id: string; code: string }
  const records = new Map<string, HqRecord>()
  const k = (entity: string, id: string) => `${entity}/${id}`
  const out: string[] = []
  for (const c of changes) {
    const rule = ruleFor(c.entity)!
    const current = records.get(k(c.entity, c.entityId)) ?? null
    const ctx: RuleContext = {
      branch: { code: branch.code, recordId: branch.id },
      deviceId: 'flow',
      changedBy: c.changedBy,
      lookup: async (entity, id) => records.get(k(entity, id)) ?? null,
      lookupByKey: async (entity, key) =>
        [...records.values()].find((r) => r.entity === entity && r.naturalKey === key) ?? null,
    }
    const verdict = await rule.check(ctx, {
      op: c.op as 'insert' | 'update',
      id: c.entityId,
      before: current?.data ?? null,
      after: c.data,
    })
    if (verdict) {
      out.push(verdictOf(c, verdict))
      continue
    }
    records.set(k(c.entity, c.entityId), {
      entity: c.entity,
      id: c.entityId,
      branchCode: branch.code,
      rowVersion: c.rowVersion,
      data: c.data,
      naturalKey: rule.naturalKey?.(c.data, branch.code) ?? null,
    })
  }
  return out
}

async function expectAllAccepted(): Promise<Change[]> {
  const changes = await outbox()
  expect(await judgeWithKeyLookups(changes)).toEqual([])
  expect(await pushToHq(changes)).toEqual([])
  return changes
}

async function decide(quoteId: string, d: Record<string, unknown>, client = 's') {
  const c = await expectOk(call(t.core, 'approval/get-case', { quoteId }, client))
  return expectOk(
    call(
      t.core,
      'approval/decide',
      { quoteId, quoteRowVersion: c.quote.rowVersion, comment: '', conditions: [], ...d } as never,
      client,
    ),
  )
}

const applicant = {
  fullName: 'Смирнов Алексей Игоревич',
  passport: '4519 123456',
  phone: '8 916 123-45-67',
  address: null,
}
const details = (over: Partial<ApplicationDetailsInput> = {}): ApplicationDetailsInput => ({
  kind: 'cooling-off',
  ground: null,
  eventDate: null,
  cascoChoice: null,
  insuredEventOccurred: false,
  applicant,
  representative: null,
  payout: { method: 'cash' },
  ...over,
})
async function register(
  contract: { source: ContractSource; id: string },
  d: ApplicationDetailsInput,
  client = 'c',
): Promise<TerminationApplication> {
  const a = await expectOk(
    call(
      t.core,
      'termination/register-application',
      { contract: { source: contract.source, id: contract.id }, details: d },
      client,
    ),
  )
  return expectOk(
    call(
      t.core,
      'termination/set-documents',
      { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
      client,
    ),
  )
}
const complete = (a: TerminationApplication, client = 'c') =>
  expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, client))
async function payOut(a: TerminationApplication): Promise<TerminationApplication> {
  if (a.calculation?.needsApproval) {
    a = await expectOk(
      call(
        t.core,
        'termination/approve-application',
        { id: a.id, rowVersion: a.rowVersion },
        a.receivedBy?.fullName === 'Сотрудник boss2' ? 's' : 's2',
      ),
    )
    expect(a.status).toBe('approved')
  }
  return expectOk(
    call(t.core, 'termination/record-payout', { id: a.id, rowVersion: a.rowVersion, paymentDocument: 'РКО 1' }, 'c'),
  )
}

describe('HQ accepts what the branch app writes', () => {
  it('OSAGO and its blanks: received; draft → calculated → draft → calculated → issued → printed, reissued on a new blank and printed; a blank spoiled from stock; a change re-issued on a new blank and a duplicate of the lost policy, both printed; drafts discarded', async () => {
    const desk = 'c'
    await expectOk(
      call(
        t.core,
        'blanks/receive-range',
        { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' },
        'admin-console',
      ),
    )
    const day = today(t.core)
    // «Рассчитать» saves the form and prices it in one call; HQ judges the document the branch sent before the move.
    const priced = async () => {
      const p = await expectOk(call(t.core, 'osago/create-draft', undefined, desk))
      return expectOk(
        call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(day) }, desk),
      )
    }
    let p = await priced()
    // An edit after pricing takes the policy back to draft; it is priced again.
    p = await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft: p.draft }, desk))
    expect(p.status).toBe('draft')
    p = await expectOk(call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion }, desk))
    const payment = { method: 'cash' as const, receiptNumber: 'ФД 7', amountKopecks: p.calculation!.premiumKopecks }
    p = await expectOk(call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: p.rowVersion, payment }, desk))
    expect(p.status).toBe('issued')
    const printBlank = () =>
      expectOk(call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: p.id, printerName: 'HP' }, desk))
    await printBlank()
    p = await expectOk(call(t.core, 'osago/get-policy', { id: p.id }, desk))
    expect(p.status).toBe('printed')
    p = await expectOk(
      call(t.core, 'osago/reissue-on-new-blank', { id: p.id, rowVersion: p.rowVersion, reason: 'Замятие' }, desk),
    )
    expect(p.status).toBe('issued')
    await printBlank()

    const inStock = (await t.core.db('policy_blank').where({ status: 'available' }).first()) as { id: string }
    await expectOk(call(t.core, 'blanks/spoil-blank', { blankId: inStock.id, reason: 'Испорчен при хранении' }, 's'))

    // A change to the issued policy (a plate, re-issued on a new blank), printed; then a duplicate of the lost policy.
    let ch = await expectOk(call(t.core, 'osagoChange/start-change', { policyId: p.id, kind: 'plate' }, desk))
    ch = await expectOk(
      call(
        t.core,
        'osagoChange/calculate-change',
        {
          id: ch.id,
          rowVersion: ch.rowVersion,
          after: { ...ch.after, vehicle: { ...ch.after.vehicle, plate: 'А123ВС77' } },
        },
        desk,
      ),
    )
    ch = await expectOk(call(t.core, 'osagoChange/apply-change', { id: ch.id, rowVersion: ch.rowVersion }, desk))
    await expectOk(
      call(t.core, 'print/print-document', { kind: 'osago-change-policy-blank', id: ch.id, printerName: 'HP' }, desk),
    )
    p = await expectOk(call(t.core, 'osago/get-policy', { id: p.id }, desk))
    expect(p.status).toBe('printed')
    const dup = await expectOk(
      call(
        t.core,
        'osagoChange/issue-duplicate',
        { policyId: p.id, policyRowVersion: p.rowVersion, reason: 'Утерян клиентом' },
        desk,
      ),
    )
    await expectOk(
      call(t.core, 'print/print-document', { kind: 'osago-change-policy-blank', id: dup.id, printerName: 'HP' }, desk),
    )

    const draft = await expectOk(call(t.core, 'osago/create-draft', undefined, desk))
    await expectOk(call(t.core, 'osago/discard-draft', { id: draft.id, rowVersion: draft.rowVersion }, desk))
    const calculated = await priced()
    await expectOk(call(t.core, 'osago/discard-draft', { id: calculated.id, rowVersion: calculated.rowVersion }, desk))

    const changes = await expectAllAccepted()
    const statuses = (entity: string) => new Set(changes.filter((c) => c.entity === entity).map((c) => c.data.status))
    expect(statuses('osago_policy')).toEqual(new Set(['draft', 'calculated', 'issued', 'printed', 'discarded']))
    // The documents travel as records of their own, as objects; the hot row's changes carry none.
    expect(changes.some((c) => c.entity === 'osago_document' && typeof c.data.draft === 'object')).toBe(true)
    expect(changes.filter((c) => c.entity === 'osago_policy').every((c) => !('draft' in c.data))).toBe(true)
    expect(statuses('policy_blank')).toEqual(new Set(['available', 'used', 'spoiled', 'lost']))
    expect(statuses('osago_change')).toEqual(new Set(['draft', 'calculated', 'applied']))
    // The issue made the client's card, its first version and the link in the same push, all accepted.
    expect(['client', 'client_version', 'client_link'].every((e) => changes.some((c) => c.entity === e))).toBe(true)
    // The reissue spoiled the used blank in the same push as the policy's move to the new one.
    const spoiledUsed = changes.filter(
      (c) => c.entity === 'policy_blank' && c.data.status === 'spoiled' && c.data.policy_id === p.id,
    )
    // One by the reissue, one by the change re-issued on a new blank.
    expect(spoiledUsed).toHaveLength(2)
  }, 60_000)

  it('a CASCO case: returns to the inspector and to the clerk, re-submission after expiry, issue, print, three terminations; discards', async () => {
    const q = await submittedCase(t.core, 'c')
    const report = await submittedInspection(t.core, 'i', q.id, [damage()])
    await decide(q.id, { decision: 'returned', returnTo: 'inspector', comment: 'Нет крупного плана двери' })
    let insp = await expectOk(call(t.core, 'inspection/get', { id: report.id }, 'i'))
    expect(insp.status).toBe('returned')
    insp = await expectOk(
      call(
        t.core,
        'inspection/save-report',
        { id: insp.id, rowVersion: insp.rowVersion, report: { ...insp.report } },
        'i',
      ),
    )
    await expectOk(call(t.core, 'inspection/submit', { id: insp.id, rowVersion: insp.rowVersion }, 'i'))

    await decide(q.id, { decision: 'returned', returnTo: 'clerk', comment: 'Нужна франшиза' })
    let r = await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
    r = await expectOk(call(t.core, 'casco/choose-option', { id: q.id, rowVersion: r.rowVersion, option: 0 }, 'c'))
    r = await expectOk(call(t.core, 'casco/save-draft', { id: q.id, rowVersion: r.rowVersion, draft: r.draft }, 'c'))
    r = await expectOk(call(t.core, 'casco/calculate-quote', { id: q.id, rowVersion: r.rowVersion }, 'c'))
    r = await expectOk(call(t.core, 'casco/choose-option', { id: q.id, rowVersion: r.rowVersion, option: 0 }, 'c'))
    r = await expectOk(call(t.core, 'casco/submit-for-approval', { id: q.id, rowVersion: r.rowVersion }, 'c'))

    // Approved for today only; tomorrow it has expired and goes to the supervisor again.
    await decide(q.id, { decision: 'approved', validUntil: today(t.core) })
    await setClock(new Date(t.clock.now().getTime() + 24 * 3600_000))
    r = await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
    r = await expectOk(call(t.core, 'casco/submit-for-approval', { id: q.id, rowVersion: r.rowVersion }, 'c'))
    expect(r.status).toBe('submitted')
    await decide(
      q.id,
      { decision: 'approved-with-conditions', validUntil: addDays(today(t.core), 10), conditions: ['Дверь исключена'] },
      's2',
    )
    r = await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
    const first = r.result!.options[0]!.schedule.payments[0]!.amountKopecks
    r = await expectOk(
      call(
        t.core,
        'casco/issue-contract',
        {
          id: q.id,
          rowVersion: r.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: first },
        },
        'c',
      ),
    )
    expect(r.status).toBe('issued')
    await expectOk(call(t.core, 'print/print-document', { kind: 'casco-contract', id: q.id, printerName: 'HP' }, 'c'))
    await expectOk(call(t.core, 'print/print-document', { kind: 'casco-contract', id: q.id, printerName: 'HP' }, 'c'))
    expect((await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))).status).toBe('printed')

    // Sold with the car and re-issued to the new owner (closed); a cooling-off refusal after completion (the
    // contract goes on); a cooling-off refund paid (with a supervisor's approval when above the threshold).
    const contract = { source: 'casco' as const, id: q.id }
    const reissued = await complete(
      await register(contract, details({ kind: 'casco-sale', cascoChoice: 'reissue', payout: null })),
    )
    expect(reissued.status).toBe('closed')
    const refused = await complete(await register(contract, details()))
    expect(refused.status).toBe('calculated')
    await expectOk(
      call(
        t.core,
        'termination/refuse-application',
        { id: refused.id, rowVersion: refused.rowVersion, reason: 'Клиент передумал' },
        'c',
      ),
    )
    const paid = await payOut(await complete(await register(contract, details())))
    expect(paid.status).toBe('paid')
    expect(await t.core.db('casco_quote').where({ id: q.id }).first()).toMatchObject({
      status: 'printed',
      terminated_on: today(t.core),
    })

    // Discarded as a draft, and after pricing.
    const d1 = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
    await expectOk(call(t.core, 'casco/discard-quote', { id: d1.id, rowVersion: d1.rowVersion }, 'c'))

    const changes = await expectAllAccepted()
    const moves = changes.filter((c) => c.entity === 'casco_quote' && c.entityId === q.id).map((c) => c.data.status)
    // The contract's insured (and the inspection's and terminations' people) went to HQ as client cards and links.
    expect(
      changes.some((c) => c.entity === 'client_link' && c.data.entity === 'casco_quote' && c.data.entity_id === q.id),
    ).toBe(true)
    expect(new Set(moves)).toEqual(
      new Set([
        'draft',
        'quoted',
        'submitted',
        'returned',
        'approved',
        'approved-with-conditions',
        'issued',
        'printed',
      ]),
    )
    expect(changes.filter((c) => c.entity === 'inspection').map((c) => c.data.status)).toContain('returned')
  }, 60_000)

  it('contracts entered by hand: received → refused; calculated → paid; calculated → approved → paid; a rejection is final', async () => {
    await setClock(new Date('2025-03-31T07:00:00Z'))
    let n = 0
    const manual = async (premiumKopecks: number) =>
      expectOk(
        call(
          t.core,
          'termination/enter-contract',
          {
            contract: {
              product: 'osago',
              number: `ХХХ ${String(++n).padStart(10, '0')}`,
              concludedAt: 'Агент Сидоров',
              policyholderType: 'individual',
              policyholderName: 'Орлова Ирина Сергеевна',
              plate: 'В456ОР199',
              vin: 'XTA21700080123456',
              conclusionDate: '2024-12-20',
              startDate: '2025-01-01',
              endDate: '2025-12-31',
              premiumKopecks,
              periodsOfUse: [],
            },
          },
          'c',
        ),
      )
    const osago = details({ kind: 'osago-early-termination', ground: 'owner-change' })

    const early = await register(await manual(1_000_000), osago)
    await expectOk(
      call(
        t.core,
        'termination/refuse-application',
        { id: early.id, rowVersion: early.rowVersion, reason: 'Нет документов' },
        'c',
      ),
    )
    const small = await complete(await register(await manual(1_000_000), osago))
    expect(small).toMatchObject({ status: 'calculated', calculation: { needsApproval: false } })
    expect((await payOut(small)).status).toBe('paid')
    const big = await complete(await register(await manual(20_000_000), osago))
    expect(big).toMatchObject({ status: 'calculated', calculation: { needsApproval: true } })
    expect((await payOut(big)).status).toBe('paid')
    // A refund refused after completion gives the contract back its term.
    const later = await complete(await register(await manual(1_000_000), osago))
    await expectOk(
      call(
        t.core,
        'termination/refuse-application',
        { id: later.id, rowVersion: later.rowVersion, reason: 'Ошибка' },
        'c',
      ),
    )

    const changes = await expectAllAccepted()
    const statuses = new Set(changes.filter((c) => c.entity === 'termination_application').map((c) => c.data.status))
    expect(statuses).toEqual(new Set(['received', 'calculated', 'approved', 'paid', 'refused']))
    expect(
      changes.filter((c) => c.entity === 'manual_contract' && c.op === 'update').map((c) => c.data.terminated_on),
    ).toContain(null)
  }, 60_000)

  it('an OSAGO renewal: started from the expiring policy in its window, priced and issued; HQ takes the link', async () => {
    await expectOk(
      call(
        t.core,
        'blanks/receive-range',
        { series: 'ААК', fromNumber: '0000000201', toNumber: '0000000203' },
        'admin-console',
      ),
    )
    const issue = async (id: string, rowVersion: number, draft?: ReturnType<typeof completeDraft>) => {
      const p = await expectOk(
        call(t.core, 'osago/calculate-policy', { id, rowVersion, ...(draft ? { draft } : {}) }, 'c'),
      )
      const payment = { method: 'cash' as const, receiptNumber: 'ФД 9', amountKopecks: p.calculation!.premiumKopecks }
      return expectOk(call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: p.rowVersion, payment }, 'c'))
    }
    const created = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const old = await issue(created.id, created.rowVersion, completeDraft(today(t.core)))
    // A month before its end: the renewal's window (resources/rules/renewal.json).
    await setClock(new Date(`${addDays(old.endDate!, -30)}T09:00:00.000Z`))
    const renewal = await expectOk(call(t.core, 'osago/renew-policy', { id: old.id }, 'c'))
    const issued = await issue(renewal.id, renewal.rowVersion)
    expect(issued.status).toBe('issued')

    const changes = await expectAllAccepted()
    const links = changes.filter((c) => c.entity === 'osago_policy' && c.entityId === renewal.id)
    expect(links.map((c) => [c.data.status, c.data.renews_policy_id])).toEqual([
      ['draft', old.id],
      ['calculated', old.id],
      ['issued', old.id],
    ])
  }, 60_000)
})
