import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays, daysInclusive, todayIn } from '../../shared/dates/calendarDate'
import { applyFactors, fraction } from '../../shared/money/exact'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type {
  ApplicationDetailsInput,
  ContractSource,
  ContractSummary,
  ManualContractInput,
  TerminationApplication,
} from '../../shared/termination/application'
import { ADMIN, call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  for (const k of Object.keys(clients)) delete clients[k]
  await signIn('admin', 'admin')
  await signIn('clerk', 'c')
  clients['admin-console'] = ADMIN.password
})
afterEach(async () => t.dispose())

/**
 * Moves the branch clock to 10:00 Moscow time on `date`. Moving it forward idle-locks every session, so each one
 * signed in so far unlocks again, the way its user would.
 */
async function on(date: string): Promise<void> {
  t.clock.set(new Date(`${date}T07:00:00Z`))
  for (const [client, password] of Object.entries(clients)) {
    await call(t.core, 'session/unlock-screen', { password }, client)
  }
}
const clients: Record<string, string> = {}
async function signIn(
  role: 'clerk' | 'inspector' | 'supervisor' | 'admin',
  client: string,
  login?: string,
): Promise<void> {
  await signInAs(t.core, role, client, login)
  clients[client] = role === 'admin' ? ADMIN.password : 'Own12345'
}
const today = () => todayIn('Europe/Moscow', t.clock.now())

async function issueOsago(periodsOfUse: Array<{ from: string; to: string }> = []) {
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const draft = completeDraft(today())
  draft.vehicle.plate = 'А123ВС777'
  draft.contract.periodsOfUse = periodsOfUse
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

let contractNo = 0
async function manual(over: Partial<ManualContractInput> = {}, client = 'c'): Promise<ContractSummary> {
  contractNo += 1
  return expectOk(
    call(
      t.core,
      'termination/enter-contract',
      {
        contract: {
          product: 'osago',
          number: `ХХХ ${String(contractNo).padStart(10, '0')}`,
          concludedAt: 'Агент Сидоров',
          policyholderType: 'individual',
          policyholderName: 'Орлова Ирина Сергеевна',
          plate: 'В456ОР199',
          vin: 'XTA21700080123456',
          conclusionDate: '2024-12-20',
          startDate: '2025-01-01',
          endDate: '2025-12-31',
          premiumKopecks: 1_000_000,
          periodsOfUse: [],
          ...over,
        },
      },
      client,
    ),
  )
}

function details(over: Partial<ApplicationDetailsInput> = {}): ApplicationDetailsInput {
  return {
    kind: 'osago-early-termination',
    ground: 'owner-change',
    eventDate: null,
    cascoChoice: null,
    insuredEventOccurred: false,
    applicant: { fullName: 'Орлова Ирина Сергеевна', passport: '4519 123456', phone: '8 916 123-45-67', address: null },
    representative: null,
    payout: { method: 'cash' },
    ...over,
  }
}

const ref = (c: { source: ContractSource; id: string }) => ({ source: c.source, id: c.id })

async function register(
  c: { source: ContractSource; id: string },
  over: Partial<ApplicationDetailsInput> = {},
  client = 'c',
) {
  return expectOk(
    call(t.core, 'termination/register-application', { contract: ref(c), details: details(over) }, client),
  )
}
async function tick(a: TerminationApplication, docs = a.requiredDocuments, client = 'c') {
  return expectOk(
    call(t.core, 'termination/set-documents', { id: a.id, rowVersion: a.rowVersion, documents: docs }, client),
  )
}
async function complete(a: TerminationApplication, client = 'c') {
  return expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, client))
}
async function registerAndComplete(
  c: { source: ContractSource; id: string },
  over: Partial<ApplicationDetailsInput> = {},
) {
  return complete(await tick(await register(c, over)))
}

