import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canonicalHash, parseQrText, qrText, stampsIn } from '../../shared/documentLedger/canonical'
import { checkChain, entryHash, GENESIS_HASH, type LedgerEntry } from '../../shared/documentLedger/chain'
import { pdfPagesText } from '../../shared/documentLedger/pdfText'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { OsagoPolicy } from '../../shared/osago/policy'
import { call, expectOk, signInAs } from '../testing/testCore'
import { damage, submittedCase, submittedInspection, today } from '../casco/testing/cascoCase'
import { addDays } from '../../shared/dates/calendarDate'
import { pdfContentHash } from './stampedPdf'
import { makeOsagoCounter, type OsagoCounter } from './testing/osagoCounter'
import { keepPdf, pdfText } from './testing/pdfTools'
import { previewPdf } from './testing/previewPdf'

/**
 * Issued documents through the print channels on a real core (decision 108): a printed or saved document carries
 * its stamp and is an entry of the chain, written with the print's audit entry and sent to HQ; a reprint of the
 * same content is the same document; a preview and the pre-printed blank are not issued.
 */
let t: OsagoCounter
beforeEach(async () => {
  t = await makeOsagoCounter(['HP LaserJet'])
}, 60_000)
afterEach(() => t.dispose())

/** An OSAGO policy sold at the counter and issued on a blank (paid in cash against a register's receipt). */
async function sell(): Promise<OsagoPolicy> {
  const draft = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const saved = await expectOk(
    call(
      t.core,
      'osago/save-draft',
      { id: draft.id, rowVersion: draft.rowVersion, draft: completeDraft(t.today) },
      'c',
    ),
  )
  const calculated = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c'),
  )
  return expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: calculated.id,
        rowVersion: calculated.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 451', amountKopecks: calculated.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
}

interface LedgerRow {
  id: string
  branch_id: string
  chain_id: string
  seq: number
  kind: string
  record_type: string
  record_id: string
  content_sha256: string
  issued_at: string
  prev_hash: string
  entry_hash: string
}
const ledger = () => t.core.db('document_ledger').orderBy('seq') as Promise<LedgerRow[]>
const asEntry = (r: LedgerRow): LedgerEntry & { entryHash: string } => ({
  id: r.id,
  branchId: r.branch_id,
  chainId: r.chain_id,
  seq: r.seq,
  kind: r.kind,
  recordType: r.record_type,
  recordId: r.record_id,
  contentSha256: r.content_sha256,
  issuedAt: r.issued_at,
  prevHash: r.prev_hash,
  entryHash: r.entry_hash,
})

