import { AtolWebSimulator } from '../core/fiscal/testing/atolWebSimulator'
import { expect, signIn, snap, test } from './harness/fixtures'

/** The admin connects this computer's ATOL register (its web server: the named simulator) and checks it. */
test.use({ seeded: true })

test('the admin sets the ATOL register, checks its shift and saves it', async ({ page, core }) => {
  const sim = new AtolWebSimulator({ pollsBeforeReady: 1 })
  const url = await sim.start()
  try {
    await signIn(page, 'admin')
    await page.getByTestId('nav-settings').click()
    const card = page.getByTestId('fiscal-settings')
    await expect(card).toContainText('Касса (54-ФЗ)')
    await expect(card).toContainText('Не подключена — номер чека вводится вручную')
    await expect(card.getByTestId('fiscal-url')).toHaveCount(0)

    await card.getByTestId('fiscal-driver').click()
    await page.getByRole('option', { name: 'АТОЛ через веб-сервер «Драйвера ККТ» (версия 10)' }).click()
    const address = card.getByTestId('fiscal-url').locator('input')
    await expect(address).toHaveValue('http://127.0.0.1:16732')

    // A wrong address is refused at the field before anything is asked.
    await address.fill('ftp://127.0.0.1')
    await card.getByTestId('fiscal-check').click()
    await expect(card.getByTestId('fiscal-url')).toContainText('Адрес веб-сервера кассы вида http://127.0.0.1:16732')

    await address.fill(url)
    await card.getByTestId('fiscal-check').click()
    await expect(card.getByTestId('fiscal-check-result')).toHaveText(
      'Касса на связи. Смена закрыта — откроется с первым чеком.',
    )
    await card.getByTestId('fiscal-save').click()
    await expect(card.getByTestId('fiscal-saved')).toBeVisible()
    await page.mouse.move(1200, 700) // the save button's tooltip off the picture
    await snap(page, 'fiscal-01-register-checked-and-saved', card)

    // The register switched off: the check says what to look at.
    await sim.stop()
    await card.getByTestId('fiscal-check').click()
    await expect(card.getByTestId('fiscal-check-result')).toContainText(
      `Нет связи с веб-сервером кассы по адресу ${url}`,
    )
    await snap(page, 'fiscal-02-register-unreachable', card)
    expect(await core.db('fiscal_setting').select('value')).toEqual([
      { value: JSON.stringify({ driver: 'atol-web', url, timeoutSeconds: 30 }) },
    ])
  } finally {
    await sim.stop()
  }
})
