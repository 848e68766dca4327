import type { Core } from '../core/app/createCore'
import { todayIn } from '../shared/dates/calendarDate'
import { formatRubles } from '../shared/money/format'
import type { OsagoDraft } from '../shared/osago/draft'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import { ADMIN, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'

/** The premium ceiling of 40-FZ art. 9 p. 2 in the breakdown beside the form, and in what the clerk charges. */

const CLERK = 'arrange-clerk'
const rub = (kopecks: number) => formatRubles(kopecks, 'ru')

async function draftFor(core: Core, change: (d: OsagoDraft) => void = () => {}): Promise<string> {
  const draft = completeDraft(todayIn('Europe/Moscow'))
  change(draft)
  const created = await arrange(core, 'osago/create-draft', undefined, CLERK)
  await arrange(core, 'osago/save-draft', { id: created.id, rowVersion: created.rowVersion, draft }, CLERK)
  return created.id
}

test.describe('OSAGO premium ceiling (40-FZ art. 9 p. 2)', () => {
  test.use({ seeded: true })
  test.beforeEach(async ({ core }) => {
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
      'arrange-admin',
    )
    await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, CLERK)
  })

  test('a premium under the ceiling: the breakdown shows the product, 3 × TB × KT and that it was not reached', async ({
    page,
    core,
  }) => {
    const id = await draftFor(core)
    const quote = await arrange(core, 'osago/quote-premium', { draft: completeDraft(todayIn('Europe/Moscow')) }, CLERK)
    if (!quote.ok) throw new Error(quote.message)
    const p = quote.premium
    expect(p.ceilingApplied).toBe(false)

    await signIn(page, 'clerk')
    await page.goto(`/#/osago/${id}`)
    await expect(page.getByTestId('premium-total')).toHaveText(rub(p.premiumKopecks))
    await expect(page.getByTestId('premium-uncapped')).toContainText('Произведение ТБ и коэффициентов')
    await expect(page.getByTestId('premium-uncapped')).toContainText(rub(p.premiumKopecks))
    await expect(page.getByTestId('premium-ceiling')).toContainText('Предельный размер премии')
    await expect(page.getByTestId('premium-ceiling')).toContainText('3 × ТБ × КТ (п. 2 ст. 9 Закона об ОСАГО)')
    await expect(page.getByTestId('premium-ceiling')).toContainText(rub(p.ceilingKopecks))
    await expect(page.getByTestId('premium-ceiling-not-applied')).toHaveText('Предельный размер не превышен')
    await expect(page.getByTestId('premium-ceiling-applied')).toHaveCount(0)
    await snap(page, '90-osago-ceiling-not-reached', page.getByTestId('premium-ceiling'))
  })

  test('a young class-M driver with a 250 hp car: the ceiling applies and is what the clerk charges', async ({
    page,
    core,
  }) => {
    const id = await draftFor(core, (d) => {
      d.vehicle.power = 250
      if (d.drivers.mode !== 'list') throw new Error('the draft lists its drivers')
      d.drivers.list = [{ ...d.drivers.list[0]!, kbmClass: 'M', kbmReason: 'Сведения АИС ОСАГО' }]
    })

    await signIn(page, 'clerk')
    await page.goto(`/#/osago/${id}`)
    await page.getByTestId('calculate').click()
    await expect(page.getByTestId('policy-status')).toHaveText('Рассчитан')
    const stored = await arrange(core, 'osago/get-policy', { id }, CLERK)
    const c = stored.calculation!
    expect(c.ceilingApplied).toBe(true)
    expect(c.premiumKopecks).toBe(c.ceilingKopecks)
    expect(c.uncappedPremiumKopecks!).toBeGreaterThan(c.ceilingKopecks!)

    await expect(page.getByTestId('premium-total')).toHaveText(rub(c.ceilingKopecks!))
    await expect(page.getByTestId('premium-uncapped')).toContainText(rub(c.uncappedPremiumKopecks!))
    await expect(page.getByTestId('premium-ceiling')).toContainText(rub(c.ceilingKopecks!))
    await expect(page.getByTestId('premium-ceiling-applied')).toHaveText(
      'Применён предельный размер: премия снижена до 3 × ТБ × КТ',
    )
    await snap(page, '91-osago-ceiling-applied', page.getByTestId('premium-ceiling'))

    // Payment: the issue dialog offers the capped premium and the core accepts exactly that amount.
    await page.getByTestId('issue').click()
    await page.getByLabel('Номер чека').fill('ФД 777')
    await snap(page, '92-osago-ceiling-issue-dialog')
    await page.getByTestId('issue-submit').click()
    await expect(page.getByTestId('policy-status')).toHaveText('Оформлен')
    const issued = await arrange(core, 'osago/get-policy', { id }, CLERK)
    expect(issued.payment?.amountKopecks).toBe(c.ceilingKopecks)
  })
})
