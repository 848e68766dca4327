import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, signIn, snap, test } from './harness/fixtures'
import { makeFixturePhotos } from './fixtures/photos'

/**
 * CASCO from the counter to the contract, across three people on one machine: the clerk quotes three options
 * and submits one; the inspector records the car with photos and two damages (a missing shot blocks it); the
 * supervisor returns the report, the inspector fixes it, the supervisor approves; the clerk issues the contract
 * and previews it with the photos. The inspector's attempt to approve their own report is refused by the core.
 */
const REQUIRED = [
  'corner-front-left',
  'corner-front-right',
  'corner-rear-left',
  'corner-rear-right',
  'front',
  'rear',
  'left-side',
  'right-side',
  'vin-body',
  'vin-plate',
  'odometer',
  'dashboard',
  'rear-interior',
  'wheels',
  'keys',
  'sts-front',
  'sts-back',
  'pts',
  'owner-document',
]
const photosDir = mkdtempSync(join(tmpdir(), 'bd-e2e-casco-photos-'))
let photos: Record<string, string>
test.beforeAll(async () => {
  photos = await makeFixturePhotos(photosDir, [...REQUIRED, 'damage-1', 'damage-1-closeup', 'damage-2'])
})

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

async function fill(page: Page, path: string, value: string) {
  await field(page, path).fill(value)
}

/** Autocompletes: type, then take the first match. */
async function choose(page: Page, testId: string, text: string) {
  const input = page.getByTestId(testId).locator('input').first()
  await input.click()
  await input.fill(text)
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

/** Selects: open, then pick the item with this text. */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click()
  await page.getByRole('option').filter({ hasText: text }).first().click()
}

async function switchUser(page: Page, login: string) {
  await page.getByTestId('sign-out').click()
  await expect(page.getByLabel('Логин')).toBeVisible()
  await signIn(page, login)
}

async function fillQuote(page: Page) {
  await choose(page, 'f-vehicle.make', 'Kia')
  await choose(page, 'f-vehicle.model', 'Rio')
  await fill(page, 'vehicle.year', '2021')
  await fill(page, 'vehicle.power', '123')
  await fill(page, 'vehicle.vin', 'Z94C251ABMR123456')
  await fill(page, 'vehicle.plate', 'А123ВС777')
  await fill(page, 'vehicle.registrationDoc.series', '78 ОХ')
  await fill(page, 'vehicle.registrationDoc.number', '123456')
  await fill(page, 'vehicle.registrationDoc.date', '01.06.2021')
  await fill(page, 'vehicle.mileageKm', '48250')
  await fill(page, 'vehicle.marketValueKopecks', '1 600 000')
  await fill(page, 'sumInsuredKopecks', '1 500 000')

  await fill(page, 'insured.surname', 'Смирнов')
  await fill(page, 'insured.name', 'Алексей')
  await fill(page, 'insured.patronymic', 'Игоревич')
  await fill(page, 'insured.birthDate', '12.04.1990')
  await page.getByTestId('f-insured.gender').getByLabel('Мужской').check()
  await fill(page, 'insured.passport.series', '4519')
  await fill(page, 'insured.passport.number', '123456')
  await fill(page, 'insured.passport.issueDate', '20.05.2019')
  await fill(page, 'insured.passport.departmentCode', '770-001')
  await fill(page, 'insured.passport.issuer', 'ГУ МВД России по г. Москве')
  await choose(page, 'f-insured.address.region', 'Москва')
  await field(page, 'insured.address.street').fill('ул. Тверская')
  await fill(page, 'insured.address.house', '12')
  await fill(page, 'insured.address.flat', '45')
  await fill(page, 'insured.phone', '8 916 123-45-67')

  await page.getByTestId('copy-insured-0').click()
  await fill(page, 'drivers.list.0.licence.series', '9921')
  await fill(page, 'drivers.list.0.licence.number', '654321')
  // A licence dated after the quote is refused at the field, as on OSAGO (one rule for both products).
  await fill(page, 'drivers.list.0.licenseSince', '01.01.2099')
  await field(page, 'drivers.list.0.licenseSince').blur()
  await expect(page.getByTestId('driver-0')).toContainText('Дата выдачи прав ещё не наступила')
  await fill(page, 'drivers.list.0.licenseSince', '10.05.2010')
}

