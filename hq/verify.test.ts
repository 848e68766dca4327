import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { parseQrText, qrText, stampsIn } from '../shared/documentLedger/canonical'
import { pdfPagesText } from '../shared/documentLedger/pdfText'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import type { Change } from '../shared/sync/protocol'
import { renderWithStamp } from '../core/print/stampedPdf'
import { textMeasure } from '../core/print/pdfEngine'
import type { OsagoPrintData } from '../core/print/osago/osagoPrintData'
import { makeOsagoCounter, type OsagoCounter } from '../core/print/testing/osagoCounter'
import { call, expectOk } from '../core/testing/testCore'
import { enrolDevice } from './enrolment'
import { applyChanges } from './push'
import { getRecord } from './records'
import { startHq, type RunningHq } from './testing/hqHarness'
import { issueEnrolmentCode } from './admin'
import { verifyDocument } from './verify'
import { verifyCommand } from './verifyCommand'
import { LEDGER_INDEXES, recordJsonField } from './migrations/20261206000006_hq_document_ledger'

/**
 * A document checked at HQ (decision 109): the branch sells an OSAGO policy and saves its archive copy; the
 * device's outbox goes through HQ's push (the ledger rule accepts the entry); then HQ is asked about the saved PDF,
 * its QR text, an edited copy (one value changed, the genuine stamp kept), a forged id, and the policy terminated
 * or replaced by a duplicate.
 */
let t: OsagoCounter
let hq: RunningHq
let pdf: Buffer
let policyId: string

async function outbox(): Promise<Change[]> {
  const rows = (await t.core.db('outbox').orderBy('seq')) as Array<Record<string, string | number | null>>
  return rows.map((r) => ({
    changeId: String(r.change_id),
    entity: String(r.entity),
    entityId: String(r.entity_id),
    op: r.op as Change['op'],
    rowVersion: Number(r.row_version),
    data: JSON.parse(String(r.data)) as Record<string, unknown>,
    changedAt: String(r.changed_at),
    changedBy: r.changed_by === null ? null : String(r.changed_by),
  }))
}

beforeEach(async () => {
  t = await makeOsagoCounter([])
  hq = await startHq()
  const draft = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  const saved = await expectOk(
    call(
      t.core,
      'osago/save-draft',
      { id: draft.id, rowVersion: draft.rowVersion, draft: completeDraft(t.today) },
      'c',
    ),
  )
  const priced = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c'),
  )
  const policy = await expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: priced.id,
        rowVersion: priced.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 451', amountKopecks: priced.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
  policyId = policy.id
  const { savedTo } = await expectOk(
    call(t.core, 'print/save-document', { kind: 'osago-policy-archive', id: policy.id }, 'c'),
  )
  pdf = readFileSync(savedTo!)
  const branch = (await t.core.db('branch').first()) as { id: string; code: string; name: string; city: string }
  const now = t.clock.now()
  await hq.enrolmentCode(branch.code, { name: branch.name, city: branch.city })
  const { code } = await issueEnrolmentCode(hq.db, branch.code, now, 7)
  const { deviceId } = await enrolDevice(hq.db, { code, deviceName: 'counter', branch }, now)
  const results = await applyChanges(hq.db, { id: deviceId, branchCode: branch.code }, await outbox(), 'push', now)
  expect(results.filter((r) => r.status !== 'accepted')).toEqual([])
  // A sale, a saved PDF and a push through HQ's rules: more than the default hook time on a busy machine.
}, 60_000)
afterEach(async () => {
  await t.dispose()
  await hq.close()
})

const stampOf = async (bytes: Uint8Array) => stampsIn(await pdfPagesText(bytes))[0]!

/** The archive copy as the core builds it, with `edit` applied to its data, under the genuine stamp. */
async function forged(edit: (d: OsagoPrintData) => void, stamp: { id: string; hash: string }): Promise<Buffer> {
  const doc = t.core.documents.get('osago-policy-archive')!
  const data = (await doc.load(policyId, { action: 'save', printerName: null } as never)) as OsagoPrintData
  edit(data)
  const definition = doc.build(data, {
    offset: { xMm: 0, yMm: 0 },
    printerName: null,
    measure: await textMeasure(),
    now: t.clock.now(),
  })
  return renderWithStamp(definition, { creationDate: t.clock.now() }, stamp.id, stamp.hash)
}

