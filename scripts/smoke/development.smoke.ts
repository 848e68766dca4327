/**
 * `npm start` (not packaged): its own user-data folder beside the installed app's, DevTools allowed, the menu
 * left alone, and the Electron build of better-sqlite3 taken from native/electron/ when it is there.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { after, it } from 'node:test'
import { standIn } from './electronStandIn'
import {
  loadedNativeModules,
  loadMain,
  logEntries,
  prepare,
  shutDown,
  waitForMainWindow,
  type SmokeLayout,
} from './harness'

let layout: SmokeLayout
after(async () => shutDown(layout))

it('uses a separate user-data folder and keeps developer tools', async () => {
  layout = prepare({ packaged: false })
  const installed = layout.userData
  await loadMain()
  const setPath = standIn.calls('app.setPath').find((c) => c.args[0] === 'userData')
  assert.ok(setPath?.beforeReady, 'userData is moved before ready')
  assert.equal(setPath.args[1], `${installed}-dev`)
  standIn.becomeReady()
  const win = await waitForMainWindow()
  assert.equal((win.options.webPreferences as { devTools: boolean }).devTools, true)
  assert.equal(standIn.calls('Menu.setApplicationMenu').length, 0)
  assert.ok(
    existsSync(join(`${installed}-dev`, 'branch-desk.sqlite')),
    'the development database is in the -dev folder',
  )
  assert.ok(!existsSync(join(installed, 'branch-desk.sqlite')), "the installed app's folder is untouched")
  // The project's native/electron/ build (what `npm run native:electron` makes) is the one loaded.
  const starting = logEntries(join(`${installed}-dev`, 'logs')).find((e) => e.msg === 'starting')
  assert.equal(starting?.sqliteBinding, layout.binding)
  assert.ok(loadedNativeModules().includes(layout.binding))
})
