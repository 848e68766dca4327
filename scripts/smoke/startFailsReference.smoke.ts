/**
 * A start with a broken bundled reference file (a damaged installation): a Russian error dialog naming the file
 * and saying what to do, and the cause in the log.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { after, it } from 'node:test'
import { standIn } from './electronStandIn'
import { loadMain, logEntries, prepare, shutDown, type SmokeLayout } from './harness'

let layout: SmokeLayout
after(async () => shutDown(layout))

it('shows a Russian error dialog naming the reference file, exits with 1 and logs the cause', async () => {
  let broken = ''
  layout = prepare({
    arrange: (l) => {
      broken = join(l.resourcesPath, 'resources', 'reference', 'regions.json')
      writeFileSync(broken, '{ "kind": "regions", "version": ')
    },
  })
  await loadMain()
  standIn.becomeReady()
  const box = await standIn.waitFor(() => standIn.state.errorBoxes[0], 'an error dialog')
  assert.equal(box.title, 'Branch Desk не запускается')
  assert.match(box.content, /Повреждены справочные данные программы/)
  assert.ok(box.content.includes(broken), 'names the file')
  assert.match(box.content, /Что делать: переустановите Branch Desk/)
  assert.ok(box.content.includes(layout.logs), 'says where the log is')
  await standIn.waitFor(() => standIn.state.exitCode !== null, 'app.exit')
  assert.equal(standIn.state.exitCode, 1)
  assert.equal(standIn.mainWindows().length, 0)
  const failure = logEntries(layout.logs).find((e) => e.msg === 'Branch Desk failed to start')
  assert.ok(failure, 'the failure is logged')
  assert.match(JSON.stringify(failure.err), /regions\.json/)
})
