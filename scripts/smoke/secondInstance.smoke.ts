/** A second copy of the app started while one runs: it hands over (second-instance) and quits, opening nothing. */
import assert from 'node:assert/strict'
import { after, it } from 'node:test'
import { standIn } from './electronStandIn'
import { loadMain, prepare, shutDown, type SmokeLayout } from './harness'

let layout: SmokeLayout
after(async () => shutDown(layout))

it('quits without a window, a database or a core when the single-instance lock is taken', async () => {
  layout = prepare({ singleInstanceLock: false })
  await loadMain()
  assert.equal(standIn.calls('app.requestSingleInstanceLock').length, 1)
  assert.equal(standIn.calls('app.quit').length, 1)
  standIn.becomeReady()
  await new Promise((r) => setTimeout(r, 300))
  assert.equal(standIn.mainWindows().length, 0)
  assert.equal(standIn.state.ipcHandlers.size, 0)
  assert.equal(standIn.calls('utilityProcess.fork').length, 0)
  assert.equal(standIn.state.errorBoxes.length, 0)
})