describe('termination at the counter: OSAGO sold with the car', () => {
  it('finds the local policy, numbers the application, checks documents, refunds by the formula and ends the policy', async () => {
    await on('2026-01-15')
    const policy = await issueOsago()
    const premium = policy.calculation!.premiumKopecks
    await on('2026-04-15')
    const found = await expectOk(call(t.core, 'termination/find-contracts', { query: 'а123вс 777' }, 'c'))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      source: 'osago',
      id: policy.id,
      number: 'ААК 0000000101',
      enteredByHand: false,
      openApplication: null,
    })
    for (const q of ['ААК0000000101', 'XTAGFK330RY123456', 'смирнов']) {
      expect(
        (await expectOk(call(t.core, 'termination/find-contracts', { query: q }, 'c'))).map((c) => c.id),
        q,
      ).toEqual([policy.id])
    }

    const a = await register(found[0]!)
    expect(a).toMatchObject({
      incomingNumber: 'MSK-01-2026-00001',
      status: 'received',
      receivedOn: '2026-04-15',
      payoutDueOn: '2026-04-29',
      requiredDocuments: [
        'application',
        'passport',
        'originalPolicy',
        'saleContract',
        'ptsCopyWithNewOwner',
        'paymentProof',
      ],
      documents: [],
    })
    expect(a.receivedAt).toBe('2026-04-15T07:00:00.000Z')
    expect(a.receivedBy?.fullName).toBe('Сотрудник clerk1')

    const done = await complete(await tick(a))
    // Cover 16.01.2026–15.01.2027 (365 days); terminated 15.04.2026, unexpired 16.04.2026–15.01.2027.
    const unexpired = daysInclusive('2026-04-16', '2027-01-15')
    const expected = applyFactors(premium, ['0.77', fraction(unexpired, 365)])
    expect(done).toMatchObject({ status: 'calculated', completedBy: { fullName: 'Сотрудник clerk1' } })
    expect(done.calculation).toMatchObject({
      outcome: 'refund',
      terminationDate: '2026-04-15',
      daysPaid: 365,
      unexpiredDays: unexpired,
      share: '0.77',
      refundKopecks: expected,
      rulesVersion: '2023-01-30.2',
      payoutDueDate: '2026-04-29',
      needsApproval: false,
    })

    // The policy ends with the completion, in the same transaction, with outbox and audit entries.
    expect(await t.core.db('osago_policy').where({ id: policy.id }).first()).toMatchObject({
      terminated_on: '2026-04-15',
      status: 'issued',
    })
    const audit = (await t.core.db('audit_log').where({ action: 'termination.completed' })) as Array<{ entity: string }>
    expect(audit.map((x) => x.entity).sort()).toEqual(['osago_policy', 'termination_application'])
    expect(await t.core.db('outbox').where({ entity: 'termination_application', entity_id: a.id })).toHaveLength(3)

    const paid = await expectOk(
      call(
        t.core,
        'termination/record-payout',
        { id: done.id, rowVersion: done.rowVersion, paymentDocument: 'РКО № 17' },
        'c',
      ),
    )
    expect(paid).toMatchObject({
      status: 'paid',
      paidOn: '2026-04-15',
      paymentDocument: 'РКО № 17',
      penaltyKopecks: 0,
      paidKopecks: expected,
    })
    // An ended contract takes no second application.
    expect(
      await call(t.core, 'termination/register-application', { contract: ref(found[0]!), details: details() }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Договор уже прекращён 15.04.2026' } })
  })

  it('carries the periods of use of the local policy and counts within them', async () => {
    await on('2026-01-15')
    const periods = [
      { from: '2026-01-16', to: '2026-04-15' },
      { from: '2026-06-01', to: '2026-08-31' },
    ]
    const policy = await issueOsago(periods)
    await on('2026-05-10') // between the periods: the second one comes back in full
    const done = await registerAndComplete({ source: 'osago', id: policy.id })
    const paidDays = daysInclusive(periods[0]!.from, periods[0]!.to) + daysInclusive(periods[1]!.from, periods[1]!.to)
    expect(done.contract.periodsOfUse).toEqual(periods)
    expect(done.calculation).toMatchObject({
      formula: 'osago-periods',
      daysPaid: paidDays,
      unexpiredDays: 92,
      refundKopecks: applyFactors(policy.calculation!.premiumKopecks, ['0.77', fraction(92, paidDays)]),
    })
  })
})

describe('term edges and grounds, on contracts entered by hand', () => {
  it('first day, last day, after the term', async () => {
    await on('2025-01-01')
    const first = await registerAndComplete(await manual())
    expect(first.calculation).toMatchObject({ unexpiredDays: 364, refundKopecks: 767_890 })

    await on('2025-12-31')
    const last = await registerAndComplete(await manual())
    // Eligible but nothing left: closed without a payout, and the contract still ends.
    expect(last).toMatchObject({ status: 'closed', calculation: { eligible: true, refundKopecks: 0 } })
    expect(await t.core.db('manual_contract').where({ id: last.contract.id }).first()).toMatchObject({
      terminated_on: '2025-12-31',
    })

    await on('2026-01-01')
    const late = await registerAndComplete(await manual())
    expect(late).toMatchObject({
      status: 'refused',
      refusalReason: 'termination.reason.applicationAfterTermEnd',
      payoutDueOn: null,
    })
    expect(await t.core.db('manual_contract').where({ id: late.contract.id }).first()).toMatchObject({
      terminated_on: null,
    })
  })

  it('a leap-year term counts 366 days; death ends the contract on the date of death', async () => {
    await on('2024-02-28')
    const leap = await registerAndComplete(
      await manual({ conclusionDate: '2023-05-30', startDate: '2023-06-01', endDate: '2024-05-31' }),
    )
    expect(leap.calculation).toMatchObject({ daysPaid: 366, unexpiredDays: 93, refundKopecks: 195_656 })

    await on('2025-06-20')
    const c = await manual()
    const noDate = await call(
      t.core,
      'termination/register-application',
      { contract: ref(c), details: details({ ground: 'death' }) },
      'c',
    )
    expect(noDate).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'details.eventDate': 'termination.error.eventDateRequired' } },
    })
    const death = await register(c, {
      ground: 'death',
      eventDate: '2025-05-10',
      applicant: { fullName: 'Орлов Пётр Ильич', passport: '4510 654321', phone: '+7 903 111-22-33', address: null },
    })
    expect(death.requiredDocuments).toEqual(expect.arrayContaining(['deathCertificate', 'heirDocuments']))
    const done = await complete(await tick(death))
    expect(done.calculation).toMatchObject({
      terminationDate: '2025-05-10',
      terminationDateRule: 'event-date',
      payoutDueDate: '2025-07-04',
    })
  })

  it('periods of use on a contract entered by hand', async () => {
    await on('2025-02-14')
    const c = await manual({
      periodsOfUse: [
        { from: '2025-01-01', to: '2025-03-31' },
        { from: '2025-06-01', to: '2025-08-31' },
      ],
    })
    expect((await registerAndComplete(c)).calculation).toMatchObject({
      daysPaid: 182,
      unexpiredDays: 137,
      refundKopecks: 579_615,
    })
    const bad = await call(
      t.core,
      'termination/enter-contract',
      {
        contract: {
          product: 'osago',
          number: 'ХХХ 9',
          concludedAt: null,
          policyholderType: 'individual',
          policyholderName: 'Орлова И. С.',
          plate: null,
          vin: null,
          conclusionDate: '2024-12-20',
          startDate: '2025-01-01',
          endDate: '2025-12-31',
          premiumKopecks: 100,
          periodsOfUse: [
            { from: '2025-01-01', to: '2025-03-31' },
            { from: '2025-03-01', to: '2025-05-01' },
          ],
        },
      },
      'c',
    )
    expect(bad).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'contract.periodsOfUse.1.from': 'termination.error.periodsOverlap' } },
    })
  })
})

