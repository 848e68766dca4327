import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore, type Core } from '../core/app/createCore'
import { damage, submittedCase, submittedInspection } from '../core/casco/testing/cascoCase'
import { call, expectOk } from '../core/testing/testCore'
import type { CascoQuoteRecord } from '../shared/casco/contract'
import { addDays, todayIn } from '../shared/dates/calendarDate'
import {
  RESOURCES_DIR,
  arrange,
  test as base,
  expect,
  isTrustedE2eUrl,
  passwordOf,
  signIn,
  snap,
} from './harness/fixtures'
import { checkLayout } from './harness/layoutCheck'

/**
 * CASCO instalments as receivables (issue 16 point 2): two contracts paid in four instalments, concluded in December
 * and January; in April one instalment is in the reminder window and another, due in March, is overdue with the
 * cover suspended. The clerk sees both on the home screen, opens «Взносы КАСКО» from the CASCO list, filters the
 * overdue one, takes it (a bad receipt number refused at the field first), and finds the other contract's schedule
 * with its paid first instalment. The core runs on a clock (the seeded branch copied as the shared fixture does).
 */
const test = base.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock(new Date('2026-12-07T07:00:00Z'))),
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

/** A CASCO contract in four instalments concluded on the core's today, through the channels the screens use. */
async function issuedInFour(core: Core, clock: ManualClock, surname: string, phone: string): Promise<CascoQuoteRecord> {
  for (const login of ['clerk', 'inspector', 'supervisor'])
    await arrange(core, 'session/sign-in', { login, password: passwordOf(login) }, `arrange-${login}`)
  const s = await submittedCase(core, 'arrange-clerk', (d) => {
    d.options[0]!.plan = 'four'
    d.insured.surname = surname
    d.insured.phone = phone
  })
  await submittedInspection(core, 'arrange-inspector', s.id, [damage()])
  const c = await expectOk(call(core, 'approval/get-case', { quoteId: s.id }, 'arrange-supervisor'))
  const today = todayIn('Europe/Moscow', clock.now())
  await expectOk(
    call(
      core,
      'approval/decide',
      { quoteId: s.id, quoteRowVersion: c.quote.rowVersion, decision: 'approved', validUntil: addDays(today, 10) },
      'arrange-supervisor',
    ),
  )
  const approved = await expectOk(call(core, 'casco/get-quote', { id: s.id }, 'arrange-clerk'))
  return expectOk(
    call(
      core,
      'casco/issue-contract',
      {
        id: s.id,
        rowVersion: approved.rowVersion,
        payment: {
          method: 'card',
          receiptNumber: 'ФД 1001',
          amountKopecks: approved.result!.options[0]!.schedule.payments[0]!.amountKopecks,
        },
      },
      'arrange-clerk',
    ),
  )
}

/** Both clocks to 10:00 Moscow time on `date`. */
async function at(page: Page, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
}

test('CASCO instalments: due list, overdue with its consequence, payment taken, the contract’s schedule', async ({
  page,
  core,
  clock,
}) => {
  // Concluded 07.12.2026: instalment 2 due 07.03.2027 (a Sunday; 08.03 a holiday), so payable through 09.03.
  const late = await issuedInFour(core, clock, 'Орлов', '+7 916 111-22-33')
  await at(page, clock, '2027-01-11')
  // Concluded 11.01.2027: instalment 2 due 11.04.2027.
  const soon = await issuedInFour(core, clock, 'Смирнов', '+7 916 555-12-34')
  await at(page, clock, '2027-04-06')
  await signIn(page, 'clerk')

  // Home: the two instalments to collect, the overdue one first.
  const card = page.getByTestId('home-instalments')
  await expect(card).toBeVisible()
  await expect(card.getByTestId('home-instalment')).toHaveCount(2)
  await expect(card.getByTestId('home-instalment').first()).toContainText('Орлов')
  await expect(card.getByTestId('home-instalment').first()).toContainText('Просрочен')
  await expect(card.getByTestId('home-instalment').nth(1)).toContainText('Скоро срок')
  await snap(page, 'instalments-1-home', card)

  // CASCO → «Взносы КАСКО».
  await page.goto('/#/casco')
  await page.getByTestId('casco-instalments').click()
  await expect(page.getByRole('heading', { name: 'Взносы КАСКО' })).toBeVisible()
  const rows = page.getByTestId('instalment-row')
  await expect(rows).toHaveCount(6)
  const overdue = rows.first()
  await expect(overdue).toHaveAttribute('data-contract', late.contractNumber!)
  await expect(overdue).toHaveAttribute('data-status', 'overdue')
  await expect(overdue).toContainText('+7 (916) 111-22-33')
  await expect(overdue).toContainText('2 из 4')
  await expect(overdue).toContainText('07.03.2027')
  await expect(overdue.getByTestId('instalment-consequence')).toContainText('Покрытие приостановлено с 10.03.2027')
  await expect(rows.nth(1)).toHaveAttribute('data-contract', soon.contractNumber!)
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'reminder')
  await expect(page.getByTestId('instalments-filter-upcoming')).toContainText('4')
  await checkLayout(page, 'instalments-list')
  await snap(page, 'instalments-2-due-list')

  // Only the overdue ones.
  await page.getByTestId('instalments-filter-overdue').click()
  await expect(rows).toHaveCount(1)

  // Take it: a receipt number that is not one is refused at the field, then the fiscal document's number.
  await overdue.getByTestId('instalment-accept').click()
  const dialog = page.getByTestId('instalment-dialog')
  await expect(dialog).toContainText(`Приём взноса 2 по договору ${late.contractNumber}`)
  await expect(dialog.getByTestId('instalment-amount')).toContainText('₽')
  await dialog.getByTestId('instalment-receipt').locator('input').fill('чек')
  await dialog.getByTestId('instalment-submit').click()
  await expect(dialog.getByTestId('instalment-receipt')).toContainText('ФД')
  await snap(page, 'instalments-3-accept-refused', dialog)
  await dialog.getByTestId('instalment-receipt').locator('input').fill('ФД 4512')
  await dialog.getByTestId('instalment-submit').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('instalments-notice')).toContainText(
    `Взнос 2 по договору ${late.contractNumber} принят`,
  )
  await expect(rows).toHaveCount(0)
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  const journal = await arrange(core, 'payments/list-journal', { day: '2027-04-06' }, 'arrange-clerk')
  expect(journal.items).toEqual([
    expect.objectContaining({
      purpose: 'casco_instalment',
      recordId: late.id,
      instalmentNo: 2,
      method: 'cash',
      receipt: { number: 'ФД 4512', fiscal: null },
      clerkName: 'Петров Павел Олегович',
    }),
  ])

  // The other contract: its schedule on the contract view, the first instalment paid with its receipt.
  await page.getByTestId('instalments-filter-all').click()
  await expect(rows).toHaveCount(5)
  await rows.first().click()
  const schedule = page.getByTestId('contract-instalments')
  await expect(schedule).toBeVisible()
  const lines = schedule.getByTestId('contract-instalment')
  await expect(lines).toHaveCount(4)
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'paid')
  await expect(lines.nth(0)).toContainText('ФД 1001')
  await expect(lines.nth(1)).toHaveAttribute('data-status', 'reminder')
  await expect(lines.nth(1).getByTestId('contract-instalment-accept')).toBeVisible()
  await expect(lines.nth(2).getByTestId('contract-instalment-accept')).toHaveCount(0)
  await snap(page, 'instalments-4-contract-schedule', schedule)
})
