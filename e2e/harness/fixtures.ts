import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { ScriptedFileDialogs } from '../../core/files/fileDialogs'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCore, type Core } from '../../core/app/createCore'
import { RecordingPrintPlatform } from '../../core/print/recordingPlatform'
import { RecordingAtRestPlatform } from '../../core/client/api'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract'
import { E2E_BASE_URL } from '../../playwright.config'
import { bindCore } from './bindCore'
import { SCREENS_DIR } from './screensDir'

export const RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources')
export { SCREENS_DIR } from './screensDir'

export const ADMIN = { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' }
export const BRANCH = { code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' }

/** Calls the core directly, as a trusted window would — for arranging data a test is not about. */
export async function arrange<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
  clientId = 'arrange',
): Promise<ChannelOutput<C>> {
  const r = await core.dispatch(channel, input, { clientId, senderUrl: `${E2E_BASE_URL}/`, isMainFrame: true })
  if (!r.ok)
    throw new Error(`${channel}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`)
  return r.value as ChannelOutput<C>
}

/** A branch with its admin and one member per role; every password is `<Role>12345` after the first change. */
export async function seedBranch(core: Core): Promise<void> {
  await arrange(core, 'setup/create-branch', { branch: BRANCH, admin: ADMIN })
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password })
  const people = [
    { login: 'clerk', fullName: 'Петров Павел Олегович', role: 'clerk' as const },
    { login: 'inspector', fullName: 'Сидоров Степан Ильич', role: 'inspector' as const },
    { login: 'supervisor', fullName: 'Кузнецова Анна Викторовна', role: 'supervisor' as const },
  ]
  for (const p of people) {
    await arrange(core, 'staff/create-staff', { ...p, password: 'Temp12345' })
    await arrange(core, 'session/sign-in', { login: p.login, password: 'Temp12345' }, `seed-${p.login}`)
    await arrange(
      core,
      'session/change-password',
      { currentPassword: 'Temp12345', newPassword: `${p.role[0]!.toUpperCase()}${p.role.slice(1)}12345` },
      `seed-${p.login}`,
    )
  }
  await arrange(core, 'session/sign-out', undefined)
}

export const passwordOf = (login: string) =>
  login === 'admin' ? ADMIN.password : `${login[0]!.toUpperCase()}${login.slice(1)}12345`

export async function signIn(page: Page, login: string, password = passwordOf(login)): Promise<void> {
  await page.goto('/#/sign-in')
  await page.getByLabel('Логин').fill(login)
  await page.getByLabel('Пароль', { exact: true }).fill(password)
  await page.getByLabel('Пароль', { exact: true }).press('Enter')
  // Wait for the core's answer (the home screen, the forced password change, or the error) before going on:
  // navigating while sign-in is in flight would land back on the sign-in screen.
  await expect(
    page.getByTestId('home').or(page.getByTestId('change-password-form')).or(page.getByTestId('sign-in-error')),
  ).toBeVisible()
}

/** Signs the current user out and another in, on the same page (a shared counter computer). */
export async function switchUser(page: Page, login: string): Promise<void> {
  await page.getByTestId('sign-out').click()
  await expect(page.getByLabel('Логин')).toBeVisible()
  await signIn(page, login)
}

/**
 * Saves a screenshot per screen under e2e-artifacts/screens (kept by CI as an artifact): the window as the user sees
 * it at 1366×768, not the whole page — a full-page picture paints the fixed bars (app bar, action bar, status bar)
 * over the middle of a long form (issue 14). `show` is the part the picture is about when it lies below the fold:
 * it is scrolled to the middle of the window first, clear of the bars.
 */
export async function snap(page: Page, name: string, show?: Locator): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  if (show) await show.first().evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }))
  await page.waitForTimeout(150) // let Vuetify's transitions settle so the picture shows the final state
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: false })
}

/** Print jobs and saved PDFs of a test: nothing reaches a real printer or dialog (core/print/recordingPlatform.ts). */
export const PRINTERS = ['Kyocera ECOSYS P2040dn', 'HP LaserJet Pro M404']

/**
 * The pages come from the preview server; arrangement helpers shared with the core's unit tests
 * (core/casco/testing, core/inspection/testing) call as the app's own window does, from app://branch-desk.
 */
export const isTrustedE2eUrl = (url: string) =>
  url.startsWith(`${E2E_BASE_URL}/`) || url.startsWith('app://branch-desk/')

/**
 * Most tests start at a branch that is set up (seedBranch: the branch, its admin and one member per role, each
 * password changed once). Done per test through the channels it costs eight scrypt hashes, 3–4 s of the worker's
 * CPU — a minute and a half of the E2E stage. A worker seeds once into a template data folder, closed cleanly as
 * the app closes; a test with `test.use({ seeded: true })` starts its core on a copy of it, as the app starts
 * on the data it left. Specs whose core runs on another clock or reference data call seedBranch(core) themselves.
 */
export const test = base.extend<
  { core: Core; printer: RecordingPrintPlatform; dialogs: ScriptedFileDialogs; seeded: boolean },
  { seedTemplateDir: string }
>({
  seeded: [false, { option: true }],
  seedTemplateDir: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-seed-'))
      const core = await createCore({
        dataDir: dir,
        resourcesDir: RESOURCES_DIR,
        isTrustedUrl: isTrustedE2eUrl,
        appVersion: 'e2e',
        atRest: new RecordingAtRestPlatform(),
      })
      await seedBranch(core)
      await core.close()
      await use(dir)
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
  // The system's save and open dialogs, answered by the test (the shell's side is tested in electron/main).
  dialogs: async ({}, use) => {
    await use(new ScriptedFileDialogs())
  },
  printer: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-saved-'))
    await use(new RecordingPrintPlatform({ saveDir: dir, printers: PRINTERS }))
    rmSync(dir, { recursive: true, force: true })
  },
  core: async ({ printer, dialogs, seeded, seedTemplateDir }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'branch-desk-e2e-'))
    if (seeded) cpSync(seedTemplateDir, dir, { recursive: true })
    const core = await createCore({
      dataDir: dir,
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: isTrustedE2eUrl,
      appVersion: 'e2e',
      print: printer,
      files: dialogs,
      // The disk's encryption is the machine's, not the test's: the admin's home is judged on the data alone.
      atRest: new RecordingAtRestPlatform(),
    })
    await use(core)
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  },
  page: async ({ page, core }, use) => {
    await bindCore(page, core, 'page-1')
    await use(page)
  },
})

export { expect }
