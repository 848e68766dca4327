import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore, type Core } from '../core/app/createCore'
import { applyFactors, fraction } from '../shared/money/exact'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import { formatRubles } from '../shared/money/format'
import type { ApplicationDetailsInput, ManualContractInput } from '../shared/termination/application'
import { E2E_BASE_URL } from '../playwright.config'
import {
  ADMIN,
  RESOURCES_DIR,
  arrange,
  test as base,
  expect,
  passwordOf,
  seedBranch,
  signIn,
  snap,
} from './harness/fixtures'

/**
 * Termination and refund applications at the counter (issue 5). The branch's clock is a manual one, set per test,
 * and the page's clock follows it, so dates of receipt, windows and deadlines are the ones each case is about.
 */
const test = base.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock(new Date('2026-01-15T07:00:00Z'))),
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
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ')

/** Both clocks to 10:00 Moscow time on `date`. */
async function at(page: Page, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
}

async function signInAs(core: Core, login: string): Promise<string> {
  const client = `arrange-${login}`
  await arrange(
    core,
    'session/sign-in',
    { login, password: login === 'admin' ? ADMIN.password : passwordOf(login) },
    client,
  )
  return client
}

let contractNo = 0
async function manualContract(core: Core, over: Partial<ManualContractInput> = {}) {
  contractNo += 1
  return arrange(
    core,
    'termination/enter-contract',
    {
      contract: {
        product: 'osago',
        number: `ХХХ 00000000${String(contractNo).padStart(2, '0')}`,
        concludedAt: 'Агент Сидоров С. И.',
        policyholderType: 'individual',
        policyholderName: 'Орлова Ирина Сергеевна',
        plate: 'В456ОР199',
        vin: 'XTA21700080123456',
        conclusionDate: '2024-12-20',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        premiumKopecks: 1_200_000,
        periodsOfUse: [],
        ...over,
      },
    },
    await signInAs(core, 'clerk'),
  )
}

function details(over: Partial<ApplicationDetailsInput> = {}): ApplicationDetailsInput {
  return {
    kind: 'osago-early-termination',
    ground: 'owner-change',
    eventDate: null,
    cascoChoice: null,
    insuredEventOccurred: false,
    applicant: {
      fullName: 'Орлова Ирина Сергеевна',
      passport: '4519 123456',
      phone: '+7 916 123-45-67',
      address: null,
    },
    representative: null,
    payout: { method: 'cash' },
    ...over,
  }
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.getByRole('option').filter({ hasText: option }).first().click()
}

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

async function tickAll(page: Page, except: string[] = []): Promise<void> {
  const boxes = page.getByTestId('term-documents').locator('[data-testid^="doc-"]')
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i)
    const id = (await box.getAttribute('data-testid'))!.slice(4)
    if (except.includes(id)) continue
    await box.locator('input').check()
    await expect(box.locator('input')).toBeChecked()
  }
}

/** Text of each page of a PDF, read back with poppler's pdftotext (pages end with a form feed). */
function pdfPages(pdf: Buffer, name: string): string[] {
  mkdirSync(PDF_DIR, { recursive: true })
  const path = join(PDF_DIR, `${name}.pdf`)
  writeFileSync(path, pdf)
  execFileSync('pdftoppm', ['-png', '-r', '60', path, join(PDF_DIR, name)])
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((p) => nbsp(p).replace(/\s+/g, ' '))
    .filter((p) => p.trim())
}

