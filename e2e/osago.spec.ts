import type { Page } from '@playwright/test'
import { ADMIN, arrange, expect, signIn, snap, test } from './harness/fixtures'
import { addDays, addMonths } from '../shared/dates/calendarDate'
import { formatDateRu } from '../shared/print/format'

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

async function fill(page: Page, path: string, value: string) {
  await field(page, path).fill(value)
}

/** Autocomplete and combobox fields: type, then take the first match with Enter. */
async function choose(page: Page, testId: string, text: string) {
  const input = page.getByTestId(testId).locator('input').first()
  await input.click()
  await input.fill(text)
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

async function newApplication(page: Page) {
  await signIn(page, 'clerk')
  await page.getByTestId('nav-osago').click()
  await page.getByTestId('osago-new').click()
  await expect(page.getByTestId('osago-form')).toBeVisible()
}

async function fillInsured(page: Page) {
  await fill(page, 'insured.surname', 'Смирнов')
  await fill(page, 'insured.name', 'Алексей')
  await fill(page, 'insured.patronymic', 'Игоревич')
  await fill(page, 'insured.birthDate', '12.04.1999')
  await page.getByTestId('f-insured.gender').getByLabel('Мужской').check()
  await fill(page, 'insured.passport.series', '4519')
  await fill(page, 'insured.passport.number', '123456')
  await fill(page, 'insured.passport.issueDate', '20.05.2019')
  await fill(page, 'insured.passport.departmentCode', '770-001')
  await fill(page, 'insured.passport.issuer', 'ГУ МВД России по г. Москве')
  await choose(page, 'f-insured.address.region', 'Москва')
  await field(page, 'insured.address.street').fill('ул. Тверская')
  await fill(page, 'insured.address.house', '12')
  await fill(page, 'insured.address.flat', '45')
  await fill(page, 'insured.phone', '8 916 123-45-67')
}

async function fillVehicle(page: Page, vin: string) {
  await choose(page, 'f-vehicle.make', 'Лада')
  await choose(page, 'f-vehicle.model', 'Vesta')
  await fill(page, 'vehicle.year', '2024')
  await fill(page, 'vehicle.power', '106')
  await fill(page, 'vehicle.vin', vin)
  await fill(page, 'vehicle.registrationDoc.series', '63 РВ')
  await fill(page, 'vehicle.registrationDoc.number', '123456')
  await fill(page, 'vehicle.registrationDoc.date', '01.11.2026')
}

async function fillDriver(
  page: Page,
  i: number,
  d: {
    surname: string
    name: string
    birth: string
    gender: string
    series: string
    number: string
    since?: string
    year?: string
  },
) {
  await fill(page, `drivers.list.${i}.surname`, d.surname)
  await fill(page, `drivers.list.${i}.name`, d.name)
  await fill(page, `drivers.list.${i}.birthDate`, d.birth)
  await page.getByTestId(`f-drivers.list.${i}.gender`).getByLabel(d.gender).check()
  await fill(page, `drivers.list.${i}.licence.series`, d.series)
  await fill(page, `drivers.list.${i}.licence.number`, d.number)
  if (d.year) {
    await page.getByTestId(`driver-${i}`).getByLabel('Известен только год').check()
    await page.getByTestId(`f-drivers.list.${i}.licenseYear`).locator('input').fill(d.year)
  } else {
    await fill(page, `drivers.list.${i}.licenseSince`, d.since!)
  }
}

test.describe('OSAGO at the counter', () => {
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

  test('a first-time client with two drivers: premium with breakdown, issue on a blank, preview the policy', async ({
    page,
  }) => {
    // The whole application is typed field by field, as the clerk does: longer than the default budget.
    test.setTimeout(150_000)
    await newApplication(page)
    await snap(page, '20-osago-empty-form')
    await fillInsured(page)
    await fillVehicle(page, 'XTAGFK330RY123456')
    await fillDriver(page, 0, {
      surname: 'Смирнов',
      name: 'Алексей',
      birth: '12.04.1999',
      gender: 'Мужской',
      series: '9921',
      number: '654321',
      since: '01.10.2025',
    })
    await page.getByTestId('add-driver').click()
    await expect(page.getByTestId('driver-1')).toBeVisible()
    await fillDriver(page, 1, {
      surname: 'Смирнова',
      name: 'Ольга',
      birth: '30.09.2003',
      gender: 'Женский',
      series: '9922',
      number: '111222',
      year: '2024',
    })

    // The breakdown beside the form updates as the clerk types.
    await expect(page.getByTestId('premium-total')).toContainText('₽')
    await expect(page.getByTestId('coef-kt')).toContainText('1,8')
    await expect(page.getByTestId('coef-kbm')).toContainText('1,17')
    await expect(page.getByTestId('coef-km')).toContainText('1,2')
    // The unconfirmed coefficients by their Russian short names (Moscow's KT is carried forward unconfirmed).
    await expect(page.getByTestId('premium-warnings')).toContainText('КТ')
    await expect(page.getByTestId('premium-warnings')).not.toContainText('KT')
    await snap(page, '21-osago-filled-with-breakdown', page.getByTestId('coef-kbm'))
    // No HQ on this computer: the KBM check (reached from the keyboard) says so, and the typed classes stay.
    await page.getByTestId('kbm-check-button').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('kbm-check-error')).toContainText('не подключён к центральному офису')
    await expect(page.getByTestId('kbm-line-driver-0')).toHaveAttribute('data-state', 'typed')

    await page.getByTestId('calculate').click()
    await expect(page.getByTestId('policy-status')).toHaveText('Рассчитан')
    const premium = (await page.getByTestId('premium-total').textContent())!
    await page.getByTestId('issue').click()
    await page.getByLabel('Номер чека').fill('ФД 123')
    await snap(page, '22-osago-issue-dialog')
    await page.getByTestId('issue-submit').click()
    await expect(page.getByTestId('policy-status')).toHaveText('Оформлен')
    await expect(page.getByTestId('policy-blank')).toHaveText('ААК 0012345670')
    expect(await page.getByTestId('premium-total').textContent()).toBe(premium)
    await expect(page.getByTestId('f-insured.surname').locator('input')).toHaveAttribute('readonly', '')
    await snap(page, '23-osago-issued')

    await page.getByTestId('print-open-osago-policy-archive').click()
    await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready')
    await expect(page.getByTestId('pdf-page-1')).toBeVisible()
    await snap(page, '24-osago-policy-preview')
  })

  test('a wrong VIN and a too-short period of use show their messages at the field', async ({ page }) => {
    await newApplication(page)
    await fill(page, 'vehicle.vin', 'XTAGFK330RY12345O')
    await field(page, 'vehicle.vin').blur()
    await expect(page.getByText('VIN не может содержать буквы I, O и Q')).toBeVisible()
    await fill(page, 'vehicle.vin', 'XTAGFK330')
    await field(page, 'vehicle.vin').blur()
    // The count the clerk typed is in the message (it was lost for errors the form itself found).
    await expect(page.getByTestId('f-vehicle.vin')).toContainText('В VIN 17 знаков, а введено 9.')
    await page.getByTestId('f-contract.wholeTerm').getByRole('checkbox').uncheck()
    // The field shows ДД.ММ.ГГГГ; the clerk types the period's dates the same way.
    const start = await field(page, 'contract.startDate').inputValue()
    await fill(page, 'contract.periodsOfUse.0.from', start)
    const [d, m, y] = start.split('.')
    // Two whole months (the day before D + 2 months): one day more would count as a third month.
    const to = addDays(addMonths(`${y}-${m}-${d}`, 2), -1)
    await fill(page, 'contract.periodsOfUse.0.to', formatDateRu(to))
    await field(page, 'contract.periodsOfUse.0.to').blur()
    await page.getByTestId('calculate').click()
    await expect(page.getByTestId('periods-error')).toContainText('не меньше 3 мес.')
    // The refusal lists the fields it names by their labels; a link takes the caret to its field.
    await expect(page.getByTestId('f-vehicle.vin')).toContainText('введено 9.')
    const link = page.getByTestId('field-error-link-vehicle.vin')
    await expect(link).toHaveText('Транспортное средство: VIN')
    await link.click()
    await expect(field(page, 'vehicle.vin')).toBeFocused()
    await snap(page, '25-osago-validation-messages')
  })

  test('reloading the page mid-form loses nothing', async ({ page }) => {
    await newApplication(page)
    await fill(page, 'insured.surname', 'Кузнецова')
    await fill(page, 'insured.name', 'Мария')
    await fill(page, 'vehicle.vin', 'XTAGFK330RY123456')
    await fill(page, 'drivers.list.0.surname', 'Кузнецова')
    await expect(page.getByTestId('autosave-status')).toContainText('Черновик сохранён')
    await page.reload()
    await expect(page.getByTestId('osago-form')).toBeVisible()
    await expect(field(page, 'insured.surname')).toHaveValue('Кузнецова')
    await expect(field(page, 'insured.name')).toHaveValue('Мария')
    await expect(field(page, 'vehicle.vin')).toHaveValue('XTAGFK330RY123456')
    await expect(field(page, 'drivers.list.0.surname')).toHaveValue('Кузнецова')
    // And the list finds the draft by surname.
    await page.getByTestId('nav-osago').click()
    await page.getByTestId('osago-search').locator('input').fill('кузнецова')
    await expect(page.getByTestId('osago-table')).toContainText('Кузнецова Мария')
    await snap(page, '26-osago-list')
  })
})
