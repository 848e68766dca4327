import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entryHash, GENESIS_HASH, type LedgerEntry } from '../../shared/documentLedger/chain'
import type { RecordData } from '../records'
import { ensureBranch, issueEnrolmentCode } from '../admin'
import { openHqDatabase } from '../db'
import { enrolDevice } from '../enrolment'
import { applyChanges } from '../push'
import { branchRow, insertChange, staffRow } from '../testing/builders'
import { documentLedgerRule } from './documentLedgerRules'
import { fakeContext, judge, type FakeRecord } from './fakeContext'

const BRANCH = 'MSK-01'
const AT = '2026-12-06T09:00:00.000Z'

/** An entry's row as the device sends it. */
function rowOf(e: LedgerEntry, hash: string): RecordData {
  return {
    id: e.id,
    created_at: AT,
    updated_at: AT,
    row_version: 1,
    branch_id: e.branchId,
    chain_id: e.chainId,
    seq: e.seq,
    kind: e.kind,
    record_type: e.recordType,
    record_id: e.recordId,
    content_sha256: e.contentSha256,
    issued_at: e.issuedAt,
    issued_by: null,
    prev_hash: e.prevHash,
    entry_hash: hash,
  }
}

/** A chain of `n` entries as the core appends them (core/print/documentLedger.ts). */
async function chain(n: number, chainId = 'chain-1'): Promise<RecordData[]> {
  const rows: RecordData[] = []
  let prev = GENESIS_HASH
  for (let seq = 1; seq <= n; seq++) {
    const e: LedgerEntry = {
      id: `doc-${chainId}-${seq}`,
      branchId: 'b1',
      chainId,
      seq,
      kind: 'osago-policy-archive',
      recordType: 'osago_policy',
      recordId: `policy-${seq}`,
      contentSha256: seq.toString(16).padStart(64, 'a'),
      issuedAt: new Date(Date.parse(AT) + seq * 60_000).toISOString(),
      prevHash: prev,
    }
    prev = await entryHash(e)
    rows.push(rowOf(e, prev))
  }
  return rows
}

/** Sends rows one after another through the rule, HQ keeping what it accepts; the verdicts in order. */
async function send(rows: RecordData[], held: FakeRecord[] = []): Promise<string[]> {
  const out: string[] = []
  for (const row of rows) {
    const ctx = fakeContext({ records: held })
    const verdict = await judge(documentLedgerRule, ctx, { op: 'insert', id: String(row.id), before: null, after: row })
    const key = documentLedgerRule.naturalKey!(row, BRANCH)
    // The push refuses a second record with a key HQ holds (hq/push.ts): a fork or a replayed number.
    const taken = held.some((r) => r.naturalKey === key)
    if (verdict === 'accepted' && !taken)
      held.push({ entity: 'document_ledger', id: String(row.id), data: row, naturalKey: key })
    out.push(taken && verdict === 'accepted' ? 'rejected:duplicate' : verdict)
  }
  return out
}

