import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore, type Core } from '../core/app/createCore'
import { E2E_BASE_URL } from '../playwright.config'
import { RESOURCES_DIR, arrange, test as base, expect, passwordOf, seedBranch, signIn, snap } from './harness/fixtures'

/**
 * GK RF art. 395 interest on a late refund, on days after the last date the key-rate table is known for (22.03.2026):
 * the dashboard, the payout dialog and the paid application show the periods and that the rate after that date is
 * the last known one — on screen, not only on the printed calculation sheet.
 */
const test = base.extend<{ clock: ManualClock; dataDir: string }>({
  clock: async ({}, use) => use(new ManualClock(new Date('2026-03-02T07:00:00Z'))),
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  core: async ({ printer, clock, dataDir }, use) => {
    const core = await createCore({
      dataDir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: (url) => url.startsWith(`${E2E_BASE_URL}/`),
      appVersion: 'e2e',
      print: printer,
      clock,
    })
    // HQ selects statutory interest from 01.01.2026 (a rules version as its reference update would add it).
    const versions = core.reference.versions['termination-rules']
    const selected = structuredClone(versions[0]!)
    selected.version = '2026-01-01.1'
    selected.effectiveFrom = '2026-01-01'
    selected.data.latePayout.consequence = { value: 'statutory-interest', verified: true, source: 'HQ selection (e2e)' }
    versions.push(selected)
    await use(core)
    await core.close()
  },
})

async function at(page: Page, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
}

async function overdueApplication(core: Core): Promise<void> {
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  const contract = await arrange(
    core,
    'termination/enter-contract',
    {
      contract: {
        product: 'osago',
        number: 'ХХХ 0000000395',
        concludedAt: 'Агент Сидоров С. И.',
        policyholderType: 'individual',
        policyholderName: 'Орлова Ирина Сергеевна',
        plate: 'В456ОР199',
        vin: 'XTA21700080123456',
        conclusionDate: '2025-12-20',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        premiumKopecks: 1_000_000,
        periodsOfUse: [],
      },
    },
    'arrange-clerk',
  )
  const a = await arrange(
    core,
    'termination/register-application',
    {
      contract: { source: 'manual', id: contract.id },
      details: {
        kind: 'osago-early-termination',
        ground: 'owner-change',
        eventDate: null,
        cascoChoice: null,
        insuredEventOccurred: false,
        applicant: {
          fullName: 'Орлова Ирина Сергеевна',
          passport: '4519 123456',
          phone: '8 916 123-45-67',
          address: null,
        },
        representative: null,
        payout: { method: 'cash' },
      },
    },
    'arrange-clerk',
  )
  const ticked = await arrange(
    core,
    'termination/set-documents',
    { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
    'arrange-clerk',
  )
  await arrange(core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'arrange-clerk')
}

test('interest after the key-rate table’s known date is flagged on the dashboard, in the payout dialog and on the paid application', async ({
  page,
  core,
  clock,
}) => {
  await seedBranch(core)
  // Received 02.03.2026, 6 413,15 ₽ due 16.03.2026; paid 27.03.2026: 17–22.03 at a known 15,5 %, 23–27.03 at the last known rate.
  await overdueApplication(core)
  await at(page, clock, '2026-03-27')
  await signIn(page, 'clerk')
  const overdue = page.getByTestId('deadlines-card').getByTestId('deadlines-overdue')
  await expect(overdue).toContainText('проценты')
  await expect(overdue.getByTestId('deadline-key-rate')).toHaveText('ставка после 22.03.2026 — последняя известная')
  await snap(page, 'term-key-rate-1-dashboard', overdue)

  await overdue.getByText('MSK-01-2026-00001').click()
  await page.getByTestId('term-pay').click()
  const late = page.getByTestId('pay-late')
  await expect(late.getByTestId('pay-late-amount')).toHaveText(
    'Проценты за пользование чужими денежными средствами (ст. 395 ГК РФ) при выплате сегодня: 29,96 ₽ за 11 дн.',
  )
  await expect(late.getByTestId('late-payout-segment')).toHaveText([
    'с 17.03.2026 по 22.03.2026 — 6 дн. × 15,50 % годовых ÷ 365',
    'с 23.03.2026 по 27.03.2026 — 5 дн. × 15,50 % годовых ÷ 365 (ставка известна по 22.03.2026; применена последняя известная — требует проверки)',
  ])
  await expect(late.getByTestId('key-rate-warning')).toHaveText(
    'Ключевая ставка после 22.03.2026 ещё не известна: за эти дни применена последняя известная — сумму нужно проверить',
  )
  await snap(page, 'term-key-rate-2-payout-dialog')

  await page.getByTestId('pay-document').locator('input').fill('РКО № 395')
  await page.getByTestId('pay-submit').click()
  await expect(page.getByTestId('term-status')).toHaveText('Выплачено')
  const paid = page.getByTestId('term-paid')
  await expect(paid.getByTestId('late-payout-segment')).toHaveCount(2)
  await expect(paid.getByTestId('key-rate-warning')).toContainText('Ключевая ставка после 22.03.2026 ещё не известна')
  await snap(page, 'term-key-rate-3-paid', paid)
})
