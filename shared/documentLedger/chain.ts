import { sha256Hex } from './canonical'

/**
 * The chain of issued documents (decision 108). Each entry's hash covers its own facts and the hash of the entry
 * before it, so an entry edited, removed, reordered or slipped in breaks every hash after it. One chain per branch
 * computer (`chainId`), numbered 1, 2, 3… without gaps; the first entry's `prevHash` is GENESIS_HASH. The core
 * appends (core/print/documentLedger.ts); HQ accepts an entry only onto its own copy of the chain's last one
 * (hq/rules/documentLedgerRules.ts) and checks any chain with `checkChain`.
 */
export const GENESIS_HASH = '0'.repeat(64)

export interface LedgerEntry {
  /** The document id (UUIDv7): what its QR code carries. */
  id: string
  branchId: string
  chainId: string
  seq: number
  kind: string
  recordType: string
  recordId: string
  contentSha256: string
  /** ISO timestamp the document was printed or saved. */
  issuedAt: string
  prevHash: string
}

/** The serialisation the entry hash covers: a JSON array in a fixed order (no key order to disagree on). */
export function entrySerialisation(e: LedgerEntry): string {
  return JSON.stringify([
    'BD1-ledger',
    e.chainId,
    e.seq,
    e.branchId,
    e.id,
    e.kind,
    e.recordType,
    e.recordId,
    e.contentSha256,
    e.issuedAt,
    e.prevHash,
  ])
}

export function entryHash(e: LedgerEntry): Promise<string> {
  return sha256Hex(entrySerialisation(e))
}

export type ChainProblem =
  | { problem: 'gap'; seq: number; expected: number }
  | { problem: 'prev-hash'; seq: number }
  | { problem: 'entry-hash'; seq: number }
  | { problem: 'other-chain'; seq: number }

/**
 * The first thing wrong with a chain given in its order (entries with their stored `entryHash`), or null. A cut at
 * the end, or the last entry rewritten with its hash recomputed, shows only against what is known of the chain's
 * head (`head`: HQ's count and last hash, or the device's).
 */
export async function checkChain(
  entries: ReadonlyArray<LedgerEntry & { entryHash: string }>,
  head?: { length: number; lastHash: string },
): Promise<ChainProblem | null> {
  let prev = GENESIS_HASH
  const chainId = entries[0]?.chainId
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    if (e.chainId !== chainId) return { problem: 'other-chain', seq: e.seq }
    if (e.seq !== i + 1) return { problem: 'gap', seq: e.seq, expected: i + 1 }
    if (e.prevHash !== prev) return { problem: 'prev-hash', seq: e.seq }
    if ((await entryHash(e)) !== e.entryHash) return { problem: 'entry-hash', seq: e.seq }
    prev = e.entryHash
  }
  if (head && entries.length !== head.length)
    return { problem: 'gap', seq: entries.length + 1, expected: entries.length + 1 }
  if (head && head.length > 0 && prev !== head.lastHash) return { problem: 'entry-hash', seq: entries.length }
  return null
}