test.describe('terminations and refunds at the counter', () => {
  test.beforeEach(async ({ core }) => {
    await seedBranch(core)
  })

  test('sale of a car: the OSAGO policy is found, the refund shown with its formula, the policy ends and the refund is paid', async ({
    page,
    core,
    clock,
  }) => {
    // The policy was sold here on 15.01.2026 (cover from 16.01.2026 for a year).
    const admin = await signInAs(core, 'admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
      admin,
    )
    const clerk = await signInAs(core, 'clerk')
    const p = await arrange(core, 'osago/create-draft', undefined, clerk)
    const draft = completeDraft('2026-01-15')
    draft.vehicle.plate = 'А123ВС777'
    const saved = await arrange(core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, clerk)
    const calc = await arrange(core, 'osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, clerk)
    const premium = calc.calculation!.premiumKopecks
    await arrange(
      core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calc.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: premium },
      },
      clerk,
    )

    // Three months later the client has sold the car.
    await at(page, clock, '2026-04-15')
    await signIn(page, 'clerk')
    await page.getByTestId('nav-terminations').click()
    await expect(page.getByTestId('term-list')).toBeVisible()
    await page.getByTestId('term-new-button').click()
    await page.getByTestId('term-contract-search').locator('input').fill('а123вс777')
    await expect(page.getByTestId('term-contract-result')).toHaveCount(1)
    await expect(page.getByTestId('term-contract-result')).toContainText('ААК 0012345670')
    await snap(page, '60-termination-contract-found')
    await page.getByTestId('term-contract-choose').click()

    await choose(page, 'f-ground', 'Смена собственника')
    await expect(field(page, 'applicant.fullName')).toHaveValue('Смирнов Алексей Игоревич')
    await field(page, 'applicant.passport').fill('4519 123456')
    await field(page, 'applicant.phone').fill('8 916 123-45-67')
    const unexpired = 275 // 16.04.2026–15.01.2027
    const expected = applyFactors(premium, ['0.77', fraction(unexpired, 365)])
    await expect(page.getByTestId('refund-amount')).toHaveText(formatRubles(expected))
    await expect(page.getByTestId('refund-formula')).toContainText(`× 0,77 × ${unexpired} ÷ 365`)
    await expect(page.getByTestId('refund-formula')).toContainText('Правила расчёта: версия 2023-01-30.2')
    await expect(page.getByTestId('checklist-saleContract')).toBeVisible()
    await snap(page, '61-termination-form-with-refund', page.getByTestId('refund-formula'))

    await page.getByTestId('term-register').click()
    await expect(page.getByTestId('term-incoming-number')).toHaveText('MSK-01-2026-00001')
    await expect(page.getByTestId('term-status')).toHaveText('Принято')
    await expect(page.getByTestId('term-due')).toContainText('29.04.2026')
    await tickAll(page)
    await page.getByTestId('term-complete').click()
    await expect(page.getByTestId('term-status')).toHaveText('Рассчитано')
    await expect(page.getByTestId('term-notice')).toContainText('договор прекращён 15.04.2026')
    await expect(page.getByTestId('refund-amount')).toHaveText(formatRubles(expected))
    await snap(page, '62-termination-calculated')
    expect(await core.db('osago_policy').where({ id: p.id }).first()).toMatchObject({ terminated_on: '2026-04-15' })

    await page.getByTestId('term-pay').click()
    await page.getByTestId('pay-document').locator('input').fill('РКО № 17')
    await page.getByTestId('pay-submit').click()
    await expect(page.getByTestId('term-status')).toHaveText('Выплачено')
    await expect(page.getByTestId('term-paid')).toContainText(
      `${formatRubles(expected)} (неустойка 0,00 ₽), документ РКО № 17`,
    )
    await snap(page, '63-termination-paid', page.getByTestId('term-paid'))
  })

  test('cooling-off on a 14th day that falls on a holiday: concluded 25.12.2025, refused on 12.01.2026', async ({
    page,
    clock,
  }) => {
    await at(page, clock, '2026-01-12')
    await signIn(page, 'clerk')
    await page.getByTestId('nav-terminations').click()
    await page.getByTestId('term-new-button').click()
    await page.getByTestId('term-contract-search').locator('input').fill('КАСКО-2025')
    await expect(page.getByTestId('term-contract-none')).toBeVisible()
    await page.getByTestId('term-enter-contract').click()
    await choose(page, 'f-product', 'КАСКО')
    await field(page, 'number').fill('КАСКО-2025-0417')
    await field(page, 'policyholderName').fill('Белова Анна Сергеевна')
    await field(page, 'concludedAt').fill('Офис «Лефортово»')
    await field(page, 'plate').fill('к777ор77')
    await field(page, 'conclusionDate').fill('25.12.2025')
    await field(page, 'startDate').fill('01.01.2026')
    await field(page, 'endDate').fill('31.12.2026')
    await page.getByTestId('f-premium').locator('input').fill('84 000')
    await snap(page, '64-termination-contract-by-hand')
    await page.getByTestId('manual-contract-save').click()
    await expect(page.getByTestId('contract-source')).toHaveText('Внесён вручную')

    await choose(page, 'f-kind', '«период охлаждения»')
    await field(page, 'applicant.passport').fill('4510 654321')
    await field(page, 'applicant.phone').fill('+7 903 555-44-33')
    const expected = applyFactors(8_400_000, [fraction(353, 365)]) // 12 days in force of 365
    await expect(page.getByTestId('refund-amount')).toHaveText(formatRubles(expected))
    await expect(page.getByTestId('refund-formula')).toContainText(
      '14-й день 08.01.2026 — нерабочий, последний день переносится на 12.01.2026',
    )
    await expect(page.getByTestId('refund-formula')).toContainText('10 рабочих дней по производственному календарю')
    await snap(page, '65-termination-cooling-off-holiday', page.getByTestId('refund-formula'))
    await page.getByTestId('term-register').click()
    await expect(page.getByTestId('term-incoming-number')).toHaveText('MSK-01-2026-00001')
    await tickAll(page)
    await page.getByTestId('term-complete').click()
    await expect(page.getByTestId('term-status')).toHaveText('Рассчитано')
    await expect(page.getByTestId('term-due')).toContainText('26.01.2026')
    await expect(page.getByTestId('refund-amount')).toHaveText(formatRubles(expected))
  })

  test('a missing sale contract blocks completion', async ({ page, core, clock }) => {
    await at(page, clock, '2025-03-31')
    const c = await manualContract(core)
    const a = await arrange(
      core,
      'termination/register-application',
      { contract: { source: 'manual', id: c.id }, details: details() },
      'arrange-clerk',
    )
    await signIn(page, 'clerk')
    await expect(page.getByTestId('home')).toBeVisible()
    await page.goto(`/#/terminations/${a.id}`)
    await expect(page.getByTestId('term-incoming-number')).toHaveText('MSK-01-2025-00001')
    await tickAll(page, ['saleContract'])
    await page.getByTestId('term-complete').click()
    await expect(page.getByTestId('term-error')).toContainText(
      'Не отмечены обязательные документы: Договор купли-продажи (дарения) автомобиля или новое СТС',
    )
    await expect(page.getByTestId('term-status')).toHaveText('Принято')
    await snap(page, '66-termination-sale-contract-missing', page.getByTestId('term-error'))
    expect(await core.db('manual_contract').where({ id: c.id }).first()).toMatchObject({ terminated_on: null })

    await page.getByTestId('doc-saleContract').locator('input').check()
    await page.getByTestId('term-complete').click()
    await expect(page.getByTestId('term-status')).toHaveText('Рассчитано')
  })

  test('a representative without a notarised power of attorney is stopped', async ({ page, core, clock }) => {
    await at(page, clock, '2025-03-31')
    const c = await manualContract(core)
    await signIn(page, 'clerk')
    await expect(page.getByTestId('home')).toBeVisible()
    await page.goto('/#/terminations/new')
    await page.getByTestId('term-contract-search').locator('input').fill(c.number)
    await page.getByTestId('term-contract-choose').click()
    await choose(page, 'f-ground', 'Смена собственника')
    await field(page, 'applicant.passport').fill('4519 123456')
    await field(page, 'applicant.phone').fill('8 916 123-45-67')
    await page.getByTestId('f-byRepresentative').locator('input').check()
    await field(page, 'representative.fullName').fill('Кузнецов Олег Ильич')
    await page.getByTestId('term-register').click()
    // No power of attorney, no application: the form says what is missing and nothing is registered.
    await expect(page.getByTestId('term-form-error')).toHaveText('Проверьте отмеченные поля')
    await expect(page.getByTestId('f-representative.powerOfAttorney.number')).toContainText('Обязательное поле')
    await expect(page.getByTestId('f-representative.powerOfAttorney.notary')).toContainText('Обязательное поле')
    await expect(page.getByTestId('checklist-notarisedPowerOfAttorney')).toBeVisible()
    await snap(
      page,
      '67-termination-representative-without-poa',
      page.getByTestId('f-representative.powerOfAttorney.number'),
    )
    expect(await core.db('termination_application')).toHaveLength(0)

    // With its details typed the application is received, but the original must be handed in before completion.
    await field(page, 'representative.powerOfAttorney.number').fill('77 АА 1234567')
    await field(page, 'representative.powerOfAttorney.date').fill('01.03.2025')
    await field(page, 'representative.powerOfAttorney.notary').fill('нотариус г. Москвы Белова А. А.')
    await page.getByTestId('term-register').click()
    await expect(page.getByTestId('term-representative')).toContainText(
      'Кузнецов Олег Ильич, доверенность № 77 АА 1234567 от 01.03.2025',
    )
    await tickAll(page, ['notarisedPowerOfAttorney'])
    await page.getByTestId('term-complete').click()
    await expect(page.getByTestId('term-error')).toContainText('Нотариально удостоверенная доверенность представителя')
    await expect(page.getByTestId('term-status')).toHaveText('Принято')
  })

  test('the printed application shows the incoming number on both copies', async ({ page, core, clock, printer }) => {
    await at(page, clock, '2025-03-31')
    const c = await manualContract(core)
    const a = await arrange(
      core,
      'termination/register-application',
      { contract: { source: 'manual', id: c.id }, details: details() },
      'arrange-clerk',
    )
    await signIn(page, 'clerk')
    await expect(page.getByTestId('home')).toBeVisible()
    await page.goto(`/#/terminations/${a.id}`)
    await page.getByTestId('print-open-termination-application').click()
    await expect(page.getByTestId('pdf-preview').locator('canvas').first()).toBeVisible()
    await snap(page, '68-termination-application-preview')
    await page.getByTestId('print-print').click()
    await expect(page.getByTestId('print-result')).toBeVisible()

    // What went to the printer: two copies, each with the incoming number and the date and time of receipt.
    expect(printer.jobs).toHaveLength(1)
    const pages = pdfPages(printer.jobs[0]!.pdf, 'e2e-termination-application')
    expect(pages).toHaveLength(2)
    expect(pages[0]).toContain('Экземпляр страховщика')
    expect(pages[1]).toContain('Экземпляр заявителя')
    for (const text of pages) {
      expect(text).toContain('Вх. № MSK-01-2025-00001')
      expect(text).toContain('от 31.03.2025 10:00')
    }
  })

  test('the dashboard lists overdue payouts, payouts due soon and cooling-off windows closing', async ({
    page,
    core,
    clock,
  }) => {
    await at(page, clock, '2025-03-31')
    const late = await manualContract(core, { policyholderName: 'Орлова Ирина Сергеевна' })
    const a = await arrange(
      core,
      'termination/register-application',
      { contract: { source: 'manual', id: late.id }, details: details() },
      'arrange-clerk',
    )
    const ticked = await arrange(
      core,
      'termination/set-documents',
      { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
      'arrange-clerk',
    )
    await arrange(
      core,
      'termination/complete-application',
      { id: a.id, rowVersion: ticked.rowVersion },
      'arrange-clerk',
    )
    await at(page, clock, '2025-04-03')
    const soon = await manualContract(core, { policyholderName: 'Гусев Павел Андреевич' })
    await arrange(
      core,
      'termination/register-application',
      {
        contract: { source: 'manual', id: soon.id },
        details: details({
          applicant: {
            fullName: 'Гусев Павел Андреевич',
            passport: '4511 222333',
            phone: '+7 926 000-11-22',
            address: null,
          },
        }),
      },
      'arrange-clerk',
    )
    // A CASCO concluded today: day 14 is Thursday 17.04.2025, a working day.
    await manualContract(core, {
      product: 'casco',
      number: 'КАСКО-2025-0500',
      policyholderName: 'Белова Анна Сергеевна',
      conclusionDate: '2025-04-03',
      startDate: '2025-04-04',
      endDate: '2026-04-03',
    })

    await at(page, clock, '2025-04-16')
    await signIn(page, 'clerk')
    const card = page.getByTestId('deadlines-card')
    await expect(card.getByTestId('deadlines-overdue')).toContainText('MSK-01-2025-00001 · Орлова Ирина Сергеевна')
    await expect(card.getByTestId('deadlines-overdue')).toContainText('просрочено на 2 дн.')
    await expect(card.getByTestId('deadlines-overdue')).toContainText(
      `неустойка ${formatRubles(applyFactors(696_164, ['0.01', 2]))}`,
    )
    await expect(card.getByTestId('deadlines-due-soon')).toContainText('MSK-01-2025-00002 · Гусев Павел Андреевич')
    await expect(card.getByTestId('deadlines-due-soon')).toContainText('до 17.04.2025 · осталось 1 дн.')
    await expect(card.getByTestId('deadlines-cooling-off')).toContainText('КАСКО-2025-0500 · Белова Анна Сергеевна')
    await expect(card.getByTestId('deadlines-cooling-off')).toContainText('отказ принимается по 17.04.2025')
    await snap(page, '69-termination-deadlines-dashboard', card)
    await card.getByText('КАСКО-2025-0500').click()
    await expect(page.getByTestId('term-contract-result')).toContainText('КАСКО-2025-0500')
  })
})
