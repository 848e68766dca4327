import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { OsagoChange } from '../../shared/osagoChange/change'
import { formatRubles } from '../../shared/money/format'
import { RecordingPrintPlatform } from '../print/recordingPlatform'
import { keepPdf, pdfText } from '../print/testing/pdfTools'
import { previewPdf } from '../print/testing/previewPdf'
import { installReference } from '../sync/referenceUpdates'
import { call, expectOk, makeTestCore, RESOURCES_DIR, setupBranch, signInAs } from '../testing/testCore'

/**
 * The refund a change owes (a kind the rules refund on, shipped by HQ as a newer osago-change-rules version) is
 * recorded paid on the change: how, the document's number, the day; once; audited and sent to HQ.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore({ print: new RecordingPrintPlatform({ saveDir: join(tmpdir(), 'bd-change-refund') }) })
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
  // The insurer's rules refund a lower premium when a driver is removed (docs/domain/osago-changes.md#refunds).
  const bundled = JSON.parse(readFileSync(join(RESOURCES_DIR, 'rules', 'osago-change-rules.json'), 'utf8'))
  const refunding = {
    ...bundled,
    version: '2025-01-01.1',
    effectiveFrom: '2025-01-01',
    data: {
      ...bundled.data,
      kinds: bundled.data.kinds.map((k: { code: string }) =>
        k.code === 'remove-driver' ? { ...k, refundsDecrease: true } : k,
      ),
    },
  }
  installReference(
    { bundledDir: RESOURCES_DIR, overrideDir: join(t.dir, 'reference-updates'), reference: t.core.reference },
    refunding.kind,
    refunding.version,
    JSON.stringify(refunding),
  )
})
afterEach(async () => t.dispose())

async function on(date: string) {
  t.clock.set(new Date(`${date}T07:00:00Z`))
  await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
}

/** Issued on 15.01.2026, a driver removed on 25.04.2026: a refund is due. */
async function refundDue(): Promise<OsagoChange> {
  await on('2026-01-15')
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const c = await expectOk(
    call(
      t.core,
      'osago/calculate-policy',
      { id: p.id, rowVersion: p.rowVersion, draft: completeDraft('2026-01-15') },
      'c',
    ),
  )
  const payment = { method: 'cash' as const, receiptNumber: '101', amountKopecks: c.calculation!.premiumKopecks }
  const policy = await expectOk(
    call(t.core, 'osago/issue-policy', { id: p.id, rowVersion: c.rowVersion, payment }, 'c'),
  )
  await on('2026-04-25')
  let ch = await expectOk(call(t.core, 'osagoChange/start-change', { policyId: policy.id, kind: 'remove-driver' }, 'c'))
  const after = structuredClone(ch.after)
  if (after.drivers.mode !== 'list') throw new Error('list expected')
  after.drivers.list.pop()
  ch = await expectOk(
    call(t.core, 'osagoChange/calculate-change', { id: ch.id, rowVersion: ch.rowVersion, after }, 'c'),
  )
  expect(ch.calculation).toMatchObject({ direction: 'refund', noRefundByRule: false, rulesVersion: '2025-01-01.1' })
  return expectOk(call(t.core, 'osagoChange/apply-change', { id: ch.id, rowVersion: ch.rowVersion }, 'c'))
}

