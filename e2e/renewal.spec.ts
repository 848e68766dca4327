import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore, type Core } from '../core/app/createCore'
import { damage, submittedCase, submittedInspection } from '../core/casco/testing/cascoCase'
import type { CascoQuoteRecord } from '../shared/casco/contract'
import { addDays, todayIn } from '../shared/dates/calendarDate'
import { formatDateRu } from '../shared/dates/typedDate'
import type { OsagoPolicy } from '../shared/osago/policy'
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
 * OSAGO renewal at the office (issue 15 point 2): a policy issued a year ago is due in 20 days; the clerk opens the
 * worklist «Истекают в ближайшие 60 дней» from the home screen, presses Enter on its row and gets a new draft with
 * everything carried over, prices it, and follows the link back to the policy it renews. The core runs on a clock
 * (the seeded branch copied as the shared fixture does), so the policy is issued on one day and renewed on another.
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

/** An OSAGO policy issued on the core's today with the blank ААК 0000000101, as the clerk would. */
async function issuedPolicy(core: Core, clock: ManualClock): Promise<OsagoPolicy> {
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000110' },
    'arrange-admin',
  )
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  const draft = completeDraft(todayIn('Europe/Moscow', clock.now()))
  draft.insured.phone = '+7 916 555-12-34'
  draft.vehicle.plate = 'А123ВС777'
  const created = await arrange(core, 'osago/create-draft', undefined, 'arrange-clerk')
  const calculated = await arrange(
    core,
    'osago/calculate-policy',
    { id: created.id, rowVersion: created.rowVersion, draft },
    'arrange-clerk',
  )
  return arrange(
    core,
    'osago/issue-policy',
    {
      id: calculated.id,
      rowVersion: calculated.rowVersion,
      payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calculated.calculation!.premiumKopecks },
    },
    'arrange-clerk',
  )
}

/** Both clocks to 10:00 Moscow time on `date`. */
async function at(page: Page, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
}

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

