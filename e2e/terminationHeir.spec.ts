import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore, type Core } from '../core/app/createCore'
import { takePreviewPdf } from '../core/print/previewFiles'
import { applyFactors, fraction } from '../shared/money/exact'
import { formatRubles } from '../shared/money/format'
import { E2E_BASE_URL } from '../playwright.config'
import { RESOURCES_DIR, arrange, test as base, expect, passwordOf, seedBranch, signIn, snap } from './harness/fixtures'

/**
 * Issue 9 (a): heirs come after the term ended — the inheritance papers take about six months — and the application
 * is served, because death ended the contract on the date of death, inside the term; the limitation period (3 years
 * from the termination date, data) is the only limit. The branch's clock is a manual one and the page's follows it.
 */
const test = base.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock(new Date('2026-03-16T07:00:00Z'))),
  core: async ({ printer, clock }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-'))
    const core = await createCore({
      dataDir: dir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: (url) => url.startsWith(`${E2E_BASE_URL}/`),
      appVersion: 'e2e',
      print: printer,
      clock,
    })
    await use(core)
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  },
})

const PDF_DIR = resolve(import.meta.dirname, '..', 'e2e-artifacts', 'pdf')

async function at(page: Page, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
}

async function clerkClient(core: Core): Promise<string> {
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  return 'arrange-clerk'
}

/** A 2025 OSAGO policy of Орлов Илья Петрович, concluded at an agent's and typed in from the client's copy. */
async function policy2025(core: Core, number: string) {
  return arrange(
    core,
    'termination/enter-contract',
    {
      contract: {
        product: 'osago',
        number,
        concludedAt: 'Агент Сидоров С. И.',
        policyholderType: 'individual',
        policyholderName: 'Орлов Илья Петрович',
        plate: 'В456ОР199',
        vin: 'XTA21700080123456',
        conclusionDate: '2024-12-20',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        premiumKopecks: 1_200_000,
        periodsOfUse: [],
      },
    },
    await clerkClient(core),
  )
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.getByRole('option').filter({ hasText: option }).first().click()
}

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

function pdfText(pdf: Buffer, name: string): string {
  mkdirSync(PDF_DIR, { recursive: true })
  const path = join(PDF_DIR, `${name}.pdf`)
  writeFileSync(path, pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
}

async function openNewApplication(page: Page, number: string): Promise<void> {
  await page.getByTestId('nav-terminations').click()
  await page.getByTestId('term-new-button').click()
  await page.getByTestId('term-contract-search').locator('input').fill(number)
  await expect(page.getByTestId('term-contract-result')).toHaveCount(1)
  await page.getByTestId('term-contract-choose').click()
  await choose(page, 'f-ground', 'Смерть страхователя или собственника')
}

test.describe('a heir’s application after the term', () => {
  test.beforeEach(async ({ core }) => {
    await seedBranch(core)
  })

  test('the policyholder died in September 2025; the heir comes in March 2026 and is refunded from the date of death', async ({
    page,
    core,
    clock,
  }) => {
    const contract = await policy2025(core, 'ХХХ 0000000771')
    await at(page, clock, '2026-03-16')
    await signIn(page, 'clerk')
    await openNewApplication(page, 'ХХХ 0000000771')

    await expect(page.getByTestId('f-eventDate')).toContainText('Дата смерти')
    await field(page, 'eventDate').fill('15.09.2025')
    await field(page, 'applicant.fullName').fill('Орлова Мария Ильинична')
    await field(page, 'applicant.passport').fill('4512 334455')
    await field(page, 'applicant.phone').fill('+7 916 222-33-44')
    // 16.09–31.12.2025: 107 unexpired days of 365, the payout share 0.77.
    const expected = applyFactors(1_200_000, ['0.77', fraction(107, 365)])
    await expect(page.getByTestId('refund-amount')).toHaveText(formatRubles(expected))
    const formula = page.getByTestId('refund-formula')
    await expect(formula).toContainText('Дата прекращения договора — 15.09.2025, дата события')
    await expect(formula).toContainText(
      'Заявление подано после окончания срока страхования, но договор прекратился 15.09.2025 — в срок страхования; срок исковой давности (ст. 196, 200 ГК РФ) — по 15.09.2028',
    )
    await expect(formula).toContainText('× 0,77 × 107 ÷ 365')
    await expect(formula).toContainText('не позднее 30.03.2026')
    await expect(formula).toContainText(
      'При просрочке выплаты — неустойка 1 % от суммы возврата за каждый день просрочки',
    )
    await expect(page.getByTestId('checklist-deathCertificate')).toBeVisible()
    await expect(page.getByTestId('checklist-heirDocuments')).toBeVisible()
    await snap(page, '70-termination-heir-after-term')

    await page.getByTestId('term-register').click()
    await expect(page.getByTestId('term-status')).toHaveText('Принято')
    await expect(page.getByTestId('term-due')).toContainText('30.03.2026')
    const boxes = page.getByTestId('term-documents').locator('[data-testid^="doc-"]')
    for (let i = 0; i < (await boxes.count()); i++) {
      await boxes.nth(i).locator('input').check()
      await expect(boxes.nth(i).locator('input')).toBeChecked()
    }
    await page.getByTestId('term-complete').click()
    await expect(page.getByTestId('term-status')).toHaveText('Рассчитано')
    await expect(page.getByTestId('term-notice')).toContainText('договор прекращён 15.09.2025')
    await expect(page.getByTestId('refund-amount')).toHaveText(formatRubles(expected))
    await snap(page, '71-termination-heir-calculated')
    expect(await core.db('manual_contract').where({ id: contract.id }).first()).toMatchObject({
      terminated_on: '2025-09-15',
    })

    // The calculation sheet names the limitation period and the basis of a late payout.
    const id = page.url().split('/').pop()!.split('?')[0]!
    const sheet = await arrange(
      core,
      'print/preview-document',
      { kind: 'termination-refund-sheet', id },
      'arrange-clerk',
    )
    const text = pdfText(await takePreviewPdf(core.previews.dir, sheet.file), 'e2e-termination-heir-sheet')
    expect(text).toContain('Срок исковой давности (ст. 196, 200 ГК РФ) по 15.09.2028')
    expect(text).toContain('Дата прекращения договора 15.09.2025')
    expect(text).toContain(`Сумма к возврату: ${formatRubles(expected).replace(/\u00a0/g, ' ')}`)
    expect(text).toContain('п. 21 ст. 12 Закона № 40-ФЗ по аналогии')
  })

  test('a sale reported after the term has nothing to end; a death reported after the limitation period is not served', async ({
    page,
    core,
    clock,
  }) => {
    await policy2025(core, 'ХХХ 0000000772')
    await at(page, clock, '2028-09-19')
    await signIn(page, 'clerk')
    await openNewApplication(page, 'ХХХ 0000000772')
    await field(page, 'eventDate').fill('15.09.2025')
    await expect(page.getByTestId('refund-amount')).toHaveText('Возврат не положен')
    await expect(page.getByTestId('refund-reason')).toHaveText(
      'Заявление подано после истечения срока исковой давности (3 года с даты прекращения договора)',
    )
    await expect(page.getByTestId('refund-formula')).toContainText(
      'Договор прекратился 15.09.2025, но срок исковой давности (ст. 196, 200 ГК РФ) истёк 15.09.2028',
    )
    await snap(page, '72-termination-heir-limitation-expired', page.getByTestId('refund-reason'))

    await choose(page, 'f-ground', 'Смена собственника')
    await expect(page.getByTestId('refund-reason')).toHaveText(
      'Заявление подано после окончания срока страхования — часть премии не возвращается',
    )
  })
})
