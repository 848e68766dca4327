import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ManualClock } from '../core/app/clock'
import { createCore, type Core } from '../core/app/createCore'
import { damage, submittedCase, submittedInspection } from '../core/casco/testing/cascoCase'
import { addDays, todayIn } from '../shared/dates/calendarDate'
import { formatDateRu } from '../shared/dates/typedDate'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import {
  ADMIN,
  RESOURCES_DIR,
  arrange,
  test as base,
  expect,
  isTrustedE2eUrl,
  passwordOf,
  signIn,
  snap,
} from './harness/fixtures'
import { checkLayout } from './harness/layoutCheck'

/**
 * The radar after a day of work (issue 17 points 3 and 4). On day 0 the desk sells a CASCO contract in four
 * instalments and takes a refund application; five weeks later it issues an OSAGO policy whose diagnostic card ends in
 * 20 days, enters a CASCO contract concluded two days ago, sends a case for a decision and receives a few blanks.
 * The supervisor's home sums the radar up; the radar screen groups the dates by urgency, filters by kind and opens
 * the overdue payout's application.
 */
const test = base.extend<{ clock: ManualClock }>({
  clock: async ({}, use) => use(new ManualClock(new Date('2026-11-21T07:00:00Z'))),
  core: async ({ printer, dialogs, seedTemplateDir, clock }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-'))
    cpSync(seedTemplateDir, dir, { recursive: true })
    const core = await createCore({
      dataDir: dir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: isTrustedE2eUrl,
      appVersion: 'e2e',
      print: printer,
      files: dialogs,
      clock,
    })
    await use(core)
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  },
})
test.use({ seeded: true })

const today = (clock: ManualClock) => todayIn('Europe/Moscow', clock.now())

async function signInAll(core: Core) {
  for (const login of ['clerk', 'inspector', 'supervisor'])
    await arrange(core, 'session/sign-in', { login, password: passwordOf(login) }, `arrange-${login}`)
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
}

async function issuedCasco(core: Core, clock: ManualClock): Promise<void> {
  const s = await submittedCase(core, 'arrange-clerk', (d) => {
    d.options[0]!.plan = 'four'
  })
  await submittedInspection(core, 'arrange-inspector', s.id, [damage()])
  const c = await arrange(core, 'approval/get-case', { quoteId: s.id }, 'arrange-supervisor')
  await arrange(
    core,
    'approval/decide',
    {
      quoteId: s.id,
      quoteRowVersion: c.quote.rowVersion,
      decision: 'approved',
      validUntil: addDays(today(clock), 10),
    },
    'arrange-supervisor',
  )
  const approved = await arrange(core, 'casco/get-quote', { id: s.id }, 'arrange-clerk')
  await arrange(
    core,
    'casco/issue-contract',
    {
      id: s.id,
      rowVersion: approved.rowVersion,
      payment: {
        method: 'card',
        receiptNumber: 'ФД 2001',
        amountKopecks: approved.result!.options[0]!.schedule.payments[0]!.amountKopecks,
      },
    },
    'arrange-clerk',
  )
}

const contract = (over: Record<string, unknown>) => ({
  contract: {
    product: 'osago' as const,
    number: 'ХХХ 0000000001',
    concludedAt: 'Агент Сидоров',
    policyholderType: 'individual' as const,
    policyholderName: 'Орлова Ирина Сергеевна',
    plate: 'В456ОР199',
    vin: 'XTA21700080123456',
    conclusionDate: '2026-04-20',
    startDate: '2026-05-01',
    endDate: '2027-04-30',
    premiumKopecks: 1_000_000,
    periodsOfUse: [],
    ...over,
  },
})

/** A refund application on a policy entered by hand, its documents ticked and the refund calculated. */
async function refundApplication(core: Core): Promise<string> {
  const c = await arrange(core, 'termination/enter-contract', contract({}), 'arrange-clerk')
  let a = await arrange(
    core,
    'termination/register-application',
    {
      contract: { source: c.source, id: c.id },
      details: {
        kind: 'osago-early-termination',
        ground: 'owner-change',
        eventDate: null,
        cascoChoice: null,
        insuredEventOccurred: false,
        applicant: {
          fullName: 'Орлова Ирина Сергеевна',
          passport: '4519 123456',
          phone: '8 916 123-45-67',
          address: null,
        },
        representative: null,
        payout: { method: 'cash' },
      },
    },
    'arrange-clerk',
  )
  a = await arrange(
    core,
    'termination/set-documents',
    { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
    'arrange-clerk',
  )
  a = await arrange(core, 'termination/complete-application', { id: a.id, rowVersion: a.rowVersion }, 'arrange-clerk')
  return a.id
}

async function osagoWithCard(core: Core, clock: ManualClock, validUntil: string): Promise<void> {
  const draft = completeDraft(today(clock))
  draft.vehicle.plate = 'А123ВС777'
  draft.vehicle.diagnosticCard = { number: '123456789012345', issueDate: addDays(today(clock), -300), validUntil }
  const created = await arrange(core, 'osago/create-draft', undefined, 'arrange-clerk')
  const calculated = await arrange(
    core,
    'osago/calculate-policy',
    { id: created.id, rowVersion: created.rowVersion, draft },
    'arrange-clerk',
  )
  await arrange(
    core,
    'osago/issue-policy',
    {
      id: calculated.id,
      rowVersion: calculated.rowVersion,
      payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calculated.calculation!.premiumKopecks },
    },
    'arrange-clerk',
  )
}

