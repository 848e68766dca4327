import { z } from 'zod'
import { entryHash, GENESIS_HASH, type LedgerEntry } from '../../shared/documentLedger/chain'
import type { RecordData } from '../records'
import { checkSchema, syncedRow } from './schemaCheck'
import { reject, type EntityRule } from './types'

const HEX64 = /^[0-9a-f]{64}$/

const ledgerSchema = z.looseObject({
  ...syncedRow,
  branch_id: z.string().min(1),
  chain_id: z.string().min(1),
  seq: z.number().int().min(1),
  kind: z.string().min(1),
  record_type: z.string().min(1),
  record_id: z.string().min(1),
  content_sha256: z.string().regex(HEX64),
  issued_at: z.string().min(10),
  prev_hash: z.string().regex(HEX64),
  entry_hash: z.string().regex(HEX64),
})

export function ledgerEntryOf(data: RecordData, id: string): LedgerEntry {
  return {
    id,
    branchId: String(data.branch_id),
    chainId: String(data.chain_id),
    seq: Number(data.seq),
    kind: String(data.kind),
    recordType: String(data.record_type),
    recordId: String(data.record_id),
    contentSha256: String(data.content_sha256),
    issuedAt: String(data.issued_at),
    prevHash: String(data.prev_hash),
  }
}

/** An entry's place: its branch, its chain (one per branch computer) and its number in it. */
export const ledgerKey = (branchCode: string, chainId: string, seq: number) => `${branchCode}#${chainId}#${seq}`

/**
 * The ledger of issued documents (decision 108, core/print/documentLedger.ts): append-only; an entry joins its
 * chain only right after HQ's copy of the chain's last entry — its number one more (a second entry with a number
 * HQ holds is refused as a duplicate key: a reordered or forked chain), its `prev_hash` that entry's hash — and its
 * own hash recomputed from what it says. A cut, reordered or edited chain is refused (kept on the device as a sync
 * issue and in HQ's log), never stored. What HQ holds is then a chain anyone can re-check from the first entry.
 */
export const documentLedgerRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(ledgerSchema, change.after)
    if (bad) return bad
    if (change.before) return reject('append-only', {})
    const entry = ledgerEntryOf(change.after, change.id)
    const seq = entry.seq
    if ((await entryHash(entry)) !== change.after.entry_hash) return reject('ledger-entry-hash', { seq })
    if (seq === 1) return entry.prevHash === GENESIS_HASH ? null : reject('ledger-prev-hash', { seq })
    if (!ctx.lookupByKey) return reject('ledger-unchecked', { seq })
    const prev = await ctx.lookupByKey('document_ledger', ledgerKey(ctx.branch.code, entry.chainId, seq - 1))
    if (!prev) return reject('ledger-gap', { seq, expected: seq - 1 })
    if (prev.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
    return prev.data.entry_hash === entry.prevHash ? null : reject('ledger-prev-hash', { seq })
  },
  naturalKey: (data, branchCode) => ledgerKey(branchCode, String(data.chain_id), Number(data.seq)),
}
