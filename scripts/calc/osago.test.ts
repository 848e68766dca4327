import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readResource } from '../../core/reference/readResource'
import { addDays } from '../../shared/dates/calendarDate'
import { calculateOsagoPremium, coefficientCodes } from '../../shared/osago/calculator'
import { parseOsagoInput } from '../../shared/osago/input'
import { osagoTariffFileSchema } from '../../shared/osago/tariffSchema'
import { regionsFileSchema } from '../../shared/reference/regions'

/** 100 (TB roubles → kopecks) × the factors as exact decimal fractions, rounded half-up once; independent of shared/money. */
function exactHalfUp(factors: number[]): number {
  let num = 100n
  let den = 1n
  for (const f of factors) {
    const [int, frac = ''] = String(f).split('.')
    num *= BigInt(int! + frac)
    den *= 10n ** BigInt(frac.length)
  }
  return Number((2n * num + den) / (2n * den))
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const resources = join(root, 'resources')
const work = mkdtempSync(join(tmpdir(), 'osago-calc-'))

const input = {
  conclusionDate: '2025-06-01',
  startDate: '2025-06-05',
  vehicle: { category: 'B', powerHp: 150, usedWithTrailer: false, registeredIn: 'RU' },
  owner: { type: 'individual', region: 'Иркутская область', city: 'Ангарск', kbmClass: 3 },
  drivers: [
    { birthDate: '1990-03-10', licenseSince: '2010-12-31', kbmClass: 5 },
    { birthDate: '2002-06-05', licenseSince: '2022-06-06', kbmClass: 3 },
  ],
  periodsOfUse: [{ from: '2025-06-05', to: '2025-12-04' }],
  grossViolations: false,
}

function cli(json: unknown, name = 'input.json') {
  const file = join(work, name)
  writeFileSync(file, JSON.stringify(json))
  const r = spawnSync(process.execPath, ['scripts/calc.mjs', 'osago', file], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('calc osago (child process)', () => {
  it('prints the premium, the uncapped product, whether the ceiling applied, the coefficients and the tariff version', () => {
    const r = cli(input)
    expect(r.status, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(Object.keys(out).sort()).toEqual([
      'ceilingApplied',
      'coefficients',
      'premiumKopecks',
      'tariffVersion',
      'uncappedPremiumKopecks',
    ])
    // 7000 × 1.6 (Angarsk) × 1.17 (class 3) × 1.71 (age 23, experience 2) × 1.4 (150 hp) × 0.7 (6 months)
    // = 21 959.68 RUB, under the ceiling 3 × 7000 × 1.6 = 33 600 RUB
    expect(out).toEqual({
      premiumKopecks: 2_195_968,
      uncappedPremiumKopecks: 2_195_968,
      ceilingApplied: false,
      coefficients: { tb: 7000, kt: 1.6, kbm: 1.17, kvs: 1.71, ko: 1, km: 1.4, ks: 0.7, kn: 1, kp: 1, kpr: 1 },
      tariffVersion: '6209-U',
    })
    expect(r.stderr).toMatch(/unverified/)
  })
  it('prints the capped premium when the product exceeds 3 × TB × KT (40-FZ art. 9 p. 2)', () => {
    const r = cli(
      {
        ...input,
        vehicle: { ...input.vehicle, powerHp: 250 },
        drivers: [{ birthDate: '2006-01-10', licenseSince: '2025-03-01', kbmClass: 'M' }],
        periodsOfUse: undefined,
      },
      'capped.json',
    )
    expect(r.status, r.stderr).toBe(0)
    // 7000 × 1.6 × 3.92 (class M) × 2.27 (age 19, experience 0) × 1.6 (250 hp) = 159 459.328 RUB
    expect(JSON.parse(r.stdout)).toMatchObject({
      premiumKopecks: 3_360_000, // 3 × 7000 × 1.6
      uncappedPremiumKopecks: 15_945_933,
      ceilingApplied: true,
      coefficients: { kbm: 3.92, kvs: 2.27, km: 1.6, kt: 1.6 },
    })
  })
  it('exits non-zero naming the field of invalid input', () => {
    const bad = cli({ ...input, drivers: [{ ...input.drivers[0], licenseSince: '1999-01-01' }] }, 'bad.json')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/drivers\[0\]\.licenseSince/)
    const region = cli({ ...input, owner: { ...input.owner, region: 'Иркутск' } }, 'region.json')
    expect(region.status).toBe(2)
    expect(region.stderr).toMatch(/owner\.region/)
    const date = cli({ ...input, startDate: '2025-02-30' }, 'date.json')
    expect(date.status).toBe(2)
    expect(date.stderr).toMatch(/startDate/)
  })
})

describe('every bundled OSAGO tariff version', () => {
  const dir = join(resources, 'tariffs', 'osago')
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  const regions = readResource(join(resources, 'reference', 'regions.json'), regionsFileSchema).data

  it('there is at least one version per edition the brief names', () => {
    const versions = files.map((f) => readResource(join(dir, f), osagoTariffFileSchema).version)
    expect(versions).toEqual(expect.arrayContaining(['6209-U', '7204-U']))
  })

  it.each(files)('%s: premium = TB × the product of the coefficients, rounded half-up, capped at 3 × TB × KT', (f) => {
    const tariff = readResource(join(dir, f), osagoTariffFileSchema)
    const days = [
      tariff.effectiveFrom,
      addDays(tariff.effectiveFrom, 1),
      tariff.effectiveTo ?? addDays(tariff.effectiveFrom, 400),
    ]
    for (const day of days) {
      for (const [region, city] of [
        ['Москва', null],
        ['Иркутская область', 'Иркутск'],
        ['Новосибирская область', null],
      ] as const) {
        const parsed = parseOsagoInput({
          ...input,
          conclusionDate: day,
          startDate: day,
          owner: { ...input.owner, region, city },
          periodsOfUse: undefined,
        })
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
        const r = calculateOsagoPremium(parsed.value, tariff, regions)
        if (!r.ok) throw new Error(JSON.stringify(r.error))
        const product = exactHalfUp(coefficientCodes.map((code) => r.value.coefficients[code]))
        // The input has no gross violations (KN not applied): the standard multiple, exact like the product.
        const c = r.value.coefficients
        const ceiling = exactHalfUp([tariff.data.ceiling.standard.value, c.tb, c.kt])
        expect(r.value.uncappedPremiumKopecks).toBe(product)
        expect(r.value.ceilingKopecks).toBe(ceiling)
        expect(r.value.premiumKopecks).toBe(Math.min(product, r.value.ceilingKopecks))
        expect(r.value.tariffVersion).toBe(tariff.version)
      }
    }
  })
})
