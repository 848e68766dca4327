import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkChain, entryHash, GENESIS_HASH, type LedgerEntry } from './chain'

type Chained = LedgerEntry & { entryHash: string }

const HEX = '0123456789abcdef'
const hex64 = fc.array(fc.constantFrom(...HEX), { minLength: 64, maxLength: 64 }).map((a) => a.join(''))

const fact = fc.record({
  id: fc.uuid({ version: 7 }),
  kind: fc.constantFrom('osago-policy-archive', 'osago-application', 'casco-contract', 'termination-application'),
  recordType: fc.constantFrom('osago_policy', 'casco_quote', 'termination_application'),
  recordId: fc.uuid({ version: 7 }),
  contentSha256: hex64,
  issuedAt: fc.integer({ min: 1_767_000_000_000, max: 1_800_000_000_000 }).map((ms) => new Date(ms).toISOString()),
})

/** A chain as the core appends it: numbered from 1, each entry on the hash of the one before. */
async function chainOf(facts: ReadonlyArray<Omit<LedgerEntry, 'branchId' | 'chainId' | 'seq' | 'prevHash'>>) {
  const out: Chained[] = []
  let prev = GENESIS_HASH
  for (const [i, f] of facts.entries()) {
    const e: LedgerEntry = { ...f, branchId: 'branch-1', chainId: 'chain-1', seq: i + 1, prevHash: prev }
    const h = await entryHash(e)
    out.push({ ...e, entryHash: h })
    prev = h
  }
  return out
}

describe('the chain of issued documents', () => {
  it('accepts a chain as appended, from any number of entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 0, maxLength: 12 }), async (facts) => {
        const chain = await chainOf(facts)
        expect(await checkChain(chain, headOf(chain))).toBeNull()
      }),
      { numRuns: 60 },
    )
  })

  it('detects any edit of any field of any entry, even with its own hash recomputed', async () => {
    const field = fc.constantFrom(
      'id',
      'branchId',
      'chainId',
      'seq',
      'kind',
      'recordType',
      'recordId',
      'contentSha256',
      'issuedAt',
      'prevHash',
      'entryHash',
    ) as fc.Arbitrary<keyof Chained>
    await fc.assert(
      fc.asyncProperty(
        fc.array(fact, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        field,
        fc.boolean(),
        async (facts, at, key, rehash) => {
          const chain = await chainOf(facts)
          const head = headOf(chain)
          const i = at % chain.length
          const e = { ...chain[i]! }
          const v = e[key]
          ;(e as Record<string, unknown>)[key] =
            typeof v === 'number' ? v + 1 : key.endsWith('Hash') || key === 'contentSha256' ? flipHex(v) : `${v}x`
          // A forger who also recomputes the edited entry's own hash still breaks the link to the next one.
          if (rehash && key !== 'entryHash') e.entryHash = await entryHash(e)
          chain[i] = e
          // Against the head HQ holds, every edit shows; without it, every edit but the last entry's re-hashed one.
          expect(await checkChain(chain, head)).not.toBeNull()
          if (!(rehash && i === chain.length - 1)) expect(await checkChain(chain)).not.toBeNull()
        },
      ),
      { numRuns: 200 },
    )
  })

  it('detects a reordered chain and a cut one (inside or at its end)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 2, maxLength: 10 }), fc.nat(), fc.nat(), async (facts, a, b) => {
        const chain = await chainOf(facts)
        const i = a % chain.length
        const j = b % chain.length
        if (i !== j) {
          const swapped = [...chain]
          ;[swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!]
          expect(await checkChain(swapped, headOf(chain))).not.toBeNull()
        }
        const cut = chain.filter((_, k) => k !== i)
        expect(await checkChain(cut, headOf(chain))).not.toBeNull()
      }),
      { numRuns: 150 },
    )
  })

  it('names the first broken entry', async () => {
    const chain = await chainOf([
      { id: 'a', kind: 'k', recordType: 'r', recordId: '1', contentSha256: '1'.repeat(64), issuedAt: 't1' },
      { id: 'b', kind: 'k', recordType: 'r', recordId: '2', contentSha256: '2'.repeat(64), issuedAt: 't2' },
      { id: 'c', kind: 'k', recordType: 'r', recordId: '3', contentSha256: '3'.repeat(64), issuedAt: 't3' },
    ])
    expect(await checkChain([chain[0]!, chain[2]!])).toEqual({ problem: 'gap', seq: 3, expected: 2 })
    expect(await checkChain([chain[0]!, { ...chain[1]!, contentSha256: '9'.repeat(64) }, chain[2]!])).toEqual({
      problem: 'entry-hash',
      seq: 2,
    })
    expect(await checkChain(chain.slice(0, 2), headOf(chain))).toEqual({ problem: 'gap', seq: 3, expected: 3 })
  })
})

function headOf(chain: readonly Chained[]) {
  return { length: chain.length, lastHash: chain.at(-1)?.entryHash ?? GENESIS_HASH }
}

function flipHex(v: unknown): string {
  const s = String(v)
  return (s[0] === '0' ? '1' : '0') + s.slice(1)
}
