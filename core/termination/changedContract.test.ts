import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { formatRubles } from '../../shared/money/format'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { OsagoChange } from '../../shared/osagoChange/change'
import type { TerminationApplication } from '../../shared/termination/application'
import { RecordingPrintPlatform } from '../print/recordingPlatform'
import { keepPdf, pdfText } from '../print/testing/pdfTools'
import { previewPdf } from '../print/testing/previewPdf'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/**
 * A termination after a change to the OSAGO policy refunds from the contract as in force (core/osago/termsInForce.ts):
 * the annual premium the last change set and the data after it, not the premium the policy was issued with.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore({ print: new RecordingPrintPlatform({ saveDir: join(tmpdir(), 'bd-changed-termination') }) })
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

const today = () => todayIn('Europe/Moscow', t.clock.now())
const oneLine = (s: string) => s.replace(/\s+/g, ' ')

/** 10:00 Moscow time on `date`; the clerk unlocks the screen the idle lock closed. */
async function on(date: string) {
  t.clock.set(new Date(`${date}T07:00:00Z`))
  await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
}

async function issue() {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const c = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today()) }, 'c'),
  )
  const payment = { method: 'cash' as const, receiptNumber: '101', amountKopecks: c.calculation!.premiumKopecks }
  return expectOk(call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: c.rowVersion, payment }, 'c'))
}

/** Adds a 19-year-old driver licensed a month ago (KVS up), pays the additional premium, applies on a new blank. */
async function addYoungDriver(policyId: string): Promise<OsagoChange> {
  let ch = await expectOk(call(t.core, 'osagoChange/start-change', { policyId, kind: 'add-driver' }, 'c'))
  const after = structuredClone(ch.after)
  if (after.drivers.mode !== 'list') throw new Error('list expected')
  after.drivers.list.push({
    ...after.drivers.list[0]!,
    surname: 'Кузнецов',
    name: 'Павел',
    birthDate: '2006-12-01',
    licenseSince: '2026-01-05',
    licence: { series: '9930', number: '123123' },
  })
  ch = await expectOk(
    call(t.core, 'osagoChange/calculate-change', { id: ch.id, rowVersion: ch.rowVersion, after }, 'c'),
  )
  const payment = { method: 'card' as const, receiptNumber: '102', amountKopecks: ch.calculation!.amountKopecks }
  return expectOk(call(t.core, 'osagoChange/apply-change', { id: ch.id, rowVersion: ch.rowVersion, payment }, 'c'))
}

async function terminate(policyId: string): Promise<TerminationApplication> {
  const details = {
    kind: 'osago-early-termination' as const,
    ground: 'owner-change' as const,
    eventDate: null,
    cascoChoice: null,
    insuredEventOccurred: false,
    applicant: { fullName: 'Иванов Иван Иванович', passport: '4519 123456', phone: '8 916 123-45-67', address: null },
    representative: null,
    payout: { method: 'cash' as const },
  }
  const a = await expectOk(
    call(t.core, 'termination/register-application', { contract: { source: 'osago', id: policyId }, details }, 'c'),
  )
  const ticked = await expectOk(
    call(
      t.core,
      'termination/set-documents',
      { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
      'c',
    ),
  )
  return expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c'))
}

describe('termination of an OSAGO policy after a change', () => {
  it('refunds from the annual premium in force after a driver was added, to the kopeck, and prints it', async () => {
    await on('2026-01-15')
    const policy = await issue()
    const issuedPremium = policy.calculation!.premiumKopecks
    expect(policy.startDate).toBe('2026-01-16')
    expect(policy.endDate).toBe('2027-01-15')

    await on('2026-04-25')
    const change = await addYoungDriver(policy.id)
    const inForce = change.calculation!.newPremiumKopecks
    expect(inForce).toBeGreaterThan(issuedPremium)
    // The figures this test hand-checks below (the tariff of the conclusion date, completeDraft's data).
    expect([issuedPremium, inForce]).toEqual([EXPECTED.issued, EXPECTED.inForce])

    await on('2026-05-05')
    const done = await terminate(policy.id)
    expect(done.contract).toMatchObject({
      premiumKopecks: inForce,
      changed: { on: '2026-04-25', issuedPremiumKopecks: issuedPremium },
    })
    expect(done.contract.periodsOfUse).toBeNull()
    // Terminated on 05.05.2026 (the filing): 16.01.2026–15.01.2027 is 365 days, 06.05.2026–15.01.2027 is 255 left.
    expect(done.calculation).toMatchObject({
      terminationDate: '2026-05-05',
      premiumKopecks: inForce,
      unexpiredDays: 255,
      daysPaid: 365,
      refundKopecks: EXPECTED.refund,
    })

    const r = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'termination-refund-sheet', id: done.id }, 'c'),
    )
    const text = oneLine(pdfText(keepPdf('termination-refund-sheet-after-change', await previewPdf(t.dir, r))))
    expect(text).toContain('Страховая премия (годовая, действующая после изменения договора от 25.04.2026)')
    expect(text).toContain(EXPECTED.inForceText)
    expect(text).toContain(`Страховая премия при заключении ${EXPECTED.issuedText}`)
    expect(text).toContain(`Сумма к возврату ${EXPECTED.refundText}`)
  })

  it('refunds from the issued premium when no change was applied (a discarded one does not count)', async () => {
    await on('2026-01-15')
    const policy = await issue()
    await on('2026-04-25')
    const ch = await expectOk(
      call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'add-driver' }, 'c'),
    )
    await expectOk(call(t.core, 'osagoChange/discard-change', { id: ch.id, rowVersion: ch.rowVersion }, 'c'))
    await on('2026-05-05')
    const done = await terminate(policy.id)
    expect(done.contract.premiumKopecks).toBe(EXPECTED.issued)
    expect(done.contract.changed).toBeUndefined()
    expect(done.calculation!.refundKopecks).toBe(EXPECTED.refundAsIssued)
  })
})

/**
 * Hand-checked (docs/refund-rules.md, OSAGO early termination: premium × 0.77 × unexpired / days in the term,
 * rounded half-up once). Issued: 32 600,88 ₽ (completeDraft on the tariff of 15.01.2026). The added driver, 19 years
 * old and licensed 11 days before the start, raises the annual premium to 40 500,00 ₽.
 *   in force:  4 050 000 × 0,77 = 3 118 500;  × 255 = 795 217 500;  / 365 = 2 178 678,08… → 2 178 678 коп. = 21 786,78 ₽
 *   as issued: 3 260 088 × 0,77 = 2 510 267,76;  × 255 = 640 118 278,8;  / 365 = 1 753 748,709… → 17 537,49 ₽
 * (the old code refunded the second figure after the change: 4 249,29 ₽ short).
 */
const EXPECTED = {
  issued: 3_260_088,
  inForce: 4_050_000,
  refund: 2_178_678,
  refundAsIssued: 1_753_749,
  inForceText: oneLine(formatRubles(4_050_000)),
  issuedText: oneLine(formatRubles(3_260_088)),
  refundText: oneLine(formatRubles(2_178_678)),
}