describe('cooling-off', () => {
  const casco = {
    product: 'casco' as const,
    conclusionDate: '2025-12-25',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
  }
  const refusal = { kind: 'cooling-off' as const, ground: null }

  it('day 14 falls on the New Year holidays: accepted on 12.01.2026, not on 13.01.2026', async () => {
    await on('2026-01-12')
    const ok = await registerAndComplete(await manual(casco), refusal)
    expect(ok).toMatchObject({
      status: 'calculated',
      payoutDueOn: '2026-01-26',
      calculation: {
        coolingOffLastDay: '2026-01-08',
        coolingOffWindowEnd: '2026-01-12',
        daysInForce: 12,
        refundKopecks: 967_123,
      },
    })
    await on('2026-01-13')
    const late = await registerAndComplete(await manual(casco), refusal)
    expect(late).toMatchObject({ status: 'refused', refusalReason: 'termination.reason.coolingOffWindowPassed' })
  })

  it('day 14 on the May 2025 holidays: concluded 24.04.2025, accepted on 12.05.2025, paid within 10 working days', async () => {
    const may = {
      product: 'voluntary' as const,
      conclusionDate: '2025-04-24',
      startDate: '2025-04-25',
      endDate: '2026-04-24',
    }
    await on('2025-05-12')
    expect(await registerAndComplete(await manual(may), refusal)).toMatchObject({
      status: 'calculated',
      payoutDueOn: '2025-05-26',
      calculation: {
        coolingOffLastDay: '2025-05-08',
        coolingOffWindowEnd: '2025-05-12',
        daysInForce: 18,
        refundKopecks: 950_685,
      },
    })
    await on('2025-05-13')
    expect(await registerAndComplete(await manual(may), refusal)).toMatchObject({ status: 'refused' })
  })

  it('needs an individual policyholder and no insured event; refuses cooling-off on OSAGO', async () => {
    await on('2026-01-05')
    expect(await registerAndComplete(await manual({ ...casco, policyholderType: 'legal' }), refusal)).toMatchObject({
      status: 'refused',
      refusalReason: 'termination.reason.coolingOffIndividualsOnly',
    })
    expect(
      await registerAndComplete(await manual({ ...casco, product: 'voluntary' }), {
        ...refusal,
        insuredEventOccurred: true,
      }),
    ).toMatchObject({ status: 'refused', refusalReason: 'termination.reason.insuredEventOccurred' })
    const osago = await manual({ conclusionDate: '2025-12-25', startDate: '2026-01-01', endDate: '2026-12-31' })
    expect(
      await call(t.core, 'termination/register-application', { contract: ref(osago), details: details(refusal) }, 'c'),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'details.kind': 'termination.problem.kindNotForContract' } },
    })
  })

  it('a payout date in a year no decree covers yet is counted by the Labour Code, never refused (payoutDeadlineRecalculation.test.ts)', async () => {
    await on('2026-12-28')
    const a = await register(
      await manual({ ...casco, conclusionDate: '2026-12-20', startDate: '2026-12-21', endDate: '2027-12-20' }),
      refusal,
    )
    expect(a.payoutDueOn).toBe('2027-01-20')
  })
})

describe('CASCO after the car is sold', () => {
  const casco = { product: 'casco' as const }
  it('terminates with the refund the rules give, or records the re-issue to the new owner', async () => {
    await on('2025-03-31')
    const refund = await registerAndComplete(await manual(casco), {
      kind: 'casco-sale',
      ground: null,
      cascoChoice: 'refund',
    })
    expect(refund).toMatchObject({
      status: 'calculated',
      calculation: { formula: 'casco-sale', refundKopecks: 753_425, payoutDueDate: '2025-04-14' },
    })
    expect(refund.requiredDocuments).toContain('saleContract')

    const c = await manual(casco)
    const reissue = await registerAndComplete(c, {
      kind: 'casco-sale',
      ground: null,
      cascoChoice: 'reissue',
      payout: null,
    })
    expect(reissue).toMatchObject({ status: 'closed', calculation: { outcome: 'reissue', refundKopecks: 0 } })
    expect(await t.core.db('manual_contract').where({ id: c.id }).first()).toMatchObject({ terminated_on: null })
  })
})

