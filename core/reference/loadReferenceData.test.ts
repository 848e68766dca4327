import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createWorkingDayCalendar } from '../../shared/reference/productionCalendar'
import {
  REFERENCE_SCHEMAS,
  ReferenceNotInForceError,
  loadReferenceData,
  referenceInForce,
  versionIdsInForce,
} from './loadReferenceData'
import { ReferenceDataError } from './readResource'

const bundled = resolve(import.meta.dirname, '../../resources')
let tmp: string

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'branch-desk-ref-'))
  cpSync(bundled, join(tmp, 'bundled'), { recursive: true })
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

const bundledCopy = () => join(tmp, 'bundled')
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'))
const writeJson = (file: string, value: unknown) => writeFileSync(file, JSON.stringify(value, null, 2))

function loadError(opts: { bundledDir: string; overrideDir?: string }): ReferenceDataError {
  try {
    loadReferenceData(opts)
  } catch (e) {
    if (e instanceof ReferenceDataError) return e
    throw e
  }
  throw new Error('expected ReferenceDataError')
}

describe('loadReferenceData', () => {
  it('loads every bundled file, one version of each registered kind', () => {
    const data = loadReferenceData({ bundledDir: bundled })
    expect(Object.keys(data.versions).sort()).toEqual(Object.keys(REFERENCE_SCHEMAS).sort())
    for (const [kind, versions] of Object.entries(data.versions)) {
      expect(versions.length, kind).toBeGreaterThanOrEqual(1)
      for (const v of versions) expect(v.kind).toBe(kind)
    }
    expect(data.files.every((f) => f.origin === 'bundled')).toBe(true)
    const calendar = referenceInForce(data, 'production-calendar', '2025-11-01')
    expect(createWorkingDayCalendar(calendar.data).isWorkingDay('2025-11-01')).toBe(true)
    expect(referenceInForce(data, 'vehicle-catalog', '2025-06-01').data.models.length).toBeGreaterThan(30)
  })

  it('stops on a broken file, naming the file and the field', () => {
    const file = join(bundledCopy(), 'reference', 'vehicles.json')
    const broken = readJson(file)
    broken.data.models[3].category.value = 42
    writeJson(file, broken)
    const e = loadError({ bundledDir: bundledCopy() })
    expect(e.file).toBe(file)
    expect(e.field).toBe('data.models.3.category.value')
    expect(e.message).toContain('vehicles.json')
    expect(e.message).toContain('data.models.3.category.value')
  })

  it('stops on a calendar whose lists disagree with its totals', () => {
    const file = join(bundledCopy(), 'reference', 'production-calendar.json')
    const broken = readJson(file)
    broken.data.years[0].nonWorkingDays.value.push('2025-12-30')
    writeJson(file, broken)
    const e = loadError({ bundledDir: bundledCopy() })
    expect([e.file, e.field]).toEqual([file, 'data.years.0.totals.workingDays.value'])
  })

  it('stops on a file that is not JSON', () => {
    const file = join(bundledCopy(), 'reference', 'purposes-of-use.json')
    writeFileSync(file, '{ "kind": "purposes-of-use", ')
    expect([loadError({ bundledDir: bundledCopy() }).file, loadError({ bundledDir: bundledCopy() }).field]).toEqual([
      file,
      '(file)',
    ])
  })

  it('stops on a file of an unknown kind, also in a subfolder', () => {
    const file = join(bundledCopy(), 'reference', 'extra', 'mystery.json')
    mkdirSync(join(bundledCopy(), 'reference', 'extra'))
    writeJson(file, { ...readJson(join(bundled, 'reference', 'purposes-of-use.json')), kind: 'mystery-table' })
    const e = loadError({ bundledDir: bundledCopy() })
    expect([e.file, e.field]).toEqual([file, 'kind'])
    expect(e.message).toContain('mystery-table')
  })

  it('stops when a registered kind has no file, and when the bundled folder is missing', () => {
    rmSync(join(bundledCopy(), 'reference', 'production-calendar.json'))
    const e = loadError({ bundledDir: bundledCopy() })
    expect(e.field).toBe('kind')
    expect(e.message).toContain('production-calendar')
    expect(loadError({ bundledDir: join(tmp, 'nowhere') }).field).toBe('(folder)')
  })

  it('adds HQ versions from the override folder; the version in force is picked by date', () => {
    const override = join(tmp, 'override')
    mkdirSync(join(override, 'reference'), { recursive: true })
    const purposes = readJson(join(bundled, 'reference', 'purposes-of-use.json'))
    const bundledVersion = purposes.version
    writeJson(join(override, 'reference', 'purposes-of-use.json'), {
      ...purposes,
      version: 'hq-2026.1',
      effectiveFrom: '2026-03-01',
      data: { purposes: purposes.data.purposes.slice(0, 3) },
    })
    const data = loadReferenceData({ bundledDir: bundledCopy(), overrideDir: override })
    expect(data.versions['purposes-of-use'].map((v) => v.version)).toEqual([bundledVersion, 'hq-2026.1'])
    expect(referenceInForce(data, 'purposes-of-use', '2026-02-28').version).toBe(bundledVersion)
    expect(referenceInForce(data, 'purposes-of-use', '2026-03-01').data.purposes).toHaveLength(3)
    expect(versionIdsInForce(data, '2026-03-01')['purposes-of-use']).toBe('hq-2026.1')
    expect(data.files.find((f) => f.version === 'hq-2026.1')?.origin).toBe('override')
  })

  it('accepts a missing override folder and an identical copy of a bundled version', () => {
    expect(() => loadReferenceData({ bundledDir: bundledCopy(), overrideDir: join(tmp, 'none') })).not.toThrow()
    const override = join(tmp, 'override')
    cpSync(join(bundled, 'reference', 'vehicles.json'), join(override, 'reference', 'vehicles.json'), {
      recursive: true,
    })
    const data = loadReferenceData({ bundledDir: bundledCopy(), overrideDir: override })
    expect(data.versions['vehicle-catalog']).toHaveLength(1)
  })

  it('skips, with the reason, an HQ file reusing a version id with other content or an earlier revision for the same start', () => {
    const override = join(tmp, 'override')
    mkdirSync(join(override, 'reference'), { recursive: true })
    const vehicles = readJson(join(bundled, 'reference', 'vehicles.json'))
    const file = join(override, 'reference', 'vehicles.json')
    writeJson(file, { ...vehicles, note: 'changed' })
    let data = loadReferenceData({ bundledDir: bundledCopy(), overrideDir: override })
    // A copy of a bundled edition: the build's copy is used, logged but not shown (nothing of HQ's is lost).
    expect(data.skipped).toEqual([{ file, reason: expect.stringContaining('different content'), superseded: true }])
    expect(data.versions['vehicle-catalog']).toEqual([vehicles])
    // An earlier revision than the bundled one, for the same start date: a copy an older build installed.
    writeJson(file, { ...vehicles, version: `${vehicles.version}-0`, note: 'older' })
    writeJson(join(bundledCopy(), 'reference', 'vehicles.json'), { ...vehicles, version: `${vehicles.version}-1` })
    data = loadReferenceData({ bundledDir: bundledCopy(), overrideDir: override })
    expect(data.versions['vehicle-catalog'].map((v) => v.version)).toEqual([`${vehicles.version}-1`])
    expect(data.skipped.map((s) => s.file)).toEqual([file])
  })

  it("lets HQ's later revision for the same start date replace the bundled one", () => {
    const override = join(tmp, 'override')
    mkdirSync(join(override, 'reference'), { recursive: true })
    const vehicles = readJson(join(bundled, 'reference', 'vehicles.json'))
    writeJson(join(bundledCopy(), 'reference', 'vehicles.json'), { ...vehicles, version: 'cat.2' })
    writeJson(join(override, 'reference', 'vehicles.json'), { ...vehicles, version: 'cat.10', note: 'HQ correction' })
    const data = loadReferenceData({ bundledDir: bundledCopy(), overrideDir: override })
    expect(data.versions['vehicle-catalog'].map((v) => v.version)).toEqual(['cat.10'])
    expect(data.files.filter((f) => f.kind === 'vehicle-catalog').map((f) => f.origin)).toEqual(['override'])
    expect(data.skipped).toHaveLength(1)
  })

  it("starts when an HQ file installed under an older build fails this build's schema, and says which", () => {
    const override = join(tmp, 'override')
    mkdirSync(join(override, 'tariffs'), { recursive: true })
    const bundledTariffs = join(bundled, 'tariffs', 'osago')
    const newest = readJson(join(bundledTariffs, '2025-12-09_7204-U.json'))
    // A table no upgrade can supply (shared/reference/upgradeReference.ts fills only fields this build added).
    const { kn: _dropped, ...brokenShape } = newest.data
    const file = join(override, 'tariffs', 'older-build.json')
    writeJson(file, { ...newest, version: 'hq-2026-06.1', effectiveFrom: '2026-06-01', data: brokenShape })
    const data = loadReferenceData({ bundledDir: bundledCopy(), overrideDir: override })
    expect(data.skipped).toEqual([{ file, reason: expect.stringContaining('kn') }])
    expect(data.versions['osago-tariff'].map((v) => v.version)).not.toContain('hq-2026-06.1')
  })

  it('upgrades an OSAGO tariff and termination rules HQ installed under the previous build, and uses them', () => {
    const override = join(tmp, 'override')
    mkdirSync(join(override, 'tariffs'), { recursive: true })
    mkdirSync(join(override, 'rules'), { recursive: true })
    const tariff = readJson(join(bundled, 'tariffs', 'osago', '2025-12-09_7204-U.json'))
    delete tariff.data.ceiling
    delete tariff.data.ks.minTotalMonths
    writeJson(join(override, 'tariffs', 'hq-tariff.json'), {
      ...tariff,
      version: 'hq-2026-06.1',
      effectiveFrom: '2026-06-01',
    })
    const rules = readJson(join(bundled, 'rules', 'termination.json'))
    for (const g of ['policyholder-liquidation', 'insurer-false-information']) delete rules.data.osago.grounds[g]
    for (const g of Object.values(rules.data.osago.grounds) as Array<Record<string, unknown>>) delete g.refund
    for (const k of ['limitationPeriod', 'postedApplication', 'cascoLoss', 'cascoRefusal']) delete rules.data[k]
    delete rules.data.coolingOff.laterDateOnRequest
    delete rules.data.latePayout.consequence
    delete rules.data.latePayout.statutoryInterest
    delete rules.data.cascoSale.terminationDate
    rules.data.supervisorApproval.refundThresholdKopecks.value = 7_000_000
    writeJson(join(override, 'rules', 'hq-rules.json'), { ...rules, version: '2023-01-30.7' })

    const data = loadReferenceData({ bundledDir: bundledCopy(), overrideDir: override })
    // Only the bundled rules give way, to HQ's later revision for the same start date.
    expect(data.skipped).toEqual([
      {
        file: join(bundledCopy(), 'rules', 'termination.json'),
        reason: expect.stringContaining('2023-01-30.7'),
        superseded: true,
      },
    ])
    const inForce = referenceInForce(data, 'osago-tariff', '2026-06-01')
    expect(inForce.version).toBe('hq-2026-06.1')
    expect(inForce.data.ceiling.standard.value).toBe(3)
    expect(inForce.data.ks.minTotalMonths.individual).toMatchObject({ value: 3, verified: false })
    const r = referenceInForce(data, 'termination-rules', '2026-06-01')
    expect(r.version).toBe('2023-01-30.7')
    expect(r.data.supervisorApproval.refundThresholdKopecks.value).toBe(7_000_000)
    expect(r.data.limitationPeriod).toMatchObject({ value: { years: 3 }, verified: false })
  })

  it('still stops on two bundled files for the same start date', () => {
    const vehicles = readJson(join(bundled, 'reference', 'vehicles.json'))
    writeJson(join(bundledCopy(), 'reference', 'vehicles-copy.json'), { ...vehicles, version: 'other' })
    expect(loadError({ bundledDir: bundledCopy() }).field).toBe('effectiveFrom')
  })

  it('refuses to pick a version on a date none covers', () => {
    const data = loadReferenceData({ bundledDir: bundled })
    expect(() => referenceInForce(data, 'production-calendar', '2024-12-31')).toThrow(ReferenceNotInForceError)
    expect(versionIdsInForce(data, '2024-12-31')['production-calendar']).toBeNull()
  })
})
