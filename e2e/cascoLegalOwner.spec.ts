import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { SCREENS_DIR, expect, signIn, snap, test } from './harness/fixtures'

/**
 * A CASCO quote for a car an organisation owns: the clerk picks a legal-entity owner in the owner section the CASCO
 * form shares with OSAGO, fills the organisation, and the quote autosaves, prices for a legal owner and opens again
 * with the organisation as typed. Before CASCO's legal owner was the shared party organisation, every autosave of
 * such a quote was refused by the draft schema.
 */
const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

async function fill(page: Page, path: string, value: string) {
  await field(page, path).fill(value)
}

/** Autocompletes: type, then take the first match. */
async function choose(page: Page, testId: string, text: string) {
  const input = page.getByTestId(testId).locator('input').first()
  await input.click()
  await input.fill(text)
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

/**
 * Selects: open, then pick the item with this text, until the field shows it. In CI a pick was once lost and left
 * the menu open over the fields below (the next click waited 150 s behind it); its screenshot showed the field still
 * empty. Whatever dropped that click, the test goes on only with the item chosen.
 */
async function pick(page: Page, testId: string, text: string) {
  const select = page.getByTestId(testId)
  const item = page.getByRole('option').filter({ hasText: text }).first()
  await expect(async () => {
    if (!(await item.isVisible())) await select.click()
    await item.click({ timeout: 5000 })
    await expect(select).toContainText(text, { timeout: 2000 })
  }).toPass({ timeout: 30_000 })
}

/** What pricing needs and the insured (a citizen who insures the organisation's car). */
async function fillVehicleAndInsured(page: Page) {
  await choose(page, 'f-vehicle.make', 'Kia')
  await choose(page, 'f-vehicle.model', 'Rio')
  await fill(page, 'vehicle.year', '2021')
  await fill(page, 'vehicle.power', '123')
  await fill(page, 'vehicle.vin', 'Z94C251ABMR123456')
  await fill(page, 'vehicle.mileageKm', '48250')
  await fill(page, 'vehicle.marketValueKopecks', '1 600 000')
  await fill(page, 'sumInsuredKopecks', '1 500 000')
  await fill(page, 'insured.surname', 'Смирнов')
  await fill(page, 'insured.name', 'Алексей')
  await fill(page, 'insured.birthDate', '12.04.1990')
  await page.getByTestId('f-insured.gender').getByLabel('Мужской').check()
  await choose(page, 'f-insured.address.region', 'Москва')
  await page.getByTestId('copy-insured-0').click()
  await fill(page, 'drivers.list.0.licenseSince', '10.05.2010')
}

test.describe('CASCO: an organisation owns the car', () => {
  test.use({ seeded: true })

  test('the clerk picks a legal-entity owner, fills it; the quote autosaves, prices for a legal owner and reopens', async ({
    page,
    core,
  }) => {
    test.setTimeout(150_000)
    await page.setViewportSize({ width: 1366, height: 768 })
    await signIn(page, 'clerk')
    await page.getByTestId('nav-casco').click()
    await page.getByTestId('casco-new').click()
    await expect(page.getByTestId('casco-form')).toBeVisible()
    await fillVehicleAndInsured(page)

    await page.getByTestId('f-ownerIsInsured').getByRole('checkbox').uncheck()
    await page.getByTestId('f-owner.type').getByLabel('Юридическое лицо').check()
    await pick(page, 'f-owner.entity.form', 'ООО — общество с ограниченной ответственностью')
    await fill(page, 'owner.entity.fullName', 'Общество с ограниченной ответственностью «Вектор»')
    await fill(page, 'owner.entity.shortName', 'ООО «Вектор»')
    // The INN's check digit is checked at the field, as on the OSAGO form.
    await fill(page, 'owner.entity.inn', '7707083894')
    await field(page, 'owner.entity.inn').blur()
    await expect(page.getByTestId('f-owner.entity.inn')).toContainText('не сходится контрольная цифра')
    await fill(page, 'owner.entity.inn', '7707083893')
    await fill(page, 'owner.entity.kpp', '781001001')
    await fill(page, 'owner.entity.ogrn', '1027700132195')
    await field(page, 'owner.entity.ogrn').blur()
    await expect(page.getByTestId('f-owner.entity.inn')).not.toContainText('контрольная цифра')
    // The owner's region sets the CASCO region factor: the organisation's address, not the insured's.
    await choose(page, 'f-owner.entity.address.region', 'Санкт-Петербург')
    await field(page, 'owner.entity.address.street').fill('Невский пр.')
    await fill(page, 'owner.entity.address.house', '28')

    const status = page.getByTestId('autosave-status')
    await expect(status).toContainText('Черновик сохранён')
    await expect(status).not.toContainText('Не удалось')
    for (const i of [0, 1, 2]) await expect(page.getByTestId(`option-premium-${i}`)).toContainText('₽')
    await snap(page, 'casco-legal-owner')
    // What the clerk sees on a 1366×768 screen with the organisation filled in (the full page is long).
    await field(page, 'owner.entity.inn').evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await page.waitForTimeout(150)
    await page.screenshot({ path: join(SCREENS_DIR, 'casco-legal-owner-1366.png') })

    await page.getByTestId('casco-calculate').click()
    await expect(page.getByTestId('casco-status')).toHaveText('Рассчитан')
    const quoteId = /#\/casco\/([0-9a-f-]+)/.exec(page.url())![1]!
    const row = (await core.db('casco_document').where({ id: quoteId }).first()) as {
      draft: string
      quote_input: string
    }
    expect(JSON.parse(row.draft).owner).toEqual({
      type: 'legal',
      entity: {
        form: 'ooo',
        fullName: 'Общество с ограниченной ответственностью «Вектор»',
        shortName: 'ООО «Вектор»',
        inn: '7707083893',
        kpp: '781001001',
        ogrn: '1027700132195',
        address: { region: 'Санкт-Петербург', city: '', street: 'Невский пр.', house: '28', flat: '' },
        phone: '',
        email: '',
      },
    })
    expect(JSON.parse(row.quote_input).owner).toEqual({ type: 'legal', region: 'Санкт-Петербург', city: null })

    // Opened again from the list, the organisation is there as typed.
    await page.getByTestId('nav-casco').click()
    await page.getByText('Смирнов').first().click()
    await expect(page.getByTestId('casco-form')).toBeVisible()
    await expect(page.getByTestId('f-owner.type').getByLabel('Юридическое лицо')).toBeChecked()
    await expect(field(page, 'owner.entity.fullName')).toHaveValue('Общество с ограниченной ответственностью «Вектор»')
    await expect(field(page, 'owner.entity.kpp')).toHaveValue('781001001')
  })
})