describe('documents checklist', () => {
  it('a missing sale contract blocks completion, named in the message and at the document', async () => {
    await on('2025-03-31')
    const a = await register(await manual())
    const ticked = await tick(
      a,
      a.requiredDocuments.filter((d) => d !== 'saleContract'),
    )
    const r = await call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c')
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'documents.saleContract': 'termination.problem.documentMissing' } },
    })
    if (!r.ok) expect(r.error.message).toContain('Договор купли-продажи')
    expect((await expectOk(call(t.core, 'termination/get-application', { id: a.id }, 'c'))).status).toBe('received')
  })

  it('a representative needs the notarised power of attorney: its details at registration and the original ticked', async () => {
    await on('2025-03-31')
    const c = await manual()
    const noPoa = await call(
      t.core,
      'termination/register-application',
      {
        contract: ref(c),
        details: details({
          representative: {
            fullName: 'Кузнецов Олег Ильич',
            powerOfAttorney: { number: '', date: '2025-03-01', notary: '' },
          },
        }),
      },
      'c',
    )
    expect(noPoa).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fieldErrors: {
          'details.representative.powerOfAttorney.number': 'validation.required',
          'details.representative.powerOfAttorney.notary': 'validation.required',
        },
      },
    })
    const a = await register(c, {
      representative: {
        fullName: 'Кузнецов Олег Ильич',
        powerOfAttorney: { number: '77 АА 1234567', date: '2025-03-01', notary: 'Нотариус г. Москвы Белова А. А.' },
      },
    })
    expect(a.requiredDocuments).toContain('notarisedPowerOfAttorney')
    const ticked = await tick(
      a,
      a.requiredDocuments.filter((d) => d !== 'notarisedPowerOfAttorney'),
    )
    const r = await call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c')
    expect(r).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'documents.notarisedPowerOfAttorney': 'termination.problem.documentMissing' } },
    })
    expect(
      await call(
        t.core,
        'termination/set-documents',
        { id: a.id, rowVersion: ticked.rowVersion, documents: ['deathCertificate'] },
        'c',
      ),
    ).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'documents.deathCertificate': 'termination.problem.documentNotRequired' } },
    })
  })

  it('bank details are asked for a transfer only, checked with the BIK key', async () => {
    await on('2025-03-31')
    const transfer = {
      method: 'transfer' as const,
      recipient: 'Орлова Ирина Сергеевна',
      bankName: 'ПАО Сбербанк',
      bik: '044525225',
      account: '40817810438000000001',
      correspondentAccount: '30101810400000000225',
    }
    const bad = await call(
      t.core,
      'termination/register-application',
      {
        contract: ref(await manual()),
        details: details({ payout: { ...transfer, account: '40817810538000000001', bik: '04452522' } }),
      },
      'c',
    )
    expect(bad).toMatchObject({ ok: false, error: { fieldErrors: { 'details.payout.bik': 'validation.bik.format' } } })
    const badKey = await call(
      t.core,
      'termination/register-application',
      { contract: ref(await manual()), details: details({ payout: { ...transfer, account: '40817810538000000001' } }) },
      'c',
    )
    expect(badKey).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'details.payout.account': 'validation.bankAccount.key' } },
    })
    const noName = await call(
      t.core,
      'termination/register-application',
      { contract: ref(await manual()), details: details({ payout: { ...transfer, bankName: ' ' } }) },
      'c',
    )
    expect(noName).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'details.payout.bankName': 'validation.required' } },
    })
    const a = await register(await manual(), { payout: { ...transfer, account: '4081 7810 4380 0000 0001' } })
    expect(a.details.payout).toEqual({ ...transfer })
    expect(a.requiredDocuments).toContain('bankDetails')
    expect((await register(await manual())).requiredDocuments).not.toContain('bankDetails')
  })
})

