import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { issuedOsagoPolicy } from './harness/arrangeOsago'
import { ADMIN, PRINTERS, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'

/** Text of a PDF the recording printer received, as poppler reads it. */
function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bd-e2e-pdf-')), 'job.pdf')
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ')
}

test.describe('printing', () => {
  test.use({ seeded: true })

  test('the admin calibrates a printer: offsets, calibration page previewed in the app, printed and saved', async ({
    page,
    core,
    printer,
  }) => {
    await signIn(page, 'admin', ADMIN.password)
    await page.goto('/#/settings')
    const card = page.getByTestId('printer-settings')
    await expect(card).toBeVisible()
    await expect(card.getByTestId('printer-select')).toContainText(PRINTERS[0]!)

    // Out of range is refused at the field; a valid correction is stored for this printer.
    await card.getByLabel('Смещение по горизонтали, мм').fill('25')
    await card.getByTestId('printer-save').click()
    await expect(card.getByText('Смещение — от −20 до +20 мм')).toBeVisible()
    await card.getByLabel('Смещение по горизонтали, мм').fill('1.5')
    await card.getByLabel('Смещение по вертикали, мм').fill('-2')
    await card.getByTestId('printer-save').click()
    await expect(card.getByTestId('printer-saved')).toBeVisible()
    expect(await core.db('printer_profile').first()).toMatchObject({
      printer_name: PRINTERS[0],
      offset_x_mm: 1.5,
      offset_y_mm: -2,
    })

    // The calibration page is previewed by pdf.js under the app's CSP: a real page drawn on a canvas.
    await card.getByTestId('print-open-print-calibration').click()
    const dialog = page.getByTestId('print-dialog-print-calibration')
    await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
    await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1')
    const inked = await dialog.getByTestId('pdf-page-1').evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      let dark = 0
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++
      return { dark, width: canvas.width, height: canvas.height }
    })
    expect(inked.width).toBeGreaterThan(500)
    expect(inked.height / inked.width).toBeCloseTo(297 / 210, 1)
    expect(inked.dark).toBeGreaterThan(2000)
    await expect(dialog.getByTestId('print-printer')).toContainText(PRINTERS[0]!)
    await snap(page, '30-print-calibration-preview')

    await dialog.getByTestId('print-print').click()
    await expect(dialog.getByTestId('print-result')).toHaveText('Документ отправлен на принтер')
    expect(printer.jobs).toHaveLength(1)
    expect(printer.jobs[0]!.printerName).toBe(PRINTERS[0])
    expect(pdfText(printer.jobs[0]!.pdf)).toContain('Текущее смещение: X +1,5 мм, Y −2 мм')

    await dialog.getByTestId('print-save').click()
    await expect(dialog.getByTestId('print-result')).toContainText('Сохранено:')
    expect(printer.saved).toHaveLength(1)
    expect(existsSync(printer.saved[0]!)).toBe(true)
    await snap(page, '31-print-calibration-saved')
  })

  test('the clerk prints an issued policy onto its blank once; the policy becomes printed', async ({
    page,
    core,
    printer,
  }) => {
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
      'arrange-admin',
    )
    await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
    const policy = await issuedOsagoPolicy(core, 'arrange-clerk')

    await signIn(page, 'clerk')
    await page.goto(`/#/osago/${policy.id}`)
    await expect(page.getByTestId('policy-status')).toHaveText('Оформлен')
    await page.getByTestId('print-open-osago-policy-blank').click()
    const dialog = page.getByTestId('print-dialog-osago-policy-blank')
    await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
    await expect(dialog.getByText('На бланк печатаются только заполняемые поля')).toBeVisible()
    await dialog.getByTestId('print-printer').click()
    await page.getByRole('option', { name: PRINTERS[1]! }).click()
    await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
    await snap(page, '32-osago-blank-preview')

    await dialog.getByTestId('print-print').click()
    await expect(dialog.getByTestId('print-result')).toHaveText('Документ отправлен на принтер')
    expect(printer.jobs.map((j) => j.printerName)).toEqual([PRINTERS[1]])
    expect(pdfText(printer.jobs[0]!.pdf)).toContain('XTAGFK330RY123456')

    // The numbered blank is used: a second print is refused with the way out.
    await dialog.getByTestId('print-print').click()
    await expect(dialog.getByTestId('print-result')).toContainText('уже напечатан на бланке ААК 0012345670')
    expect(printer.jobs).toHaveLength(1)
    await snap(page, '33-osago-blank-printed-once')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('policy-status')).toHaveText('Напечатан')
  })
})
