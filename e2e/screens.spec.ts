import type { Page } from '@playwright/test'
import type { Core } from '../core/app/createCore'
import {
  damage,
  quotedCase,
  readyInspection,
  submittedCase,
  submittedInspection,
  today,
} from '../core/casco/testing/cascoCase'
import { addDays } from '../shared/dates/calendarDate'
import { completeDraft } from '../shared/osago/testing/completeDraft'
import { issuedOsagoPolicy } from './harness/arrangeOsago'
import { ADMIN, arrange, expect, passwordOf, signIn, test } from './harness/fixtures'
import { checkLayout } from './harness/layoutCheck'

/**
 * Every screen at the counter's 1366×768 (playwright.config.ts), as the role that works on it, through the layout
 * check (e2e/harness/layoutCheck.ts): no text cut, a form's total and main action on screen together, nothing under
 * a sticky bar; a picture of each in e2e-artifacts/screens. The first-run card and the OSAGO form also at 1280×720.
 */

async function signedIn(core: Core, login: string): Promise<string> {
  const client = `arrange-${login}`
  await arrange(core, 'session/sign-in', { login, password: passwordOf(login) }, client)
  return client
}

/** A draft priced on the core (the breakdown shows as soon as the form opens) and an issued policy. */
async function osagoCases(core: Core) {
  const admin = await signedIn(core, ADMIN.login)
  await arrange(
    core,
    'blanks/receive-range',
    { series: 'ААА', fromNumber: '0123456780', toNumber: '0123456789' },
    admin,
  )
  const clerk = await signedIn(core, 'clerk')
  const issued = await issuedOsagoPolicy(core, clerk)
  const d = await arrange(core, 'osago/create-draft', undefined, clerk)
  const saved = await arrange(
    core,
    'osago/save-draft',
    { id: d.id, rowVersion: d.rowVersion, draft: completeDraft(today(core)) },
    clerk,
  )
  const draft = await arrange(core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, clerk)
  return { issued, draft }
}

/** A CASCO case approved by the supervisor and issued as a contract, and one still being quoted. */
async function cascoCases(core: Core) {
  const clerk = await signedIn(core, 'clerk')
  const inspector = await signedIn(core, 'inspector')
  const supervisor = await signedIn(core, 'supervisor')
  const s = await submittedCase(core, clerk)
  await submittedInspection(core, inspector, s.id, [damage(), damage({ view: 'front', x: 0.5, y: 0.3 })])
  const c = await arrange(core, 'approval/get-case', { quoteId: s.id }, supervisor)
  await arrange(
    core,
    'approval/decide',
    { quoteId: s.id, quoteRowVersion: c.quote.rowVersion, decision: 'approved', validUntil: addDays(today(core), 10) },
    supervisor,
  )
  const approved = await arrange(core, 'casco/get-quote', { id: s.id }, clerk)
  const contract = await arrange(
    core,
    'casco/issue-contract',
    {
      id: s.id,
      rowVersion: approved.rowVersion,
      payment: {
        method: 'cash',
        receiptNumber: 'ФД 7',
        amountKopecks: approved.result!.options[0]!.schedule.payments[0]!.amountKopecks,
      },
    },
    clerk,
  )
  // The case waiting for the supervisor, with an inspection report still open for the inspector.
  const waiting = await submittedCase(core, clerk)
  const act = await readyInspection(core, inspector, waiting.id, [damage()])
  // And one with its report in: the supervisor's queue shows it for a decision.
  const deciding = await submittedCase(core, clerk)
  await submittedInspection(core, inspector, deciding.id, [damage()])
  // And one priced with an option chosen, still the clerk's to change.
  const quoted = await quotedCase(core, clerk)
  return { contract, waiting, act, deciding, quoted }
}

const open = async (page: Page, hash: string, testId: string) => {
  await page.goto(`/#${hash}`)
  await expect(page.getByTestId(testId)).toBeVisible()
}

test.use({ seeded: true })

test.describe('before the branch exists', () => {
  test.use({ seeded: false })

  test('first run at 1366×768 and 1280×720: the whole card can be read and submitted', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByTestId('first-run-form')).toBeVisible()
    await checkLayout(page, 'first-run', { reachable: ['auth-title', 'first-run-submit'] })
    await page.setViewportSize({ width: 1280, height: 720 })
    await checkLayout(page, 'first-run', { shot: 'first-run-1280', reachable: ['auth-title', 'first-run-submit'] })
  })
})

test('sign-in, the admin’s screens and the lock screen', async ({ page }) => {
  await page.goto('/#/sign-in')
  await expect(page.getByTestId('sign-in-form')).toBeVisible()
  await checkLayout(page, 'sign-in')
  await signIn(page, 'admin')
  await checkLayout(page, 'home-admin')
  await open(page, '/blanks', 'blanks')
  await checkLayout(page, 'blanks')
  await open(page, '/staff', 'staff')
  await checkLayout(page, 'staff')
  await open(page, '/settings', 'settings')
  await checkLayout(page, 'settings')
  await open(page, '/sync', 'sync')
  await checkLayout(page, 'sync')
  await page.getByTestId('lock-screen').click()
  await expect(page.getByTestId('lock-overlay')).toBeVisible()
  await checkLayout(page, 'lock')
})