describe('approval and payout', () => {
  const big = { premiumKopecks: 20_000_000 } // refund ≈ 116 027 ₽, above the 50 000 ₽ threshold

  it('above the threshold a supervisor other than the one who received it approves before payout', async () => {
    await on('2025-03-31')
    await signIn('supervisor', 's1', 'boss1')
    await signIn('supervisor', 's2', 'boss2')
    const own = await registerAndComplete(await manual(big))
    expect(own.calculation).toMatchObject({ needsApproval: true, refundKopecks: 11_602_740 })
    expect(
      await call(
        t.core,
        'termination/record-payout',
        { id: own.id, rowVersion: own.rowVersion, paymentDocument: 'п/п 1' },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(
      await call(t.core, 'termination/approve-application', { id: own.id, rowVersion: own.rowVersion }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const bySupervisor = await complete(await tick(await register(await manual(big), {}, 's1'), undefined, 's1'), 's1')
    expect(
      await call(
        t.core,
        'termination/approve-application',
        { id: bySupervisor.id, rowVersion: bySupervisor.rowVersion },
        's1',
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('другой сотрудник') } })
    const approved = await expectOk(
      call(
        t.core,
        'termination/approve-application',
        { id: bySupervisor.id, rowVersion: bySupervisor.rowVersion },
        's2',
      ),
    )
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { fullName: 'Сотрудник boss2' } })
    const paid = await expectOk(
      call(
        t.core,
        'termination/record-payout',
        { id: approved.id, rowVersion: approved.rowVersion, paymentDocument: 'п/п 12' },
        'c',
      ),
    )
    expect(paid).toMatchObject({ status: 'paid', paidKopecks: 11_602_740 })

    // Within the threshold there is nothing to approve.
    const small = await registerAndComplete(await manual())
    expect(
      await call(t.core, 'termination/approve-application', { id: small.id, rowVersion: small.rowVersion }, 's2'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('a late payout adds 1 % a day; the deadline list shows what is due soon and overdue', async () => {
    await on('2025-03-31')
    const a = await registerAndComplete(await manual())
    const waiting = await register(await manual())
    await on('2025-04-12')
    let list = await expectOk(call(t.core, 'termination/list-deadlines', { dueSoonDays: 3 }, 'c'))
    expect(list.dueSoon.map((d) => [d.incomingNumber, d.daysLeft])).toEqual([
      [a.incomingNumber, 2],
      [waiting.incomingNumber, 2],
    ])
    expect(list.overdue).toEqual([])
    await on('2025-04-17')
    list = await expectOk(call(t.core, 'termination/list-deadlines', undefined, 'c'))
    expect(list.overdue.find((d) => d.applicationId === a.id)).toMatchObject({
      daysLeft: -3,
      refundKopecks: 580_137,
      penaltyKopecks: 17_404,
    })
    expect(list.overdue.find((d) => d.applicationId === waiting.id)).toMatchObject({
      daysLeft: -3,
      penaltyKopecks: null,
    })
    const paid = await expectOk(
      call(t.core, 'termination/record-payout', { id: a.id, rowVersion: a.rowVersion, paymentDocument: 'РКО 5' }, 'c'),
    )
    expect(paid).toMatchObject({ paidOn: '2025-04-17', penaltyKopecks: 17_404, paidKopecks: 580_137 + 17_404 })
    list = await expectOk(call(t.core, 'termination/list-deadlines', undefined, 'c'))
    expect(list.overdue.map((d) => d.applicationId)).toEqual([waiting.id])
  })

  it('lists cooling-off windows closing on contracts on file without an application', async () => {
    await on('2026-01-08')
    const closing = await manual({
      product: 'casco',
      conclusionDate: '2025-12-25',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    })
    await manual({ product: 'casco', conclusionDate: '2026-01-05', startDate: '2026-01-06', endDate: '2027-01-05' }) // window to 19.01
    await manual({ product: 'osago', conclusionDate: '2025-12-25', startDate: '2026-01-01', endDate: '2026-12-31' })
    const list = await expectOk(call(t.core, 'termination/list-deadlines', { dueSoonDays: 5 }, 'c'))
    expect(list.coolingOffClosing).toEqual([
      expect.objectContaining({ contractId: closing.id, windowEnd: '2026-01-12', daysLeft: 4 }),
    ])
    await register(closing, { kind: 'cooling-off', ground: null })
    expect(
      (await expectOk(call(t.core, 'termination/list-deadlines', { dueSoonDays: 5 }, 'c'))).coolingOffClosing,
    ).toEqual([])
  })

  it('refusing a completed application gives the contract back its term', async () => {
    await on('2025-03-31')
    const done = await registerAndComplete(await manual())
    expect(await t.core.db('manual_contract').where({ id: done.contract.id }).first()).toMatchObject({
      terminated_on: '2025-03-31',
    })
    const refused = await expectOk(
      call(
        t.core,
        'termination/refuse-application',
        { id: done.id, rowVersion: done.rowVersion, reason: 'Договор купли-продажи не подтверждён' },
        'c',
      ),
    )
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'Договор купли-продажи не подтверждён' })
    expect(await t.core.db('manual_contract').where({ id: done.contract.id }).first()).toMatchObject({
      terminated_on: null,
    })
    expect(
      await call(
        t.core,
        'termination/record-payout',
        { id: done.id, rowVersion: refused.rowVersion, paymentDocument: 'x' },
        'c',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Действие недоступно: заявление в статусе «Отказано»' },
    })
    // A refused application frees the contract for a new one.
    expect((await register(done.contract)).incomingNumber).toBe('MSK-01-2025-00002')
  })
})

describe('incoming numbers', () => {
  it('per branch and year, five digits, never repeated, even for simultaneous registrations', async () => {
    await on('2025-12-30')
    const contracts = await Promise.all(Array.from({ length: 8 }, () => manual()))
    const apps = await Promise.all(contracts.map((c) => register(c)))
    expect(apps.map((a) => a.incomingNumber).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `MSK-01-2025-0000${i + 1}`),
    )
    // A registration that fails takes no number with it.
    expect(
      await call(t.core, 'termination/register-application', { contract: ref(contracts[0]!), details: details() }, 'c'),
    ).toMatchObject({ ok: false })
    expect((await register(await manual())).incomingNumber).toBe('MSK-01-2025-00009')
    await on('2026-01-12')
    expect(
      (await register(await manual({ conclusionDate: '2025-12-25', startDate: '2026-01-01', endDate: '2026-12-31' })))
        .incomingNumber,
    ).toBe('MSK-01-2026-00001')
    // The number never changes, whatever writes the row.
    await expect(
      t.core.db('termination_application').where({ id: apps[0]!.id }).update({ incoming_number: 'X' }),
    ).rejects.toThrow(/never changes/)
  })

  it('one open application per contract', async () => {
    await on('2025-03-31')
    const c = await manual()
    const a = await register(c)
    const again = await call(t.core, 'termination/register-application', { contract: ref(c), details: details() }, 'c')
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: `По этому договору уже есть заявление № ${a.incomingNumber}` },
    })
    const found = await expectOk(call(t.core, 'termination/find-contracts', { query: c.number }, 'c'))
    expect(found[0]?.openApplication).toMatchObject({ id: a.id, status: 'received' })
  })
})

