import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'
import { entryHash, GENESIS_HASH } from '../../shared/documentLedger/chain'
import type { DocumentKind } from '../../shared/print/contract'
import type { Db } from '../db/openDatabase'
import type { Writer } from '../db/write'

/**
 * The ledger of issued documents on this computer (decision 108): a document printed or saved with its stamp is
 * an entry of `document_ledger`, appended in the same transaction as the print's audit entry; a preview is not
 * issued. A reprint of the same content (same kind, record and hash) is the same document: it keeps its id and
 * adds no entry. Entries chain per computer (`document_ledger_chain` names this computer's chain).
 */

/**
 * Kinds printed onto pre-printed forms (the Goznak OSAGO blank carries its own QR code and numbered frames; our
 * marks have no place on it) and the calibration page (no record): printed as they are, not issued here. The
 * policy's archive copy is the policy's verifiable document.
 */
export const NOT_STAMPED: ReadonlySet<DocumentKind> = new Set<DocumentKind>([
  'osago-policy-blank',
  'osago-change-policy-blank',
  'print-calibration',
])

export interface IssuedDocument {
  id: string
  kind: DocumentKind
  recordType: string
  recordId: string
  contentSha256: string
}

type DbLike = Db | Knex.Transaction

/** The id of the document already issued with this content for this record and kind, or null. */
export async function issuedDocumentId(
  db: DbLike,
  kind: DocumentKind,
  recordType: string,
  recordId: string,
  contentSha256: string,
): Promise<string | null> {
  const row = (await db('document_ledger')
    .where({ record_id: recordId, kind, record_type: recordType, content_sha256: contentSha256 })
    .first('id')) as { id: string } | undefined
  return row?.id ?? null
}

async function chainOf(trx: Knex.Transaction, now: string): Promise<string> {
  const row = (await trx('document_ledger_chain').first('chain_id')) as { chain_id: string } | undefined
  if (row) return row.chain_id
  const chainId = uuidv7()
  await trx('document_ledger_chain').insert({ chain_id: chainId, created_at: now })
  return chainId
}

async function branchOf(w: Writer): Promise<string> {
  const staff = w.actor.userId
    ? ((await w.trx('staff').where({ id: w.actor.userId }).first('branch_id')) as { branch_id: string } | undefined)
    : undefined
  if (staff) return staff.branch_id
  const branch = (await w.trx('branch').orderBy('created_at').first('id')) as { id: string } | undefined
  if (!branch) throw new Error('No branch to issue a document in')
  return branch.id
}

/**
 * Appends the document to this computer's chain unless it is already issued (a reprint). Runs inside the print's
 * `write()`: SQLite's write lock makes the next number and the previous hash this transaction's own.
 */
export async function recordIssued(w: Writer, doc: IssuedDocument): Promise<{ appended: boolean; seq: number }> {
  const existing = (await w.trx('document_ledger').where({ id: doc.id }).first('seq')) as { seq: number } | undefined
  if (existing) return { appended: false, seq: Number(existing.seq) }
  const chainId = await chainOf(w.trx, w.now)
  const last = (await w
    .trx('document_ledger')
    .where({ chain_id: chainId })
    .orderBy('seq', 'desc')
    .first('seq', 'entry_hash')) as { seq: number; entry_hash: string } | undefined
  const entry = {
    id: doc.id,
    branchId: await branchOf(w),
    chainId,
    seq: last ? Number(last.seq) + 1 : 1,
    kind: doc.kind,
    recordType: doc.recordType,
    recordId: doc.recordId,
    contentSha256: doc.contentSha256,
    issuedAt: w.now,
    prevHash: last?.entry_hash ?? GENESIS_HASH,
  }
  await w.insert('document_ledger', {
    id: entry.id,
    branch_id: entry.branchId,
    chain_id: entry.chainId,
    seq: entry.seq,
    kind: entry.kind,
    record_type: entry.recordType,
    record_id: entry.recordId,
    content_sha256: entry.contentSha256,
    issued_at: entry.issuedAt,
    issued_by: w.actor.userId,
    prev_hash: entry.prevHash,
    entry_hash: await entryHash(entry),
  })
  return { appended: true, seq: entry.seq }
}
