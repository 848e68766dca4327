/**
 * A start whose data folder cannot be made (here: its parent is a regular file — CI runs as root, so a
 * read-only folder would not stop it): a Russian error dialog that says what to do, and the cause in the log.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { after, it } from 'node:test'
import { standIn } from './electronStandIn'
import { loadMain, logEntries, prepare, shutDown, type SmokeLayout } from './harness'

let layout: SmokeLayout
after(async () => shutDown(layout))

it('shows a Russian error dialog, exits with 1 and logs the cause (in temp, as the logs folder is in the data folder)', async () => {
  layout = prepare({
    arrange: (l) => {
      const blocker = join(l.root, 'not-a-folder')
      writeFileSync(blocker, 'a file where a folder should be')
      l.userData = join(blocker, 'Branch Desk')
      l.logs = join(l.userData, 'logs')
    },
  })
  await loadMain()
  standIn.becomeReady()
  const box = await standIn.waitFor(() => standIn.state.errorBoxes[0], 'an error dialog')
  assert.equal(box.title, 'Branch Desk не запускается')
  assert.match(box.content, /не может открыть папку с данными филиала/)
  assert.ok(box.content.includes(layout.userData), 'names the folder')
  assert.match(box.content, /Что делать:/)
  await standIn.waitFor(() => standIn.state.exitCode !== null, 'app.exit')
  assert.equal(standIn.state.exitCode, 1)
  assert.equal(standIn.mainWindows().length, 0)
  const fallbackLogs = join(layout.temp, 'branch-desk-logs')
  assert.ok(box.content.includes(fallbackLogs), 'the dialog says where the log is')
  const failure = logEntries(fallbackLogs).find((e) => e.msg === 'Branch Desk failed to start')
  assert.ok(failure, 'the failure is logged')
  assert.equal((failure.err as { code?: string }).code, 'ENOTDIR')
})
