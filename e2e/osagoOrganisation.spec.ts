import type { Page } from '@playwright/test'
import { ADMIN, arrange, expect, signIn, snap, test } from './harness/fixtures'

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

async function fill(page: Page, path: string, value: string) {
  await field(page, path).fill(value)
}

/** Autocomplete and combobox fields: type, then take the first match. */
async function choose(page: Page, testId: string, text: string) {
  const input = page.getByTestId(testId).locator('input').first()
  await input.click()
  await input.fill(text)
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

/** A select without typing: open it and take the option. */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click()
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

test.describe('OSAGO for an organisation (40-FZ art. 16)', () => {
  test.use({ seeded: true })
  test.beforeEach(async ({ core }) => {
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'blanks-admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345689' },
      'blanks-admin',
    )
  })

  test('an organisation insured and owner: the drivers list is switched off at the field, the policy covers any driver', async ({
    page,
  }) => {
    test.setTimeout(150_000)
    await signIn(page, 'clerk')
    await page.getByTestId('nav-osago').click()
    await page.getByTestId('osago-new').click()
    await expect(page.getByTestId('osago-form')).toBeVisible()

    // A new application starts for a citizen, with a named driver.
    await expect(page.getByTestId('driver-0')).toBeVisible()
    await expect(page.getByTestId('drivers-organisation')).toHaveCount(0)

    // The client first asked for a season: a period of use is set while the insured is still a citizen.
    await page.getByTestId('f-contract.wholeTerm').getByRole('checkbox').uncheck()
    await expect(field(page, 'contract.periodsOfUse.0.from')).toBeVisible()

    // The insured is an organisation that owns the car: the list is switched to "any driver" and locked.
    await page.getByTestId('f-insured.kind').getByLabel('Организация').check()
    const drivers = page.getByTestId('f-drivers.mode')
    await expect(page.getByTestId('drivers-organisation')).toContainText(
      'Собственник — организация: полис действует для любого водителя',
    )
    await expect(drivers.getByLabel('Без ограничений')).toBeChecked()
    await expect(drivers.getByLabel('Ограниченный список')).toBeDisabled()
    await expect(page.getByTestId('driver-0')).toHaveCount(0)

    await pick(page, 'f-insured.form', 'ООО — общество с ограниченной ответственностью')
    await fill(page, 'insured.fullName', 'Общество с ограниченной ответственностью «Вектор»')
    await fill(page, 'insured.shortName', 'ООО «Вектор»')
    // A mistyped INN is caught by its check digit at the field.
    await fill(page, 'insured.inn', '7707083894')
    await field(page, 'insured.inn').blur()
    await expect(page.getByTestId('f-insured.inn')).toContainText('не сходится контрольная цифра')
    await fill(page, 'insured.inn', '7707083893')
    await fill(page, 'insured.kpp', '773601001')
    await fill(page, 'insured.ogrn', '1027700132195')
    await field(page, 'insured.ogrn').blur()
    await expect(page.getByTestId('f-insured.inn')).not.toContainText('контрольная цифра')
    await choose(page, 'f-insured.address.region', 'Москва')
    await field(page, 'insured.address.street').fill('ул. Вавилова')
    await fill(page, 'insured.address.house', '19')

    await choose(page, 'f-vehicle.make', 'Лада')
    await choose(page, 'f-vehicle.model', 'Vesta')
    await fill(page, 'vehicle.year', '2024')
    await fill(page, 'vehicle.power', '106')
    await fill(page, 'vehicle.vin', 'XTAGFK330RY765432')
    await fill(page, 'vehicle.registrationDoc.series', '63 РВ')
    await fill(page, 'vehicle.registrationDoc.number', '654321')
    await fill(page, 'vehicle.registrationDoc.date', '01.11.2026')

    // Priced as a legal entity with any driver: KO 1,97 (the Russian decimal comma), no KVS.
    await expect(page.getByTestId('premium-total')).toContainText('₽')
    await expect(page.getByTestId('coef-ko')).toContainText('1,97')
    await snap(page, '60-osago-organisation-unlimited-forced', page.getByTestId('coef-ko'))

    // Periods of use are not sold to a legal entity (tariff data): the whole term, locked with the reason.
    await expect(page.getByTestId('periods-organisation')).toContainText('периоды использования не указываются')
    await expect(page.getByTestId('f-contract.wholeTerm').getByRole('checkbox')).toBeChecked()
    await expect(page.getByTestId('f-contract.wholeTerm').getByRole('checkbox')).toBeDisabled()

    await page.getByTestId('calculate').click()
    await expect(page.getByTestId('policy-status')).toHaveText('Рассчитан')
    await page.getByTestId('issue').click()
    await page.getByLabel('Номер чека').fill('ФД 777')
    await page.getByTestId('issue-submit').click()
    await expect(page.getByTestId('policy-status')).toHaveText('Оформлен')

    // The application names the organisation by its numbers.
    await page.getByTestId('print-open-osago-application').click()
    await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready')
    await expect(page.getByTestId('pdf-page-1')).toBeVisible()
    await snap(page, '62-osago-organisation-application')
  })
})
