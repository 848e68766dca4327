import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { expect, signIn, snap, test } from './harness/fixtures'

/** «Сохранить диагностику»: the admin saves the support archive where the system's save dialog says. */
test.use({ seeded: true })

test('the admin saves the diagnostics archive through the save dialog', async ({ page, dialogs }) => {
  const folder = mkdtempSync(join(tmpdir(), 'branch-desk-support-'))
  await signIn(page, 'admin')
  await page.getByTestId('nav-settings').click()
  const card = page.getByTestId('diagnostics')
  await expect(card).toContainText('Диагностика для поддержки')
  await expect(card).toContainText('Персональных данных клиентов в нём нет')

  // Cancelled: nothing is written, nothing is claimed.
  dialogs.answer(null)
  await page.getByTestId('diagnostics-save').click()
  await expect(page.getByTestId('diagnostics-save')).not.toHaveClass(/v-btn--loading/)
  await expect(page.getByTestId('diagnostics-saved')).toHaveCount(0)

  const target = join(folder, 'диагностика.zip')
  dialogs.answer(target)
  await page.getByTestId('diagnostics-save').click()
  await expect(page.getByTestId('diagnostics-saved')).toContainText(`Диагностика сохранена: ${target}`)
  await snap(page, 'support-01-diagnostics-saved')
  expect(existsSync(target)).toBe(true)
  const files = unzipSync(readFileSync(target))
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(['about.json', 'database.json', 'sync.json', 'outbox.json']),
  )
  expect(dialogs.asked.at(-1)).toMatchObject({ dialog: 'save', kind: { name: 'Архив ZIP', extensions: ['zip'] } })
  rmSync(folder, { recursive: true, force: true })
})
