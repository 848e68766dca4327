import type { Knex } from 'knex'
import { canonicalHash, parseQrText, stampsIn } from '../shared/documentLedger/canonical'
import { pdfPagesText } from '../shared/documentLedger/pdfText'
import { todayIn } from '../shared/dates/calendarDate'
import { formatDateRu } from '../shared/print/format'
import { translate } from '../shared/i18n/messages'
import { getRecord, toRecord, type HqRecord } from './records'
import { recordJsonField } from './migrations/20261206000006_hq_document_ledger'

/**
 * Is this document genuine, unchanged and in force? (issue 17 point 2, decision 109) — for anyone holding one:
 * `npm run hq -- verify <file.pdf | QR text>` and `POST /v1/verify`.
 * - genuine: HQ's ledger holds the document id (accepted onto its branch computer's chain) with this hash;
 * - unchanged: the PDF's canonical text (shared/documentLedger/canonical.ts) hashes to the ledger's hash — a QR
 *   code alone says nothing about the paper's text (`unchanged: null`);
 * - in force: the record as HQ holds it — an OSAGO policy not cancelled, not terminated, not replaced by a duplicate
 *   or a re-issue on a new blank after this paper was printed; a CASCO contract or a contract entered by hand not
 *   terminated; and no later document of the same kind for the same record (a reprint after a change).
 */
export type VerifyStatus = 'valid' | 'not-in-force' | 'altered' | 'mismatch' | 'unknown' | 'no-stamp' | 'unreadable'

export interface VerifyReason {
  code: 'terminated' | 'discarded' | 'duplicate' | 'reissued' | 'superseded'
  date?: string
}

export interface VerifyAnswer {
  status: VerifyStatus
  genuine: boolean
  unchanged: boolean | null
  inForce: boolean | null
  document: {
    id: string
    kind: string
    recordType: string
    recordId: string
    branch: string
    issuedAt: string
    contentSha256: string
  } | null
  reasons: VerifyReason[]
  message: { ru: string; en: string }
}

export type VerifyInput = { qr: string } | { pdf: Uint8Array }

const PDF_MAGIC = '%PDF-'

function isPdf(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes(PDF_MAGIC)
}

async function recordsByField(db: Knex, entity: string, field: string, value: string): Promise<HqRecord[]> {
  const dialect = db.client.config.client === 'pg' ? 'pg' : 'sqlite'
  const rows = (await db('hq_record')
    .where({ entity })
    .whereRaw(`${recordJsonField(dialect, field)} = ?`, [value])) as Parameters<typeof toRecord>[0][]
  return rows.map(toRecord)
}

async function branchZone(db: Knex, branchId: string): Promise<string> {
  const branch = await getRecord(db, 'branch', branchId)
  const zone = branch?.data.time_zone
  return typeof zone === 'string' && zone !== '' ? zone : 'Europe/Moscow'
}

const CONTRACT_TABLES = new Set(['osago_policy', 'casco_quote', 'manual_contract'])

async function whyNotInForce(db: Knex, entry: HqRecord, zone: string): Promise<VerifyReason[]> {
  const day = (iso: string) => formatDateRu(todayIn(zone, new Date(iso)))
  const recordType = String(entry.data.record_type)
  const recordId = String(entry.data.record_id)
  const issuedAt = String(entry.data.issued_at)
  const reasons: VerifyReason[] = []
  const record = await getRecord(db, recordType, recordId)
  if (record && CONTRACT_TABLES.has(recordType)) {
    if (record.data.status === 'discarded') reasons.push({ code: 'discarded' })
    const terminated = record.data.terminated_on
    if (typeof terminated === 'string' && terminated !== '')
      reasons.push({ code: 'terminated', date: formatDateRu(terminated) })
  }
  if (recordType === 'osago_policy') {
    // A duplicate or a re-issue on a new blank after this paper was printed: the paper's blank is no longer the policy.
    const changes = await recordsByField(db, 'osago_change', 'policy_id', recordId)
    for (const c of changes) {
      const applied = c.data.applied_at
      if (c.data.status !== 'applied' || typeof applied !== 'string' || applied <= issuedAt) continue
      if (c.data.kind === 'duplicate') reasons.push({ code: 'duplicate', date: day(applied) })
      else if (c.data.new_blank_id) reasons.push({ code: 'reissued', date: day(applied) })
    }
  }
  const later = (await recordsByField(db, 'document_ledger', 'record_id', recordId))
    .filter(
      (e) =>
        e.data.kind === entry.data.kind &&
        e.data.record_type === recordType &&
        e.data.content_sha256 !== entry.data.content_sha256 &&
        String(e.data.issued_at) > issuedAt,
    )
    .sort((a, b) => String(b.data.issued_at).localeCompare(String(a.data.issued_at)))
  if (later[0]) reasons.push({ code: 'superseded', date: day(String(later[0].data.issued_at)) })
  return reasons
}

