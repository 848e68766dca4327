import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CalcInputError } from './context'
import { run } from './osago'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ctx = { resourcesDir: join(root, 'resources') }

/** A legal entity in Moscow with its own drivers named: 40-FZ art. 16 lets only a citizen owner do that. */
const legalWithList = {
  conclusionDate: '2026-11-21',
  startDate: '2026-11-22',
  vehicle: { category: 'B', powerHp: 150, usedWithTrailer: true, registeredIn: 'RU' },
  owner: { type: 'legal', region: 'Москва', city: null, kbmClass: 3 },
  drivers: [{ birthDate: '1990-03-10', licenseSince: '2010-12-31', kbmClass: 3 }],
  grossViolations: false,
}

function thrown(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('expected the command to refuse the input')
}

describe('calc osago: who may limit the drivers list', () => {
  it('refuses a legal entity’s named list with the field drivers, and prices its unlimited policy', () => {
    const e = thrown(() => run(legalWithList, ctx))
    expect(e).toBeInstanceOf(CalcInputError)
    expect(e).toMatchObject({
      field: 'drivers',
      message: expect.stringContaining('osago.input.driversNotForLegalEntity'),
    })
    expect(run({ ...legalWithList, drivers: 'unlimited' }, ctx)).toMatchObject({ premiumKopecks: expect.any(Number) })
  })
  it('refuses a legal entity’s periods of use with the field periodsOfUse rather than ignoring them', () => {
    const e = thrown(() =>
      run({ ...legalWithList, drivers: 'unlimited', periodsOfUse: [{ from: '2026-11-22', to: '2027-05-21' }] }, ctx),
    )
    expect(e).toMatchObject({
      field: 'periodsOfUse',
      message: expect.stringContaining('osago.errors.periodsNotForLegalEntity'),
    })
  })
  it('exits 2 naming drivers (child process)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'osago-drivers-')), 'legal.json')
    writeFileSync(file, JSON.stringify(legalWithList))
    const r = spawnSync(process.execPath, ['scripts/calc.mjs', 'osago', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.status, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/^invalid input: drivers: /m)
    expect(r.stdout).toBe('')
  }, 60_000)
})
