import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadReferenceData } from '../reference/loadReferenceData'
import { ReferenceDataError } from '../reference/readResource'
import { installReference, type ReferenceTarget } from './referenceUpdates'

const bundledDir = resolve(import.meta.dirname, '../../resources')
const purposes = JSON.parse(readFileSync(join(bundledDir, 'reference', 'purposes-of-use.json'), 'utf8'))
let tmp: string
let target: ReferenceTarget

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'branch-desk-install-'))
  const overrideDir = join(tmp, 'reference-updates')
  target = { bundledDir, overrideDir, reference: loadReferenceData({ bundledDir, overrideDir }) }
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

const hqFile = (version: string, effectiveFrom: string, extra: object = {}) =>
  JSON.stringify({ ...purposes, version, effectiveFrom, ...extra })

describe('installReference', () => {
  it('installs a valid file and the running core sees it at once', () => {
    expect(installReference(target, 'purposes-of-use', 'hq.1', hqFile('hq.1', '2026-07-01'))).toEqual({
      installed: true,
    })
    expect(target.reference.versions['purposes-of-use'].map((v) => v.version)).toContain('hq.1')
    expect(installReference(target, 'purposes-of-use', 'hq.1', hqFile('hq.1', '2026-07-01'))).toEqual({
      installed: false,
    })
  })

  it('refuses a file this build would skip, and writes nothing', () => {
    const bad = hqFile('hq.2', '2026-08-01', { data: { purposes: 'not a list' } })
    expect(() => installReference(target, 'purposes-of-use', 'hq.2', bad)).toThrow(ReferenceDataError)
    expect(target.reference.versions['purposes-of-use'].map((v) => v.version)).not.toContain('hq.2')
    const installed = join(target.overrideDir, 'reference', 'hq')
    expect(() => readdirSync(installed)).toThrow()
  })

  it('is not blocked by a file an older build installed that this build skips', () => {
    const stale = join(target.overrideDir, 'reference', 'hq')
    mkdirSync(stale, { recursive: true })
    writeFileSync(join(stale, 'purposes-of-use--old.json'), hqFile('old', '2026-05-01', { data: { purposes: 42 } }))
    expect(installReference(target, 'purposes-of-use', 'hq.3', hqFile('hq.3', '2026-09-01'))).toEqual({
      installed: true,
    })
    expect(target.reference.versions['purposes-of-use'].map((v) => v.version)).toContain('hq.3')
    expect(target.reference.skipped.map((s) => s.file)).toEqual([join(stale, 'purposes-of-use--old.json')])
  })
})
