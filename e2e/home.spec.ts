import type { Core } from '../core/app/createCore'
import { quotedCase, submittedCase, today } from '../core/casco/testing/cascoCase'
import { addDays } from '../shared/dates/calendarDate'
import { ADMIN, arrange, expect, passwordOf, signIn, test } from './harness/fixtures'
import { checkLayout } from './harness/layoutCheck'

/**
 * The home screen per role (issue 14): the tasks the role starts, its unfinished records, the cases back to it or
 * waiting for it, and the renewals due — each item opening its record from the keyboard. Pictures at 1366×768 in
 * e2e-artifacts/screens/home-work-<role>.png.
 */

async function signedIn(core: Core, login: string): Promise<string> {
  const client = `arrange-${login}`
  await arrange(core, 'session/sign-in', { login, password: passwordOf(login) }, client)
  return client
}

/** An OSAGO policy in force ending in `days`, straight into the table (issuing one takes a year to come due). */
async function policyEnding(core: Core, days: number, n: number) {
  const at = new Date().toISOString()
  await core.db('osago_policy').insert({
    id: `renewal-${n}`,
    created_at: at,
    updated_at: at,
    status: 'issued',
    end_date: addDays(today(core), days),
    insured_name: `Орлова Анна Сергеевна ${n}`,
    plate: `М${100 + n}КР77`,
    policy_series: 'ХХХ',
    policy_number: `012345678${n}`,
  })
}

test.use({ seeded: true })

test('clerk: start buttons, own drafts newest first, no decisions yet, renewals and deadlines; Enter opens a draft', async ({
  page,
  core,
}) => {
  const clerk = await signedIn(core, 'clerk')
  const osago = await arrange(core, 'osago/create-draft', undefined, clerk)
  const quote = await quotedCase(core, clerk)
  await policyEnding(core, 5, 1)
  await policyEnding(core, 40, 2)

  await signIn(page, 'clerk')
  const shortcuts = page.getByTestId('home-shortcuts')
  await expect(shortcuts.getByRole('button')).toHaveText([
    'Новый полис ОСАГО',
    'Новый расчёт КАСКО',
    'Заявление о расторжении',
  ])
  const drafts = page.getByTestId('home-drafts')
  await expect(drafts.getByTestId('home-drafts-item')).toHaveCount(2)
  await expect(drafts.getByTestId('home-drafts-item').first()).toContainText('Смирнов Алексей Игоревич')
  await expect(drafts.getByTestId('home-drafts-item').first()).toContainText('КАСКО · Рассчитан')
  await expect(page.getByTestId('home-cases-none')).toBeVisible()
  await expect(page.getByTestId('home-waiting')).toHaveCount(0)
  const renewals = page.getByTestId('home-renewal')
  await expect(renewals).toHaveCount(2)
  await expect(renewals.first()).toContainText('ХХХ 0123456781')
  await expect(renewals.first()).toContainText('осталось 5 дн.')
  await expect(page.getByTestId('deadlines-card')).toBeVisible()
  await checkLayout(page, 'home-work-clerk')

  // From the keyboard: Tab reaches the shortcuts and then the lists; Enter opens the focused record.
  await page.getByTestId('home-start-newOsago').focus()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('home-start-newCasco')).toBeFocused()
  await drafts.getByTestId('home-drafts-item').nth(1).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/osago/${osago.id}$`))
  await page.goBack()
  await page.getByTestId('home-drafts-item').first().click()
  await expect(page).toHaveURL(new RegExp(`#/casco/${quote.id}$`))
  await page.goBack()
  // A start button makes the record and opens it.
  await page.getByTestId('home-start-newOsago').click()
  await expect(page.getByTestId('osago-form')).toBeVisible()
})

