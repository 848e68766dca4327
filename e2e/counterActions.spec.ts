import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import type { RecordingPrintPlatform } from '../core/print/recordingPlatform'
import { ADMIN, arrange, expect, SCREENS_DIR, signIn, snap, test } from './harness/fixtures'

/**
 * The counter at keyboard speed (issue 14, acceptance): a first-time OSAGO policy — the insured is the owner, two
 * named drivers — from the home screen to the policy printed on its blank, done as a clerk does it: typing, Enter to
 * go on, Tab to skip, a click where a click is shorter. Every action is counted (a click one, a key press one, each
 * typed character one) and the total must stay at or under 250 (343 before the issue). Every Tab (and every Enter
 * that moves on) must land on something the clerk can use: not read-only, disabled, hidden or inert.
 *
 * E2E_COUNT_BASELINE=1 runs the same task with only what the code before the issue offered (Tab to move, the
 * model's text selected by hand, the new driver's surname clicked), to see where the actions went.
 */
const BASELINE = process.env.E2E_COUNT_BASELINE === '1'
const LIMIT = 250

/** Where the focus is, as the test ids of the element and its ancestors, and whether it is a usable stop. */
async function focusState(page: Page): Promise<{ ids: string[]; bad: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    const ids: string[] = []
    for (let n: Element | null = el; n; n = n.parentElement) {
      const id = n.getAttribute('data-testid')
      if (id) ids.push(id)
    }
    if (!el || el === document.body) return { ids, bad: 'nothing (body)' }
    const what = `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''} in ${ids[0] ?? '?'} «${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}»`
    const input = el as HTMLInputElement
    if (input.disabled || el.getAttribute('aria-disabled') === 'true') return { ids, bad: `disabled ${what}` }
    // A read-only Vuetify tick box or radio keeps a plain input: only its field says it is read-only.
    if (input.readOnly || el.getAttribute('aria-readonly') === 'true' || el.closest('.v-input--readonly'))
      return { ids, bad: `read-only ${what}` }
    const r = el.getBoundingClientRect()
    if (!el.checkVisibility({ visibilityProperty: true }) || r.width === 0 || r.height === 0)
      return { ids, bad: `hidden ${what}` }
    const role = el.getAttribute('role') ?? ''
    const usable =
      ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(el.tagName) ||
      (el.tagName === 'A' && el.hasAttribute('href')) ||
      el.isContentEditable ||
      ['button', 'radio', 'checkbox', 'combobox', 'switch', 'option', 'tab', 'menuitem', 'link'].includes(role)
    return { ids, bad: usable ? null : `not a control: ${what}` }
  })
}

/** The clerk's hands: every action goes through here and is counted. */
class Clerk {
  clicks = 0
  keys = 0
  chars = 0
  tabs = 0
  readonly badStops: string[] = []
  readonly log: string[] = []
  constructor(private readonly page: Page) {}

  get total(): number {
    return this.clicks + this.keys + this.chars
  }

  async click(target: Locator, what: string): Promise<void> {
    this.clicks++
    this.log.push(`click ${what}`)
    await target.click()
  }

  async type(text: string): Promise<void> {
    this.chars += [...text].length
    this.log.push(`type «${text}»`)
    await this.page.keyboard.type(text)
    // A field typed to its end goes on by itself a moment later: let it, before looking where the focus is.
    await this.page.waitForTimeout(60)
  }

  /** One key press; a press that moves the focus (Tab, Enter that goes on) is checked where it lands. */
  async press(key: string): Promise<void> {
    this.keys++
    if (key === 'Tab') this.tabs++
    this.log.push(`press ${key}`)
    await this.page.keyboard.press(key)
    if (key === 'Tab' || key === 'Shift+Tab' || key === 'Enter') {
      // Enter in an autocomplete moves on after the choice is drawn.
      await this.page.waitForTimeout(key === 'Enter' ? 60 : 0)
      const { ids, bad } = await focusState(this.page)
      this.log[this.log.length - 1] += ` → ${ids[0] ?? 'body'}`
      if (key !== 'Enter' || bad !== 'nothing (body)') if (bad) this.badStops.push(`${key} → ${bad}`)
    }
  }