async function upload(slot: Locator, file: string) {
  const before = await slot.getByTestId('photo-thumb').count()
  await slot.getByTestId('slot-file').setInputFiles(file)
  await expect(slot.getByTestId('photo-thumb')).toHaveCount(before + 1)
}

async function sign(page: Page, who: 'inspector' | 'client') {
  const pad = page.getByTestId(`signature-${who}`)
  await pad.getByTestId('signature-start').click()
  const box = (await pad.getByTestId('signature-canvas').boundingBox())!
  // Two people sign differently (the same picture twice in one report is refused).
  const wave = who === 'inspector' ? Math.cos : Math.sin
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6)
  await page.mouse.down()
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(box.x + 30 + i * 28, box.y + box.height * (0.5 + 0.25 * wave(i)), { steps: 3 })
  await page.mouse.up()
  await pad.getByTestId('signature-save').click()
  await expect(pad.getByTestId('signature-done')).toBeVisible()
}

async function placeDamage(page: Page, view: string, x: number, y: number) {
  const rect = page.getByTestId(`diagram-view-${view}`).locator('rect')
  await rect.scrollIntoViewIfNeeded()
  const box = (await rect.boundingBox())!
  await page.mouse.click(box.x + box.width * x, box.y + box.height * y)
}

async function describeDamage(
  page: Page,
  n: number,
  d: { part: string; type: string; size: string; severity: string },
) {
  const row = page.getByTestId(`damage-row-${n}`)
  const part = row.getByTestId('damage-part').locator('input')
  await part.click()
  await part.fill(d.part)
  await page.getByRole('option').filter({ hasText: d.part }).first().click()
  await row.getByTestId('damage-type').click()
  await page.getByRole('option').filter({ hasText: d.type }).first().click()
  await row.getByTestId('damage-size').locator('input').fill(d.size)
  await row.getByTestId('damage-severity').click()
  await page.getByRole('option').filter({ hasText: d.severity }).first().click()
}