test('renewal from the worklist', async ({ page, core, clock }) => {
  const old = await issuedPolicy(core, clock)
  const end = old.endDate!
  await at(page, clock, addDays(end, -20))
  await signIn(page, 'clerk')

  // Home → «Все» under the renewals → the worklist, the policy due in 20 days with the insured's phone.
  await page.getByTestId('home-renewals-all').click()
  await expect(page.getByRole('heading', { name: 'Истекают в ближайшие 60 дней' })).toBeVisible()
  const row = page.getByTestId('renewal-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('Смирнов Алексей Игоревич')
  await expect(row).toContainText('+7 (916) 555-12-34')
  await expect(row).toContainText(formatDateRu(end))
  await expect(row).toContainText('20 дн.')
  await expect(row).toContainText('ОСАГО')
  // The first row holds the caret: Enter starts the renewal.
  await expect(row).toBeFocused()
  await snap(page, 'renewal-1-worklist')
  await page.keyboard.press('Enter')

  // A new draft, everything carried over, cover from the day after the old end; it names the policy it renews.
  await expect(page.getByTestId('osago-form')).toBeVisible()
  await expect(page).not.toHaveURL(new RegExp(old.id))
  await expect(page.getByTestId('policy-status')).toHaveText('Черновик')
  await expect(page.getByTestId('renewal-renews')).toContainText('Продление полиса ААК 0000000101')
  await expect(field(page, 'insured.surname')).toHaveValue('Смирнов')
  await expect(field(page, 'contract.startDate')).toHaveValue(formatDateRu(addDays(end, 1)))
  await snap(page, 'renewal-2-prefilled-form', page.getByTestId('renewal-renews'))

  // Priced on the tariff in force, like any draft.
  await page.getByTestId('calculate').click()
  await expect(page.getByTestId('policy-status')).toHaveText('Рассчитан')
  await expect(page.getByTestId('premium-total')).toContainText('₽')

  // The link leads to the old policy, which shows its renewal.
  await page.getByTestId('renewal-renews-open').click()
  await expect(page).toHaveURL(new RegExp(old.id))
  await expect(page.getByTestId('renewal-renewed-by')).toContainText('Начато продление')
})

/** A CASCO contract concluded on the core's today through the screens' channels: quoted, inspected, approved, paid. */
async function issuedCasco(core: Core, clock: ManualClock): Promise<CascoQuoteRecord> {
  for (const login of ['clerk', 'inspector', 'supervisor'])
    await arrange(core, 'session/sign-in', { login, password: passwordOf(login) }, `arrange-${login}`)
  const s = await submittedCase(core, 'arrange-clerk', (d) => {
    d.insured.phone = '+7 916 777-00-11'
  })
  await submittedInspection(core, 'arrange-inspector', s.id, [damage()])
  const c = await arrange(core, 'approval/get-case', { quoteId: s.id }, 'arrange-supervisor')
  await arrange(
    core,
    'approval/decide',
    {
      quoteId: s.id,
      quoteRowVersion: c.quote.rowVersion,
      decision: 'approved',
      validUntil: addDays(todayIn('Europe/Moscow', clock.now()), 10),
    },
    'arrange-supervisor',
  )
  const approved = await arrange(core, 'casco/get-quote', { id: s.id }, 'arrange-clerk')
  return arrange(
    core,
    'casco/issue-contract',
    {
      id: s.id,
      rowVersion: approved.rowVersion,
      payment: {
        method: 'card',
        receiptNumber: 'ФД 2001',
        amountKopecks: approved.result!.options[0]!.schedule.payments[0]!.amountKopecks,
      },
    },
    'arrange-clerk',
  )
}

test('CASCO renewal from the same worklist, with the renewal discount (seed 002)', async ({ page, core, clock }) => {
  test.setTimeout(180_000)
  const old = await issuedCasco(core, clock)
  const stored = (await core.db('casco_quote').where({ id: old.id }).first('end_date', 'contract_number')) as {
    end_date: string
    contract_number: string
  }
  const end = stored.end_date
  await at(page, clock, addDays(end, -30))
  await signIn(page, 'clerk')

  // The same worklist: the CASCO contract due in 30 days, with the insured's phone and the car.
  await page.getByTestId('nav-renewals').click()
  await expect(page.getByRole('heading', { name: 'Истекают в ближайшие 60 дней' })).toBeVisible()
  const row = page.locator(`[data-testid="renewal-row"][data-id="${old.id}"]`)
  await expect(row).toContainText('КАСКО')
  await expect(row).toContainText('Смирнов')
  await expect(row).toContainText('+7 (916) 777-00-11')
  await expect(row).toContainText('Kia Rio')
  await expect(row).toContainText('30 дн.')
  await snap(page, 'renewal-casco-1-worklist')
  await row.click()

  // A new quote carrying the old contract's data, naming it, the previous policy's dates filled in.
  await expect(page.getByTestId('casco-form')).toBeVisible()
  await expect(page).not.toHaveURL(new RegExp(old.id))
  await expect(page.getByTestId('casco-status')).toHaveText('Черновик')
  await expect(page.getByTestId('renewal-renews')).toContainText(`Продление договора КАСКО ${stored.contract_number}`)
  await expect(field(page, 'insured.surname')).toHaveValue('Смирнов')
  await expect(field(page, 'contract.startDate')).toHaveValue(formatDateRu(addDays(end, 1)))
  await expect(page.getByTestId('f-previousPolicy').locator('input')).toBeChecked()
  await expect(field(page, 'previousPolicy.endDate')).toHaveValue(formatDateRu(end))
  await snap(page, 'renewal-casco-2-prefilled', page.getByTestId('renewal-renews'))

  // The clerk types the claims under the old contract (none); priced, the renewal discount is applied.
  await field(page, 'previousPolicy.claims').fill('0')
  await page.getByTestId('casco-calculate').click()
  await expect(page.getByTestId('casco-status')).toHaveText('Рассчитан')
  const program = page.getByTestId('option-program-0-renewal')
  await expect(program).toContainText('Пролонгация на специальных условиях')
  await expect(program.locator('.font-weight-medium')).toBeVisible()
  await page.getByTestId('option-factors-0').click()
  await expect(page.getByTestId('option-factors-0')).toContainText('Скидка при пролонгации на специальных условиях')
  await snap(
    page,
    'renewal-casco-3-discount',
    page.getByTestId('option-factors-0').getByText('Скидка при пролонгации на специальных условиях'),
  )

  // The quote leads back to the contract it renews.
  await page.getByTestId('renewal-renews-open').click()
  await expect(page).toHaveURL(new RegExp(old.id))
  await expect(page.getByTestId('renewal-renewed-by')).toBeVisible()
})