describe('HQ rule: the issued documents ledger', () => {
  it('accepts a chain sent in order, each entry onto the last one HQ holds', async () => {
    expect(await send(await chain(4))).toEqual(Array(4).fill('accepted'))
    // Two computers of a branch: two chains, each on its own.
    const a = await chain(2, 'pc-a')
    const b = await chain(2, 'pc-b')
    expect(await send([a[0]!, b[0]!, b[1]!, a[1]!])).toEqual(Array(4).fill('accepted'))
  })

  it('refuses an edited entry, a cut, a reorder, an update and a chain that does not start from zero', async () => {
    const rows = await chain(4)
    expect(await send([rows[0]!, { ...rows[1]!, content_sha256: 'f'.repeat(64) }])).toEqual([
      'accepted',
      'rejected:ledger-entry-hash',
    ])
    expect(await send([rows[0]!, rows[2]!])).toEqual(['accepted', 'rejected:ledger-gap'])
    expect(await send([rows[1]!, rows[0]!])).toEqual(['rejected:ledger-gap', 'accepted'])
    // Entry 3 pointed at entry 1 instead of the last one: its hash no longer covers what it says.
    expect(await send([rows[0]!, rows[1]!, { ...rows[2]!, prev_hash: String(rows[0]!.entry_hash) }])).toEqual([
      'accepted',
      'accepted',
      'rejected:ledger-entry-hash',
    ])
    const held: FakeRecord[] = []
    await send([rows[0]!], held)
    expect(
      await judge(documentLedgerRule, fakeContext({ records: held }), {
        op: 'update',
        id: String(rows[0]!.id),
        before: rows[0]!,
        after: { ...rows[0]!, row_version: 2 },
      }),
    ).toBe('rejected:append-only')
    expect(await send([{ ...rows[0]!, prev_hash: '1'.repeat(64) }])).toEqual(['rejected:ledger-entry-hash'])
  })

  it('property: any edit, reorder or cut of a random chain is refused somewhere as it is sent', async () => {
    const field = fc.constantFrom('seq', 'kind', 'record_id', 'content_sha256', 'issued_at', 'prev_hash', 'entry_hash')
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('edit', 'swap', 'cut'),
        field,
        async (n, a, b, how, key) => {
          const rows = await chain(n)
          const i = a % n
          let sent: RecordData[]
          if (how === 'edit') {
            const v = rows[i]![key]
            const edited = typeof v === 'number' ? v + 1 : String(v).replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
            sent = rows.map((r, k) => (k === i ? { ...r, [key]: edited } : r))
          } else if (how === 'swap') {
            const j = (i + 1 + (b % (n - 1))) % n
            sent = [...rows]
            ;[sent[i], sent[j]] = [sent[j]!, sent[i]!]
          } else {
            // A cut anywhere but at the end (the end of a chain is simply what has been sent so far).
            sent = rows.filter((_, k) => k !== Math.min(i, n - 2))
          }
          const verdicts = await send(sent)
          expect(verdicts.some((v) => v !== 'accepted')).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('through the push: a forked number is refused as a duplicate, a gap as ledger-gap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-ledger-hq-'))
    const db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
    try {
      const now = new Date(AT)
      await ensureBranch(db, { code: BRANCH, name: 'Филиал', city: 'Москва' }, now)
      const { code } = await issueEnrolmentCode(db, BRANCH, now, 7)
      const branch = { id: 'b1', code: BRANCH, name: 'Филиал', city: 'Москва' }
      const { deviceId } = await enrolDevice(db, { code, deviceName: 'pc', branch }, now)
      const device = { id: deviceId, branchCode: BRANCH }
      // The branch and its admin as its first device sends them (no author: written at setup).
      const setup = [
        insertChange('branch', branchRow('b1', BRANCH), null, now),
        insertChange('staff', staffRow('s1', 'b1'), null, now),
      ]
      expect((await applyChanges(db, device, setup, 'push', now)).map((r) => r.status)).toEqual([
        'accepted',
        'accepted',
      ])
      const rows = await chain(3)
      const push = async (list: RecordData[]) =>
        (
          await applyChanges(
            db,
            device,
            list.map((r) => insertChange('document_ledger', r, 's1', now)),
            'push',
            now,
          )
        ).map((r) => (r.status === 'accepted' ? 'accepted' : `${r.status}:${r.reason?.code}`))
      expect(await push([rows[0]!, rows[1]!])).toEqual(['accepted', 'accepted'])
      // Another entry numbered 2 on the same chain (a restored copy of the computer, a forged insert).
      const fork = { ...rows[1]!, id: 'doc-fork-2', record_id: 'policy-x' }
      expect(await push([fork])).toEqual(['rejected:duplicate'])
      const gapped = await chain(5)
      expect(await push([gapped[4]!])).toEqual(['rejected:ledger-gap'])
      expect(await push([rows[2]!])).toEqual(['accepted'])
    } finally {
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
