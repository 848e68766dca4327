import { spawnSync } from 'node:child_process'
import { readFileSync, statSync, utimesSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** scripts/calc.mjs runs the calculators from an esbuild bundle and rebuilds it when a source it holds changed. */
const root = resolve(import.meta.dirname, '..')
const bundle = join(root, '.cache', 'calc', 'calc.mjs')
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/calc.mjs', ...args], { cwd: root, encoding: 'utf8' })

describe('calc bundle', () => {
  it('is built from the calculators and records what it was built from', () => {
    expect(run('--build').status).toBe(0)
    const inputs = Object.keys(JSON.parse(readFileSync(join(root, '.cache', 'calc', 'inputs.json'), 'utf8')))
    expect(inputs).toEqual(
      expect.arrayContaining(['scripts/calc.ts', 'shared/osago/calculator.ts', 'scripts/calc/refund.ts']),
    )
  })

  it('is rebuilt when a source changed since, and reused otherwise', () => {
    expect(run('--build').status).toBe(0)
    const builtAt = statSync(bundle).mtimeMs
    // Reused: no source changed.
    expect(run().status).toBe(2) // usage
    expect(statSync(bundle).mtimeMs).toBe(builtAt)
    // A calculator edited (its time moves on): the next call rebuilds before it runs.
    const source = join(root, 'shared', 'osago', 'calculator.ts')
    const later = new Date(Date.now() + 2000)
    utimesSync(source, later, later)
    expect(run().status).toBe(2)
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(builtAt)
  })
})
