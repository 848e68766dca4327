import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore, type Core } from '../core/app/createCore'
import { addDays, addMonths, todayIn } from '../shared/dates/calendarDate'
import { formatDateRu } from '../shared/dates/typedDate'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import {
  ADMIN,
  RESOURCES_DIR,
  arrange,
  test as base,
  expect,
  isTrustedE2eUrl,
  passwordOf,
  signIn,
  snap,
} from './harness/fixtures'

/**
 * The client card at the counter (issue 15 point 1): the clerk corrects the client's phone and address in the
 * card's form — a wrong phone is named at its field in Russian, the save makes version 2 with what changed, and the
 * policy issued before keeps the data it was issued with. Then, years later, the branch admin erases the card past
 * retention from the home screen's line and prints the act of erasure.
 */
const test = base.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock(new Date('2026-11-21T07:00:00Z'))),
  core: async ({ printer, dialogs, seedTemplateDir, clock }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-'))
    cpSync(seedTemplateDir, dir, { recursive: true })
    const core = await createCore({
      dataDir: dir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: isTrustedE2eUrl,
      appVersion: 'e2e',
      print: printer,
      files: dialogs,
      clock,
    })
    await use(core)
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  },
})
test.use({ seeded: true })

async function policyWithCard(core: Core) {
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' },
    'arrange-admin',
  )
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  // Issued on the core's today (its clock, not the machine's).
  const created = await arrange(core, 'osago/create-draft', undefined, 'arrange-clerk')
  const calculated = await arrange(
    core,
    'osago/calculate-policy',
    {
      id: created.id,
      rowVersion: created.rowVersion,
      draft: completeDraft(todayIn('Europe/Moscow', core.clock.now())),
    },
    'arrange-clerk',
  )
  const policy = await arrange(
    core,
    'osago/issue-policy',
    {
      id: calculated.id,
      rowVersion: calculated.rowVersion,
      payment: { method: 'card', receiptNumber: 'ФД 123', amountKopecks: calculated.calculation!.premiumKopecks },
    },
    'arrange-clerk',
  )
  const link = (await core.db('client_link').where({ entity_id: policy.id, role: 'insured' }).first()) as {
    client_id: string
  }
  return { policy, clientId: link.client_id }
}

/** Both clocks to 10:00 Moscow time on `date`. */
async function at(page: Page, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
}

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

test('the clerk edits the card: errors at the field, a new version with what changed, the policy as issued', async ({
  page,
  core,
  clock,
}) => {
  await page.clock.setFixedTime(clock.now())
  const { policy, clientId } = await policyWithCard(core)
  const issuedPhone = policy.draft.insured.phone
  await signIn(page, 'clerk')
  await page.evaluate((id) => (location.hash = `#/clients/${id}`), clientId)
  await expect(page.getByTestId('client-name')).toHaveText('Смирнов Алексей Игоревич')
  await expect(page.getByTestId('client-versions')).toContainText('Версия 1: из полиса ОСАГО')

  await page.getByTestId('client-edit').click()
  const dialog = page.getByTestId('client-edit-dialog')
  await expect(dialog).toBeVisible()
  await expect(field(page, 'surname')).toHaveValue('Смирнов')
  // A phone with a digit missing and a surname typed in Latin: named at their fields, nothing saved.
  await field(page, 'phone').fill('+7 916 555-12-3')
  await field(page, 'surname').fill('Smirnov')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('f-phone')).toContainText('Телефон — +7 и 10 цифр')
  await expect(page.getByTestId('f-surname')).toContainText('Пишите русскими буквами')
  await snap(page, 'client-edit-1-errors', page.getByTestId('f-phone'))
  expect(await core.db('client_version').where({ client_id: clientId })).toHaveLength(1)

  await field(page, 'surname').fill('Смирнов')
  await field(page, 'phone').fill('+7 916 555-12-34')
  await field(page, 'address.street').fill('ул. Новослободская')
  await field(page, 'address.house').fill('14')
  await page.getByTestId('client-edit-save').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('client-saved')).toContainText('версия 2')
  const v2 = page.getByTestId('client-version-2')
  await expect(v2).toContainText('Версия 2: изменено в карточке')
  await expect(v2).toContainText('Петров Павел Олегович')
  await expect(v2).toContainText('Изменено: Улица, Дом, Телефон')
  await snap(page, 'client-edit-2-versions', page.getByTestId('client-versions'))

  // The policy keeps the insured it was issued with.
  await page.getByTestId(`client-record-${policy.id}`).click()
  await expect(page.getByTestId('osago-form')).toBeVisible()
  await expect(field(page, 'insured.phone')).toHaveValue(/.+/)
  expect(await field(page, 'insured.phone').inputValue()).not.toContain('555')
  const stored = await arrange(core, 'osago/get-policy', { id: policy.id }, 'arrange-clerk')
  expect(stored.draft.insured.phone).toBe(issuedPhone)
  expect(stored.draft.insured.address.street).not.toBe('ул. Новослободская')
})

test('the admin erases a card past retention and prints the act', async ({ page, core, clock, printer }) => {
  const { policy, clientId } = await policyWithCard(core)
  // Five years after the policy's last day, and a day.
  await at(page, clock, addDays(addMonths(policy.endDate!, 60), 1))
  await signIn(page, 'admin')
  const line = page.locator('[data-testid="home-attention-item"][data-key="clientsPastRetention"]')
  await expect(line).toContainText('Карточки клиентов старше срока хранения (5 лет после последнего договора): 1')
  await line.click()

  await expect(page.getByRole('heading', { name: 'Карточки клиентов старше срока хранения' })).toBeVisible()
  const row = page.getByTestId(`retention-line-${clientId}`)
  await expect(row).toContainText('Смирнов Алексей Игоревич')
  await expect(row).toContainText(formatDateRu(policy.endDate!))
  await row.locator('input[type="checkbox"]').check()
  await snap(page, 'client-retention-1-list')
  await page.getByTestId('retention-erase').click()
  await page.getByTestId('retention-confirm').click()
  await expect(page.getByTestId('retention-erased')).toContainText('Обезличено карточек: 1')
  await expect(page.getByTestId('retention-none')).toBeVisible()

  await page.getByTestId('print-open-client-erasure-act').click()
  await expect(page.getByTestId('pdf-preview').locator('canvas').first()).toBeVisible()
  await snap(page, 'client-retention-2-act')
  await page.getByTestId('print-save').click()
  await expect(page.getByTestId('print-result')).toBeVisible()
  expect(printer.saved).toHaveLength(1)

  const card = await core.db('client').where({ id: clientId }).first()
  expect(card).toMatchObject({ status: 'erased', display_name: 'Данные обезличены', phone: null })
})
