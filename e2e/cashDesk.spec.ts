import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { todayIn } from '../shared/dates/calendarDate'
import { formatDateRu } from '../shared/dates/typedDate'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import type { Core } from '../core/app/createCore'
import { ADMIN, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'

/**
 * A day at the counter closed with its cash report (issue 16 point 5): the clerk has sold two OSAGO policies (cash
 * and card); the supervisor opens «Касса», sees the day's journal and report, closes the day from the dialog that
 * shows the report, and the day turns read-only.
 */
test.use({ seeded: true })

async function sell(core: Core, method: 'cash' | 'card', receiptNumber: string) {
  const draft = await arrange(core, 'osago/create-draft', undefined, 'arrange-clerk')
  const calculated = await arrange(
    core,
    'osago/calculate-policy',
    { id: draft.id, rowVersion: draft.rowVersion, draft: completeDraft(todayIn('Europe/Moscow')) },
    'arrange-clerk',
  )
  return arrange(
    core,
    'osago/issue-policy',
    {
      id: calculated.id,
      rowVersion: calculated.rowVersion,
      payment: { method, receiptNumber, amountKopecks: calculated.calculation!.premiumKopecks },
    },
    'arrange-clerk',
  )
}

test('the supervisor closes the day at the counter with its cash report', async ({ page, core, dialogs }) => {
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000110' },
    'arrange-admin',
  )
  await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, 'arrange-clerk')
  await sell(core, 'cash', 'ФД 1201')
  await sell(core, 'card', 'ФД 1202 ФП 3348712200')
  const today = formatDateRu(todayIn('Europe/Moscow'))

  await signIn(page, 'supervisor')
  await page.goto('/#/cash')
  await expect(page.getByTestId('cash-desk')).toBeVisible()
  await expect(page.getByTestId('cash-day')).toContainText(today)
  await expect(page.getByTestId('journal-row')).toHaveCount(2)
  await expect(page.getByTestId('cash-day-status')).toHaveText('Открыт')
  await expect(page.getByTestId('cash-clerk-row')).toHaveAttribute('data-clerk', 'Петров Павел Олегович')
  await expect(page.getByTestId('cash-closing').first()).toContainText('₽')
  await snap(page, 'cash-desk')

  await page.getByTestId('cash-close').click()
  await expect(page.getByTestId('close-dialog')).toBeVisible()
  await expect(page.getByTestId('close-dialog')).toContainText(`Закрыть кассовый день ${today}?`)
  await snap(page, 'cash-close-dialog')
  await page.getByTestId('close-confirm').click()
  await expect(page.getByTestId('cash-day-status')).toHaveText('Закрыт')
  await expect(page.getByTestId('cash-closed-note')).toContainText('Кузнецова Анна Викторовна')
  await expect(page.getByTestId('cash-close')).toHaveCount(0)
  await snap(page, 'cash-desk-closed')

  // The closed day's report on paper and as files for the accountant.
  const xlsx = join(tmpdir(), `bd-e2e-cash-report-${process.pid}.xlsx`)
  const csv = join(tmpdir(), `bd-e2e-cash-report-${process.pid}.csv`)
  dialogs.answer(xlsx, csv)
  const actions = page.getByTestId('cash-report-actions')
  await actions.getByTestId('report-xlsx').click()
  await expect(page.getByTestId('report-file-result')).toContainText(xlsx)
  await actions.getByTestId('report-csv').click()
  await expect(page.getByTestId('report-file-result')).toContainText(csv)
  expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK')
  const text = readFileSync(csv, 'utf8')
  expect(text).toContain('Петров Павел Олегович')
  expect(text).toContain('Принято наличными;32600,88')
  await actions.getByTestId('print-open-cash-report').click()
  const preview = page.getByTestId('print-dialog-cash-report')
  await expect(preview).toBeVisible()
  await expect(preview.getByTestId('print-load-error')).toHaveCount(0)
  await page.waitForTimeout(1500) // the PDF preview draws its first page
  await snap(page, 'cash-report-print-preview')
})
