import { setPrintBeforeRegistration } from '../hq/admin'
import { registerPending } from '../hq/registrationWorker'
import { SimulatedNationalRegister } from '../hq/national/simulatedNationalRegister'
import { todayIn } from '../shared/dates/calendarDate'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import { issuedOsagoPolicy } from './harness/arrangeOsago'
import { useHqOnPostgres } from './harness/hqOnPostgres'
import { ADMIN, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'

/**
 * HQ's setting "print a policy before national registration" at work: with it off, an OSAGO policy issued at the
 * counter waits for the register (HQ's simulator of the national database) before it goes on its paper blank;
 * the clerk sees why, syncs, and prints once the registration has come back.
 */
test.use({ seeded: true })

test.describe.configure({ mode: 'serial' })

const hqServer = useHqOnPostgres('e2e_sync_registration')

test('with printing before registration off, the blank waits for the register and prints after the sync', async ({
  page,
  core,
  printer,
}) => {
  test.setTimeout(90_000)
  const { hq } = hqServer
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
    'arrange-admin',
  )
  const code = await hq.enrolmentCode('MSK-01', { name: 'Филиал «Тверской»', city: 'Москва' })
  await setPrintBeforeRegistration(hq.db, 'MSK-01', false)
  await arrange(core, 'sync/enrol', { hqUrl: hq.url, code, deviceName: 'Касса' }, 'arrange-admin')
  await arrange(core, 'sync/sync-now', undefined, 'arrange-admin')

  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  const policy = await issuedOsagoPolicy(core, 'arrange-clerk', 'ФД 321')

  // Issued, not yet registered: the blank's print is held, with the reason; its preview and the archive copy are not.
  await signIn(page, 'clerk')
  await page.goto(`/#/osago/${policy.id}`)
  await expect(page.getByTestId('policy-status')).toHaveText('Оформлен')
  await expect(page.getByTestId('osago-registration')).toContainText('ожидается')
  // Issued with the classes typed at the counter: re-checked with the national database at the next sync.
  await expect(page.getByTestId('kbm-recheck-pending')).toBeVisible()
  await page.getByTestId('print-open-osago-policy-blank').click()
  const dialog = page.getByTestId('print-dialog-osago-policy-blank')
  await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
  await expect(dialog.getByTestId('print-print')).toBeDisabled()
  await expect(dialog.getByTestId('print-disabled-reason')).toBeVisible()
  await snap(page, '48-osago-blank-awaiting-registration')
  // The core refuses it too, whatever the screen shows.
  const refused = await page.evaluate(
    async (id) => window.branchDesk.invoke('print/print-document', { kind: 'osago-policy-blank', id }),
    policy.id,
  )
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(printer.jobs).toHaveLength(0)
  await page.keyboard.press('Escape')

  // The policy goes to HQ, HQ registers it with the national database (simulator), the answer comes back.
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('sync-now').click()
  await expect(page.getByTestId('sync-message')).toHaveText('Синхронизация выполнена')
  expect(await registerPending(hq.db, new SimulatedNationalRegister(), new Date())).toBe(1)
  await page.getByTestId('sync-now').click()
  await expect(page.getByTestId('sync-message')).toHaveText('Синхронизация выполнена')
  expect(await core.db('osago_registration').where({ policy_id: policy.id, status: 'registered' })).toHaveLength(1)

  await page.goto(`/#/osago/${policy.id}`)
  await expect(page.getByTestId('osago-registration')).toContainText('Зарегистрирован')
  // The sync re-checked the typed classes (the simulator knows neither driver: class 3, as typed).
  await expect(page.getByTestId('kbm-recheck-same')).toBeVisible()
  await page.getByTestId('print-open-osago-policy-blank').click()
  await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
  await expect(dialog.getByTestId('print-print')).toBeEnabled()
  await dialog.getByTestId('print-print').click()
  await expect(dialog.getByTestId('print-result')).toHaveText('Документ отправлен на принтер')
  expect(printer.jobs).toHaveLength(1)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('policy-status')).toHaveText('Напечатан')
  await snap(page, '49-osago-registered-and-printed')

  // «Проверить КБМ» on a new application: the simulator's test driver (licence 77 01 000010) has class 10; the
  // second driver is unknown to it (class 3). Each line names the register's request.
  const draft = completeDraft(todayIn('Europe/Moscow'))
  if (draft.drivers.mode === 'list') draft.drivers.list[0]!.licence = { series: '7701', number: '000010' }
  const created = await arrange(core, 'osago/create-draft', undefined, 'arrange-clerk')
  await arrange(core, 'osago/save-draft', { id: created.id, rowVersion: created.rowVersion, draft }, 'arrange-clerk')
  await page.goto(`/#/osago/${created.id}`)
  await expect(page.getByTestId('kbm-line-driver-0')).toHaveAttribute('data-state', 'typed')
  await page.getByTestId('kbm-check-button').click()
  await expect(page.getByTestId('kbm-check-done')).toBeVisible()
  await expect(page.getByTestId('kbm-line-driver-0')).toHaveAttribute('data-state', 'ais')
  await expect(page.getByTestId('kbm-line-driver-0')).toContainText(/класс 10 — АИС ОСАГО, запрос KBM-SIM-[0-9A-F]{12}/)
  await expect(page.getByTestId('kbm-line-driver-1')).toContainText('класс 3 — АИС ОСАГО')
  await expect(page.getByTestId('f-drivers.list.0.kbmClass')).toContainText('10')
  // The premium follows the register's classes: the worst of 10 (0,63) and 3 (1,17).
  await expect(page.getByTestId('coef-kbm')).toContainText('1,17')
  await snap(page, '49a-osago-kbm-checked', page.getByTestId('kbm-check'))

  // Issued with a typed class the register does not confirm (class 3 typed, the register says 10): the next sync
  // re-checks it and the clerk's home calls it out.
  const typed = completeDraft(todayIn('Europe/Moscow'))
  if (typed.drivers.mode === 'list') typed.drivers.list[0]!.licence = { series: '7701', number: '000010' }
  typed.insured.surname = 'Кузнецов'
  const offline = await arrange(core, 'osago/create-draft', undefined, 'arrange-clerk')
  const saved = await arrange(
    core,
    'osago/save-draft',
    { id: offline.id, rowVersion: offline.rowVersion, draft: typed },
    'arrange-clerk',
  )
  const priced = await arrange(
    core,
    'osago/calculate-policy',
    { id: saved.id, rowVersion: saved.rowVersion },
    'arrange-clerk',
  )
  await arrange(
    core,
    'osago/issue-policy',
    {
      id: priced.id,
      rowVersion: priced.rowVersion,
      payment: { method: 'cash', receiptNumber: 'ФД 322', amountKopecks: priced.calculation!.premiumKopecks },
    },
    'arrange-clerk',
  )
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('sync-now').click()
  await expect(page.getByTestId('sync-message')).toHaveText('Синхронизация выполнена')
  await page.getByTestId('nav-home').click()
  await expect(page.getByTestId('home-kbm-flagged-item')).toContainText('Кузнецов')
  await snap(page, '49b-home-kbm-flagged', page.getByTestId('home-kbm-flagged'))
  await page.getByTestId('home-kbm-flagged-item').click()
  await expect(page.getByTestId('kbm-recheck-differs')).toContainText('в полисе класс 3, в АИС ОСАГО — 10')
})
