import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mm } from './docDefinition'
import { DocumentRegistry } from './documents'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { printHandlers } from './printHandlers'
import { makeOsagoCounter, type OsagoCounter } from './testing/osagoCounter'
import { layout } from './testing/fixtures'
import { keepPdf, pdfText, pdfWords } from './testing/pdfTools'
import { previewPdf } from './testing/previewPdf'
import { PreviewFiles } from './previewFiles'
import { shellTransferDir } from '../host/protocol'
import { PREVIEW_FILE_PATTERN } from '../../shared/print/contract'

/**
 * The print channels through dispatch on a real core, with OSAGO policies sold through the OSAGO channels and
 * printed through its own loader and "printed" hook (as createCore wires them). Content of the documents is
 * tested on fixtures beside the builders; here: who may, in which state, what reaches the shell and the audit.
 */
const PRINTER = 'Kyocera ECOSYS P2040dn'

let t: OsagoCounter
let platform: OsagoCounter['platform']
let sell: OsagoCounter['sell']

beforeEach(async () => {
  t = await makeOsagoCounter([PRINTER, 'HP LaserJet'])
  ;({ platform, sell } = t)
})
afterEach(() => t.dispose())

const auditOf = (action: string) =>
  t.core.db('audit_log').where({ action }).orderBy('seq') as Promise<
    Array<{ entity: string | null; entity_id: string | null; after: string }>
  >
const statusOf = async (id: string) => (await expectOk(call(t.core, 'osago/get-policy', { id }, 'c'))).status

