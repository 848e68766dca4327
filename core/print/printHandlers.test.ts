import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { HandlerContext } from '../ipc/handlers'
import type { OsagoPolicy } from '../../shared/osago/policy'
import { mm } from './docDefinition'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { registerOsagoDocuments } from './osago/registerOsagoDocuments'
import { RecordingPrintPlatform } from './recordingPlatform'
import { calculatedPolicy, issuedPolicy, layout, layouts, POLICY_ID, printDeps } from './testing/fixtures'
import { keepPdf, pdfText, pdfWords } from './testing/pdfTools'

const PRINTER = 'Kyocera ECOSYS P2040dn'
const CALCULATED_ID = '01937a4e-5b2c-7d10-9a3f-4c2e8b6d1f01'
const PRINTED_ID = '01937a4e-5b2c-7d10-9a3f-4c2e8b6d1f02'

let t: Awaited<ReturnType<typeof makeTestCore>>
let platform: RecordingPrintPlatform
let printedHook: Mock<(policyId: string, ctx: HandlerContext) => Promise<void>>
let saveDir: string

beforeEach(async () => {
  saveDir = mkdtempSync(join(tmpdir(), 'bd-print-saved-'))
  platform = new RecordingPrintPlatform({ saveDir, printers: [PRINTER, 'HP LaserJet'] })
  t = await makeTestCore({ print: platform })
  // The OSAGO feature provides the loader and the "printed" hook; here they serve fixture policies.
  printedHook = vi.fn(async (_policyId: string, _ctx: HandlerContext) => {})
  const policies: OsagoPolicy[] = [
    issuedPolicy(),
    { ...calculatedPolicy(), id: CALCULATED_ID },
    { ...issuedPolicy(), id: PRINTED_ID, status: 'printed' },
  ]
  registerOsagoDocuments(t.core.documents, { ...printDeps(policies), layouts, onBlankPrinted: printedHook })
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => {
  await t.dispose()
  rmSync(saveDir, { recursive: true, force: true })
})

const auditOf = (action: string) => t.core.db('audit_log').where({ action }).orderBy('seq') as Promise<Array<{ entity: string | null; entity_id: string | null; after: string }>>

describe('print channels', () => {
  it('preview returns the PDF, its name and page count; nothing is printed or recorded', async () => {
    const preview = await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-policy-archive', id: POLICY_ID }, 'c'))
    expect(preview.fileName).toBe('Полис ОСАГО ААК 0123456789 — архивная копия.pdf')
    expect(preview.pageCount).toBe(1)
    const path = keepPdf('dispatch-preview-archive', Buffer.from(preview.pdfBase64, 'base64'))
    expect(pdfText(path)).toContain('Серия ААК № 0123456789')
    expect(platform.jobs).toHaveLength(0)
    expect(await auditOf('print.printed')).toHaveLength(0)
  })

  it('prints the blank on the chosen printer, records it with the PDF\'s hash, then lets OSAGO mark it printed', async () => {
    const r = await expectOk(call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: POLICY_ID, printerName: PRINTER }, 'c'))
    expect(r).toEqual({ printed: true })
    expect(platform.jobs).toHaveLength(1)
    const job = platform.jobs[0]!
    expect(job).toMatchObject({ printerName: PRINTER, jobName: 'Полис ОСАГО ААК 0123456789 — бланк' })
    expect(pdfText(keepPdf('dispatch-print-blank', job.pdf))).toContain('XW8AN2NE5MH012345')
    const [entry] = await auditOf('print.printed')
    expect(entry).toMatchObject({ entity: 'osago_policy', entity_id: POLICY_ID })
    expect(JSON.parse(entry!.after)).toMatchObject({
      kind: 'osago-policy-blank', printerName: PRINTER, pages: 1, sha256: createHash('sha256').update(job.pdf).digest('hex'),
    })
    expect(printedHook).toHaveBeenCalledTimes(1)
    expect(printedHook.mock.calls[0]![0]).toBe(POLICY_ID)
  })

  it('refuses the blank of a policy that is not issued, or already printed on its blank; preview of a printed one is fine', async () => {
    const notIssued = await call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: CALCULATED_ID, printerName: PRINTER }, 'c')
    expect(notIssued).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!notIssued.ok && notIssued.error.message).toMatch(/не оформлен/)
    const again = await call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: PRINTED_ID, printerName: PRINTER }, 'c')
    expect(!again.ok && again.error.message).toMatch(/уже напечатан на бланке ААК 0123456789/)
    expect(platform.jobs).toHaveLength(0)
    expect(printedHook).not.toHaveBeenCalled()
    await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-policy-blank', id: PRINTED_ID }, 'c'))
    // The application is for signing before payment, so a calculated policy prints it.
    await expectOk(call(t.core, 'print/print-document', { kind: 'osago-application', id: CALCULATED_ID, printerName: null }, 'c'))
    expect(platform.jobs.map((j) => j.printerName)).toEqual([null])
  })

  it('needs the policy id for OSAGO documents and says so at the field', async () => {
    const r = await call(t.core, 'print/preview-document', { kind: 'osago-application' }, 'c')
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { id: 'validation.required' } } })
    const unknown = await call(t.core, 'print/preview-document', { kind: 'osago-application', id: 'nope' }, 'c')
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('keeps OSAGO documents from roles that do not sell OSAGO, and records the attempt', async () => {
    await signInAs(t.core, 'inspector', 'i')
    await signInAs(t.core, 'admin', 'a')
    for (const client of ['i', 'a']) {
      for (const kind of ['osago-policy-blank', 'osago-policy-archive', 'osago-application'] as const) {
        const r = await call(t.core, 'print/preview-document', { kind, id: POLICY_ID }, client)
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    const r = await call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: POLICY_ID, printerName: PRINTER }, 'i')
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(platform.jobs).toHaveLength(0)
    const forbidden = await auditOf('security.forbidden')
    expect(forbidden.map((f) => JSON.parse(f.after).kind)).toContain('osago-policy-blank')
    // The admin sets printers up: the calibration page is theirs too; the inspector prints no blanks.
    await expectOk(call(t.core, 'print/preview-document', { kind: 'print-calibration', printerName: PRINTER }, 'a'))
    expect(await call(t.core, 'print/preview-document', { kind: 'print-calibration' }, 'i')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('a cancelled print or save changes nothing', async () => {
    platform.cancelNext()
    expect(await expectOk(call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: POLICY_ID, printerName: PRINTER }, 'c'))).toEqual({ printed: false })
    platform.cancelNext()
    expect(await expectOk(call(t.core, 'print/save-document', { kind: 'osago-application', id: POLICY_ID }, 'c'))).toEqual({ savedTo: null })
    expect(printedHook).not.toHaveBeenCalled()
    expect(await auditOf('print.printed')).toHaveLength(0)
    expect(await auditOf('print.saved')).toHaveLength(0)
  })

  it('saves as PDF where the user chose, and records it', async () => {
    const { savedTo } = await expectOk(call(t.core, 'print/save-document', { kind: 'osago-application', id: POLICY_ID }, 'c'))
    expect(savedTo).toMatch(/Заявление ОСАГО — Смирнов А\. В\. — 21\.11\.2026\.pdf$/)
    expect(existsSync(savedTo!)).toBe(true)
    expect(readFileSync(savedTo!).subarray(0, 5).toString()).toBe('%PDF-')
    const [entry] = await auditOf('print.saved')
    expect(JSON.parse(entry!.after)).toMatchObject({ kind: 'osago-application', savedTo })
  })

  it('applies the printer\'s stored offset to the blank and the calibration page, not without a printer', async () => {
    await signInAs(t.core, 'admin', 'a')
    await expectOk(call(t.core, 'print/set-printer-profile', { printerName: PRINTER, offsetXmm: 2.5, offsetYmm: -1.5, rowVersion: 0 }, 'a'))
    const withOffset = await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-policy-blank', id: POLICY_ID, printerName: PRINTER }, 'c'))
    const without = await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-policy-blank', id: POLICY_ID, printerName: 'HP LaserJet' }, 'c'))
    const vin = (b64: string, name: string) => pdfWords(keepPdf(name, Buffer.from(b64, 'base64'))).find((w) => w.text === 'XW8AN2NE5MH012345')!
    const a = vin(without.pdfBase64, 'dispatch-blank-no-offset')
    const b = vin(withOffset.pdfBase64, 'dispatch-blank-offset')
    expect(a.xMin).toBeCloseTo(mm(layout.data.fields.vin.x), 0)
    expect(b.xMin - a.xMin).toBeCloseTo(mm(2.5), 1)
    expect(b.yMin - a.yMin).toBeCloseTo(mm(-1.5), 1)
    const calibration = await expectOk(call(t.core, 'print/preview-document', { kind: 'print-calibration', printerName: PRINTER }, 'c'))
    expect(calibration.fileName).toBe(`Калибровочная страница — ${PRINTER}.pdf`)
    expect(pdfText(keepPdf('dispatch-calibration', Buffer.from(calibration.pdfBase64, 'base64')))).toContain('Текущее смещение: X +2,5 мм, Y −1,5 мм')
  })
})

