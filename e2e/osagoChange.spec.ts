import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { addDays, addYears, todayIn } from '../shared/dates/calendarDate'
import { formatRubles } from '../shared/money/format'
import { formatDateRu } from '../shared/print/format'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import { installReference } from '../core/sync/referenceUpdates'
import { ADMIN, RESOURCES_DIR, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'

/**
 * Changes to an issued OSAGO policy at the counter (issue 15 points 3–4): a driver added with its additional
 * premium shown and paid, the policy re-issued on a new blank; a duplicate of the lost policy on a new blank. The
 * issued policy is arranged through the channels; the change and the duplicate are made in the UI.
 */
const CLERK = 'arrange-clerk'
const inDialog = (page: Page, path: string) =>
  page.getByTestId('change-dialog').getByTestId(`f-${path}`).locator('input').first()

test.describe('changes to an issued OSAGO policy', () => {
  test.use({ seeded: true })

  test('a driver added with the additional premium paid and re-issued on a new blank; then a duplicate of the lost policy', async ({
    page,
    core,
  }) => {
    const today = todayIn('Europe/Moscow')
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
      'arrange-admin',
    )
    await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, CLERK)
    const p = await arrange(core, 'osago/create-draft', undefined, CLERK)
    const calc = await arrange(
      core,
      'osago/calculate-policy',
      { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) },
      CLERK,
    )
    const premium = calc.calculation!.premiumKopecks
    await arrange(
      core,
      'osago/issue-policy',
      {
        id: p.id,
        rowVersion: calc.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: premium },
      },
      CLERK,
    )

    await signIn(page, 'clerk')
    await page.goto(`/#/osago/${p.id}`)
    await page.getByTestId('change-policy').click()
    const dialog = page.getByTestId('change-dialog')
    await expect(dialog).toContainText('Изменение полиса ААК 0012345670')
    await dialog.getByTestId('change-kind').click()
    await page.getByRole('option', { name: 'Добавить водителя' }).click()
    await dialog.getByTestId('change-start').click()
    await expect(dialog.getByTestId('change-kind-chip')).toHaveText('Добавить водителя')
    await expect(dialog).toContainText('Оформление: Переоформление на новом бланке')

    // A young driver, licensed a month ago: KVS goes up.
    await dialog.getByTestId('add-driver').click()
    await inDialog(page, 'drivers.list.2.surname').fill('Кузнецов')
    await inDialog(page, 'drivers.list.2.name').fill('Павел')
    await inDialog(page, 'drivers.list.2.patronymic').fill('Андреевич')
    await inDialog(page, 'drivers.list.2.birthDate').fill(formatDateRu(addYears(today, -19)))
    await inDialog(page, 'drivers.list.2.licence.series').fill('9930')
    await inDialog(page, 'drivers.list.2.licence.number').fill('123123')
    await inDialog(page, 'drivers.list.2.licenseSince').fill(formatDateRu(addDays(today, -30)))
    await dialog.getByTestId('change-calculate').click()

    const change = (await arrange(core, 'osagoChange/list-changes', { policyId: p.id }, CLERK))[0]!
    const c = change.calculation!
    expect(c.direction).toBe('additional')
    expect(c.currentPremiumKopecks).toBe(premium)
    // Cover starts tomorrow: the whole term remains, so the whole difference is due.
    expect(c.amountKopecks).toBe(c.newPremiumKopecks - premium)
    await expect(dialog.getByTestId('change-amount')).toHaveText(`Доплата: ${formatRubles(c.amountKopecks)}`)
    await expect(dialog.getByTestId('change-formula')).toContainText(
      `(${formatRubles(c.newPremiumKopecks)} − ${formatRubles(premium)}) × 365 / 365 дн.`,
    )
    await dialog.getByTestId('change-receipt').locator('input').fill('ФД 200')
    await snap(page, '95-osago-change-driver-priced', dialog.getByTestId('change-premium'))
    await page.keyboard.press('Control+Enter')
    await expect(dialog.getByTestId('change-applied')).toBeVisible()
    await snap(page, '96-osago-change-applied')
    const applied = await arrange(core, 'osagoChange/get-change', { id: change.id }, CLERK)
    expect(applied.settlement).toMatchObject({ kind: 'payment', amountKopecks: c.amountKopecks })
    expect(applied.newBlank).toMatchObject({ series: 'ААК', number: '0012345671' })
    await dialog.getByRole('button', { name: 'Закрыть' }).click()

    // The client lost the re-issued policy: a duplicate on the next blank, the lost one recorded lost.
    await page.getByTestId('duplicate-policy').click()
    const dup = page.getByTestId('duplicate-dialog')
    await expect(dup).toContainText('Дубликат полиса ААК 0012345671')
    await expect(dup.getByTestId('duplicate-fee')).toHaveText('Плата за дубликат не взимается')
    await dup.getByTestId('duplicate-confirm').locator('input').check()
    await dup.getByTestId('duplicate-reason').locator('input').fill('Утерян клиентом')
    await snap(page, '97-osago-duplicate-dialog')
    await page.keyboard.press('Control+Enter')
    await expect(dup.getByTestId('duplicate-issued')).toHaveText('Дубликат выдан на бланке ААК 0012345672')
    const lost = await arrange(core, 'blanks/list-blanks', { status: 'lost', limit: 10, offset: 0 }, 'arrange-admin')
    expect(lost.items.map((b) => b.number)).toEqual(['0012345671'])
    await dup.getByTestId('print-open-osago-change-policy-blank').click()
    await expect(page.getByTestId('pdf-preview').locator('canvas').first()).toBeVisible()
    await snap(page, '98-osago-duplicate-preview')
    await page.getByTestId('print-print').click()
    await expect(page.getByTestId('print-result')).toBeVisible()
    expect((await arrange(core, 'osago/get-policy', { id: p.id }, CLERK)).status).toBe('printed')
  })

  test('the refund a driver removal owes is paid and recorded on the change', async ({ page, core }) => {
    const today = todayIn('Europe/Moscow')
    // HQ shipped rules that refund a lower premium when a driver is removed (docs/domain/osago-changes.md#refunds).
    const bundled = JSON.parse(readFileSync(join(RESOURCES_DIR, 'rules', 'osago-change-rules.json'), 'utf8'))
    const refunding = {
      ...bundled,
      version: '2025-01-01.1',
      effectiveFrom: '2025-01-01',
      data: {
        ...bundled.data,
        kinds: bundled.data.kinds.map((k: { code: string }) =>
          k.code === 'remove-driver' ? { ...k, refundsDecrease: true } : k,
        ),
      },
    }
    installReference(
      { bundledDir: RESOURCES_DIR, overrideDir: mkdtempSync(join(tmpdir(), 'bd-e2e-ref-')), reference: core.reference },
      refunding.kind,
      refunding.version,
      JSON.stringify(refunding),
    )
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345679' },
      'arrange-admin',
    )
    await arrange(core, 'session/sign-in', { login: 'clerk', password: passwordOf('clerk') }, CLERK)
    const p = await arrange(core, 'osago/create-draft', undefined, CLERK)
    const calc = await arrange(
      core,
      'osago/calculate-policy',
      { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) },
      CLERK,
    )
    const payment = { method: 'cash' as const, receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks }
    await arrange(core, 'osago/issue-policy', { id: p.id, rowVersion: calc.rowVersion, payment }, CLERK)
    const started = await arrange(core, 'osagoChange/start-change', { policyId: p.id, kind: 'remove-driver' }, CLERK)
    const after = structuredClone(started.after)
    if (after.drivers.mode !== 'list') throw new Error('list expected')
    after.drivers.list.pop()
    const priced = await arrange(
      core,
      'osagoChange/calculate-change',
      { id: started.id, rowVersion: started.rowVersion, after },
      CLERK,
    )
    const applied = await arrange(
      core,
      'osagoChange/apply-change',
      { id: priced.id, rowVersion: priced.rowVersion },
      CLERK,
    )
    const refund = applied.settlement!.amountKopecks
    expect(applied.settlement!.kind).toBe('refund-due')
    expect(refund).toBe(-priced.calculation!.amountKopecks)

    await signIn(page, 'clerk')
    await page.goto(`/#/osago/${p.id}`)
    await page.getByTestId('change-policy').click()
    const dialog = page.getByTestId('change-dialog')
    // The dialog opens on the change whose refund is still to be paid.
    const panel = dialog.getByTestId('refund-payout')
    await expect(panel.getByTestId('refund-unpaid')).toHaveText(`Возврат ${formatRubles(refund)} ещё не выплачен`)
    await panel.getByTestId('refund-method-bank').locator('input').check()
    await expect(panel).toContainText('Номер платёжного поручения')
    await panel.getByTestId('refund-document').locator('input').fill('000512')
    await snap(page, '99-osago-change-refund-payout', panel)
    await panel.getByTestId('refund-record').click()
    await expect(panel.getByTestId('refund-paid')).toHaveText(
      `Возврат ${formatRubles(refund)} выплачен ${formatDateRu(today)}: банковским переводом, документ № 000512`,
    )
    await snap(page, '99-osago-change-refund-paid')
    const paid = await arrange(core, 'osagoChange/get-change', { id: applied.id }, CLERK)
    expect(paid.settlement!.payout).toMatchObject({ method: 'bank', document: '000512', paidOn: today })
  })
})
