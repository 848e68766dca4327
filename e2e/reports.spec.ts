import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { ADMIN, arrange, expect, signIn, snap, test } from './harness/fixtures'

test.describe('reports', () => {
  test.use({ seeded: true })

  test('the supervisor sees the blank report for a period, prints it and saves it as XLSX and CSV', async ({
    page,
    core,
    dialogs,
  }) => {
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'e2e-admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ХХХ', fromNumber: '0000000001', toNumber: '0000000012' },
      'e2e-admin',
    )
    await signIn(page, 'supervisor')
    await page.getByTestId('nav-reports').click()
    await expect(page.getByTestId('reports')).toBeVisible()
    const summary = page.getByTestId('report-table-Движение бланков')
    await expect(summary).toContainText('ХХХ')
    await expect(summary).toContainText('0000000001–0000000012')
    await snap(page, '90-reports-blank-report')

    const xlsx = join(tmpdir(), `bd-e2e-blank-report-${process.pid}.xlsx`)
    const csv = join(tmpdir(), `bd-e2e-blank-report-${process.pid}.csv`)
    dialogs.answer(xlsx, csv)
    await page.getByTestId('report-xlsx').click()
    await expect(page.getByTestId('report-file-result')).toContainText(xlsx)
    await page.getByTestId('report-csv').click()
    await expect(page.getByTestId('report-file-result')).toContainText(csv)
    expect(readFileSync(csv, 'utf8')).toContain('ХХХ;0;12;0000000001–0000000012')
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK')
    await snap(page, '91-reports-saved')

    await page.getByTestId('print-open-blank-report').click()
    const preview = page.getByTestId('print-dialog-blank-report')
    await expect(preview).toBeVisible()
    await expect(preview.getByTestId('print-load-error')).toHaveCount(0)
    await page.waitForTimeout(1500) // the PDF preview draws its first page
    await snap(page, '92-reports-print-preview')
  })
})