  /** Moves on with `key` until the focus is in the field with this test id (none if it is there already). */
  async reach(testId: string, key = BASELINE ? 'Tab' : 'Enter', max = 8): Promise<void> {
    for (let i = 0; ; i++) {
      const { ids } = await focusState(this.page)
      if (ids.includes(testId)) return
      if (i === max) throw new Error(`${testId} not reached with ${key}: focus in ${ids.join(' < ')}`)
      await this.press(key)
    }
  }

  /** Reaches the field and types into it. */
  async enter(testId: string, text: string, key?: string): Promise<void> {
    await this.reach(testId, key)
    await this.type(text)
  }

  /** An autocomplete: what is typed, then the highlighted item taken (Enter; before the issue Enter did not go on). */
  async choose(testId: string, text: string): Promise<void> {
    await this.enter(testId, text)
    await this.press('Enter')
    if (BASELINE) await this.press('Tab')
  }
}

const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

/** A Tab walk's stops, for the walk's file in the test's output (what the Tab order is, screen by screen). */
interface TabWalk {
  stops: string[]
  bad: string[]
}

/**
 * Tab from the form's first control to its end (past the action bar's last button), every stop checked as the task's
 * presses are (focusState): visible, enabled, not read-only, a control. These presses check the Tab order of a whole
 * screen — far more Tabs than the task needs — so they are not the clerk's task: they are pressed here, outside the
 * Clerk, and never added to the counted total.
 */
async function tabWalk(page: Page, max = 160): Promise<TabWalk> {
  const inForm = (ids: string[]) => ids.includes('osago-form')
  const started = await page.getByTestId('osago-form').evaluate((root) => {
    const first = [...root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].find(
      (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.checkVisibility(),
    )
    first?.focus()
    return !!first && document.activeElement === first
  })
  expect(started, 'the form has a first control to start the Tab walk from').toBe(true)
  const walk: TabWalk = { stops: [], bad: [] }
  for (let i = 0; i <= max; i++) {
    const { ids, bad } = await focusState(page)
    if (!inForm(ids)) return walk // past the form's last control: the walk is over
    const where = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      return `${el.tagName.toLowerCase()} «${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}»`
    })
    walk.stops.push(`${ids[0] ?? '?'} ${where}${bad ? ` ✗ ${bad}` : ''}`)
    if (bad) walk.bad.push(`Tab ${i} → ${bad}`)
    await page.keyboard.press('Tab')
  }
  throw new Error(`the Tab walk did not leave the form in ${max} presses:\n${walk.stops.join('\n')}`)
}

/**
 * A date as the clerk types it: ДДММГГ, six digits (the date field reads a two-digit year as the latest past century
 * for birth, licence and document dates). Before the issue the browser's own date input took the PC's order
 * (mm/dd/yyyy here) and four-digit years: the baseline types eight digits in that order.
 */
const date = (ddmmyyyy: string) =>
  BASELINE ? ddmmyyyy.slice(2, 4) + ddmmyyyy.slice(0, 2) + ddmmyyyy.slice(4) : ddmmyyyy.slice(0, 4) + ddmmyyyy.slice(6)