describe('the payout of a refund a change owes', () => {
  it('records the refund paid on the change, once, audited and sent to HQ', async () => {
    const applied = await refundDue()
    const k = applied.calculation!
    // (new − current) × 266 / 365, rounded once: negative, a refund.
    expect(k.remainingDays).toBe(266)
    expect(k.amountKopecks).toBeLessThan(0)
    expect(applied.settlement).toEqual({ kind: 'refund-due', amountKopecks: -k.amountKopecks, payment: null })

    await on('2026-04-28')
    const base = { id: applied.id, rowVersion: applied.rowVersion }
    // The day is between the change and today; a cash refund names its receipt's fiscal document number.
    expect(
      await call(
        t.core,
        'osagoChange/record-refund-payout',
        { ...base, method: 'cash', document: '77', paidOn: '2026-04-24' },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { fieldErrors: { paidOn: 'osagoChange.errors.payoutDate' } } })
    expect(
      await call(
        t.core,
        'osagoChange/record-refund-payout',
        { ...base, method: 'cash', document: '77', paidOn: '2026-04-29' },
        'c',
      ),
    ).toMatchObject({
      ok: false,
      error: {
        message: 'Дата выплаты — с 25.04.2026 по 28.04.2026',
        fieldErrors: { paidOn: 'osagoChange.errors.payoutDate' },
      },
    })
    expect(
      await call(
        t.core,
        'osagoChange/record-refund-payout',
        { ...base, method: 'cash', document: 'РКО-7', paidOn: '2026-04-27' },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { fieldErrors: { document: 'validation.receiptNumber.format' } } })

    const paid = await expectOk(
      call(
        t.core,
        'osagoChange/record-refund-payout',
        { ...base, method: 'bank', document: '000512', paidOn: '2026-04-27' },
        'c',
      ),
    )
    expect(paid.status).toBe('applied')
    expect(paid.settlement).toMatchObject({
      kind: 'refund-due',
      amountKopecks: -k.amountKopecks,
      payout: { method: 'bank', document: '000512', paidOn: '2026-04-27', recordedBy: expect.any(String) },
    })
    expect(
      await call(
        t.core,
        'osagoChange/record-refund-payout',
        { id: paid.id, rowVersion: paid.rowVersion, method: 'cash', document: '78', paidOn: '2026-04-28' },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Возврат по этому изменению уже выплачен' } })

    // The addendum says the refund was paid, how and by which document.
    const printed = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'osago-change-addendum', id: paid.id }, 'c'),
    )
    const text = pdfText(keepPdf('osago-change-refund-paid', await previewPdf(t.dir, printed))).replace(/\s+/g, ' ')
    expect(text).toContain(`К возврату страхователю: ${formatRubles(-k.amountKopecks).replace(/\s+/g, ' ')}`)
    expect(text).toContain(
      `Возврат выплачен 27.04.2026: ${formatRubles(-k.amountKopecks).replace(/\s+/g, ' ')}, банковским переводом, платёжное поручение № 000512`,
    )

    const audit = (await t.core.db('audit_log').where({ entity: 'osago_change', entity_id: paid.id })).map(
      (a: { action: string }) => a.action,
    )
    expect(audit).toEqual([
      'osago.change-started',
      'osago.change-calculated',
      'osago.change-applied',
      'osago.change-refund-paid',
    ])
    expect(await t.core.db('outbox').where({ entity: 'osago_change', entity_id: paid.id })).toHaveLength(4)
  })

  it('refuses a payout on a change that owes none, and takes a card refund by its receipt number', async () => {
    const applied = await refundDue()
    await on('2026-04-26')
    const paid = await expectOk(
      call(
        t.core,
        'osagoChange/record-refund-payout',
        { id: applied.id, rowVersion: applied.rowVersion, method: 'card', document: 'ФД № 4521', paidOn: '2026-04-25' },
        'c',
      ),
    )
    expect(paid.settlement?.payout).toMatchObject({ method: 'card', document: 'ФД 4521' })
    // A change with nothing to refund: a plate.
    const ch = await expectOk(
      call(t.core, 'osagoChange/start-change', { policyId: applied.policyId, kind: 'plate' }, 'c'),
    )
    const after = structuredClone(ch.after)
    after.vehicle.plate = 'А001АА77'
    const priced = await expectOk(
      call(t.core, 'osagoChange/calculate-change', { id: ch.id, rowVersion: ch.rowVersion, after }, 'c'),
    )
    const plate = await expectOk(
      call(t.core, 'osagoChange/apply-change', { id: priced.id, rowVersion: priced.rowVersion }, 'c'),
    )
    expect(
      await call(
        t.core,
        'osagoChange/record-refund-payout',
        { id: plate.id, rowVersion: plate.rowVersion, method: 'cash', document: '79', paidOn: '2026-04-26' },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'По этому изменению возврат не причитается' } })
    // A change not yet applied has no payout either.
    const draft = await expectOk(
      call(t.core, 'osagoChange/start-change', { policyId: applied.policyId, kind: 'passport' }, 'c'),
    )
    expect(
      await call(
        t.core,
        'osagoChange/record-refund-payout',
        { id: draft.id, rowVersion: draft.rowVersion, method: 'cash', document: '80', paidOn: '2026-04-26' },
        'c',
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})