describe('issued documents', () => {
  it('a saved archive copy carries its stamp; its text hashes to the ledger entry, sent to HQ with the print', async () => {
    const policy = await sell()
    const { savedTo } = await expectOk(
      call(t.core, 'print/save-document', { kind: 'osago-policy-archive', id: policy.id }, 'c'),
    )
    const pdf = readFileSync(savedTo!)
    const [entry, ...more] = await ledger()
    expect(more).toHaveLength(0)
    expect(entry).toMatchObject({
      seq: 1,
      kind: 'osago-policy-archive',
      record_type: 'osago_policy',
      record_id: policy.id,
      prev_hash: GENESIS_HASH,
    })
    const pages = await pdfPagesText(pdf)
    // What HQ will do with the file: its canonical text hashes to the entry, the stamp names the entry.
    expect(await canonicalHash(pages)).toBe(entry!.content_sha256)
    expect(stampsIn(pages)).toEqual(
      pages.map(() => ({ documentId: entry!.id, hashPrefix: entry!.content_sha256.slice(0, 12) })),
    )
    expect(await entryHash(asEntry(entry!))).toBe(entry!.entry_hash)
    // The printed line as poppler reads it too, and the QR code's text built from the same two values.
    const text = pdfText(keepPdf('ledger-archive-saved', pdf)).replace(/\s+/g, ' ')
    expect(text).toContain(`Проверка подлинности: ${entry!.id} · ${entry!.content_sha256.slice(0, 12)}`)
    expect(parseQrText(qrText(entry!.id, entry!.content_sha256))).toEqual({
      documentId: entry!.id,
      contentSha256: entry!.content_sha256,
    })
    const outbox = (await t.core.db('outbox').where({ entity: 'document_ledger' })) as Array<{ entity_id: string }>
    expect(outbox.map((o) => o.entity_id)).toEqual([entry!.id])
    // The entry is audited under its own action, in the print's transaction; the print's entry names the document.
    expect(await t.core.db('audit_log').where({ action: 'document.issued', entity: 'document_ledger' })).toHaveLength(1)
    const [audit] = (await t.core.db('audit_log').where({ action: 'print.saved', entity: 'osago_policy' })) as Array<{
      after: string
    }>
    expect(JSON.parse(audit!.after)).toMatchObject({ documentId: entry!.id, contentSha256: entry!.content_sha256 })
  })

  it('a reprint of the same content is the same document; another document continues the chain', async () => {
    const policy = await sell()
    const ref = { kind: 'osago-policy-archive', id: policy.id } as const
    const first = readFileSync((await expectOk(call(t.core, 'print/save-document', ref, 'c'))).savedTo!)
    await expectOk(call(t.core, 'print/print-document', { ...ref, printerName: 'HP LaserJet' }, 'c'))
    expect(await ledger()).toHaveLength(1)
    const again = t.platform.jobs[0]!.pdf
    expect(stampsIn(await pdfPagesText(again))).toEqual(stampsIn(await pdfPagesText(first)))
    await expectOk(call(t.core, 'print/save-document', { kind: 'osago-application', id: policy.id }, 'c'))
    const rows = await ledger()
    expect(rows.map((r) => [r.seq, r.kind])).toEqual([
      [1, 'osago-policy-archive'],
      [2, 'osago-application'],
    ])
    expect(rows[1]!.prev_hash).toBe(rows[0]!.entry_hash)
    expect(await pdfContentHash(t.platform.jobs[0]!.pdf)).toBe(rows[0]!.content_sha256)
    expect(new Set(rows.map((r) => r.chain_id)).size).toBe(1)
    expect(await checkChain(rows.map(asEntry))).toBeNull()
  })

  it('a preview, a cancelled save and the pre-printed blank are not issued', async () => {
    const policy = await sell()
    const preview = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'osago-policy-archive', id: policy.id }, 'c'),
    )
    expect(stampsIn(await pdfPagesText(await previewPdf(t.dir, preview)))).toEqual([])
    t.platform.cancelNext()
    await expectOk(call(t.core, 'print/save-document', { kind: 'osago-policy-archive', id: policy.id }, 'c'))
    await expectOk(
      call(
        t.core,
        'print/print-document',
        { kind: 'osago-policy-blank', id: policy.id, printerName: 'HP LaserJet' },
        'c',
      ),
    )
    expect(stampsIn(await pdfPagesText(t.platform.jobs[0]!.pdf))).toEqual([])
    expect(await ledger()).toHaveLength(0)
  })

  it('every CASCO document issued reads back, as HQ will read it, to the hash on its stamp and in the ledger', async () => {
    await signInAs(t.core, 'inspector', 'i')
    await signInAs(t.core, 'supervisor', 's')
    const q = await submittedCase(t.core, 'c', (d) => {
      d.options[0]!.plan = 'four'
    })
    await submittedInspection(t.core, 'i', q.id, [damage()])
    const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: q.id }, 's'))
    await expectOk(
      call(
        t.core,
        'approval/decide',
        {
          quoteId: q.id,
          quoteRowVersion: c.quote.rowVersion,
          decision: 'approved',
          validUntil: addDays(today(t.core), 10),
          comment: '',
          conditions: [],
        } as never,
        's',
      ),
    )
    const a = await expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
    const first = a.result!.options[0]!.schedule.payments[0]!.amountKopecks
    await expectOk(
      call(
        t.core,
        'casco/issue-contract',
        {
          id: a.id,
          rowVersion: a.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 555', amountKopecks: first },
        },
        'c',
      ),
    )
    for (const kind of ['casco-contract', 'casco-schedule'] as const) {
      const { savedTo } = await expectOk(call(t.core, 'print/save-document', { kind, id: q.id }, 'c'))
      const pdf = readFileSync(savedTo!)
      const entry = (await ledger()).find((r) => r.kind === kind)!
      expect(await pdfContentHash(pdf)).toBe(entry.content_sha256)
      expect(new Set(stampsIn(await pdfPagesText(pdf)).map((x) => x.documentId))).toEqual(new Set([entry.id]))
    }
    expect(await checkChain((await ledger()).map(asEntry))).toBeNull()
  })
})