test.describe('The counter at keyboard speed', () => {
  test.use({ seeded: true })
  test.beforeEach(async ({ core }) => {
    await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'blanks-admin')
    await arrange(
      core,
      'blanks/receive-range',
      { series: 'ААК', fromNumber: '0012345670', toNumber: '0012345689' },
      'blanks-admin',
    )
  })

  test('a first-time OSAGO policy, insured = owner, two drivers: home to printed blank in ≤ 250 actions', async ({
    page,
    printer,
  }) => {
    test.setTimeout(180_000)
    await page.setViewportSize({ width: 1366, height: 768 })
    await signIn(page, 'clerk')
    const clerk = new Clerk(page)
    try {
      await firstTimeOsago(page, clerk, printer)
    } finally {
      const summary =
        `counter actions${BASELINE ? ' (baseline: before issue 14)' : ''}: ${clerk.total} ` +
        `= ${clerk.chars} characters + ${clerk.keys} key presses (${clerk.tabs} Tab) + ${clerk.clicks} clicks`
      console.log(summary)
      // The list reporter does not always show a test's output: the count and each action also go to its output folder.
      writeFileSync(test.info().outputPath('actions.txt'), `${summary}\n${clerk.log.join('\n')}\n`)
      if (process.env.E2E_COUNT_LOG === '1') console.log(clerk.log.join('\n'))
    }
    expect(clerk.badStops, 'Tabs that landed on nothing usable').toEqual([])
    if (!BASELINE) expect(clerk.total).toBeLessThanOrEqual(LIMIT)
    if (BASELINE) return

    // Every Tab stop of the issued policy's screen and of a new, empty application (uncounted, see tabWalk).
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('print-dialog-osago-policy-blank')).toBeHidden()
    const issued = await tabWalk(page)
    await page.getByTestId('nav-osago').click()
    await page.getByTestId('osago-new').click()
    await expect(page.getByTestId('policy-status')).toHaveText('Черновик')
    const empty = await tabWalk(page)
    writeFileSync(
      test.info().outputPath('tab-walks.txt'),
      `issued policy (${issued.stops.length} stops):\n${issued.stops.join('\n')}\n\n` +
        `new application (${empty.stops.length} stops):\n${empty.stops.join('\n')}\n`,
    )
    expect(issued.bad, 'Tab stops on the issued policy that are not usable').toEqual([])
    expect(empty.bad, 'Tab stops on the new application that are not usable').toEqual([])
    // Each walk went through the screen to its end: the documents' buttons, the fields and the form's actions.
    expect(issued.stops.join('\n')).toContain('print-open-osago-application')
    for (const id of ['f-insured.surname', 'f-vehicle.vin', 'f-drivers.list.0.surname', 'calculate', 'discard'])
      expect(empty.stops.some((s) => s.startsWith(`${id} `))).toBe(true)

    // A refused «Рассчитать» puts the caret in the first bad field — the insured's surname, far above where the walk
    // left the page scrolled — and brings it into view, clear of the action bar.
    const surname = field(page, 'insured.surname')
    expect(await surname.evaluate((el) => el.getBoundingClientRect().bottom < 0)).toBe(true)
    await page.getByTestId('calculate').click()
    await expect(page.getByTestId('form-error')).toBeVisible()
    await expect(surname).toBeFocused()
    const seen = await surname.evaluate((el) => {
      const r = el.getBoundingClientRect()
      const bar = document.querySelector('[data-testid="action-bar"]')!.getBoundingClientRect()
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      return { inside: r.top >= 0 && r.bottom <= bar.top, uncovered: hit === el || el.contains(hit) }
    })
    expect(seen, 'the first bad field is in the window, above the action bar, not covered').toEqual({
      inside: true,
      uncovered: true,
    })
    // The window as the clerk sees it (not the whole page): the caret's field in view under the refusal.
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: join(SCREENS_DIR, '85-counter-refused-first-bad-field.png') })
  })
})

