import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../../shared/dates/calendarDate'
import { completeDraft } from '../../../shared/osago/testing/completeDraft'
import { findOsagoRow, toPolicy } from '../../osago/osagoRows'
import { markOsagoPrinted } from '../../osago/osagoHandlers'
import { findStaffById } from '../../staff/staffRows'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'
import { RecordingPrintPlatform } from '../recordingPlatform'
import { keepPdf, pdfText } from '../testing/pdfTools'
import { layouts, reference } from '../testing/fixtures'
import { registerOsagoDocuments } from './registerOsagoDocuments'

/**
 * The OSAGO documents against the OSAGO feature's own loader and "printed" hook, on a policy sold through its
 * channels: the wiring createCore is to get, proven before it is there.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let platform: RecordingPrintPlatform
let saveDir: string
let today: string

beforeEach(async () => {
  saveDir = mkdtempSync(join(tmpdir(), 'bd-print-osago-'))
  platform = new RecordingPrintPlatform({ saveDir })
  t = await makeTestCore({ print: platform })
  const db = t.core.db
  registerOsagoDocuments(t.core.documents, {
    loadOsagoPolicy: async (id) => toPolicy(await findOsagoRow(db, id)),
    onBlankPrinted: (id, ctx) => markOsagoPrinted(db, id, ctx),
    reference,
    layouts,
    staffName: async (id) => (await findStaffById(db, id))?.full_name ?? null,
    timeZone: 'Europe/Moscow',
  })
  today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'))
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => {
  await t.dispose()
  rmSync(saveDir, { recursive: true, force: true })
})

describe('OSAGO documents on a policy sold at the counter', () => {
  it('application before payment; blank after issue, once; then the policy is printed', async () => {
    const draft = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    const saved = await expectOk(call(t.core, 'osago/save-draft', { id: draft.id, rowVersion: draft.rowVersion, draft: completeDraft(today) }, 'c'))
    const calculated = await expectOk(call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c'))

    const application = await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-application', id: calculated.id }, 'c'))
    expect(pdfText(keepPdf('integration-application', Buffer.from(application.pdfBase64, 'base64')))).toContain('10. Расчёт страховой премии')
    expect(await call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: calculated.id, printerName: 'P' }, 'c'))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    const issued = await expectOk(call(t.core, 'osago/issue-policy', {
      id: calculated.id, rowVersion: calculated.rowVersion,
      payment: { method: 'cash', receiptNumber: 'Ч-000777', amountKopecks: calculated.calculation!.premiumKopecks },
    }, 'c'))
    expect(await expectOk(call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: issued.id, printerName: 'P' }, 'c'))).toEqual({ printed: true })
    const blankText = pdfText(keepPdf('integration-blank', platform.jobs[0]!.pdf))
    expect(blankText).toContain('Сотрудник clerk1')
    expect(blankText).toContain('чек № Ч-000777')

    const after = await expectOk(call(t.core, 'osago/get-policy', { id: issued.id }, 'c'))
    expect(after.status).toBe('printed')
    expect(await call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: issued.id, printerName: 'P' }, 'c'))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const archive = await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-policy-archive', id: issued.id }, 'c'))
    expect(pdfText(keepPdf('integration-archive', Buffer.from(archive.pdfBase64, 'base64')))).toContain('Серия ААК № 0000000101')
    expect(platform.jobs).toHaveLength(1)
  })
})