describe('print channels', () => {
  it('preview returns the PDF, its name and page count; nothing is printed or recorded', async () => {
    const policy = await sell('issued')
    const preview = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'osago-policy-archive', id: policy.id }, 'c'),
    )
    expect(preview.fileName).toBe('Полис ОСАГО ААК 0123456789 — архивная копия.pdf')
    expect(preview.pageCount).toBe(1)
    // The PDF is not in the answer: a one-time file in the folder the shell serves previews from.
    expect(preview.file).toMatch(PREVIEW_FILE_PATTERN)
    expect(JSON.stringify(preview).length).toBeLessThan(300)
    expect(existsSync(join(shellTransferDir(t.dir), preview.file))).toBe(true)
    const text = pdfText(keepPdf('dispatch-preview-archive', await previewPdf(t.dir, preview)))
    expect(text).toContain('Серия ААК № 0123456789')
    expect(text).toContain(policy.application!.vehicle.vin!)
    expect(platform.jobs).toHaveLength(0)
    expect(await auditOf('print.printed')).toHaveLength(0)
  })

  it("prints the blank on the chosen printer, records it with the PDF's hash, and the policy becomes printed", async () => {
    const policy = await sell('issued')
    expect(
      await expectOk(
        call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: policy.id, printerName: PRINTER }, 'c'),
      ),
    ).toEqual({ printed: true })
    expect(platform.jobs).toHaveLength(1)
    const job = platform.jobs[0]!
    expect(job).toMatchObject({ printerName: PRINTER, jobName: 'Полис ОСАГО ААК 0123456789 — бланк' })
    const text = pdfText(keepPdf('dispatch-print-blank', job.pdf))
    expect(text).toContain(policy.application!.vehicle.vin!)
    // The issuing clerk signs as the insurer's representative; the payment is noted.
    expect(text).toContain('Сотрудник clerk1')
    expect(text).toContain('чек № ФД 451')
    const [entry] = await auditOf('print.printed')
    expect(entry).toMatchObject({ entity: 'osago_policy', entity_id: policy.id })
    expect(JSON.parse(entry!.after)).toMatchObject({
      kind: 'osago-policy-blank',
      printerName: PRINTER,
      pages: 1,
      sha256: createHash('sha256').update(job.pdf).digest('hex'),
    })
    expect(await statusOf(policy.id)).toBe('printed')
  })

  it('refuses the blank of a policy that is not issued, and a second print on the same blank; preview stays possible', async () => {
    const calculated = await sell('calculated')
    const notIssued = await call(
      t.core,
      'print/print-document',
      { kind: 'osago-policy-blank', id: calculated.id, printerName: PRINTER },
      'c',
    )
    expect(notIssued).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!notIssued.ok && notIssued.error.message).toMatch(/не оформлен/)
    expect(
      await call(t.core, 'print/preview-document', { kind: 'osago-policy-archive', id: calculated.id }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    // The application is signed before payment, so a calculated policy prints it.
    await expectOk(
      call(t.core, 'print/print-document', { kind: 'osago-application', id: calculated.id, printerName: null }, 'c'),
    )
    expect(platform.jobs.map((j) => j.printerName)).toEqual([null])
    expect(await statusOf(calculated.id)).toBe('calculated')

    const issued = await sell('issued')
    await expectOk(
      call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: issued.id, printerName: PRINTER }, 'c'),
    )
    const again = await call(
      t.core,
      'print/print-document',
      { kind: 'osago-policy-blank', id: issued.id, printerName: PRINTER },
      'c',
    )
    expect(!again.ok && again.error.message).toContain(`уже напечатан на бланке ААК ${issued.blank!.number}`)
    expect(platform.jobs).toHaveLength(2)
    await expectOk(call(t.core, 'print/preview-document', { kind: 'osago-policy-blank', id: issued.id }, 'c'))
  })

  it('needs the policy id for OSAGO documents and says so at the field', async () => {
    const r = await call(t.core, 'print/preview-document', { kind: 'osago-application' }, 'c')
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { id: 'validation.required' } } })
    const unknown = await call(
      t.core,
      'print/preview-document',
      { kind: 'osago-application', id: '01937a4e-0000-7000-8000-000000000000' },
      'c',
    )
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('keeps OSAGO documents from roles that do not sell OSAGO, and records the attempt', async () => {
    const policy = await sell('issued')
    await signInAs(t.core, 'inspector', 'i')
    for (const client of ['i', 'a']) {
      for (const kind of ['osago-policy-blank', 'osago-policy-archive', 'osago-application'] as const) {
        const r = await call(t.core, 'print/preview-document', { kind, id: policy.id }, client)
        expect(r, `${client} ${kind}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    const r = await call(
      t.core,
      'print/print-document',
      { kind: 'osago-policy-blank', id: policy.id, printerName: PRINTER },
      'i',
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(platform.jobs).toHaveLength(0)
    expect(await statusOf(policy.id)).toBe('issued')
    const forbidden = await auditOf('security.forbidden')
    expect(forbidden.map((f) => JSON.parse(f.after).kind)).toContain('osago-policy-blank')
    // The admin sets printers up: the calibration page is theirs too; the inspector prints no blanks.
    await expectOk(call(t.core, 'print/preview-document', { kind: 'print-calibration', printerName: PRINTER }, 'a'))
    expect(await call(t.core, 'print/preview-document', { kind: 'print-calibration' }, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('a cancelled print or save changes nothing', async () => {
    const policy = await sell('issued')
    platform.cancelNext()
    expect(
      await expectOk(
        call(t.core, 'print/print-document', { kind: 'osago-policy-blank', id: policy.id, printerName: PRINTER }, 'c'),
      ),
    ).toEqual({ printed: false })
    platform.cancelNext()
    expect(
      await expectOk(call(t.core, 'print/save-document', { kind: 'osago-application', id: policy.id }, 'c')),
    ).toEqual({ savedTo: null })
    expect(await statusOf(policy.id)).toBe('issued')
    expect(await auditOf('print.printed')).toHaveLength(0)
    expect(await auditOf('print.saved')).toHaveLength(0)
  })

  it('saves as PDF where the user chose, and records it', async () => {
    const policy = await sell('issued')
    const { savedTo } = await expectOk(
      call(t.core, 'print/save-document', { kind: 'osago-application', id: policy.id }, 'c'),
    )
    expect(savedTo).toMatch(/Заявление ОСАГО — Смирнов А\. И\. — \d\d\.\d\d\.\d{4}\.pdf$/)
    expect(existsSync(savedTo!)).toBe(true)
    expect(readFileSync(savedTo!).subarray(0, 5).toString()).toBe('%PDF-')
    const [entry] = await auditOf('print.saved')
    expect(JSON.parse(entry!.after)).toMatchObject({ kind: 'osago-application', savedTo })
  })

  it("applies the printer's stored offset to the blank and the calibration page, not to another printer", async () => {
    const policy = await sell('issued')
    await expectOk(
      call(
        t.core,
        'print/set-printer-profile',
        { printerName: PRINTER, offsetXmm: 2.5, offsetYmm: -1.5, rowVersion: 0 },
        'a',
      ),
    )
    const withOffset = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'osago-policy-blank', id: policy.id, printerName: PRINTER }, 'c'),
    )
    const without = await expectOk(
      call(
        t.core,
        'print/preview-document',
        { kind: 'osago-policy-blank', id: policy.id, printerName: 'HP LaserJet' },
        'c',
      ),
    )
    const vin = policy.application!.vehicle.vin!
    const at = async (p: typeof without, name: string) =>
      pdfWords(keepPdf(name, await previewPdf(t.dir, p))).find((w) => w.text === vin)!
    const a = await at(without, 'dispatch-blank-no-offset')
    const b = await at(withOffset, 'dispatch-blank-offset')
    expect(a.xMin).toBeCloseTo(mm(layout.data.fields.vin.x), 0)
    expect(b.xMin - a.xMin).toBeCloseTo(mm(2.5), 1)
    expect(b.yMin - a.yMin).toBeCloseTo(mm(-1.5), 1)
    const calibration = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'print-calibration', printerName: PRINTER }, 'c'),
    )
    expect(calibration.fileName).toBe(`Калибровочная страница — ${PRINTER}.pdf`)
    expect(pdfText(keepPdf('dispatch-calibration', await previewPdf(t.dir, calibration)))).toContain(
      'Текущее смещение: X +2,5 мм, Y −1,5 мм',
    )
  })
})

describe('printer profiles', () => {
  it("lists the shell's printers and keeps offsets per printer, synced and audited", async () => {
    expect(await expectOk(call(t.core, 'print/list-printers', undefined, 'c'))).toEqual([PRINTER, 'HP LaserJet'])
    expect(await expectOk(call(t.core, 'print/get-printer-profile', { printerName: PRINTER }, 'c'))).toEqual({
      printerName: PRINTER,
      offsetXmm: 0,
      offsetYmm: 0,
      rowVersion: 0,
    })
    const saved = await expectOk(
      call(
        t.core,
        'print/set-printer-profile',
        { printerName: PRINTER, offsetXmm: 1.2, offsetYmm: -0.7, rowVersion: 0 },
        'a',
      ),
    )
    expect(saved).toEqual({ printerName: PRINTER, offsetXmm: 1.2, offsetYmm: -0.7, rowVersion: 1 })
    const updated = await expectOk(
      call(
        t.core,
        'print/set-printer-profile',
        { printerName: PRINTER, offsetXmm: 0.3, offsetYmm: -0.7, rowVersion: 1 },
        'a',
      ),
    )
    expect(updated.rowVersion).toBe(2)
    expect(
      await expectOk(call(t.core, 'print/get-printer-profile', { printerName: 'HP LaserJet' }, 'c')),
    ).toMatchObject({ offsetXmm: 0, rowVersion: 0 })
    expect(await t.core.db('outbox').where({ entity: 'printer_profile' })).toHaveLength(2)
    expect(await auditOf('print.printer-profile-updated')).toHaveLength(2)
  })

  it('refuses offsets out of range, finer than 0.1 mm, stale versions, and clerks', async () => {
    const set = (input: { offsetXmm: number; offsetYmm: number; rowVersion: number }, client = 'a') =>
      call(t.core, 'print/set-printer-profile', { printerName: PRINTER, ...input }, client)
    expect(await set({ offsetXmm: 20.5, offsetYmm: 0, rowVersion: 0 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { offsetXmm: 'print.errors.offsetRange' } },
    })
    expect(await set({ offsetXmm: 0, offsetYmm: 0.05, rowVersion: 0 })).toMatchObject({
      ok: false,
      error: { fieldErrors: { offsetYmm: 'print.errors.offsetStep' } },
    })
    await expectOk(set({ offsetXmm: -20, offsetYmm: 20, rowVersion: 0 }))
    expect(await set({ offsetXmm: 1, offsetYmm: 1, rowVersion: 0 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await set({ offsetXmm: 1, offsetYmm: 1, rowVersion: 1 }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
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
      for (const channel of ['print/print-document', 'print/save-document'] as const) {
        const r = await call(bare.core, channel, { kind: 'print-calibration' }, 'c')
        expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
        expect(!r.ok && r.error.message).toMatch(/без оболочки/)
      }
    } finally {
      await bare.dispose()
    }
  })
})

describe('document registry', () => {
  it('refuses a kind registered twice, and a kind nobody registered is unavailable, not broken', async () => {
    const registry = new DocumentRegistry()
    const doc = {
      roles: ['clerk'] as const,
      load: async () => ({}),
      build: () => ({ pageSize: 'A4' as const, pageMargins: 0, info: { title: 'x' }, content: [] }),
      fileName: () => 'x.pdf',
      auditEntity: () => ({ entity: null, entityId: null }),
    }
    registry.register('print-calibration', doc)
    expect(() => registry.register('print-calibration', doc)).toThrow(/registered twice/)
    expect(registry.kinds()).toEqual(['print-calibration'])
    const handlers = printHandlers(t.core.db, registry, platform, new PreviewFiles(join(t.dir, 'previews')))
    const ctx = {
      clientId: 'x',
      locale: 'ru' as const,
      user: { id: 'u', login: 'clerk1', fullName: 'X', role: 'clerk' as const },
      actor: { userId: null, login: 'clerk1' },
      now: t.clock.now(),
    }
    await expect(handlers['print/preview-document']({ kind: 'osago-application', id: 'p' }, ctx)).rejects.toMatchObject(
      { code: 'NOT_FOUND', messageKey: 'print.errors.documentUnavailable' },
    )
    expect((await handlers['print/preview-document']({ kind: 'print-calibration' }, ctx)).pageCount).toBe(1)
  })
})
