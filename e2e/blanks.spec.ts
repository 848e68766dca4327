import { ADMIN, arrange, expect, signIn, snap, test } from './harness/fixtures'

test.describe('policy blanks (BSO)', () => {
  test.use({ seeded: true })

  test('the admin receives a range, sees the stock report and spoils a blank with a reason', async ({ page }) => {
    await signIn(page, 'admin')
    await page.getByTestId('nav-blanks').click()
    await expect(page.getByTestId('blanks')).toBeVisible()
    await expect(page.getByTestId('stock-empty')).toBeVisible()
    await expect(page.getByTestId('stock-received')).toContainText('0')
    await snap(page, '20-blanks-empty')

    // The series typed on the English layout becomes Cyrillic; a backwards range is refused at the field.
    await page.getByTestId('blanks-receive').click()
    const dialog = page.getByTestId('receive-dialog')
    await dialog.getByLabel('Серия').fill('xxx')
    await dialog.getByLabel('Номер с').fill('0000000001')
    await expect(dialog.getByLabel('Серия')).toHaveValue('ХХХ')
    await dialog.getByLabel('Номер по').fill('000 000 0000')
    await dialog.getByLabel('Номер по').press('Control+Enter') // Enter moves between the range's fields; Ctrl+Enter receives it
    await expect(dialog.getByText('Номер «по» не может быть меньше номера «с»')).toBeVisible()
    await snap(page, '21-blanks-receive-errors')
    await dialog.getByLabel('Номер по').fill('0000000010')
    await dialog.getByLabel('Номер по').press('Control+Enter')
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId('blanks-notice')).toHaveText(
      'Принято бланков: 10 (серия ХХХ, № 0000000001 – 0000000010)',
    )
    await expect(page.getByTestId('stock-received')).toContainText('10')
    await expect(page.getByTestId('stock-onHand')).toContainText('10')
    await expect(page.getByTestId('stock-by-series')).toContainText('ХХХ')

    // An overlapping range is refused, naming the first blank already received.
    await page.getByTestId('blanks-receive').click()
    await dialog.getByLabel('Серия').fill('ХХХ')
    await dialog.getByLabel('Номер с').fill('0000000005')
    await dialog.getByLabel('Номер по').fill('0000000020')
    await dialog.getByTestId('receive-save').click()
    await expect(dialog.getByTestId('receive-error')).toContainText('Бланк ХХХ 0000000005 уже принят')
    await expect(dialog.getByText('Диапазон пересекается с принятыми ранее бланками', { exact: true })).toHaveCount(2)
    await snap(page, '22-blanks-receive-overlap')
    await dialog.getByRole('button', { name: 'Отмена' }).click()
    await expect(page.getByTestId('stock-received')).toContainText('10')

    // Spoil a blank damaged in stock: the reason is required, then the blank is on record as spoiled.
    await page.getByTestId('spoil-ХХХ-0000000003').click()
    const spoil = page.getByTestId('spoil-dialog')
    await expect(spoil).toContainText('ХХХ 0000000003')
    await spoil.getByLabel('Причина порчи').press('Enter')
    await expect(spoil.getByText('Обязательное поле')).toBeVisible()
    await snap(page, '23-blanks-spoil-dialog')
    await spoil.getByLabel('Причина порчи').fill('Замят при печати')
    await spoil.getByLabel('Причина порчи').press('Enter')
    await expect(spoil).toHaveCount(0)
    await expect(page.getByTestId('blanks-notice')).toHaveText('Бланк ХХХ 0000000003 отмечен испорченным')
    await expect(page.getByTestId('stock-spoiled')).toContainText('1')
    await expect(page.getByTestId('stock-onHand')).toContainText('9')
    const row = page.getByTestId('blanks-table').getByRole('row', { name: /0000000003/ })
    await expect(row).toContainText('Испорчен')
    await expect(row).toContainText(`Замят при печати`)
    await expect(row).toContainText(ADMIN.fullName)
    await expect(page.getByTestId('spoil-ХХХ-0000000003')).toHaveCount(0)
    await snap(page, '24-blanks-stock-admin')

    // The list filters by status.
    await page.getByTestId('filter-status').click()
    await page.getByRole('option', { name: 'Испорчен' }).click()
    await expect(page.getByTestId('blanks-table').locator('tbody tr')).toHaveCount(1)
    await expect(page.getByTestId('blanks-table')).toContainText('0000000003')
  })

  test('a clerk sees the stock but cannot receive or spoil: the screen hides it and the core refuses', async ({
    page,
    core,
  }) => {
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password })
    await arrange(core, 'blanks/receive-range', { series: 'ААА', fromNumber: '0123456780', toNumber: '0123456784' })
    await arrange(core, 'blanks/receive-range', { series: 'ВВВ', fromNumber: '0000000001', toNumber: '0000000002' })

    await signIn(page, 'clerk')
    await page.getByTestId('nav-blanks').click()
    await expect(page.getByTestId('stock-received')).toContainText('7')
    await expect(page.getByTestId('stock-onHand')).toContainText('7')
    await expect(page.getByTestId('stock-by-series')).toContainText('ВВВ')
    await expect(page.getByTestId('blanks-table')).toContainText('0123456784')
    await expect(page.getByTestId('blanks-receive')).toHaveCount(0)
    await expect(page.locator('[data-testid^="spoil-"]')).toHaveCount(0)
    await snap(page, '25-blanks-stock-clerk')

    const refused = await page.evaluate(() =>
      Promise.all([
        window.branchDesk.invoke('blanks/receive-range', {
          series: 'ССС',
          fromNumber: '0000000001',
          toNumber: '0000000005',
        }),
        window.branchDesk.invoke('blanks/spoil-blank', {
          blankId: '01900000-0000-7000-8000-000000000000',
          reason: 'Порван',
        }),
      ]),
    )
    for (const r of refused)
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Недостаточно прав для этой операции' },
      })
    const stock = await page.evaluate(() => window.branchDesk.invoke('blanks/get-stock', undefined))
    expect(stock).toMatchObject({ ok: true, value: { totals: { received: 7, onHand: 7 } } })
  })
})