test.describe('CASCO: quote, inspection, approval, contract', () => {
  test.use({ seeded: true })

  test('three options → inspection with photos → returned, fixed, approved → contract with photos; four eyes in the core', async ({
    page,
    core,
  }) => {
    test.setTimeout(300_000)

    // 1. The clerk quotes three options side by side and submits the one the client takes.
    await signIn(page, 'clerk')
    await page.getByTestId('nav-casco').click()
    await page.getByTestId('casco-new').click()
    await expect(page.getByTestId('casco-form')).toBeVisible()
    await expect(page.getByTestId('options-comparison').getByTestId(/^option-\d$/)).toHaveCount(3)
    await snap(page, '90-casco-empty-quote')
    await fillQuote(page)
    await pick(page, 'f-options.0.plan', 'Четыре')
    for (const i of [0, 1, 2]) await expect(page.getByTestId(`option-premium-${i}`)).toContainText('₽')
    await expect(page.getByTestId('option-checks-0')).toContainText('угоняемая модель')
    await expect(page.getByTestId('option-program-0-moscowHit')).toContainText('Пробег 48 250 км')
    await expect(page.getByTestId('autosave-status')).toContainText('Черновик сохранён')
    // Nothing lost by a click (issue 14): «Удалить расчёт» leaves at once and offers «Отменить»; nothing is written
    // while it is offered, and «Отменить» brings the quote back as it was.
    const quoteId = /#\/casco\/([0-9a-f-]+)/.exec(page.url())![1]!
    const quoteStatus = async () => (await core.db('casco_quote').where({ id: quoteId }).first()).status as string
    await page.getByTestId('casco-discard').click()
    await expect(page.getByTestId('undo-snackbar')).toContainText('Расчёт удалён')
    await expect(page.getByTestId('undo-snackbar')).toContainText('Отменить')
    await expect(page.getByTestId('casco-list')).toBeVisible()
    await expect(page.getByTestId('casco-table')).not.toContainText('Смирнов')
    expect(await quoteStatus()).toBe('draft')
    await page.getByTestId('undo').click()
    await expect(page.getByTestId('casco-form')).toBeVisible()
    expect(page.url()).toContain(quoteId)
    await expect(field(page, 'insured.surname')).toHaveValue('Смирнов')
    await page.getByTestId('casco-calculate').click()
    await expect(page.getByTestId('casco-status')).toHaveText('Рассчитан')
    await page.getByTestId('options-comparison').scrollIntoViewIfNeeded()
    await snap(page, '91-casco-three-options')
    const premium = (await page.getByTestId('option-premium-0').textContent())!
    await page.getByTestId('choose-option-0').click()
    await expect(page.getByTestId('option-0').getByTestId('option-chosen')).toBeVisible()
    await page.getByTestId('casco-submit').click()
    await expect(page.getByTestId('casco-status')).toHaveText('На согласовании')
    await expect(page.getByTestId('inspection-link')).toContainText('Осмотр ещё не проведён')
    await snap(page, '92-casco-submitted', page.getByTestId('inspection-link'))

    // 2. The inspector records the car: two damages with photos; a missing shot blocks submission.
    await switchUser(page, 'inspector')
    await expect(page.getByTestId('nav-approvals')).toHaveCount(0)
    await page.getByTestId('nav-inspections').click()
    // The new inspection is started for the quote waiting for it, picked in the dialog.
    await page.getByTestId('inspection-new').click()
    await expect(page.getByTestId('inspection-quote')).toContainText('Смирнов')
    await page.getByTestId('inspection-create').click()
    await expect(page.getByTestId('inspection-form')).toBeVisible()
    const inspection = await core.db('inspection').where({ quote_id: quoteId }).first()
    expect(inspection).toBeTruthy()
    const number = inspection.number as string
    await fill(page, 'place', 'г. Москва, ул. Тверская, д. 12, офис филиала')
    await fill(page, 'client.name', 'Смирнов Алексей Игоревич')
    await fill(page, 'client.phone', '+7 916 123-45-67')
    await fill(page, 'vehicle.make', 'Kia')
    await fill(page, 'vehicle.model', 'Rio')
    await fill(page, 'vehicle.year', '2021')
    await fill(page, 'vehicle.colour', 'Серебристый')
    await fill(page, 'vehicle.plate', 'а123вс777')
    await fill(page, 'vehicle.odometerKm', '48250')
    await fill(page, 'vehicle.documents', 'ПТС 78 ОХ 123456, СТС 77 42 654321')
    for (const where of ['vinDocument', 'vinBody', 'vinPlate'])
      await fill(page, `vehicle.${where}`, 'Z94C251ABMR123456')
    await fill(page, 'keys.keySets', '2')
    await fill(page, 'keys.alarmFobs', '1')
    await page.getByTestId('f-conclusion.outcome').getByLabel('Принято, повреждения исключены из покрытия').check()
    await fill(page, 'conclusion.remarks', 'Повреждения № 1 и 2 исключены из покрытия')
    await placeDamage(page, 'left', 0.45, 0.55)
    await expect(page.getByTestId('marker-1')).toBeVisible()
    await describeDamage(page, 1, {
      part: 'Дверь передняя левая',
      type: 'Вмятина с повреждением ЛКП',
      size: '12',
      severity: 'Среднее',
    })
    await placeDamage(page, 'front', 0.5, 0.72)
    await expect(page.getByTestId('marker-2')).toBeVisible()
    await describeDamage(page, 2, {
      part: 'Передний бампер',
      type: 'Царапина (до грунта)',
      size: '8',
      severity: 'Незначительное',
    })
    await upload(page.getByTestId('damage-photos-1'), photos['damage-1']!)
    await upload(page.getByTestId('damage-photos-2'), photos['damage-2']!)
    for (const shot of REQUIRED.filter((s) => s !== 'vin-plate'))
      await upload(page.getByTestId(`shot-${shot}`), photos[shot]!)
    await sign(page, 'inspector')
    await sign(page, 'client')
    await page.getByTestId('submit').click()
    await expect(page.getByTestId('form-error')).toBeVisible()
    // On a failure, say what the core and the screen each counted as missing (a rare CI failure counted two).
    const refusal = (await page.getByTestId('form-error').innerText()).trim()
    if (!refusal.includes('не хватает пунктов — 1')) {
      const shots = await core
        .db('inspection_photo')
        .where({ inspection_id: inspection.id, removed_at: null })
        .pluck('shot')
      const damages = await core.db('inspection_damage').where({ inspection_id: inspection.id })
      const { report } = await core.db('inspection').where({ id: inspection.id }).first('report')
      const panel = await page.getByTestId('completeness').innerText()
      expect(refusal, JSON.stringify({ shots, damages, report, panel }, null, 1)).toContain('не хватает пунктов — 1')
    }
    await expect(page.getByTestId('inspection-status')).toHaveText('Черновик')
    await page.getByTestId('shot-vin-plate').scrollIntoViewIfNeeded()
    await snap(page, '93-casco-inspection-missing-shot')
    await upload(page.getByTestId('shot-vin-plate'), photos['vin-plate']!)
    await page.getByTestId('submit').click()
    await expect(page.getByTestId('inspection-status')).toHaveText('Отправлен на согласование')

    // 3. A supervisor (another sign-in) sees terms, report, photos and checks, and returns the report.
    await switchUser(page, 'supervisor')
    await page.getByTestId('nav-approvals').click()
    await expect(page.getByTestId('approval-table')).toContainText('Смирнов Алексей Игоревич')
    await snap(page, '94-casco-approval-queue')
    await page.getByTestId('approval-table').getByText('Смирнов Алексей Игоревич').click()
    await expect(page.getByTestId('approval-case')).toBeVisible()
    await expect(page.getByTestId('check-theftProneModel')).toBeVisible()
    await expect(page.getByTestId('check-damageFound')).toContainText('повреждения: 2')
    await expect(page.getByTestId('case-premium')).toHaveText(premium)
    await expect(page.getByTestId('case-damages')).toContainText('Дверь передняя левая')
    await page.getByTestId('case-photos').scrollIntoViewIfNeeded()
    await expect(page.getByTestId('case-photos').locator('img').first()).toBeVisible()
    await expect(page.getByTestId('case-photos').getByRole('button')).toHaveCount(21)
    await snap(page, '95-casco-approval-case')
    await page.getByTestId('decision-returned-radio').locator('input').check()
    await page.getByTestId('decision-submit').click()
    await expect(page.getByTestId('decision-form')).toContainText('Напишите, что нужно исправить')
    await page
      .getByTestId('decision-form')
      .getByLabel('Комментарий')
      .fill('Нужен крупный план вмятины на передней левой двери')
    await page.getByTestId('decision-submit').click()
    await expect(page.getByTestId('case-notice')).toContainText('Возвращено на доработку')
    await expect(page.getByTestId('case-report-status')).toHaveText('Возвращён осмотрщику')
    await snap(page, '96-casco-returned', page.getByTestId('case-report-status'))

    // 4. The inspector fixes the report — and cannot approve it themself: the core refuses.
    await switchUser(page, 'inspector')
    await page.getByTestId('nav-inspections').click()
    await page.getByTestId('inspection-table').getByText(number).click()
    await expect(page.getByTestId('return-reason')).toContainText('Нужен крупный план вмятины')
    await upload(page.getByTestId('damage-photos-1'), photos['damage-1-closeup']!)
    await page.getByTestId('submit').click()
    await expect(page.getByTestId('inspection-status')).toHaveText('Отправлен на согласование')
    const refused = await page.evaluate(
      async (id) =>
        window.branchDesk.invoke('approval/decide', {
          quoteId: id,
          quoteRowVersion: 1,
          decision: 'approved',
          comment: '',
          conditions: [],
          validUntil: '2099-01-01',
        }),
      quoteId,
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Недостаточно прав для этой операции' },
    })
    expect(await core.db('approval_decision').where({ decision: 'approved' })).toHaveLength(0)

    // 5. The supervisor approves, on the condition that the damaged parts are excluded.
    await switchUser(page, 'supervisor')
    await page.getByTestId('nav-approvals').click()
    await page.getByTestId('approval-table').getByText('Смирнов Алексей Игоревич').click()
    await expect(page.getByTestId('case-report-status')).toHaveText('Передан на согласование')
    await expect(page.getByTestId('case-photos').getByRole('button')).toHaveCount(22)
    await page.getByTestId('decision-approved-with-conditions-radio').locator('input').check()
    await page
      .getByTestId('decision-form')
      .getByLabel('Условия (каждое с новой строки)')
      .fill('Передняя левая дверь и передний бампер исключены из покрытия до ремонта')
    await page.getByTestId('decision-submit').click()
    await expect(page.getByTestId('case-status')).toHaveText('Согласован с условиями')
    await expect(page.getByTestId('decision-history')).toContainText('Возвращено на доработку')
    await snap(page, '97-casco-approved', page.getByTestId('decision-history'))

    // 6. The clerk concludes the contract, takes the first instalment and previews the contract with the photos.
    await switchUser(page, 'clerk')
    await page.getByTestId('nav-casco').click()
    // A quote deleted and not taken back: written when the offer closes (here closed at once, not waited out).
    await page.getByTestId('casco-new').click()
    await expect(page.getByTestId('casco-form')).toBeVisible()
    const unwanted = /#\/casco\/([0-9a-f-]+)/.exec(page.url())![1]!
    await page.getByTestId('casco-discard').click()
    await expect(page.getByTestId('undo-snackbar')).toContainText('Расчёт удалён')
    await page.getByTestId('undo-close').click()
    await expect
      .poll(async () => (await core.db('casco_quote').where({ id: unwanted }).first()).status)
      .toBe('discarded')
    await page.getByTestId('casco-table').getByText('Смирнов Алексей Игоревич').click()
    await expect(page.getByTestId('casco-status')).toHaveText('Согласован с условиями')
    await page.getByTestId('casco-issue').click()
    const dialog = page.getByTestId('casco-issue-dialog')
    await expect(dialog.getByTestId('issue-schedule').locator('tbody tr')).toHaveCount(5)
    await dialog.getByLabel('Номер чека').fill('ФД 777')
    await snap(page, '98-casco-issue-dialog')
    await dialog.getByTestId('casco-issue-submit').click()
    await expect(page.getByTestId('casco-status')).toHaveText('Договор заключён')
    await expect(page.getByTestId('casco-number')).toHaveText('№ MSK-01-К000001')
    await page.getByTestId('print-open-casco-contract').click()
    const preview = page.getByTestId('pdf-preview')
    await expect(preview.locator('canvas').first()).toBeVisible({ timeout: 60_000 })
    expect(Number(await preview.getAttribute('data-pages'))).toBeGreaterThan(10)
    await snap(page, '99-casco-contract-preview')
    const row = await core.db('casco_quote').where({ id: quoteId }).first()
    const schedule = JSON.parse(row.schedule) as { totalKopecks: number; payments: Array<{ amountKopecks: number }> }
    expect(schedule.payments).toHaveLength(4)
    expect(schedule.payments.reduce((a, p) => a + p.amountKopecks, 0)).toBe(schedule.totalKopecks)
  })
})
