import type { Page } from '@playwright/test'
import { quotedCase } from '../core/casco/testing/cascoCase'
import { completeReport } from '../shared/inspection/testing/completeReport'
import { issuedOsagoPolicy } from './harness/arrangeOsago'
import { ADMIN, arrange, expect, passwordOf, signIn, snap, switchUser, test } from './harness/fixtures'

/**
 * The global search as a clerk meets it at the counter: Ctrl+K from any screen, a surname, a plate typed in lower
 * case, a piece of a VIN; arrows and Enter open the record. An inspector searching the same words finds only what an
 * inspector may open: the inspection, never the OSAGO policy.
 */
test.use({ seeded: true })

test.use({ viewport: { width: 1366, height: 768 } })

const palette = (page: Page) => page.getByRole('dialog', { name: 'Поиск по всем записям' })
const field = (page: Page) => palette(page).getByRole('combobox')
const group = (page: Page, name: string) => palette(page).getByRole('group', { name })

async function search(page: Page, text: string) {
  await field(page).fill(text)
}

test('Ctrl+K finds a policy and a CASCO case by surname, plate and VIN; an inspector sees no OSAGO', async ({
  page,
  core,
}) => {
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
    'arrange-admin',
  )
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  // OSAGO: Смирнов, Lada Vesta XTAGFK330RY123456, no plate yet. CASCO: Смирнов, Z94C251ABMR123456, А123ВС777.
  const policy = await issuedOsagoPolicy(core, 'arrange-clerk')
  const quote = await quotedCase(core, 'arrange-clerk')
  await arrange(core, 'session/sign-in', { login: 'inspector', password: passwordOf('inspector') }, 'arrange-insp')
  // The inspector's report of the same car (its VIN and plate are the report's own, as typed at the inspection).
  const created = await arrange(core, 'inspection/create', { quoteId: quote.id }, 'arrange-insp')
  const inspection = await arrange(
    core,
    'inspection/save-report',
    { id: created.id, rowVersion: created.rowVersion, report: completeReport() },
    'arrange-insp',
  )

  await signIn(page, 'clerk')
  await page.getByTestId('nav-osago').click()
  await expect(page.getByTestId('osago-list')).toBeVisible()
  await page.keyboard.press('Control+K')
  await expect(field(page)).toBeFocused()
  await expect(palette(page).getByText('Начните вводить — результаты появятся сразу')).toBeVisible()

  // Part of a surname: the policy and the CASCO case, each under its kind, with the status as its list shows it.
  await search(page, 'Смир')
  await expect(group(page, 'ОСАГО').getByRole('option')).toHaveCount(1)
  await expect(group(page, 'ОСАГО').getByRole('option').first()).toContainText('Оформлен')
  await expect(group(page, 'КАСКО').getByRole('option').first()).toContainText('Рассчитан')
  await expect(group(page, 'Осмотры')).toHaveCount(0) // a clerk does not read inspections
  await snap(page, 'global-search-surname')

  // ↓ walks from the policy to the CASCO case; Enter opens it.
  await expect(field(page)).toHaveAttribute('aria-activedescendant', /option-0$/)
  await field(page).press('ArrowDown')
  await expect(group(page, 'КАСКО').getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await field(page).press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/casco/${quote.id}$`))
  await expect(page.getByTestId('casco-form')).toBeVisible()
  await expect(palette(page)).toBeHidden()

  // A plate typed in lower case, from the CASCO screen.
  await page.keyboard.press('Control+K')
  await search(page, 'а123вс')
  await expect(group(page, 'КАСКО').getByRole('option').first()).toContainText('А 123 ВС 777')
  await expect(group(page, 'ОСАГО')).toHaveCount(0)
  await snap(page, 'global-search-plate')

  // A piece of a VIN: only the policy; Enter opens it.
  await search(page, 'gfk330')
  await expect(group(page, 'ОСАГО').getByRole('option')).toHaveCount(1)
  await expect(group(page, 'КАСКО')).toHaveCount(0)
  await field(page).press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/osago/${policy.id}$`))
  await expect(page.getByTestId('policy-status')).toHaveText('Оформлен')

  // The client by surname: the card the issued policy made (one hit per person); it lists the policy, which opens.
  await page.keyboard.press('Control+K')
  await search(page, 'Смирнов')
  const client = group(page, 'Клиенты').getByRole('option')
  await expect(client).toHaveCount(1)
  await expect(client.first()).toContainText('Смирнов Алексей Игоревич')
  await client.first().click()
  await expect(page).toHaveURL(/#\/clients\/[0-9a-f-]+$/)
  await expect(page.getByTestId('client-name')).toHaveText('Смирнов Алексей Игоревич')
  await expect(page.getByTestId(`client-record-${policy.id}`)).toContainText('Оформлен')
  await expect(page.getByTestId('client-new-osago')).toBeVisible()
  await snap(page, 'client-card')
  await page.getByTestId(`client-record-${policy.id}`).click()
  await expect(page).toHaveURL(new RegExp(`#/osago/${policy.id}$`))
  // A new application from the card: a new OSAGO draft with the client as its insured.
  await page.goBack()
  await page.getByTestId('client-new-osago').click()
  await expect(page).not.toHaveURL(new RegExp(`#/osago/${policy.id}$`))
  await expect(page).toHaveURL(/#\/osago\/[0-9a-f-]+$/)
  await expect(page.getByTestId('f-insured.surname').locator('input').first()).toHaveValue('Смирнов')
  await expect(page.getByTestId('f-insured.passport.number').locator('input').first()).toHaveValue('123456')

  // Nothing found says so; Esc closes and gives focus back to the button that opened it.
  await page.getByTestId('search-open').click()
  await search(page, 'ЯЯЯЯЯЯ')
  await expect(palette(page).getByText('Ничего не найдено')).toBeVisible()
  await expect(palette(page).getByText('↑ ↓ — выбор · Enter — открыть · Esc — закрыть')).toBeVisible()
  await snap(page, 'global-search-nothing')
  await page.keyboard.press('Escape')
  await expect(palette(page)).toBeHidden()
  await expect(page.getByTestId('search-open')).toBeFocused()

  // The inspector: the same words find the inspection only; the OSAGO policy and the CASCO case are not theirs.
  await switchUser(page, 'inspector')
  await page.keyboard.press('Control+K')
  await search(page, 'Смир')
  const answered = palette(page).getByRole('option').or(palette(page).getByText('Ничего не найдено'))
  await expect(answered.first()).toBeVisible()
  await expect(group(page, 'ОСАГО')).toHaveCount(0)
  await expect(group(page, 'КАСКО')).toHaveCount(0)
  await search(page, 'GFK330')
  await expect(palette(page).getByText('Ничего не найдено')).toBeVisible()
  await search(page, 'z94c251')
  await expect(group(page, 'Осмотры').getByRole('option')).toHaveCount(1)
  await expect(group(page, 'КАСКО')).toHaveCount(0)
  await snap(page, 'global-search-inspector')
  await field(page).press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/inspections/${inspection.id}$`))
})