describe('editing, preview, search and access', () => {
  it('previews the refund with the checklist before registering, and updates a received application', async () => {
    await on('2025-03-31')
    const c = await manual()
    const preview = await expectOk(
      call(
        t.core,
        'termination/preview-refund',
        {
          contract: ref(c),
          kind: 'osago-early-termination',
          ground: 'owner-change',
          eventDate: null,
          cascoChoice: null,
          insuredEventOccurred: false,
          representative: true,
          payoutMethod: 'transfer',
        },
        'c',
      ),
    )
    expect(preview).toMatchObject({ ok: true, calculation: { refundKopecks: 580_137 } })
    if (preview.ok)
      expect(preview.checklist.documents).toEqual(
        expect.arrayContaining(['bankDetails', 'notarisedPowerOfAttorney', 'saleContract']),
      )
    const incomplete = await expectOk(
      call(
        t.core,
        'termination/preview-refund',
        {
          contract: ref(c),
          kind: 'osago-early-termination',
          ground: 'death',
          eventDate: null,
          cascoChoice: null,
          insuredEventOccurred: false,
          representative: false,
          payoutMethod: 'cash',
        },
        'c',
      ),
    )
    expect(incomplete).toMatchObject({
      ok: false,
      field: 'eventDate',
      message: 'Укажите дату события: смерти, гибели (утраты) ТС, ликвидации или получения уведомления страховщика',
    })

    const a = await register(c)
    const ticked = await tick(a)
    const updated = await expectOk(
      call(
        t.core,
        'termination/update-application',
        { id: a.id, rowVersion: ticked.rowVersion, details: details({ ground: 'mobilisation' }) },
        'c',
      ),
    )
    expect(updated.requiredDocuments).toContain('militaryCertificate')
    expect(updated.documents).not.toContain('saleContract')
    expect(updated.documents).toContain('passport')
    expect(updated.incomingNumber).toBe(a.incomingNumber)
  })

  it('lists applications by number, name and status; refuses other roles', async () => {
    await on('2025-03-31')
    const a = await register(await manual({ policyholderName: 'Ёлкина Анна' }))
    const list = async (query?: string, status?: 'received' | 'paid') =>
      (
        await expectOk(
          call(
            t.core,
            'termination/list-applications',
            { ...(query ? { query } : {}), ...(status ? { status } : {}), limit: 50, offset: 0 },
            'c',
          ),
        )
      ).total
    expect(await list('елкина')).toBe(1)
    expect(await list(a.incomingNumber)).toBe(1)
    expect(await list(undefined, 'received')).toBe(1)
    expect(await list(undefined, 'paid')).toBe(0)
    await signIn('inspector', 'i')
    expect(await call(t.core, 'termination/find-contracts', { query: 'ёлкина' }, 'i')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(t.core, 'termination/list-deadlines', undefined, 'admin')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
  })

  it('refuses a contract concluded in the future or typed twice', async () => {
    await on('2025-03-31')
    expect(
      await call(
        t.core,
        'termination/enter-contract',
        {
          contract: {
            product: 'casco',
            number: '1',
            concludedAt: null,
            policyholderType: 'individual',
            policyholderName: 'Орлова',
            plate: null,
            vin: null,
            conclusionDate: addDays(today(), 1),
            startDate: addDays(today(), 2),
            endDate: '2026-04-01',
            premiumKopecks: 100,
            periodsOfUse: [],
          },
        },
        'c',
      ),
    ).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'contract.conclusionDate': 'termination.problem.conclusionInFuture' } },
    })
    const c = await manual()
    expect(
      await call(
        t.core,
        'termination/enter-contract',
        {
          contract: {
            product: 'osago',
            number: c.number,
            concludedAt: null,
            policyholderType: 'individual',
            policyholderName: 'Орлова',
            plate: null,
            vin: null,
            conclusionDate: '2024-12-20',
            startDate: '2025-01-01',
            endDate: '2025-12-31',
            premiumKopecks: 100,
            periodsOfUse: [],
          },
        },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

describe('issue 9: terminations and refunds by the rules', () => {
  const heir = { fullName: 'Орлов Пётр Ильич', passport: '4510 654321', phone: '+7 903 111-22-33', address: null }

  it('heirs after the term: served, the contract ended on the date of death, the refund counted from it', async () => {
    await on('2026-03-16')
    const c = await manual()
    const done = await registerAndComplete(c, { ground: 'death', eventDate: '2025-09-15', applicant: heir })
    // 16.09–31.12.2025: 107 of 365 days × 0.77 × 10 000 ₽ = 2 257.26 ₽; 14 days from receipt.
    expect(done).toMatchObject({
      status: 'calculated',
      payoutDueOn: '2026-03-30',
      calculation: {
        outcome: 'refund',
        terminationDate: '2025-09-15',
        limitationEnd: '2028-09-15',
        unexpiredDays: 107,
        refundKopecks: 225_726,
      },
    })
    expect(await t.core.db('manual_contract').where({ id: c.id }).first()).toMatchObject({
      terminated_on: '2025-09-15',
    })
    // A sale reported after the term still has nothing to end.
    const sold = await registerAndComplete(await manual())
    expect(sold).toMatchObject({ status: 'refused', refusalReason: 'termination.reason.applicationAfterTermEnd' })
  })

  it('liquidation only for a legal-entity policyholder; the insurer’s termination for false information refunds nothing', async () => {
    await on('2025-04-10')
    const person = await manual()
    const wrong = await call(
      t.core,
      'termination/register-application',
      { contract: ref(person), details: details({ ground: 'policyholder-liquidation', eventDate: '2025-03-31' }) },
      'c',
    )
    expect(wrong).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'details.ground': 'termination.problem.liquidationLegalOnly' } },
    })
    const company = await manual({ policyholderType: 'legal', policyholderName: 'ООО «Вектор»' })
    const liquidated = await register(company, {
      ground: 'policyholder-liquidation',
      eventDate: '2025-03-31',
      applicant: heir,
    })
    expect(liquidated.requiredDocuments).toEqual(expect.arrayContaining(['liquidationRecord', 'applicantAuthority']))
    expect((await complete(await tick(liquidated))).calculation).toMatchObject({
      terminationDate: '2025-03-31',
      refundKopecks: 580_137,
    })

    const notified = await register(await manual(), {
      ground: 'insurer-false-information',
      eventDate: '2025-04-07',
      payout: null,
    })
    expect(notified.requiredDocuments).toEqual(['insurerNotice', 'noticeDeliveryProof'])
    const ended = await complete(await tick(notified))
    expect(ended).toMatchObject({
      status: 'closed',
      payoutDueOn: null,
      calculation: { outcome: 'terminated-no-refund', refundKopecks: 0 },
    })
    expect(await t.core.db('manual_contract').where({ id: notified.contract.id }).first()).toMatchObject({
      terminated_on: '2025-04-07',
    })
  })

  it('CASCO: loss refunds pro rata; a refusal after the cooling-off refunds nothing; inside it the refusal is a cooling-off one', async () => {
    await on('2025-04-10')
    const cascoTerm = {
      product: 'casco' as const,
      number: 'КАСКО-9',
      conclusionDate: '2024-12-20',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    }
    const lost = await registerAndComplete(await manual(cascoTerm), {
      kind: 'casco-loss',
      ground: null,
      eventDate: '2025-03-31',
    })
    expect(lost).toMatchObject({
      status: 'calculated',
      details: { kind: 'casco-loss' },
      calculation: { formula: 'casco-loss', terminationDate: '2025-03-31', refundKopecks: 753_425 },
    })
    const refused = await registerAndComplete(await manual({ ...cascoTerm, number: 'КАСКО-10' }), {
      kind: 'casco-refusal',
      ground: null,
      payout: null,
    })
    expect(refused).toMatchObject({
      status: 'closed',
      calculation: { outcome: 'terminated-no-refund', terminationDate: '2025-04-10' },
    })
    expect(await t.core.db('manual_contract').where({ id: refused.contract.id }).first()).toMatchObject({
      terminated_on: '2025-04-10',
    })

    const fresh = await manual({
      ...cascoTerm,
      number: 'КАСКО-11',
      conclusionDate: '2025-04-01',
      startDate: '2025-04-02',
      endDate: '2026-04-01',
    })
    const early = await call(
      t.core,
      'termination/register-application',
      { contract: ref(fresh), details: details({ kind: 'casco-refusal', ground: null, payout: null }) },
      'c',
    )
    expect(early).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'details.kind': 'termination.problem.coolingOffApplies' } },
    })
  })

  it('a posted application is filed on its postmark, its payout counts from receipt; the postmark cannot postdate the receipt', async () => {
    await on('2025-04-08')
    const c = await manual()
    const posted = await register(c, { receipt: { channel: 'post', postmarkDate: '2025-03-31' } })
    expect(posted).toMatchObject({
      receivedOn: '2025-04-08',
      payoutDueOn: '2025-04-22',
      details: { receipt: { channel: 'post', postmarkDate: '2025-03-31' } },
    })
    expect((await complete(await tick(posted))).calculation).toMatchObject({
      terminationDate: '2025-03-31',
      filedOn: '2025-03-31',
      refundKopecks: 580_137,
    })
    const future = await call(
      t.core,
      'termination/register-application',
      { contract: ref(await manual()), details: details({ receipt: { channel: 'post', postmarkDate: '2025-04-09' } }) },
      'c',
    )
    expect(future).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'details.receipt.postmarkDate': 'termination.error.postmarkAfterReceipt' } },
    })
  })

  it('a cooling-off refusal on a later date the client asks for, inside the window', async () => {
    await on('2026-01-05')
    const casco = {
      product: 'casco' as const,
      conclusionDate: '2025-12-25',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    }
    const refusal = { kind: 'cooling-off' as const, ground: null }
    const asked = await registerAndComplete(await manual(casco), { ...refusal, requestedTerminationDate: '2026-01-10' })
    expect(asked.calculation).toMatchObject({
      terminationDate: '2026-01-10',
      terminationDateRule: 'requested-date',
      daysInForce: 10,
      refundKopecks: 972_603,
    })
    expect(await t.core.db('manual_contract').where({ id: asked.contract.id }).first()).toMatchObject({
      terminated_on: '2026-01-10',
    })
    const tooLate = await call(
      t.core,
      'termination/register-application',
      { contract: ref(await manual(casco)), details: details({ ...refusal, requestedTerminationDate: '2026-01-13' }) },
      'c',
    )
    expect(tooLate).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'details.requestedTerminationDate': 'termination.error.requestedDateAfterWindow' } },
    })
  })

  it('a late payout costs the seed’s penalty by default and names it; HQ’s selection of GK RF art. 395 interest applies from its date', async () => {
    await on('2025-10-06')
    const penaltyCase = await registerAndComplete(await manual())
    expect(penaltyCase.calculation!.latePayout).toMatchObject({
      consequence: 'contractual-penalty',
      ratePerDay: '0.01',
    })
    // HQ ships a rules version that selects statutory interest from 01.10.2025 (as an override file would add it).
    const current = t.core.reference.versions['termination-rules'][0]!
    const selected = structuredClone(current)
    selected.version = '2025-10-01.1'
    selected.effectiveFrom = '2025-10-01'
    selected.data.latePayout.consequence = {
      value: 'statutory-interest',
      verified: true,
      source: 'HQ selection (test)',
    }
    t.core.reference.versions['termination-rules'].push(selected)
    const interestCase = await registerAndComplete(await manual())
    // The contract was concluded in 2024: its refund follows the old version, the consequence of a delay the one in force on the due date.
    expect(interestCase.calculation).toMatchObject({
      rulesVersion: '2023-01-30.2',
      refundKopecks: 181_425,
      payoutDueDate: '2025-10-20',
      latePayout: { consequence: 'statutory-interest', ratePerDay: null, rulesVersion: '2025-10-01.1' },
    })

    await on('2025-10-31')
    // The dashboard shows the same consequence the payout will charge, named by its basis.
    const overdue = (await expectOk(call(t.core, 'termination/list-deadlines', undefined, 'c'))).overdue
    expect(overdue.find((d) => d.applicationId === interestCase.id)).toMatchObject({
      penaltyKopecks: 917,
      latePayoutConsequence: 'statutory-interest',
    })
    expect(overdue.find((d) => d.applicationId === penaltyCase.id)).toMatchObject({
      penaltyKopecks: applyFactors(181_425, ['0.01', 11]),
      latePayoutConsequence: 'contractual-penalty',
    })
    const paidInterest = await expectOk(
      call(
        t.core,
        'termination/record-payout',
        { id: interestCase.id, rowVersion: interestCase.rowVersion, paymentDocument: 'РКО 9' },
        'c',
      ),
    )
    // 21–26.10 at 17 % and 27–31.10 at 16.5 %: 181 425 × (0.17 × 6 + 0.165 × 5) / 365 = 917.07 kopecks.
    expect(paidInterest).toMatchObject({
      penaltyKopecks: 917,
      paidKopecks: 181_425 + 917,
      latePayout: { consequence: 'statutory-interest', daysLate: 11 },
    })
    expect(paidInterest.latePayout!.segments.map((x) => x.percent)).toEqual(['17.00', '16.50'])
    const paidPenalty = await expectOk(
      call(
        t.core,
        'termination/record-payout',
        { id: penaltyCase.id, rowVersion: penaltyCase.rowVersion, paymentDocument: 'РКО 10' },
        'c',
      ),
    )
    expect(paidPenalty).toMatchObject({
      penaltyKopecks: applyFactors(181_425, ['0.01', 11]),
      latePayout: { consequence: 'contractual-penalty' },
    })
    const row = (await t.core.db('termination_application').where({ id: paidInterest.id }).first()) as {
      late_payout: string
    }
    expect(JSON.parse(row.late_payout)).toMatchObject({ consequence: 'statutory-interest', amountKopecks: 917 })
    t.core.reference.versions['termination-rules'].pop()
  })

  it('interest past the key-rate table’s known date: the dashboard and the payout preview carry the periods and the flag', async () => {
    const versions = t.core.reference.versions['termination-rules']
    const selected = structuredClone(versions[0]!)
    selected.version = '2026-01-01.1'
    selected.effectiveFrom = '2026-01-01'
    selected.data.latePayout.consequence = {
      value: 'statutory-interest',
      verified: true,
      source: 'HQ selection (test)',
    }
    versions.push(selected)
    try {
      await on('2026-03-02')
      const a = await registerAndComplete(
        await manual({ conclusionDate: '2025-12-20', startDate: '2026-01-01', endDate: '2026-12-31' }),
      )
      expect(a).toMatchObject({ payoutDueOn: '2026-03-16', calculation: { refundKopecks: 641_315 } })
      await on('2026-03-16')
      expect(await expectOk(call(t.core, 'termination/preview-late-payout', { id: a.id }, 'c'))).toBeNull()
      await on('2026-03-27')
      const item = (await expectOk(call(t.core, 'termination/list-deadlines', undefined, 'c'))).overdue.find(
        (d) => d.applicationId === a.id,
      )!
      expect(item.latePayout).toMatchObject({
        consequence: 'statutory-interest',
        keyRatesKnownUntil: '2026-03-22',
        amountKopecks: 2_996,
      })
      expect(item.latePayout!.segments.map((x) => [x.from, x.to, x.beyondKnown])).toEqual([
        ['2026-03-17', '2026-03-22', false],
        ['2026-03-23', '2026-03-27', true],
      ])
      const preview = await expectOk(call(t.core, 'termination/preview-late-payout', { id: a.id }, 'c'))
      expect(preview).toEqual(item.latePayout)
      const paid = await expectOk(
        call(
          t.core,
          'termination/record-payout',
          { id: a.id, rowVersion: a.rowVersion, paymentDocument: 'РКО 11' },
          'c',
        ),
      )
      expect(paid.latePayout).toEqual(preview)
      expect(await expectOk(call(t.core, 'termination/preview-late-payout', { id: a.id }, 'c'))).toBeNull()
    } finally {
      versions.pop()
    }
  })
})
