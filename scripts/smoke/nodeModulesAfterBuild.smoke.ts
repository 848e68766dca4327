/**
 * Runs right after `electron-vite build` (npm test, npm run test:smoke): the build must leave node_modules'
 * better-sqlite3 on Node's ABI — the unit tests, the calculators and HQ load it; the app loads its own
 * Electron build from native/electron (scripts/nativeBinding.ts).
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { it } from 'node:test'
import { NODE_SQLITE_BINDING, ROOT } from './harness'

it("node_modules' better-sqlite3 is still built for this Node and loads", () => {
  const abis = [
    ...new Set(
      readFileSync(NODE_SQLITE_BINDING)
        .toString('latin1')
        .match(/node_register_module_v\d+/gu) ?? [],
    ),
  ]
  assert.deepEqual(abis, [`node_register_module_v${process.versions.modules}`])
  const out = execFileSync(
    process.execPath,
    ['-e', "console.log(new (require('better-sqlite3'))(':memory:').prepare('select sqlite_version() as v').get().v)"],
    { cwd: ROOT, encoding: 'utf8' },
  )
  assert.match(out.trim(), /^3\.\d+\.\d+$/)
})
