import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import ru from '../i18n/ru/osago'
import { calculateOsagoPremium, coefficientCodes } from './calculator'
import { baseInput, regions, tariff6209 } from './testFixtures'
import type { OsagoInput } from './input'

type Tree = { readonly [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const ruKeys = leaves(ru as Tree)
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('OSAGO messages', () => {
  it('cover every message key written in the calculator and the input parser', () => {
    const used = new Set<string>()
    for (const f of ['calculator.ts', 'input.ts', 'monthsOfUse.ts', 'errors.ts', 'selectTariff.ts']) {
      const src = readFileSync(new URL(f, import.meta.url), 'utf8')
      for (const m of src.matchAll(/'(osago\.[a-zA-Z.]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(25)
    expect([...used].filter((k) => !ruKeys.has(k))).toEqual([])
  })
  it('name every coefficient by its Russian short name (ТБ, КТ …), the same as in its full title', () => {
    for (const code of coefficientCodes) {
      const short = ruKeys.get(`osago.coefficientCodes.${code}`)
      expect(short, code).toMatch(/^[А-Я][А-Яа-я]+$/)
      expect(ruKeys.get(`osago.coefficients.${code}`)).toContain(`(${short})`)
    }
  })
  it('have texts for every row label the calculator produces', () => {
    const input = baseInput()
    const scenarios: OsagoInput[] = [
      input,
      {
        ...input,
        drivers: 'unlimited',
        grossViolations: true,
        periodsOfUse: [{ from: input.startDate, to: '2024-09-04' }],
      },
      {
        ...input,
        drivers: 'unlimited',
        owner: { type: 'legal', region: 'Москва', city: null, kbmClass: '3' },
        vehicle: { ...input.vehicle, usedWithTrailer: true },
      },
      {
        ...input,
        owner: { ...input.owner, city: null },
        vehicle: { category: 'B', powerKw: 80, usedWithTrailer: true, registeredIn: 'RU' },
      },
    ]
    const labels = new Set<string>()
    for (const scenario of scenarios) {
      const r = calculateOsagoPremium(scenario, tariff6209, regions)
      if (!r.ok) throw new Error(JSON.stringify(r.error))
      for (const b of r.value.breakdown) {
        labels.add(b.label.key)
        const text = ruKeys.get(b.label.key)
        expect(text, b.label.key).toBeDefined()
        for (const p of placeholders(text!)) expect(b.label.params, `${b.label.key} {${p}}`).toHaveProperty(p!)
      }
    }
    // Every row text is reachable from some scenario above, so a renamed key cannot hide.
    expect([...ruKeys.keys()].filter((k) => k.startsWith('osago.rows.') && !labels.has(k))).toEqual([])
  })
})