describe('printer profiles', () => {
  beforeEach(async () => signInAs(t.core, 'admin', 'a'))

  it('lists the shell\'s printers and keeps offsets per printer, synced and audited', async () => {
    expect(await expectOk(call(t.core, 'print/list-printers', undefined, 'c'))).toEqual([PRINTER, 'HP LaserJet'])
    expect(await expectOk(call(t.core, 'print/get-printer-profile', { printerName: PRINTER }, 'c')))
      .toEqual({ printerName: PRINTER, offsetXmm: 0, offsetYmm: 0, rowVersion: 0 })
    const saved = await expectOk(call(t.core, 'print/set-printer-profile', { printerName: PRINTER, offsetXmm: 1.2, offsetYmm: -0.7, rowVersion: 0 }, 'a'))
    expect(saved).toEqual({ printerName: PRINTER, offsetXmm: 1.2, offsetYmm: -0.7, rowVersion: 1 })
    const updated = await expectOk(call(t.core, 'print/set-printer-profile', { printerName: PRINTER, offsetXmm: 0.3, offsetYmm: -0.7, rowVersion: 1 }, 'a'))
    expect(updated.rowVersion).toBe(2)
    expect(await expectOk(call(t.core, 'print/get-printer-profile', { printerName: 'HP LaserJet' }, 'c'))).toMatchObject({ offsetXmm: 0, rowVersion: 0 })
    const outbox = await t.core.db('outbox').where({ entity: 'printer_profile' })
    expect(outbox).toHaveLength(2)
    expect(await auditOf('print.printer-profile-updated')).toHaveLength(2)
  })

  it('refuses offsets out of range, finer than 0.1 mm, stale versions, and clerks', async () => {
    const set = (input: { offsetXmm: number; offsetYmm: number; rowVersion: number }, client = 'a') =>
      call(t.core, 'print/set-printer-profile', { printerName: PRINTER, ...input }, client)
    expect(await set({ offsetXmm: 20.5, offsetYmm: 0, rowVersion: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { offsetXmm: 'print.errors.offsetRange' } } })
    expect(await set({ offsetXmm: 0, offsetYmm: 0.05, rowVersion: 0 })).toMatchObject({ ok: false, error: { fieldErrors: { offsetYmm: 'print.errors.offsetStep' } } })
    await expectOk(set({ offsetXmm: -20, offsetYmm: 20, rowVersion: 0 }))
    expect(await set({ offsetXmm: 1, offsetYmm: 1, rowVersion: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await set({ offsetXmm: 1, offsetYmm: 1, rowVersion: 1 }, 'c')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('without the shell', () => {
  it('previews still work; print and save say why they cannot', async () => {
    const bare = await makeTestCore()
    try {
      await setupBranch(bare.core)
      await signInAs(bare.core, 'clerk', 'c')
      await expectOk(call(bare.core, 'print/preview-document', { kind: 'print-calibration' }, 'c'))
      expect(await expectOk(call(bare.core, 'print/list-printers', undefined, 'c'))).toEqual([])
      const r = await call(bare.core, 'print/print-document', { kind: 'print-calibration' }, 'c')
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(!r.ok && r.error.message).toMatch(/без оболочки/)
      // OSAGO registers its documents itself; until it has, they are unavailable rather than broken.
      expect(await call(bare.core, 'print/preview-document', { kind: 'osago-application', id: POLICY_ID }, 'c')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    } finally {
      await bare.dispose()
    }
  })
})
