import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareVersions, isVersion, parseVersion } from './semver'

describe('semantic versions', () => {
  it('orders by the precedence rules of semver.org (the spec’s own example chain)', () => {
    const chain = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
      '10.0.0',
    ]
    for (let i = 0; i + 1 < chain.length; i++) {
      expect(compareVersions(chain[i]!, chain[i + 1]!), `${chain[i]} < ${chain[i + 1]}`).toBe(-1)
      expect(compareVersions(chain[i + 1]!, chain[i]!)).toBe(1)
    }
    expect(compareVersions('0.2.0+build.7', '0.2.0')).toBe(0)
    expect(compareVersions('99999999999999999999.0.0', '99999999999999999998.9.9')).toBe(1)
  })

  it('refuses what is not a version', () => {
    for (const bad of ['1.0', '01.0.0', '1.0.0-', '1.0.0-01', 'v1.0.0', '1.0.0 ', ''])
      expect(isVersion(bad), bad).toBe(false)
    expect(parseVersion('0.2.0-rc.1')).toEqual({ core: ['0', '2', '0'], pre: ['rc', '1'] })
    expect(() => compareVersions('1.0', '1.0.0')).toThrow(/not a semantic version: 1\.0/)
  })

  it('is a total order: antisymmetric and transitive on random versions', () => {
    const part = fc.oneof(fc.constant('0'), fc.integer({ min: 1, max: 30 }).map(String))
    const pre = fc.array(fc.oneof(part, fc.constantFrom('alpha', 'beta', 'rc', 'x-1')), { maxLength: 3 })
    const version = fc
      .tuple(part, part, part, pre)
      .map(([a, b, c, p]) => `${a}.${b}.${c}${p.length ? `-${p.join('.')}` : ''}`)
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0)
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0)
          expect(compareVersions(a, c)).toBeLessThanOrEqual(0)
      }),
    )
  })
})
