import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore } from '../core/app/createCore'
import { installReference } from '../core/sync/referenceUpdates'
import type { ProductionCalendarFile } from '../shared/reference/productionCalendar'
import type { ManualContractInput } from '../shared/termination/application'
import type { Core } from '../core/app/createCore'
import { E2E_BASE_URL } from '../playwright.config'
import { RESOURCES_DIR, arrange, test as base, expect, passwordOf, seedBranch, signIn, snap } from './harness/fixtures'

/**
 * Deadlines and the production calendar (issue 9, points 3(b) and 4): a payout deadline moved off a holiday
 * (GK RF art. 193), and a cooling-off at the end of 2026 whose window and payout run into 2027, a year no decree
 * covers yet — counted by the Labour Code, marked as unconfirmed, and moved with a notice when HQ's decree arrives.
 */
const test = base.extend<{ clock: ManualClock; dataDir: string }>({
  clock: async ({}, use) => use(new ManualClock(new Date('2026-05-29T07:00:00Z'))),
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
    await use(core)
    await core.close()
  },
})

/** Both clocks to 10:00 Moscow time on `date`. */
async function at(page: Page, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
}

async function clerk(core: Core): Promise<string> {
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  return 'arrange-clerk'
}

async function manualContract(core: Core, over: Partial<ManualContractInput>) {
  return arrange(
    core,
    'termination/enter-contract',
    {
      contract: {
        product: 'osago',
        number: 'ХХХ 0000000001',
        concludedAt: 'Агент Сидоров С. И.',
        policyholderType: 'individual',
        policyholderName: 'Орлова Ирина Сергеевна',
        plate: 'В456ОР199',
        vin: 'XTA21700080123456',
        conclusionDate: '2025-12-20',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        premiumKopecks: 1_200_000,
        periodsOfUse: [],
        ...over,
      },
    },
    await clerk(core),
  )
}

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.getByRole('option').filter({ hasText: option }).first().click()
}

/** HQ's decree for 2027, as it might read: Sunday 3 January moved to Monday 11 January, Saturday 2 January to 31 December. */
function decree2027(): ProductionCalendarFile {
  const bundled = JSON.parse(
    readFileSync(join(RESOURCES_DIR, 'reference', 'production-calendar.json'), 'utf8'),
  ) as ProductionCalendarFile
  const y = structuredClone(bundled.data.years.find((x) => x.year === 2027)!)
  y.decree = 'Постановление Правительства РФ (тест)'
  y.nonWorkingDays = { value: [...y.nonWorkingDays.value, '2027-01-11', '2027-12-31'].sort(), verified: true }
  y.workingWeekendDays = { value: [], verified: true }
  y.shortenedDays = { value: y.shortenedDays.value.filter((d) => d !== '2027-12-31'), verified: true }
  return { ...bundled, version: 'hq-2027.1', effectiveFrom: '2026-10-01', data: { ...bundled.data, years: [y] } }
}

