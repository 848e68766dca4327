import type { Core } from '../core/app/createCore'
import { completeCascoDraft } from '../shared/casco/draftFixture'
import { todayIn } from '../shared/dates/calendarDate'
import { formatRubles } from '../shared/money/format'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import { ADMIN, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'
import { checkLayout } from './harness/layoutCheck'

/**
 * «Что если…» (issue 17, decision 110): the alternatives beside the OSAGO premium and under the CASCO comparison,
 * priced by the live quote; «Применить» changes the draft and the premium on screen is then exactly the one shown.
 */

const CLERK = 'arrange-clerk'
const rub = (kopecks: number) => formatRubles(kopecks, 'ru')
const today = () => todayIn('Europe/Moscow')

async function osagoDraft(core: Core): Promise<string> {
  const created = await arrange(core, 'osago/create-draft', undefined, CLERK)
  await arrange(
    core,
    'osago/save-draft',
    { id: created.id, rowVersion: created.rowVersion, draft: completeDraft(today()) },
    CLERK,
  )
  return created.id
}

async function cascoQuote(core: Core): Promise<string> {
  const created = await arrange(core, 'casco/create-quote', undefined, CLERK)
  await arrange(
    core,
    'casco/save-draft',
    { id: created.id, rowVersion: created.rowVersion, draft: completeCascoDraft(today()) },
    CLERK,
  )
  return created.id
}

test.describe('What-if on the quote', () => {
  test.use({ seeded: true })
  test.beforeEach(async ({ core }) => {
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
    await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, CLERK)
  })

  test('OSAGO with two drivers: «Без водителя Смирнова О. П.» applied, the premium is exactly the one shown', async ({
    page,
    core,
  }) => {
    const id = await osagoDraft(core)
    await signIn(page, 'clerk')
    await page.goto(`/#/osago/${id}`)
    const before = await arrange(core, 'osago/quote-premium', { draft: completeDraft(today()) }, CLERK)
    if (!before.ok) throw new Error(before.message)
    await expect(page.getByTestId('premium-total')).toHaveText(rub(before.premium.premiumKopecks))

    const row = page.getByTestId('whatif-without-1')
    await expect(row).toContainText('Без водителя Смирнова О. П.')
    const shown = (await page.getByTestId('whatif-without-1-amount').textContent())!.trim()
    const expected = before.whatIf.find((w) => w.alternative.kind === 'withoutDriver')!
    expect(shown).toBe(rub(expected.premiumKopecks))
    await expect(page.getByTestId('whatif-without-1-difference')).toHaveText(
      `−${rub(before.premium.premiumKopecks - expected.premiumKopecks)}`,
    )
    await expect(page.getByTestId('whatif-without-1-difference')).toHaveClass(/text-success/)
    await expect(page.getByTestId('whatif-months-3')).toContainText('Период использования — 3 месяца')
    await expect(page.getByTestId('whatif-any-driver')).toContainText('Без ограничения списка водителей')
    await checkLayout(page, 'osago-what-if', {
      reachable: ['osago-what-if'],
      pictureAt: 'osago-what-if',
      shot: '98-osago-what-if',
    })

    // Keyboard: the button is reachable and Enter applies it.
    await page.getByTestId('whatif-without-1-apply').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('premium-total')).toHaveText(shown)
    await expect(page.getByTestId('f-drivers.list.1.surname')).toHaveCount(0)
    // The draft went the normal way: autosaved on the core with one driver left.
    await expect
      .poll(async () => {
        const p = await arrange(core, 'osago/get-policy', { id }, CLERK)
        return p.draft.drivers.mode === 'list' ? p.draft.drivers.list.map((d) => d.surname) : null
      })
      .toEqual(['Смирнов'])
    // No driver left to take off the list: that alternative is gone, the others are priced on the new draft.
    await expect(page.getByTestId('whatif-without-1')).toHaveCount(0)
    await expect(page.getByTestId('whatif-any-driver')).toBeVisible()
    await snap(page, '98-osago-what-if-applied', page.getByTestId('osago-what-if'))
  })

  test('CASCO: the next franchise of the second column applied, its total is exactly the one shown', async ({
    page,
    core,
  }) => {
    const id = await cascoQuote(core)
    await signIn(page, 'clerk')
    await page.goto(`/#/casco/${id}`)
    await expect(page.getByTestId('casco-what-if')).toBeVisible()
    await page.getByTestId('whatif-column-1').click()
    const row = page.getByTestId('whatif-franchise')
    await expect(row).toContainText('Безусловная франшиза 45 000,00 ₽')
    const shown = (await page.getByTestId('whatif-franchise-amount').textContent())!.trim()
    await expect(page.getByTestId('whatif-franchise-difference')).toHaveText(/^−/)
    await expect(page.getByTestId('whatif-plan-two-difference')).toHaveText(/^\+/)
    await checkLayout(page, 'casco-what-if', {
      reachable: ['casco-what-if'],
      pictureAt: 'casco-what-if',
      shot: '99-casco-what-if',
    })

    await page.getByTestId('whatif-franchise-apply').click()
    // A single payment: the column's premium is its total to pay.
    await expect(page.getByTestId('option-premium-1')).toHaveText(shown)
    await expect
      .poll(async () => (await arrange(core, 'casco/get-quote', { id }, CLERK)).draft.options[1]!.franchise)
      .toEqual({ type: 'unconditional', mode: 'amount', value: 45_000_00 })
    // The column now offers the band after that one.
    await expect(page.getByTestId('whatif-franchise')).toContainText('Безусловная франшиза 75 000,00 ₽')
    await snap(page, '99-casco-what-if-applied', page.getByTestId('casco-what-if'))
  })
})
