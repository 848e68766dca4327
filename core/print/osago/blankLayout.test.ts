import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ReferenceDataError } from '../../reference/readResource'
import { BLANK_FIELDS, blankLayoutOn, loadBlankLayouts } from './blankLayout'
import { RESOURCES_DIR } from '../testing/fixtures'

const bundled = JSON.parse(readFileSync(join(RESOURCES_DIR, 'layouts', 'osago-policy-blank.json'), 'utf8'))
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-layout-'))
  mkdirSync(join(dir, 'layouts'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function writeLayout(name: string, layout: unknown): void {
  writeFileSync(join(dir, 'layouts', name), JSON.stringify(layout))
}

describe('OSAGO blank layout', () => {
  it('the bundled file has every field, inside the sheet, for the 837-P form from 01.10.2024', () => {
    const [layout] = loadBlankLayouts({ bundledDir: RESOURCES_DIR })
    expect(Object.keys(layout!.data.fields).sort()).toEqual([...BLANK_FIELDS].sort())
    expect(layout!.data.periodRows).toHaveLength(3)
    expect(layout!.data.driverRows.length).toBeGreaterThanOrEqual(2)
    expect(blankLayoutOn([layout!], '2024-09-30')).toBeUndefined()
    expect(blankLayoutOn([layout!], '2026-11-21')?.version).toBe(layout!.version)
  })

  it('stops on a layout that misses a field or runs off the sheet, naming file and field', () => {
    const missing = structuredClone(bundled)
    delete missing.data.fields.vin
    writeLayout('a.json', missing)
    expect(() => loadBlankLayouts({ bundledDir: dir })).toThrow(ReferenceDataError)
    expect(() => loadBlankLayouts({ bundledDir: dir })).toThrow(/a\.json.*data\.fields\.vin/)

    const wide = structuredClone(bundled)
    wide.data.fields.premium.width = 200
    writeLayout('a.json', wide)
    expect(() => loadBlankLayouts({ bundledDir: dir })).toThrow(/data\.fields\.premium\.width.*right edge/)
  })

  it("takes HQ's corrected layout as a new version, effective from its own date", () => {
    writeLayout('a.json', bundled)
    const override = join(dir, 'hq')
    mkdirSync(join(override, 'layouts'), { recursive: true })
    const corrected = { ...structuredClone(bundled), version: '837-P-2024.2', effectiveFrom: '2026-12-01' }
    corrected.data.fields.vin.x = 55
    writeFileSync(join(override, 'layouts', 'b.json'), JSON.stringify(corrected))
    const layouts = loadBlankLayouts({ bundledDir: dir, overrideDir: override })
    expect(blankLayoutOn(layouts, '2026-11-30')?.data.fields.vin.x).toBe(bundled.data.fields.vin.x)
    expect(blankLayoutOn(layouts, '2026-12-01')?.data.fields.vin.x).toBe(55)
  })

  it('refuses two different layouts under one version, and a folder without any', () => {
    writeLayout('a.json', bundled)
    writeLayout('b.json', { ...structuredClone(bundled), note: 'changed' })
    expect(() => loadBlankLayouts({ bundledDir: dir })).toThrow(/clashes/)
    rmSync(join(dir, 'layouts'), { recursive: true })
    mkdirSync(join(dir, 'layouts'))
    expect(() => loadBlankLayouts({ bundledDir: dir })).toThrow(/no file of kind/)
  })
})