describe('verifying a document at HQ', () => {
  it('the saved PDF is genuine, unchanged and in force; its QR text says the same, the paper unread', async () => {
    const answer = await verifyDocument(hq.db, { pdf })
    expect(answer).toMatchObject({ status: 'valid', genuine: true, unchanged: true, inForce: true, reasons: [] })
    expect(answer.document).toMatchObject({
      kind: 'osago-policy-archive',
      recordType: 'osago_policy',
      recordId: policyId,
    })
    expect(answer.message.ru).toBe('Документ подлинный, не изменён и действует.')
    expect(answer.message.en).toBe('The document is genuine, unchanged and in force.')
    const entry = await getRecord(hq.db, 'document_ledger', answer.document!.id)
    const qr = qrText(entry!.id, String(entry!.data.content_sha256))
    expect(await verifyDocument(hq.db, { qr })).toMatchObject({ status: 'valid', genuine: true, unchanged: null })
    // The command line gives the same verdict for the file and for the QR text (exit code 0).
    const file = t.platform.saved[0]!
    expect(await verifyCommand(hq.db, file)).toMatchObject({ code: 0, answer: { status: 'valid' } })
    expect((await verifyCommand(hq.db, qr)).lines[0]).toContain('Документ подлинный и действует')
  })

  it('an edited copy under the genuine stamp is refused as altered; a forged id and a wrong QR hash too', async () => {
    const stamp = await stampOf(pdf)
    const genuine = parseQrText(
      qrText(
        stamp.documentId,
        (await getRecord(hq.db, 'document_ledger', stamp.documentId))!.data.content_sha256 as string,
      ),
    )!
    // One digit of the premium changed: the same stamp, the same QR code, another text.
    const edited = await forged(
      (d) => {
        d.policy.calculation!.premiumKopecks += 10_000
      },
      { id: genuine.documentId, hash: genuine.contentSha256 },
    )
    expect(await stampOf(edited)).toEqual(stamp)
    const altered = await verifyDocument(hq.db, { pdf: edited })
    expect(altered).toMatchObject({ status: 'altered', genuine: false, unchanged: false })
    expect(altered.message.ru).toMatch(/^Документ изменён/)
    // A document the company never issued: an id no ledger holds.
    const unknownId = uuidv7()
    const invented = await forged(() => {}, { id: unknownId, hash: genuine.contentSha256 })
    const unknown = await verifyDocument(hq.db, { pdf: invented })
    expect(unknown).toMatchObject({ status: 'unknown', genuine: false, document: null })
    expect(unknown.message.ru).toContain(unknownId)
    expect(await verifyDocument(hq.db, { qr: qrText(genuine.documentId, 'f'.repeat(64)) })).toMatchObject({
      status: 'mismatch',
      genuine: false,
    })
    expect(await verifyDocument(hq.db, { qr: 'https://example.ru/' })).toMatchObject({ status: 'unreadable' })
    expect(await verifyDocument(hq.db, { pdf: Buffer.from('not a pdf') })).toMatchObject({ status: 'unreadable' })
    expect((await verifyCommand(hq.db, qrText(unknownId, genuine.contentSha256))).code).toBe(1)
  })

  it('a terminated policy, or one replaced by a duplicate, is genuine but not in force', async () => {
    const policy = (await getRecord(hq.db, 'osago_policy', policyId))!
    await hq
      .db('hq_record')
      .where({ entity: 'osago_policy', id: policyId })
      .update({ data: JSON.stringify({ ...policy.data, terminated_on: '2026-12-01' }) })
    const terminated = await verifyDocument(hq.db, { pdf })
    expect(terminated).toMatchObject({
      status: 'not-in-force',
      genuine: true,
      unchanged: true,
      inForce: false,
      reasons: [{ code: 'terminated', date: '01.12.2026' }],
    })
    expect(terminated.message.ru).toBe('Документ подлинный, но не действует: договор расторгнут с 01.12.2026.')
    expect(terminated.message.en).toBe(
      'The document is genuine but no longer in force: the contract was terminated as of 01.12.2026.',
    )
    await hq
      .db('hq_record')
      .where({ entity: 'osago_policy', id: policyId })
      .update({ data: JSON.stringify(policy.data) })
    // HQ holds a duplicate issued after the paper was printed: the paper's blank is lost, the duplicate is the policy.
    const later = new Date(t.clock.now().getTime() + 86_400_000).toISOString()
    await hq.db('hq_record').insert({
      entity: 'osago_change',
      id: uuidv7(),
      branch_code: policy.branchCode,
      row_version: 3,
      data: JSON.stringify({ policy_id: policyId, kind: 'duplicate', status: 'applied', applied_at: later }),
      natural_key: null,
      seq: 10_000,
      created_at: later,
      updated_at: later,
      updated_by_device: null,
    })
    const duplicate = await verifyDocument(hq.db, { pdf })
    expect(duplicate).toMatchObject({ status: 'not-in-force', inForce: false, reasons: [{ code: 'duplicate' }] })
    expect(duplicate.message.ru).toMatch(
      /не действует: выдан дубликат полиса \d\d\.\d\d\.\d{4}, прежний бланк признан утраченным/,
    )
  })

  it('POST /v1/verify answers anyone, with a PDF or a QR text, within a rate per address', async () => {
    const res = await fetch(`${hq.url}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pdf: pdf.toString('base64') }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'valid', genuine: true, unchanged: true, inForce: true })
    const bad = await fetch(`${hq.url}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'x' }),
    })
    expect(bad.status).toBe(400)
    const statuses: number[] = []
    for (let i = 0; i < 20; i++)
      statuses.push(
        (
          await fetch(`${hq.url}/v1/verify`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ qr: 'BD1:x' }),
          })
        ).status,
      )
    // 20 a minute per address (VERIFY_REQUESTS_PER_MINUTE): the two above and 18 more, then 429.
    expect(statuses.slice(0, 18).every((s) => s === 200)).toBe(true)
    expect(statuses.slice(18)).toEqual([429, 429])
  })

  it("reads a record's ledger entries and an OSAGO policy's changes by their partial JSON indexes (HQ migration 20261206000006)", async () => {
    for (const ix of LEDGER_INDEXES) {
      const plan = (await hq.db.raw(
        `explain query plan select * from hq_record where entity = ? and ${recordJsonField('sqlite', ix.field)} = ?`,
        [ix.entity, 'x'],
      )) as Array<{ detail: string }>
      expect(plan.map((r) => r.detail).join('; ')).toContain(ix.name)
    }
  })
})
