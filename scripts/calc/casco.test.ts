import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { baseInput, quote } from '../../shared/casco/testFixtures'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'calc-casco-'))
let n = 0

function calc(input: unknown): { code: number | null; out: any; stderr: string } {
  const file = join(dir, `input-${++n}.json`)
  writeFileSync(file, JSON.stringify(input))
  const r = spawnSync(process.execPath, ['scripts/calc.mjs', 'casco', file], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.status === 0 ? JSON.parse(r.stdout) : r.stdout, stderr: r.stderr }
}

const input = baseInput({
  options: [
    { risks: 'damageTheft', settlement: 'dealer', plan: 'four', gap: true },
    { program: 'theft', risks: 'theft', settlement: 'cash' },
  ],
})

describe('calc casco (child process)', () => {
  it('prints the same quote as the engine, with the rules applied and an English text for each reason', () => {
    const r = calc(input)
    expect(r.code, r.stderr).toBe(0)
    const engine = quote(input)
    expect(r.out.tariffVersion).toBe('example-2022.1')
    expect(r.out.options.map((o: { premiumKopecks: number }) => o.premiumKopecks)).toEqual(
      engine.options.map((o) => o.premiumKopecks),
    )
    const first = r.out.options[0]
    expect(first.premiumKopecks).toBe(9_552_000) // 83 520 ₽ hull + 12 000 ₽ GAP
    expect(first.schedule.totalKopecks).toBe(10_029_600)
    expect(first.schedule.payments).toHaveLength(4)
    expect(first.gapTable).toHaveLength(12)
    expect(first.factors.find((f: { code: string }) => f.code === 'drivers').reason.text).toBe(
      'Driver 1 of 1: male, 35 years old, 12 years of experience (rows "30–39" and "10+")',
    )
    const hit = first.programs.find((p: { code: string }) => p.code === 'moscowHit')
    expect(hit.applied).toBe(false)
    expect(hit.unmetConditions[0]).toMatchObject({
      key: 'casco.conditions.mileageBelow',
      text: 'Mileage is 40\u00a0000 km; it must be below 1\u00a0000 km',
    })
    expect(first.underwritingFlags.map((f: { text?: string; reason: { text: string } }) => f.reason.text)).toEqual([
      'Kia Rio is a theft-prone model and Theft is covered',
      'The theft-prone Kia Rio has no required tracking system',
    ])
    expect(r.out.options[1].requirements).toEqual(['inspectionWithPhotos'])
    expect(r.stderr).toMatch(/warning: option 0: Unconfirmed tariff values/)
  })

  it('exits 2 naming the field for invalid input and for input the tariff cannot take', () => {
    const sum = calc({ ...input, sumInsuredKopecks: 999_999_999 })
    expect(sum.code).toBe(2)
    expect(sum.stderr).toContain('sumInsuredKopecks: The sum insured cannot exceed the market value')
    const franchise = calc({
      ...input,
      options: [
        { risks: 'damage', settlement: 'dealer', franchise: { type: 'conditional', mode: 'percent', value: 50 } },
      ],
    })
    expect(franchise.code).toBe(2)
    expect(franchise.stderr).toContain(
      'options[0].franchise.value: The franchise cannot exceed 10 % of the sum insured',
    )
    const model = calc({ ...input, vehicle: { ...input.vehicle, model: { modelId: 'no-such-car' } } })
    expect(model.code).toBe(2)
    expect(model.stderr).toContain('vehicle.model.modelId')
  })

  it('exits 1 when no tariff is in force on the quote date', () => {
    const r = calc({
      ...input,
      quoteDate: '2020-01-10',
      firstPaymentDate: '2020-01-10',
      vehicle: { ...input.vehicle, year: 2018 },
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('No CASCO tariff is in force on the quote date 2020-01-10')
  })
})