test.describe('Nothing lost by a click', () => {
  test.use({ seeded: true })

  test('«Удалить черновик» offers «Отменить»; the discard is written only when the offer closes', async ({
    page,
    core,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await signIn(page, 'clerk')
    await page.getByTestId('nav-osago').click()
    await page.getByTestId('osago-new').click()
    await expect(page.getByTestId('osago-form')).toBeVisible()
    const id = page.url().split('/').pop()!
    await field(page, 'insured.surname').fill('Кузнецова')
    await expect(page.getByTestId('autosave-status')).toContainText('Черновик сохранён')
    await arrange(core, 'session/sign-in', { login: 'clerk', password: 'Clerk12345' }, 'check-clerk')
    const status = async () => (await arrange(core, 'osago/get-policy', { id }, 'check-clerk')).status

    await page.getByTestId('discard').click()
    await expect(page.getByTestId('undo-snackbar')).toContainText('Черновик удалён')
    await expect(page.getByTestId('osago-list')).toBeVisible()
    await expect(page.getByTestId('osago-table')).not.toContainText('Кузнецова')
    await snap(page, '83-undo-snackbar')
    expect(await status()).toBe('draft') // nothing written while «Отменить» is offered
    await page.getByTestId('undo').click()
    await expect(page.getByTestId('osago-form')).toBeVisible()
    await expect(field(page, 'insured.surname')).toHaveValue('Кузнецова')

    await page.getByTestId('discard').click()
    await expect(page.getByTestId('undo-snackbar')).toBeVisible()
    expect(await status()).toBe('draft')
    await page.getByTestId('undo-close').click() // the offer closed: now it is written
    await expect.poll(status).toBe('discarded')
    await expect(page.getByTestId('osago-table')).not.toContainText('Кузнецова')
  })

  test('disabling a staff member is asked first, naming who loses access', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await signIn(page, 'admin')
    await page.getByTestId('nav-staff').click()
    await page.getByTestId('toggle-clerk').click()
    await expect(page.getByTestId('confirm-dialog')).toContainText('Петров Павел Олегович не сможет войти')
    await expect(page.getByTestId('confirm-cancel')).toBeFocused()
    await snap(page, '84-confirm-disable-staff')
    await page.keyboard.press('Enter') // «Отмена» has the focus: Enter keeps everything
    const row = page.getByTestId('staff-table').getByRole('row', { name: /Петров Павел/ })
    await expect(row).toContainText('Активен')
    await page.getByTestId('toggle-clerk').click()
    await page.getByTestId('confirm-ok').click()
    await expect(row).toContainText('Отключён')
  })
})

