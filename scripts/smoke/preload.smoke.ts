/**
 * The built preload as Electron's sandbox loads it: one CommonJS script with `require` limited to a few modules
 * (for us: 'electron' only), small, exposing `invoke` for the contract's channels and nothing else.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, it } from 'node:test'
import vm from 'node:vm'
import { CHANNELS } from '../../shared/contract'
import { startupArgument, type StartupState } from '../../shared/app/startupState'
import { assertBuilt, OUT_PRELOAD } from './harness'

const PRELOAD_BUDGET_BYTES = 60 * 1024

function runPreload(argv: string[] = ['/path/to/electron', '--type=renderer']) {
  const required: string[] = []
  const exposed = new Map<string, { invoke(channel: string, input: unknown): Promise<unknown> } & object>()
  const invoked: Array<{ channel: string; input: unknown }> = []
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: never) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        invoked.push({ channel, input })
        return Promise.resolve({ ok: true, value: null })
      },
    },
  }
  const module = { exports: {} }
  const sandboxRequire = (name: string) => {
    required.push(name)
    if (name === 'electron') return electron
    throw new Error(`a sandboxed preload cannot require '${name}'`)
  }
  // vm.Script compiles classic scripts only: an ES module (import/export) would not even compile here.
  const script = new vm.Script(`(function (require, module, exports) {${readFileSync(OUT_PRELOAD, 'utf8')}\n})`, {
    filename: OUT_PRELOAD,
  })
  // `process` as a sandboxed preload has it: argv holds the page process's arguments (additionalArguments among them).
  script.runInNewContext({ Set, Promise, Error, String, Object, JSON, process: { argv } })(
    sandboxRequire,
    module,
    module.exports,
  )
  return { required, exposed, invoked }
}

describe('the built preload', () => {
  it('is one CommonJS file under 60 KB', () => {
    assertBuilt()
    const files = readdirSync(dirname(OUT_PRELOAD)).filter((f) => !f.endsWith('.map'))
    assert.deepEqual(files, ['index.cjs'])
    const size = statSync(OUT_PRELOAD).size
    assert.ok(size < PRELOAD_BUDGET_BYTES, `preload is ${size} bytes`)
    console.log(`preload: ${size} bytes`)
  })

  it("requires only electron and exposes window.branchDesk.invoke for the contract's channels only", async () => {
    const { required, exposed, invoked } = runPreload()
    assert.deepEqual([...new Set(required)], ['electron'])
    assert.deepEqual([...exposed.keys()], ['branchDesk'])
    const api = exposed.get('branchDesk')!
    assert.deepEqual(Object.keys(api), ['invoke'])
    for (const channel of CHANNELS) await api.invoke(channel, { probe: channel })
    assert.deepEqual(
      invoked.map((c) => c.channel),
      CHANNELS,
    )
    await assert.rejects(api.invoke('fs/read-file', {}), /Unknown channel/)
    await assert.rejects(api.invoke('__proto__', {}), /Unknown channel/)
    assert.equal(invoked.length, CHANNELS.length)
  })

  it("exposes the shell's startup state from its process argument as data, and nothing without one", () => {
    const state: StartupState = {
      status: {
        firstRun: false,
        branch: { id: 'b1', code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' },
        hq: { state: 'not-configured' },
        appVersion: '1.0.0',
        referenceVersions: {},
        timeZone: 'Europe/Moscow',
        now: '2026-12-05T21:00:00.000Z',
      },
      session: { status: 'signed-out' },
    }
    const { exposed } = runPreload(['/path/to/electron', '--type=renderer', startupArgument(state), '--lang=ru'])
    assert.deepEqual([...exposed.keys()], ['branchDesk', 'branchDeskStartupState'])
    assert.deepEqual(exposed.get('branchDeskStartupState'), state)
    assert.deepEqual(
      [...runPreload(['--type=renderer', '--branch-desk-startup={broken']).exposed.keys()],
      ['branchDesk'],
    )
  })
})
