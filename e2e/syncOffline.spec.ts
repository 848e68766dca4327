import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADMIN, arrange, expect, signIn, snap, test } from './harness/fixtures'
import { useHqOnPostgres } from './harness/hqOnPostgres'

/**
 * A branch without a connection for weeks: the admin saves the changes to a signed file (in the system's save
 * dialog), HQ imports it with `npm run hq -- import` and writes a signed answer, the admin opens the answer (in
 * the system's open dialog) and the changes are settled. A tampered answer is refused and changes nothing.
 */
test.use({ seeded: true })

test.describe.configure({ mode: 'serial' })

const hqServer = useHqOnPostgres('e2e_sync_offline')

test('offline transfer: changes to a file, HQ imports it, its answer settles the branch; a tampered answer is refused', async ({
  page,
  core,
  dialogs,
}) => {
  test.setTimeout(120_000)
  const stick = mkdtempSync(join(tmpdir(), 'branch-desk-usb-'))
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'sync/enrol',
    {
      hqUrl: hqServer.hq.url,
      code: await hqServer.hq.enrolmentCode('MSK-01', { name: 'Филиал «Тверской»', city: 'Москва' }),
      deviceName: 'Касса',
    },
    'arrange-admin',
  )
  await arrange(core, 'sync/sync-now', undefined, 'arrange-admin')

  // HQ is out of reach; work goes on and waits.
  await hqServer.down()
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
    'arrange-admin',
  )
  await signIn(page, 'admin')
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('sync-now').click()
  await expect(page.getByTestId('sync-state')).toHaveText('Нет связи с ЦО')
  const pending = Number(await page.getByTestId('sync-pending').textContent())
  expect(pending).toBeGreaterThan(0)

  // Saved to the stick in the save dialog (the first attempt is cancelled: nothing happens).
  const bundle = join(stick, 'to-hq.bdbundle')
  dialogs.answer(null, bundle)
  await page.getByTestId('sync-export').click()
  await expect(page.getByTestId('sync-offline-error')).toHaveCount(0)
  await page.getByTestId('sync-export').click()
  await expect(page.getByTestId('sync-message')).toContainText(`Файл сохранён: ${bundle}`)
  await expect(page.getByTestId('sync-message')).toContainText(`изменений: ${pending}`)
  expect(dialogs.asked.map((a) => a.dialog)).toEqual(['save', 'save'])
  await snap(page, '50-sync-offline-exported', page.getByTestId('sync-message'))

  // At HQ: the admin command imports the file and writes the answer.
  const answer = join(stick, 'from-hq.bdbundle')
  const out = execFileSync('npx', ['tsx', 'hq/main.ts', 'import', bundle, '--answer', answer], {
    env: { ...process.env, DATABASE_URL: hqServer.databaseUrl, BLOB_DIR: hqServer.hq.blobDir },
    encoding: 'utf8',
  })
  expect(out).toContain(`${pending} changes (${pending} accepted`)

  // A tampered answer is refused at the device; nothing is settled.
  const tampered = join(stick, 'tampered.bdbundle')
  const envelope = JSON.parse(readFileSync(answer, 'utf8')) as { hmac: string }
  writeFileSync(
    tampered,
    JSON.stringify({ ...envelope, hmac: envelope.hmac.replace(/^./, (c) => (c === '0' ? '1' : '0')) }),
  )
  dialogs.answer(tampered)
  await page.getByTestId('sync-import').click()
  await expect(page.getByTestId('sync-offline-error')).toContainText('Подпись файла не сходится')
  await expect(page.getByTestId('sync-pending')).toHaveText(String(pending))
  await snap(page, '51-sync-offline-tampered', page.getByTestId('sync-offline-error'))

  dialogs.answer(answer)
  await page.getByTestId('sync-import').click()
  await expect(page.getByTestId('sync-message')).toContainText(`Ответ ЦО загружен: принято ${pending}, отклонено 0`)
  await expect(page.getByTestId('sync-pending')).toHaveText('0')
  await expect(page.getByTestId('sync-offline-error')).toHaveCount(0)
  await snap(page, '52-sync-offline-settled')
})
