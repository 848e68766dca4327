import type { Page } from '@playwright/test'
import { uuidv7 } from 'uuidv7'
import { branchRow, enrolOverHttp, insertChange, staffRow } from '../hq/testing/builders'
import type { Change } from '../shared/sync/protocol'
import { useHqOnPostgres } from './harness/hqOnPostgres'
import { ADMIN, arrange, expect, passwordOf, signIn, snap, test } from './harness/fixtures'

/**
 * A client of another branch at the counter (issue 15 point 1; docs/domain/personal-data.md#clients-of-other-branches):
 * the MSK clerk searches a passport the branch does not know, asks HQ (on a real PostgreSQL cluster) with
 * «Искать в других филиалах», sees SPB's card marked with its branch, and starts «Новое ОСАГО для клиента»: the
 * draft opens with the client's name, birth date, passport and phone. MSK stores no card of the client.
 */
test.use({ seeded: true })
test.use({ viewport: { width: 1366, height: 768 } })
test.describe.configure({ mode: 'serial' })

const hqServer = useHqOnPostgres('e2e_client_lookup')

const palette = (page: Page) => page.getByRole('dialog', { name: 'Поиск по всем записям' })
const field = (page: Page, path: string) => page.getByTestId(`f-${path}`).locator('input').first()

/** SPB's device pushes its branch, staff and the card of Кузнецова, as a real SPB computer would. */
async function spbClient(): Promise<string> {
  const hq = hqServer.hq
  const { token, branchId } = await enrolOverHttp(hq, 'SPB-01')
  await hq.db('hq_branch').where({ code: 'SPB-01' }).update({ name: 'Филиал «Невский»' })
  const adminId = uuidv7()
  const clerkId = uuidv7()
  const clientId = uuidv7()
  const party = {
    kind: 'person',
    surname: 'Кузнецова',
    name: 'Ольга',
    patronymic: 'Сергеевна',
    gender: 'female',
    birthDate: '1990-07-15',
    passport: { series: '4016', number: '654321', issueDate: '2010-08-01', issuer: 'ОВД', departmentCode: '780-001' },
    address: { region: 'Санкт-Петербург', city: '', street: 'Невский пр.', house: '10', flat: '5' },
    phone: '+7 921 555-44-33',
    email: 'olga@example.ru',
  }
  const push = async (changes: Change[]) => {
    const res = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ changes }),
    })
    const body = (await res.json()) as { results: Array<{ status: string }> }
    expect(body.results.every((r) => r.status === 'accepted')).toBe(true)
  }
  await push([
    insertChange('branch', branchRow(branchId, 'SPB-01')),
    insertChange('staff', staffRow(adminId, branchId, 'admin-spb')),
    insertChange('staff', staffRow(clerkId, branchId, 'clerk-spb', { role: 'clerk' }), adminId),
  ])
  await push([
    insertChange(
      'client',
      {
        id: clientId,
        branch_id: branchId,
        kind: 'person',
        status: 'active',
        party,
        display_name: 'Кузнецова Ольга Сергеевна',
        passport: '4016654321',
        inn: null,
        phone: '9215554433',
        consent: null,
        merged_into: null,
        erased_at: null,
        last_activity_on: null,
        created_by: clerkId,
      },
      clerkId,
    ),
  ])
  return clientId
}

test('the clerk finds another branch’s client through HQ and starts a new OSAGO application for them', async ({
  page,
  core,
}) => {
  test.setTimeout(120_000)
  const clientId = await spbClient()
  await arrange(core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'arrange-admin')
  await arrange(
    core,
    'sync/enrol',
    {
      hqUrl: hqServer.hq.url,
      code: await hqServer.hq.enrolmentCode('MSK-01', { name: 'Филиал «Тверской»', city: 'Москва' }),
      deviceName: 'Касса',
    },
    'arrange-admin',
  )
  // HQ knows the branch's clerks after the first sync.
  expect((await arrange(core, 'sync/sync-now', undefined, 'arrange-admin')).ok).toBe(true)

  await signIn(page, 'clerk', passwordOf('clerk'))
  await page.keyboard.press('Control+K')
  await palette(page).getByRole('combobox').fill('4016 654321')
  await expect(palette(page).getByTestId('search-message')).toHaveText('Ничего не найдено')
  const ask = palette(page).getByTestId('remote-search')
  await expect(ask).toHaveText('Искать в других филиалах')
  await snap(page, 'client-lookup-offer')

  await ask.click()
  const found = palette(page).getByTestId('remote-client')
  await expect(found).toHaveCount(1)
  await expect(found).toContainText('Кузнецова Ольга Сергеевна')
  await expect(found.getByTestId('remote-branch')).toHaveText('Филиал «Невский» · SPB-01')
  await expect(found).toContainText('15.07.1990 · 40 16 654321 · +7 (921) 555-44-33')
  await expect(found).toContainText('Действующих договоров нет')
  await expect(found).not.toContainText('Невский пр.') // no address leaves HQ
  await snap(page, 'client-lookup-found', palette(page))
  expect(await core.db('client').count({ n: '*' }).first()).toEqual({ n: 0 })

  await found.getByTestId('remote-new-osago').click()
  await expect(page).toHaveURL(/#\/osago\/[0-9a-f-]{36}$/)
  await expect(palette(page)).toBeHidden()
  await expect(field(page, 'insured.surname')).toHaveValue('Кузнецова')
  await expect(field(page, 'insured.name')).toHaveValue('Ольга')
  await snap(page, 'client-lookup-new-osago')

  // HQ recorded both requests of the clerk (the look-up and the copy), with what was answered.
  const logged = (await hqServer.hq.db('hq_client_lookup').where({ branch_code: 'MSK-01' })) as Array<{
    answered_ids: string
  }>
  expect(logged.map((l) => JSON.parse(l.answered_ids))).toEqual([[`SPB-01/${clientId}`], [`SPB-01/${clientId}`]])
})