test('inspector: a new inspection starts by choosing the quote; their own draft reports', async ({ page, core }) => {
  const clerk = await signedIn(core, 'clerk')
  const quote = await quotedCase(core, clerk)
  const inspector = await signedIn(core, 'inspector')
  const draft = await arrange(core, 'inspection/create', undefined, inspector)

  await signIn(page, 'inspector')
  await expect(page.getByTestId('home-shortcuts').getByRole('button')).toHaveText(['Новый осмотр'])
  await expect(page.getByTestId('home-drafts-item')).toHaveCount(1)
  await expect(page.getByTestId('home-drafts-item')).toContainText(draft.number)
  await expect(page.getByTestId('home-drafts-item')).toContainText('Клиент не указан')
  // The quotes waiting for an inspection: one click (or Enter) starts the report from the quote.
  await expect(page.getByTestId('home-to-inspect-item')).toHaveCount(1)
  await expect(page.getByTestId('home-to-inspect-item')).toContainText('Смирнов Алексей Игоревич')
  await expect(page.getByTestId('home-to-inspect-item')).toContainText('Kia Rio · 2021 · А 123 ВС 777')
  await expect(page.getByTestId('home-cases-none')).toBeVisible()
  for (const other of ['home-waiting', 'home-renewals', 'deadlines-card'])
    await expect(page.getByTestId(other)).toHaveCount(0)
  await checkLayout(page, 'home-work-inspector')

  await page.getByTestId('home-start-newInspection').click()
  await expect(page.getByTestId('inspection-pick-quote')).toBeVisible()
  await expect(page.getByTestId('inspection-quote')).toContainText('Смирнов Алексей Игоревич')
  await page.getByTestId('inspection-create').click()
  await expect(page.getByTestId('inspection-form')).toBeVisible()
  const created = (await core.db('inspection').where({ quote_id: quote.id }).select('id')) as Array<{ id: string }>
  expect(created).toHaveLength(1)
  await expect(page).toHaveURL(new RegExp(`#/inspections/${created[0]!.id}$`))

  await page.getByTestId('nav-home').click()
  await page.getByTestId('home-to-inspect-item').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('inspection-form')).toBeVisible()
  await expect(page.getByTestId('f-vehicle.make').locator('input').first()).toHaveValue('Kia')
  await expect(page.getByTestId('f-client.name').locator('input').first()).toHaveValue('Смирнов Алексей Игоревич')
  expect(await core.db('inspection').where({ quote_id: quote.id })).toHaveLength(2)
})

test('supervisor: the cases waiting for a decision open the case; the desk shortcuts and the approval queue', async ({
  page,
  core,
}) => {
  const clerk = await signedIn(core, 'clerk')
  const waiting = await submittedCase(core, clerk)
  await policyEnding(core, 20, 3)

  await signIn(page, 'supervisor')
  await expect(page.getByTestId('home-shortcuts').getByRole('button')).toHaveText([
    'Новый полис ОСАГО',
    'Новый расчёт КАСКО',
    'Заявление о расторжении',
    'Очередь согласования',
  ])
  const item = page.getByTestId('home-waiting-item')
  await expect(item).toHaveCount(1)
  await expect(item).toContainText('Смирнов Алексей Игоревич')
  await expect(item).toContainText('КАСКО · На согласовании')
  await expect(page.getByTestId('home-renewal')).toHaveCount(1)
  await checkLayout(page, 'home-work-supervisor')
  await item.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/approvals/${waiting.id}$`))
})

test("admin: staff, blanks and settings to start; the branch's work to act on, Enter opens its screen", async ({
  page,
  core,
}) => {
  // A series below the level in resources/rules/branch-attention.json (50 a series).
  const admin = await signedIn(core, ADMIN.login)
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ХХХ', fromNumber: '0000000001', toNumber: '0000000003' },
    admin,
  )
  await signIn(page, ADMIN.login)
  await expect(page.getByTestId('home-shortcuts').getByRole('button')).toHaveText([
    'Сотрудники',
    'Приём бланков',
    'Настройки',
  ])
  for (const none of ['home-drafts', 'home-cases', 'home-waiting', 'home-renewals', 'deadlines-card'])
    await expect(page.getByTestId(none)).toHaveCount(0)
  // The seeded branch: no HQ yet, no backup folder, one series running low.
  const attention = page.getByTestId('home-attention-item')
  await expect(attention.and(page.locator('[data-key="syncNotEnrolled"]'))).toHaveCount(1)
  await expect(attention.and(page.locator('[data-key="backupNoFolder"]'))).toHaveCount(1)
  const low = attention.and(page.locator('[data-key="blanksLow"]'))
  await expect(low).toHaveText(/Бланки серии ХХХ заканчиваются: осталось 3 при пороге 50/)
  await checkLayout(page, 'home-work-admin')
  await low.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('blanks')).toBeVisible()
  await page.goBack()
  await page.getByTestId('home-start-staff').click()
  await expect(page.getByTestId('staff')).toBeVisible()
})
