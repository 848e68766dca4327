import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'calc-casco-schedule-'))
let n = 0

function calc(input: unknown): { code: number | null; out: unknown; stderr: string } {
  const file = join(dir, `input-${++n}.json`)
  writeFileSync(file, JSON.stringify(input))
  const r = spawnSync(process.execPath, ['scripts/calc.mjs', 'casco-schedule', file], { cwd: root, encoding: 'utf8' })
  return { code: r.status, out: r.status === 0 ? JSON.parse(r.stdout) : r.stdout, stderr: r.stderr }
}

describe('calc casco-schedule', () => {
  it('prints four quarterly payments with the +5 % surcharge, extra kopecks first', () => {
    const r = calc({ premiumKopecks: 10_000_003, plan: 'four', firstPaymentDate: '2025-11-30' })
    expect(r.code).toBe(0)
    expect(r.out).toEqual({
      totalKopecks: 10_500_003,
      payments: [
        { dueDate: '2025-11-30', amountKopecks: 2_625_001 },
        { dueDate: '2026-02-28', amountKopecks: 2_625_001 },
        { dueDate: '2026-05-30', amountKopecks: 2_625_001 },
        { dueDate: '2026-08-30', amountKopecks: 2_625_000 },
      ],
    })
  })

  it('prints a single payment unchanged', () => {
    expect(calc({ premiumKopecks: 5_000_000, plan: 'single', firstPaymentDate: '2026-01-31' }).out).toEqual({
      totalKopecks: 5_000_000,
      payments: [{ dueDate: '2026-01-31', amountKopecks: 5_000_000 }],
    })
  })

  it('exits 2 naming the field for a bad plan or a premium too small to split', () => {
    const plan = calc({ premiumKopecks: 100, plan: 'three', firstPaymentDate: '2026-01-31' })
    expect(plan.code).toBe(2)
    expect(plan.stderr).toContain('plan')
    const small = calc({ premiumKopecks: 3, plan: 'four', firstPaymentDate: '2026-01-31' })
    expect(small.code).toBe(2)
    expect(small.stderr).toContain('premiumKopecks: the premium is too small')
  })
})