/** Both clocks to 10:00 Moscow time on `date`; the arranging sessions unlock the screen the idle lock closed. */
async function at(page: Page, core: Core, clock: ManualClock, date: string): Promise<void> {
  const now = new Date(`${date}T07:00:00Z`)
  clock.set(now)
  await page.clock.setFixedTime(now)
  for (const login of ['clerk', 'inspector', 'supervisor', 'admin'])
    // Refused when the session was not locked: nothing to do then.
    await arrange(core, 'session/unlock-screen', { password: passwordOf(login) }, `arrange-${login}`).catch(() => null)
}

test('the radar after a day of work', async ({ page, core, clock }) => {
  test.setTimeout(180_000)
  await signInAll(core)
  const day0 = today(clock)
  await issuedCasco(core, clock)
  const applicationId = await refundApplication(core)

  const day1 = addDays(day0, 35)
  await at(page, core, clock, day1)
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' },
    'arrange-admin',
  )
  await osagoWithCard(core, clock, addDays(day1, 20))
  await arrange(
    core,
    'termination/enter-contract',
    contract({
      product: 'casco',
      number: 'КАСКО-РУЧ-7',
      policyholderName: 'Волкова Елена Андреевна',
      conclusionDate: addDays(day1, -2),
      startDate: addDays(day1, -1),
      endDate: addDays(day1, 362),
    }),
    'arrange-clerk',
  )
  await submittedCase(core, 'arrange-clerk')

  // The supervisor's home: the radar's counts by urgency and the most urgent dates, the overdue payout first.
  await signIn(page, 'supervisor')
  const card = page.getByTestId('home-radar')
  await expect(card).toBeVisible()
  await expect(card.locator('[data-testid="home-radar-count"][data-urgency="overdue"]')).toContainText('Просрочено: 1')
  await expect(card.getByTestId('home-radar-item').first()).toHaveAttribute('data-kind', 'payout')
  await expect(card.getByTestId('home-radar-item').first()).toContainText('неустойка уже')
  await snap(page, 'radar-1-home', card)

  // The radar: every kind of date of the day's work, grouped by urgency.
  await card.getByTestId('home-radar-more').click()
  await expect(page.getByRole('heading', { name: 'Радар сроков' })).toBeVisible()
  const groups = page.getByTestId('radar-group')
  await expect(groups.first()).toHaveAttribute('data-urgency', 'overdue')
  for (const kind of ['payout', 'coolingOff', 'instalment', 'approval', 'blanksLow', 'diagnosticCard'])
    await expect(page.locator(`[data-testid="radar-item"][data-kind="${kind}"]`), kind).toHaveCount(1)
  await expect(page.locator('[data-testid="radar-item"][data-kind="diagnosticCard"]')).toContainText(
    formatDateRu(addDays(day1, 20)),
  )
  await expect(page.locator('[data-testid="radar-item"][data-kind="coolingOff"]')).toContainText('КАСКО-РУЧ-7')
  await expect(page.locator('[data-testid="radar-item"][data-kind="blanksLow"]')).toContainText('Осталось 4')
  await checkLayout(page, 'radar')
  await snap(page, 'radar-2-screen')

  // Filtered to the CASCO instalments: only the second instalment of the contract sold on day 0.
  await page.getByTestId('radar-filter-instalment').click()
  await expect(page.getByTestId('radar-item')).toHaveCount(1)
  await expect(page.getByTestId('radar-item')).toContainText('Взнос 2 из 4')
  await snap(page, 'radar-3-filtered')
  await page.getByTestId('radar-filter-instalment').click()

  // The overdue payout opens its application.
  await page.locator('[data-testid="radar-item"][data-kind="payout"]').click()
  await expect(page).toHaveURL(new RegExp(`/terminations/${applicationId}`))
})
