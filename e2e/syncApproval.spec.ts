import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createCore, type Core } from '../core/app/createCore'
import { damage, readyInspection, submittedCase } from '../core/casco/testing/cascoCase'
import { useHqOnPostgres } from './harness/hqOnPostgres'
import { bindCore } from './harness/bindCore'
import {
  ADMIN,
  arrange,
  expect,
  isTrustedE2eUrl,
  passwordOf,
  RESOURCES_DIR,
  signIn,
  snap,
  switchUser,
  test,
} from './harness/fixtures'

/**
 * The CASCO case across two computers of a branch and HQ on a real PostgreSQL cluster: the inspector submits
 * the report at the counter computer while HQ is out of reach, it goes once HQ is back; the supervisor on the
 * office computer pulls the case, sees the photos come from HQ, and approves; the clerk at the counter gets the
 * decision and concludes the contract. Every change reaches HQ exactly once.
 */
test.use({ seeded: true })

test.describe.configure({ mode: 'serial' })

const hqServer = useHqOnPostgres('e2e_sync_approval')

async function syncNow(page: Page, expected: string) {
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('sync-now').click()
  // The result of this very run (the screen clears the last one when a run starts), then the state it left.
  await expect(page.getByTestId('sync-message')).toHaveText(
    expected === 'Нет связи с ЦО' ? 'Синхронизация не удалась' : 'Синхронизация выполнена',
  )
  await expect(page.getByTestId('sync-state')).toHaveText(expected)
}

