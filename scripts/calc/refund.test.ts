import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'calc-refund-'))
let n = 0

/** Runs the real CLI in a child process, as support staff would. */
function calc(input: unknown): { code: number | null; out: unknown; stderr: string } {
  const file = join(dir, `input-${++n}.json`)
  writeFileSync(file, JSON.stringify(input))
  const r = spawnSync('npx', ['tsx', 'scripts/calc.ts', 'refund', file], { cwd: root, encoding: 'utf8' })
  return { code: r.status, out: r.status === 0 ? JSON.parse(r.stdout) : r.stdout, stderr: r.stderr }
}

const osago = {
  kind: 'osago-early-termination', ground: 'owner-change', premiumKopecks: 300_000,
  contractStart: '2025-01-01', contractEnd: '2025-12-31', applicationDate: '2025-04-30',
}

describe('calc refund', () => {
  it('prints the OSAGO refund of the seed example (3 000 ₽, 120 of 365 days used)', () => {
    const r = calc(osago)
    expect(r.code).toBe(0)
    expect(r.out).toEqual({ eligible: true, terminationDate: '2025-04-30', refundKopecks: 155_055, payoutDueDate: '2025-05-14' })
    expect(r.stderr).toContain('osago.riskShare') // the unverified 0.77 is flagged
  })

  it('counts the cooling-off window and payout on the bundled production calendar', () => {
    const r = calc({ kind: 'cooling-off', premiumKopecks: 1_000_000, conclusionDate: '2025-12-25',
      contractStart: '2026-01-01', contractEnd: '2026-12-31', applicationDate: '2026-01-12' })
    expect(r.out).toEqual({ eligible: true, terminationDate: '2026-01-12', refundKopecks: 967_123, payoutDueDate: '2026-01-26' })
  })

  it('says why a request is not eligible', () => {
    const r = calc({ ...osago, ground: 'death', eventDate: '2025-12-20', applicationDate: '2026-01-15' })
    expect(r.out).toEqual({ eligible: false, reason: 'termination.reason.applicationAfterTermEnd',
      terminationDate: '2025-12-20', refundKopecks: 0, payoutDueDate: null })
  })

  it('exits 2 naming the field for input the calculator rejects', () => {
    const r = calc({ ...osago, ground: 'vehicle-loss' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('eventDate: Give the date of death or of the loss of the vehicle')
  })

  it('exits 2 naming the field for malformed or unknown fields', () => {
    const bad = calc({ ...osago, applicationDate: '2025-02-30' })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('applicationDate')
    const extra = calc({ ...osago, premium: 1 })
    expect(extra.code).toBe(2)
    expect(extra.stderr).toContain('premium')
  })
})