test('the clerk’s screens: OSAGO, CASCO, terminations, search', async ({ page, core }) => {
  const { issued, draft } = await osagoCases(core)
  const { contract, quoted } = await cascoCases(core)
  const clerk = await signedIn(core, 'clerk')
  const application = await arrange(
    core,
    'termination/register-application',
    {
      contract: { source: 'osago', id: issued.id },
      details: {
        kind: 'osago-early-termination',
        ground: 'owner-change',
        eventDate: null,
        cascoChoice: null,
        insuredEventOccurred: false,
        applicant: {
          fullName: 'Смирнов Алексей Игоревич',
          passport: '4519 123456',
          phone: '+7 916 123-45-67',
          address: null,
        },
        representative: null,
        payout: { method: 'cash' },
      },
    },
    clerk,
  )

  await signIn(page, 'clerk')
  await checkLayout(page, 'home-clerk')
  await open(page, '/osago', 'osago-list')
  await checkLayout(page, 'osago-list')
  // A new, empty application: its placeholders are the labels, and the narrowest of them must still be read whole.
  await page.getByTestId('osago-new').click()
  await expect(page.getByTestId('osago-form')).toBeVisible()
  await checkLayout(page, 'osago-form', { inView: ['calculate'], shot: 'osago-form-empty' })

  // The priced draft: the breakdown open, and still the total beside «Рассчитать» and «Оформить».
  await open(page, `/osago/${draft.id}`, 'osago-form')
  await expect(page.getByTestId('premium-breakdown')).toBeVisible()
  const osagoForm = { inView: ['premium-total', 'calculate', 'issue'] }
  await checkLayout(page, 'osago-form', osagoForm)
  await page.getByTestId('calculate').click()
  await expect(page.getByTestId('form-notice')).toBeVisible()
  await checkLayout(page, 'osago-form', {
    ...osagoForm,
    inView: [...osagoForm.inView, 'form-notice'],
    shot: 'osago-form-calculated',
  })
  await page.setViewportSize({ width: 1280, height: 720 })
  await checkLayout(page, 'osago-form', { ...osagoForm, shot: 'osago-form-1280' })
  await page.setViewportSize({ width: 1366, height: 768 })
  await open(page, `/osago/${issued.id}`, 'osago-form')
  await checkLayout(page, 'osago-policy', { inView: ['premium-total'] })

  await open(page, '/casco', 'casco-list')
  await checkLayout(page, 'casco-list')
  await open(page, `/casco/${quoted.id}`, 'casco-form')
  // The option headers scrolled to the top or the bottom of the window are under no bar.
  await checkLayout(page, 'casco-quote', {
    inView: ['casco-calculate'],
    notCovered: ['option-header-0', 'option-header-1'],
  })
  await checkLayout(page, 'casco-quote', { shot: 'casco-quote-options', pictureAt: 'option-header-0' })
  await open(page, `/casco/${contract.id}`, 'casco-form')
  await checkLayout(page, 'casco-contract')

  await open(page, '/terminations', 'term-list')
  await checkLayout(page, 'terminations-list')
  await open(page, '/terminations/new', 'term-new')
  await checkLayout(page, 'termination-new')
  await open(page, `/terminations/${application.id}`, 'term-application')
  await checkLayout(page, 'termination-application', { inView: ['term-total', 'term-complete'] })

  await page.getByTestId('search-open').click()
  await page.getByRole('dialog', { name: 'Поиск по всем записям' }).getByRole('combobox').fill('Смирнов')
  await expect(page.getByTestId('search-results')).toBeVisible()
  await checkLayout(page, 'search')
})

test('the inspector’s list and act; the supervisor’s queue and case', async ({ page, core }) => {
  const { act, deciding } = await cascoCases(core)
  await signIn(page, 'inspector')
  await checkLayout(page, 'home-inspector')
  await open(page, '/inspections', 'inspection-list')
  await checkLayout(page, 'inspections-list')
  await open(page, `/inspections/${act.id}`, 'inspection-form')
  await checkLayout(page, 'inspection-act', { inView: ['submit'] })

  await page.getByTestId('sign-out').click()
  await signIn(page, 'supervisor')
  await checkLayout(page, 'home-supervisor')
  await open(page, '/approvals', 'approvals')
  await expect(page.getByTestId('approval-table').locator('tbody tr')).toHaveCount(1)
  await checkLayout(page, 'approvals-list')
  await open(page, `/approvals/${deciding.id}`, 'approval-case')
  await checkLayout(page, 'approval-case', { inView: ['decision-submit'] })
})
