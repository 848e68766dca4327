import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../core/app/createCore'
import { useHqOnPostgres } from './harness/hqOnPostgres'
import { E2E_BASE_URL } from '../playwright.config'
import { bindCore } from './harness/bindCore'
import { ADMIN, arrange, expect, RESOURCES_DIR, signIn, snap, test } from './harness/fixtures'

/**
 * Two branch computers (two cores on separate data folders, two Chromium pages) and HQ on a real PostgreSQL
 * cluster started for this file: the admin enrols the first computer from the sync screen, the second joins
 * the branch from its first-run screen and signs the clerk in with the password set on the first; changes wait
 * while HQ is down and go when it is back; a change that lost to the other computer is shown with what won.
 */
test.use({ seeded: true })

test.describe.configure({ mode: 'serial' })

const hqServer = useHqOnPostgres('e2e_sync')

test('two computers of a branch sync through HQ: enrol, join, offline queue, conflict shown with what won', async ({
  page,
  core,
  browser,
}) => {
  test.setTimeout(120_000)
  await signIn(page, 'admin')
  await expect(page.getByTestId('status-hq')).toHaveText(/Связь с ЦО не настроена/)
  await page.getByTestId('nav-sync').click()
  await expect(page.getByTestId('sync-enrol')).toBeVisible()
  await page.getByLabel('Адрес ЦО').fill(hqServer.hq.url)
  await page.getByLabel('Код подключения').fill('not-a-code')
  await page.getByLabel('Имя компьютера').fill('Касса 1')
  await page.getByTestId('sync-enrol-submit').click()
  await expect(page.getByText('Код из 16 знаков: XXXX-XXXX-XXXX-XXXX')).toBeVisible()
  await snap(page, '40-sync-enrol')
  await page
    .getByLabel('Код подключения')
    .fill((await hqServer.hq.enrolmentCode('MSK-01', { name: 'Филиал «Тверской»', city: 'Москва' })).toLowerCase())
  await page.getByTestId('sync-enrol-submit').click()
  await expect(page.getByTestId('sync-message')).toHaveText('Синхронизация выполнена')
  await expect(page.getByTestId('sync-state')).toHaveText('ЦО на связи')
  await expect(page.getByTestId('sync-pending')).toHaveText('0')
  await expect(page.getByTestId('status-hq')).toHaveAttribute('data-state', 'idle')
  await expect(page.getByTestId('status-last-sync')).not.toContainText('ещё не было')
  await expect(page.getByTestId('sync-issues-empty')).toBeVisible()
  await snap(page, '41-sync-enrolled')

  // The second computer joins the branch from its first-run screen.
  const dirB = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-b-'))
  const coreB: Core = await createCore({
    dataDir: dirB,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: (url) => url.startsWith(`${E2E_BASE_URL}/`),
    appVersion: 'e2e',
  })
  const contextB = await browser.newContext()
  try {
    const pageB = await contextB.newPage()
    await bindCore(pageB, coreB, 'page-b')
    await pageB.goto('/')
    await expect(pageB.getByTestId('join-branch')).toBeVisible()
    await pageB.locator('input[name="join-hq-url"]').fill(hqServer.hq.url)
    await pageB.locator('input[name="join-code"]').fill(await hqServer.hq.enrolmentCode('MSK-01'))
    await pageB.locator('input[name="join-device-name"]').fill('Касса 2')
    await snap(pageB, '42-sync-join-branch')
    await pageB.getByTestId('join-submit').click()
    await expect(pageB).toHaveURL(/#\/sign-in/)
    await signIn(pageB, 'clerk') // the password the clerk set on the first computer
    await expect(pageB.getByTestId('home')).toBeVisible()
    await expect(pageB.getByTestId('status-branch')).toContainText('MSK-01')
    await expect(pageB.getByTestId('status-hq')).toHaveAttribute('data-state', 'idle')

    // HQ goes down: a new staff member waits on the first computer, and the status bar says so.
    await hqServer.down()
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
    await arrange(
      core,
      'staff/create-staff',
      { login: 'smirnova', fullName: 'Смирнова Ольга Игоревна', role: 'clerk', password: 'Temp12345' },
      'arrange-admin',
    )
    await page.getByTestId('sync-now').click()
    await expect(page.getByTestId('sync-state')).toHaveText('Нет связи с ЦО')
    await expect(page.getByTestId('status-pending')).toHaveText('Не отправлено: 1')
    await expect(page.getByTestId('sync-last-error')).toContainText('Центральный офис недоступен')
    await snap(page, '43-sync-offline', page.getByTestId('sync-last-error'))
    await hqServer.up()
    await page.getByTestId('sync-now').click()
    await expect(page.getByTestId('sync-state')).toHaveText('ЦО на связи')
    await expect(page.getByTestId('status-pending')).toHaveCount(0)

    // Both computers rename the same person; the first to reach HQ wins, the other shows its change with what won.
    const people = await arrange(core, 'staff/list-staff', undefined, 'arrange-admin')
    const clerk = people.find((p) => p.login === 'clerk')!
    await arrange(coreB, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-b')
    await arrange(coreB, 'sync/sync-now', undefined, 'arrange-b')
    await arrange(
      core,
      'staff/update-staff',
      { id: clerk.id, rowVersion: clerk.rowVersion, fullName: 'Петров Павел Олегович (касса 1)' },
      'arrange-admin',
    )
    await arrange(
      coreB,
      'staff/update-staff',
      { id: clerk.id, rowVersion: clerk.rowVersion, fullName: 'Петров Павел Олегович (касса 2)' },
      'arrange-b',
    )
    await arrange(core, 'sync/sync-now', undefined, 'arrange-admin')
    await pageB.getByTestId('nav-sync').click()
    await pageB.getByTestId('sync-now').click()
    await expect(pageB.getByTestId('sync-message')).toHaveText('Синхронизация выполнена')
    const issue = pageB.getByTestId('sync-issue-staff')
    await expect(issue).toContainText('Конфликт')
    await expect(issue).toContainText('Запись уже изменена на другом устройстве или в ЦО')
    await expect(pageB.getByTestId('status-issues')).toHaveText('Требуют внимания: 1')
    await issue.click()
    await expect(issue).toContainText('Петров Павел Олегович (касса 2)')
    await expect(issue).toContainText('Петров Павел Олегович (касса 1)')
    await snap(pageB, '44-sync-conflict', issue)
    await issue.getByRole('button', { name: 'Ознакомлен' }).click()
    await expect(pageB.getByTestId('status-issues')).toHaveCount(0)
    await expect(issue).toContainText('Просмотрено')
    // The first computer's name stands on both.
    expect((await coreB.db('staff').where({ id: clerk.id }).first()).full_name).toBe('Петров Павел Олегович (касса 1)')
  } finally {
    await contextB.close()
    await coreB.close()
    rmSync(dirB, { recursive: true, force: true })
  }
})
