import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../core/app/createCore'
import { ScriptedFileDialogs } from '../core/files/fileDialogs'
import { RecordingUpdater } from '../core/update/recordingUpdater'
import {
  ADMIN,
  arrange,
  BRANCH,
  expect,
  isTrustedE2eUrl,
  RESOURCES_DIR,
  seedBranch,
  signIn,
  snap,
  test as base,
} from './harness/fixtures'

/**
 * Backups on the settings screen, the update banner over the counter, and the first-run restore on a replacement
 * computer. electron-updater is stood in by a recording Updater (core/update/recordingUpdater.ts) whose events the
 * test emits, as electron-updater would while downloading from HQ.
 */
const test = base.extend<{ updater: RecordingUpdater }>({
  updater: async ({}, use) => {
    await use(new RecordingUpdater('0.1.0'))
  },
  core: async ({ printer, dialogs, updater }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-'))
    const core = await createCore({
      dataDir: dir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: isTrustedE2eUrl,
      appVersion: '0.1.0',
      print: printer,
      files: dialogs,
      update: { updater },
    })
    await use(core)
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  },
})

test('the admin chooses a backup folder and backs up now; the update banner waits for unsaved forms, then installs', async ({
  page,
  core,
  dialogs,
  updater,
}) => {
  const usb = mkdtempSync(join(tmpdir(), 'branch-desk-usb-'))
  await seedBranch(core)
  await signIn(page, 'admin')
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('backup-folder')).toHaveText('Папка не выбрана — копии не создаются')
  await expect(page.getByTestId('backup-run-now')).toBeDisabled()
  dialogs.answer(usb)
  await page.getByTestId('backup-choose-folder').click()
  await expect(page.getByTestId('backup-folder')).toHaveText(usb)
  await page.getByTestId('backup-run-now').click()
  await expect(page.getByTestId('backup-notice')).toContainText('Копия создана')
  await expect(page.getByTestId('backup-last')).toContainText('фотографий 0')
  await expect(page.getByTestId('update-settings')).toContainText('Установлена версия 0.1.0')
  await snap(page, 'backup-01-settings')

  // The update has been downloaded in the background; another window of this computer has an unsaved draft.
  updater.emit({ type: 'downloaded', version: '0.2.0' })
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'window-2')
  await arrange(core, 'update/report-unsaved-forms', { forms: [{ kind: 'osago-draft' }] }, 'window-2')
  await page.reload()
  await expect(page.getByTestId('update-banner')).toContainText('Доступно обновление 0.2.0')
  await page.getByTestId('update-install').click()
  await expect(page.getByTestId('update-refusal')).toContainText('заявление ОСАГО')
  expect(updater.installs).toBe(0)
  await snap(page, 'backup-02-update-refused', page.getByTestId('update-refusal'))

  await arrange(core, 'update/report-unsaved-forms', { forms: [] }, 'window-2')
  await page.getByTestId('update-install').click()
  await expect(page.getByTestId('update-banner')).toContainText('Программа закрывается для установки обновления 0.2.0')
  expect(updater.installs).toBe(1)
  rmSync(usb, { recursive: true, force: true })
})

test('first run on a replacement computer: «Восстановить из резервной копии» checks the backup and restarts', async ({
  page,
  dialogs,
  updater,
}) => {
  // The old computer's backup on a stick.
  const oldDir = mkdtempSync(join(tmpdir(), 'branch-desk-old-'))
  const usb = mkdtempSync(join(tmpdir(), 'branch-desk-usb-'))
  mkdirSync(usb, { recursive: true })
  const oldDialogs = new ScriptedFileDialogs()
  const old = await createCore({
    dataDir: oldDir,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: isTrustedE2eUrl,
    appVersion: '0.1.0',
    files: oldDialogs,
  })
  await arrange(old, 'setup/create-branch', { branch: BRANCH, admin: ADMIN })
  await arrange(old, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password })
  oldDialogs.answer(usb)
  await arrange(old, 'backup/choose-folder', undefined)
  await arrange(old, 'backup/run-now', undefined)
  await old.close()

  await page.goto('/')
  await expect(page.getByTestId('restore-backup')).toBeVisible()
  dialogs.answer(usb)
  await page.getByTestId('restore-choose').click()
  await expect(page.getByTestId('restore-pick')).toContainText('филиал MSK-01')
  await page.getByTestId('restore-confirm').click()
  await expect(page.getByTestId('restore-done')).toContainText('проверена и подготовлена')
  await page.getByTestId('restore-backup').scrollIntoViewIfNeeded()
  await snap(page, 'backup-03-restore-first-run')
  await page.getByTestId('restore-relaunch').click()
  await expect.poll(() => updater.relaunches).toBe(1)
  rmSync(oldDir, { recursive: true, force: true })
  rmSync(usb, { recursive: true, force: true })
})
