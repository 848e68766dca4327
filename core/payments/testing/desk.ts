import type { CascoQuoteRecord } from '../../../shared/casco/contract'
import { addDays, todayIn } from '../../../shared/dates/calendarDate'
import type { OsagoPolicy } from '../../../shared/osago/policy'
import { completeDraft } from '../../../shared/osago/testing/completeDraft'
import type { TerminationApplication } from '../../../shared/termination/application'
import { damage, submittedCase, submittedInspection } from '../../casco/testing/cascoCase'
import { ADMIN, call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'

export type Desk = Awaited<ReturnType<typeof makeDesk>>

/**
 * A branch counter for the payments journal's tests: a real core, blanks received, a clerk (`c`), a second clerk
 * (`c2`), an inspector (`i`) and a supervisor (`s`) signed in; each money movement made through the same channels
 * the screens use.
 */
export async function makeDesk(blanks = 40) {
  const t = await makeTestCore()
  await setupBranch(t.core)
  const passwords: Record<string, string> = {}
  await signInAs(t.core, 'admin', 'a')
  passwords.a = ADMIN.password
  passwords['admin-console'] = ADMIN.password
  const last = String(blanks).padStart(4, '0')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000100001', toNumber: `000010${last}` }, 'a'),
  )
  for (const [role, client, login] of [
    ['clerk', 'c', 'clerk1'],
    ['clerk', 'c2', 'clerk2'],
    ['inspector', 'i', 'inspector1'],
    ['supervisor', 's', 'boss1'],
  ] as const) {
    await signInAs(t.core, role, client, login)
    passwords[client] = 'Own12345'
  }
  const today = () => todayIn('Europe/Moscow', t.clock.now())
  let receipts = 100
  let contracts = 0

  /** Moves the clock; every session unlocks again, as its user would. */
  async function at(instant: Date): Promise<void> {
    t.clock.set(instant)
    for (const [client, password] of Object.entries(passwords))
      await call(t.core, 'session/unlock-screen', { password }, client)
  }

  async function issueOsago(method: 'cash' | 'card' = 'cash', client = 'c'): Promise<OsagoPolicy> {
    const p = await expectOk(call(t.core, 'osago/create-draft', undefined, client))
    const calculated = await expectOk(
      call(
        t.core,
        'osago/calculate-policy',
        { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today()) },
        client,
      ),
    )
    return expectOk(
      call(
        t.core,
        'osago/issue-policy',
        {
          id: p.id,
          rowVersion: calculated.rowVersion,
          payment: { method, receiptNumber: `ФД ${++receipts}`, amountKopecks: calculated.calculation!.premiumKopecks },
        },
        client,
      ),
    )
  }

  /** A CASCO contract issued with its first instalment (an approved case with its inspection). */
  async function issueCasco(method: 'cash' | 'card' = 'card', client = 'c'): Promise<CascoQuoteRecord> {
    const s = await submittedCase(t.core, client)
    await submittedInspection(t.core, 'i', s.id, [damage()])
    const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: s.id }, 's'))
    await expectOk(
      call(
        t.core,
        'approval/decide',
        { quoteId: s.id, quoteRowVersion: c.quote.rowVersion, decision: 'approved', validUntil: addDays(today(), 10) },
        's',
      ),
    )
    const approved = await expectOk(call(t.core, 'casco/get-quote', { id: s.id }, client))
    const first = approved.result!.options[approved.chosenOption!]!.schedule.payments[0]!.amountKopecks
    return expectOk(
      call(
        t.core,
        'casco/issue-contract',
        {
          id: s.id,
          rowVersion: approved.rowVersion,
          payment: { method, receiptNumber: `ФД ${++receipts}`, amountKopecks: first },
        },
        client,
      ),
    )
  }

  /**
   * A refund paid on the early termination of an OSAGO contract entered by hand (its term around today): registered,
   * completed and paid out in cash or by transfer.
   */
  async function refund(payout: 'cash' | 'transfer' = 'cash', client = 'c'): Promise<TerminationApplication> {
    contracts += 1
    const start = addDays(today(), -120)
    const contract = await expectOk(
      call(
        t.core,
        'termination/enter-contract',
        {
          contract: {
            product: 'osago',
            number: `ХХХ ${String(contracts).padStart(10, '0')}`,
            concludedAt: 'Агент Сидоров',
            policyholderType: 'individual',
            policyholderName: 'Орлова Ирина Сергеевна',
            plate: 'В456ОР199',
            vin: 'XTA21700080123456',
            conclusionDate: start,
            startDate: start,
            endDate: addDays(start, 364),
            premiumKopecks: 1_000_000 + contracts * 1_000,
            periodsOfUse: [],
          },
        },
        client,
      ),
    )
    const bank = {
      method: 'transfer' as const,
      recipient: 'Орлова Ирина Сергеевна',
      bankName: 'ПАО Сбербанк',
      bik: '044525225',
      account: '40817810438000000001',
    }
    let a = await expectOk(
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
              fullName: 'Орлова Ирина Сергеевна',
              passport: '4519 123456',
              phone: '8 916 123-45-67',
              address: null,
            },
            representative: null,
            payout: payout === 'cash' ? { method: 'cash' } : bank,
          },
        },
        client,
      ),
    )
    a = await expectOk(
      call(
        t.core,
        'termination/set-documents',
        { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
        client,
      ),
    )
    a = await expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, client))
    return expectOk(
      call(
        t.core,
        'termination/record-payout',
        {
          id: a.id,
          rowVersion: a.rowVersion,
          paymentDocument: payout === 'cash' ? `РКО ${contracts}` : `п/п ${contracts}`,
        },
        client,
      ),
    )
  }

  return { ...t, today, at, issueOsago, issueCasco, refund }
}