function message(status: VerifyStatus, params: Record<string, string>, reasons: VerifyReason[]) {
  const key = {
    valid: params.qrOnly ? 'validQr' : 'valid',
    'not-in-force': 'notInForce',
    altered: 'altered',
    mismatch: 'mismatch',
    unknown: 'unknown',
    'no-stamp': 'noStamp',
    unreadable: 'unreadable',
  }[status]
  const text = (locale: 'ru' | 'en') =>
    translate(locale, `documentVerify.verdict.${key}`, {
      ...params,
      issued: params.date ? translate(locale, 'documentVerify.issued', params) : '',
      reasons: reasons
        .map((r) => translate(locale, `documentVerify.reasons.${r.code}`, { date: r.date ?? '' }))
        .join('; '),
    })
  return { ru: text('ru'), en: text('en') }
}

function answer(
  status: VerifyStatus,
  fields: Partial<Omit<VerifyAnswer, 'status' | 'message'>>,
  params: Record<string, string> = {},
): VerifyAnswer {
  const reasons = fields.reasons ?? []
  return {
    status,
    genuine: fields.genuine ?? false,
    unchanged: fields.unchanged ?? null,
    inForce: fields.inForce ?? null,
    document: fields.document ?? null,
    reasons,
    message: message(status, params, reasons),
  }
}

export async function verifyDocument(db: Knex, input: VerifyInput): Promise<VerifyAnswer> {
  let documentId: string
  let claimedHash: string | null = null
  let contentHash: string | null = null
  let claimedPrefix: string | null = null
  if ('qr' in input) {
    const qr = parseQrText(input.qr)
    if (!qr) return answer('unreadable', {})
    documentId = qr.documentId
    claimedHash = qr.contentSha256
  } else {
    if (!isPdf(input.pdf)) return answer('unreadable', {})
    let pages: string[]
    try {
      pages = await pdfPagesText(input.pdf)
    } catch {
      return answer('unreadable', {})
    }
    const stamps = stampsIn(pages)
    if (stamps.length === 0) return answer('no-stamp', {})
    const ids = new Set(stamps.map((s) => s.documentId))
    // Pages of different documents put together are one forged document.
    if (ids.size > 1) return answer('mismatch', {})
    documentId = stamps[0]!.documentId
    claimedPrefix = stamps[0]!.hashPrefix
    contentHash = await canonicalHash(pages)
  }

  const entry = await getRecord(db, 'document_ledger', documentId)
  if (!entry) return answer('unknown', {}, { id: documentId })
  const zone = await branchZone(db, String(entry.data.branch_id))
  const issuedAt = String(entry.data.issued_at)
  const ledgerHash = String(entry.data.content_sha256)
  const document = {
    id: entry.id,
    kind: String(entry.data.kind),
    recordType: String(entry.data.record_type),
    recordId: String(entry.data.record_id),
    branch: entry.branchCode,
    issuedAt,
    contentSha256: ledgerHash,
  }
  const params = { id: documentId, date: formatDateRu(todayIn(zone, new Date(issuedAt))), branch: entry.branchCode }
  if (claimedHash !== null && claimedHash !== ledgerHash) return answer('mismatch', { document }, params)
  if (claimedPrefix !== null && !ledgerHash.startsWith(claimedPrefix))
    return answer('mismatch', { document, unchanged: false }, params)
  if (contentHash !== null && contentHash !== ledgerHash)
    return answer('altered', { document, genuine: false, unchanged: false }, params)
  const reasons = await whyNotInForce(db, entry, zone)
  const unchanged = contentHash === null ? null : true
  return answer(
    reasons.length ? 'not-in-force' : 'valid',
    { document, genuine: true, unchanged, inForce: reasons.length === 0, reasons },
    { ...params, ...(contentHash === null ? { qrOnly: 'yes' } : {}) },
  )
}