test('inspector submits offline, supervisor on another computer approves with photos from HQ, clerk concludes', async ({
  page,
  core,
  browser,
}) => {
  test.setTimeout(150_000)
  const hq = () => hqServer.hq
  // The counter computer: the branch enrolled, a CASCO case priced and sent for approval by the clerk.
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'sync/enrol',
    {
      hqUrl: hq().url,
      code: await hq().enrolmentCode('MSK-01', { name: 'Филиал «Тверской»', city: 'Москва' }),
      deviceName: 'Касса',
    },
    'arrange-admin',
  )
  for (const login of ['clerk', 'inspector'])
    await arrange(core, 'session/sign-in', { login, password: passwordOf(login) }, `arrange-${login}`)
  const quote = await submittedCase(core, 'arrange-clerk')
  expect((await arrange(core, 'sync/sync-now', undefined, 'arrange-admin')).ok).toBe(true)

  // The office computer joins the branch.
  const dirB = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-office-'))
  const coreB: Core = await createCore({
    dataDir: dirB,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: isTrustedE2eUrl,
    appVersion: 'e2e',
  })
  const contextB = await browser.newContext()
  try {
    await arrange(coreB, 'sync/enrol-new-device', {
      hqUrl: hq().url,
      code: await hq().enrolmentCode('MSK-01'),
      deviceName: 'Кабинет руководителя',
    })

    // HQ out of reach: the inspector submits the finished report on screen; it waits with its photos.
    await hqServer.down()
    const inspection = await readyInspection(core, 'arrange-inspector', quote.id, [damage()])
    const photoCount = inspection.photos.length
    await signIn(page, 'inspector')
    await page.getByTestId('nav-inspections').click()
    await page.getByTestId('inspection-table').getByText(inspection.number).click()
    await page.getByTestId('submit').click()
    await expect(page.getByTestId('inspection-status')).toHaveText('Отправлен на согласование')
    await syncNow(page, 'Нет связи с ЦО')
    await expect(page.getByTestId('status-pending')).toContainText('Не отправлено')
    await expect(page.getByTestId('sync-pending-files')).toContainText(String(photoCount))
    await snap(page, '45-sync-inspection-waiting-offline')

    // HQ is back: the report and its photos go.
    await hqServer.up()
    await syncNow(page, 'ЦО на связи')
    await expect(page.getByTestId('status-pending')).toHaveCount(0)
    await expect(page.getByTestId('sync-pending-files')).toContainText('0')

    // The supervisor on the office computer pulls the case; the photos come from HQ as the case opens.
    const pageB = await contextB.newPage()
    await bindCore(pageB, coreB, 'page-office')
    await signIn(pageB, 'supervisor')
    await syncNow(pageB, 'ЦО на связи')
    expect(
      await coreB.db('inspection_photo').where({ inspection_id: inspection.id }).count({ n: '*' }).first(),
    ).toMatchObject({ n: photoCount })
    await pageB.getByTestId('nav-approvals').click()
    await pageB.getByTestId('approval-table').getByText('Смирнов Алексей Игоревич').click()
    await expect(pageB.getByTestId('approval-case')).toBeVisible()
    await expect(pageB.getByTestId('case-damages')).toContainText('Дверь передняя левая')
    const photos = pageB.getByTestId('case-photos')
    await photos.scrollIntoViewIfNeeded()
    await expect(photos.getByRole('button')).toHaveCount(photoCount - 2) // the two signatures are shown apart
    await expect(photos.locator('img')).toHaveCount(photoCount - 2, { timeout: 60_000 })
    await expect(pageB.getByTestId('photos-fetching')).toHaveCount(0)
    await expect(pageB.getByTestId('photos-missing')).toHaveCount(0)
    await expect(photos.getByTestId('photo-unavailable')).toHaveCount(0)
    expect(
      (await arrange(coreB, 'photos/get-availability', { inspectionId: inspection.id }, 'page-office')).onDevice,
    ).toBeGreaterThanOrEqual(photoCount - 2)
    await snap(pageB, '46-sync-approval-photos-from-hq')
    await pageB.getByTestId('decision-approved-radio').locator('input').check()
    await pageB.getByTestId('decision-submit').click()
    await expect(pageB.getByTestId('case-status')).toHaveText('Согласован')
    await syncNow(pageB, 'ЦО на связи')
    await expect(pageB.getByTestId('sync-issues-empty')).toBeVisible()

    // Back at the counter: the clerk gets the decision and concludes the contract.
    await switchUser(page, 'clerk')
    await syncNow(page, 'ЦО на связи')
    await page.getByTestId('nav-casco').click()
    await page.getByTestId('casco-table').getByText('Смирнов Алексей Игоревич').click()
    await expect(page.getByTestId('casco-status')).toHaveText('Согласован')
    await page.getByTestId('casco-issue').click()
    const dialog = page.getByTestId('casco-issue-dialog')
    await dialog.getByLabel('Номер чека').fill('ФД 901')
    await dialog.getByTestId('casco-issue-submit').click()
    await expect(page.getByTestId('casco-status')).toHaveText('Договор заключён')
    await snap(page, '47-sync-contract-after-remote-approval')
    await syncNow(page, 'ЦО на связи')
    await expect(page.getByTestId('status-pending')).toHaveCount(0)

    // Exactly once: every change of both computers is at HQ, once; the decision came from the office computer.
    for (const c of [core, coreB]) {
      const ids = ((await c.db('outbox').select('change_id')) as Array<{ change_id: string }>).map((r) => r.change_id)
      expect(ids.length).toBeGreaterThan(0)
      expect(await hq().db('hq_change').whereIn('change_id', ids).count({ n: '*' }).first()).toMatchObject({
        n: String(ids.length),
      })
      expect(await c.db('outbox').whereNull('sent_at').count({ n: '*' }).first()).toMatchObject({ n: 0 })
    }
    const decision = (await hq().db('hq_change').where({ entity: 'approval_decision' }).first()) as {
      status: string
      device_id: string
    }
    expect(decision.status).toBe('accepted')
    expect(decision.device_id).toBe((await arrange(coreB, 'sync/get-status', undefined, 'page-office')).deviceId)
  } finally {
    await contextB.close()
    await coreB.close()
    rmSync(dirB, { recursive: true, force: true })
  }
})