test.describe('deadlines and the production calendar', () => {
  test.beforeEach(async ({ core }) => {
    await seedBranch(core)
  })

  test('an OSAGO refund due on Russia Day is paid on the next working day', async ({ page, core, clock }) => {
    await manualContract(core, {})
    // Received on Friday 29.05.2026: day 14 is Friday 12.06.2026, Russia Day, then the weekend.
    await at(page, clock, '2026-05-29')
    await signIn(page, 'clerk')
    await page.goto('/#/terminations/new')
    await page.getByTestId('term-contract-search').locator('input').fill('ХХХ 0000000001')
    await page.getByTestId('term-contract-choose').click()
    await choose(page, 'f-ground', 'Смена собственника')
    await field(page, 'applicant.passport').fill('4519 123456')
    await field(page, 'applicant.phone').fill('8 916 123-45-67')
    await expect(page.getByTestId('refund-formula')).toContainText('с переносом на рабочий день: не позднее 15.06.2026')
    await expect(page.getByTestId('refund-panel').getByTestId('calendar-unconfirmed')).toHaveCount(0)
    await snap(page, 'term-calendar-1-osago-due-moved-off-holiday', page.getByTestId('refund-formula'))
    await page.getByTestId('term-register').click()
    await expect(page.getByTestId('term-status')).toHaveText('Принято')
    await expect(page.getByTestId('term-due')).toHaveText('Выплатить не позднее 15.06.2026')
    await expect(page.getByTestId('term-due').getByTestId('calendar-unconfirmed')).toHaveCount(0)
    await snap(page, 'term-calendar-2-osago-registered')
  })

  test('a cooling-off at the end of 2026 reaches into 2027: taken, marked unconfirmed, moved when HQ’s decree comes', async ({
    page,
    core,
    clock,
    dataDir,
  }) => {
    await at(page, clock, '2026-12-28')
    await manualContract(core, {
      product: 'casco',
      number: 'КАСКО-2026-1220',
      policyholderName: 'Белова Анна Сергеевна',
      conclusionDate: '2026-12-20',
      startDate: '2026-12-21',
      endDate: '2027-12-20',
      premiumKopecks: 8_400_000,
    })
    await signIn(page, 'clerk')
    await page.goto('/#/terminations/new')
    await page.getByTestId('term-contract-search').locator('input').fill('КАСКО-2026-1220')
    await page.getByTestId('term-contract-choose').click()
    await choose(page, 'f-kind', '«период охлаждения»')
    await field(page, 'applicant.fullName').fill('Белова Анна Сергеевна')
    await field(page, 'applicant.passport').fill('4510 654321')
    await field(page, 'applicant.phone').fill('+7 903 555-44-33')
    // Day 14 is Sunday 03.01.2027, inside the New Year holidays of TK RF art. 112: the window ends on Monday 11.01.2027.
    await expect(page.getByTestId('refund-formula')).toContainText('последний день переносится на 11.01.2027')
    await expect(page.getByTestId('refund-formula')).toContainText('не позднее 20.01.2027')
    await expect(page.getByTestId('refund-panel').getByTestId('calendar-unconfirmed')).toContainText(
      'календарь на 2027 г. ещё не утверждён',
    )
    await snap(page, 'term-calendar-3-cooling-off-into-2027', page.getByTestId('refund-formula'))
    await page.getByTestId('term-register').click()
    await expect(page.getByTestId('term-status')).toHaveText('Принято')
    await expect(page.getByTestId('term-due')).toContainText('Выплатить не позднее 20.01.2027')
    await expect(page.getByTestId('term-due').getByTestId('calendar-unconfirmed')).toHaveText('календарь не утверждён')
    await snap(page, 'term-calendar-4-registered-unconfirmed', page.getByTestId('term-due'))
    const id = page.url().split('/').pop()!.split('?')[0]!

    // On the dashboard a week later: the window of another CASCO closes on 11.01.2027, an unconfirmed day.
    await manualContract(core, {
      product: 'casco',
      number: 'КАСКО-2026-1221',
      policyholderName: 'Гусев Павел Андреевич',
      conclusionDate: '2026-12-20',
      startDate: '2026-12-21',
      endDate: '2027-12-20',
      premiumKopecks: 5_000_000,
    })
    await page.getByTestId('sign-out').click()
    await expect(page.getByLabel('Логин')).toBeVisible()
    await at(page, clock, '2027-01-08')
    await signIn(page, 'clerk')
    const card = page.getByTestId('deadlines-card')
    await expect(card.getByTestId('deadlines-cooling-off')).toContainText('отказ принимается по 11.01.2027')
    await expect(card.getByTestId('deadlines-cooling-off').getByTestId('calendar-unconfirmed')).toBeVisible()
    await snap(page, 'term-calendar-5-dashboard-unconfirmed', card.getByTestId('deadlines-cooling-off'))

    // HQ's decree arrives (as sync installs it): the open application's deadline moves, with a notice.
    installReference(
      { bundledDir: RESOURCES_DIR, overrideDir: join(dataDir, 'reference-updates'), reference: core.reference },
      'production-calendar',
      'hq-2027.1',
      JSON.stringify(decree2027()),
    )
    await expect
      .poll(async () => (await core.db('termination_application').where({ id }).first()).payout_due_on)
      .toBe('2027-01-21')
    await page.goto(`/#/terminations/${id}`)
    await expect(page.getByTestId('term-due')).toHaveText('Выплатить не позднее 21.01.2027')
    await expect(page.getByTestId('term-due').getByTestId('calendar-unconfirmed')).toHaveCount(0)
    await expect(page.getByTestId('deadline-changed')).toHaveText(
      'Срок выплаты изменён: был 20.01.2027, стал 21.01.2027 (календарь обновлён 08.01.2027)',
    )
    await snap(page, 'term-calendar-6-deadline-moved-by-decree', page.getByTestId('deadline-changed'))
    // The printed application is what was handed to the client; the audit log keeps the move.
    const audit = await core.db('audit_log').where({ action: 'termination.deadline-recalculated', entity_id: id })
    expect(audit).toHaveLength(1)
  })
})