async function firstTimeOsago(page: Page, clerk: Clerk, printer: RecordingPrintPlatform): Promise<void> {
  // Home → a new application.
  const shortcut = page.getByTestId('home-start-newOsago')
  if (await shortcut.isVisible()) await clerk.click(shortcut, 'home: new OSAGO')
  else {
    await clerk.click(page.getByTestId('tile-osago'), 'home: OSAGO')
    await clerk.click(page.getByTestId('osago-new'), 'new application')
  }
  await expect(page.getByTestId('osago-form')).toBeVisible()
  await expect(page.getByTestId('premium-panel')).toBeVisible()
  await snap(page, '80-counter-new-osago')

  // The insured (the owner too: «совпадает со страхователем» is ticked by default).
  if (!(await focusState(page)).ids.includes('f-insured.surname'))
    await clerk.click(field(page, 'insured.surname'), 'insured surname')
  await clerk.type('Смирнов')
  await clerk.enter('f-insured.name', 'Алексей')
  await clerk.enter('f-insured.patronymic', 'Игоревич')
  await clerk.enter('f-insured.birthDate', date('12041999'))
  if (BASELINE) {
    await clerk.reach('f-insured.gender')
    await clerk.press('Space')
  }
  // «Игоревич»: the gender is pre-selected, so Enter passes it.
  await expect(page.getByTestId('f-insured.gender').getByLabel('Мужской')).toBeChecked()
  await clerk.enter('f-insured.passport.series', '4519')
  await clerk.enter('f-insured.passport.number', '123456')
  await clerk.enter('f-insured.passport.issueDate', date('20052019'))
  await clerk.enter('f-insured.passport.departmentCode', '770001')
  await clerk.enter('f-insured.passport.issuer', 'ГУ МВД России по г. Москве')
  await clerk.choose('f-insured.address.region', BASELINE ? 'Москва' : 'Москв') // «Моск» would find «Московская область» first
  await clerk.enter('f-insured.address.street', 'ул. Тверская')
  await clerk.enter('f-insured.address.house', '12')
  await clerk.enter('f-insured.address.flat', '45')
  await clerk.enter('f-insured.phone', BASELINE ? '89161234567' : '9161234567')
  await expect(page.getByTestId('f-insured.address.region')).toContainText('Москва')

  // The vehicle: make and model from the catalogue; a new car, so no plate and no diagnostic card yet.
  await clerk.choose('f-vehicle.make', BASELINE ? 'Лада' : 'Лад')
  if (BASELINE) await clerk.press('Control+a')
  await clerk.choose('f-vehicle.model', BASELINE ? 'Vesta' : 'Ves')
  await expect(page.getByTestId('f-vehicle.model')).toContainText('Vesta')
  await clerk.enter('f-vehicle.year', '2024')
  await clerk.enter('f-vehicle.power', '106')
  await clerk.enter('f-vehicle.vin', 'XTAGFK330RY123456')
  await clerk.enter('f-vehicle.registrationDoc.series', '63 РВ')
  await clerk.enter('f-vehicle.registrationDoc.number', '123456')
  await clerk.enter('f-vehicle.registrationDoc.date', date('01112026'))

  // Driver 1 is the insured: copied with one button, then the licence typed.
  if (BASELINE) {
    await clerk.reach('f-drivers.mode')
    await clerk.press('Tab')
  } else {
    // Enter passes the list/unlimited choice (made) and lands in the first driver's surname; the button is just before.
    await clerk.reach('f-drivers.list.0.surname')
    await clerk.press('Shift+Tab')
  }
  await expect(page.locator(':focus')).toContainText('Страхователь — водитель')
  await clerk.press('Enter')
  await expect(field(page, 'drivers.list.0.surname')).toHaveValue('Смирнов')
  if (BASELINE) await clerk.click(field(page, 'drivers.list.0.licence.series'), 'driver 1 licence series')
  await clerk.enter('f-drivers.list.0.licence.series', '9921')
  await clerk.enter('f-drivers.list.0.licence.number', '654321')
  await clerk.enter('f-drivers.list.0.licenseSince', date('01102025'))

  // Driver 2: «Добавить водителя» puts the caret in the new surname.
  await clerk.click(page.getByTestId('add-driver'), 'add driver')
  if (BASELINE) await clerk.click(field(page, 'drivers.list.1.surname'), 'driver 2 surname')
  await expect(field(page, 'drivers.list.1.surname')).toBeFocused()
  await clerk.type('Смирнова')
  await clerk.enter('f-drivers.list.1.name', 'Ольга')
  await clerk.press(BASELINE ? 'Tab' : 'Enter') // no patronymic on her licence
  await clerk.enter('f-drivers.list.1.birthDate', date('30092003'))
  await clerk.reach('f-drivers.list.1.gender')
  await clerk.press('ArrowRight')
  await expect(page.getByTestId('f-drivers.list.1.gender').getByLabel('Женский')).toBeChecked()
  await clerk.enter('f-drivers.list.1.licence.series', '9922')
  await clerk.enter('f-drivers.list.1.licence.number', '111222')
  await clerk.enter('f-drivers.list.1.licenseSince', date('15062024'))
  await snap(page, '81-counter-filled')

  // Calculate: Ctrl+Enter anywhere in the form.
  if (BASELINE) await clerk.click(page.getByTestId('calculate'), 'calculate')
  else await clerk.press('Control+Enter')
  await expect(page.getByTestId('policy-status')).toHaveText('Рассчитан')

  // Issue on the next blank: the receipt number, Ctrl+Enter (Enter in the dialog goes on to the amount).
  await clerk.click(page.getByTestId('issue'), 'issue')
  await expect(page.getByLabel('Номер чека')).toBeFocused()
  await clerk.type('ФД 123')
  await clerk.press(BASELINE ? 'Enter' : 'Control+Enter')
  await expect(page.getByTestId('policy-status')).toHaveText('Оформлен')
  await expect(page.getByTestId('policy-blank')).toHaveText('ААК 0012345670')

  // Print on the blank.
  await clerk.click(page.getByTestId('print-open-osago-policy-blank'), 'open blank print')
  const dialog = page.getByTestId('print-dialog-osago-policy-blank')
  await expect(dialog.getByTestId('pdf-preview')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
  await clerk.click(dialog.getByTestId('print-print'), 'print')
  await expect(dialog.getByTestId('print-result')).toHaveText('Документ отправлен на принтер')
  expect(printer.jobs).toHaveLength(1)
  await snap(page, '82-counter-printed')
}
