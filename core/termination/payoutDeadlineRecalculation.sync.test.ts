import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ProductionCalendarFile } from '../../shared/reference/productionCalendar'
import type { TerminationApplication } from '../../shared/termination/application'
import { publishReference } from '../../hq/admin'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { addStaff, ADMIN, establishBranch, makeDevice, RESOURCES_DIR, type Device } from '../sync/testing/syncHarness'

/**
 * HQ publishes the decree for 2027; each computer of the branch installs it with its next sync. The computer that
 * holds an open application moves its payout deadline and sends the move, which HQ accepts (a calendar update is
 * the one change a completed application may take); the other computer gets the moved row and moves nothing itself.
 */
let hq: RunningHq | null = null
const devices: Device[] = []
afterEach(async () => {
  for (const d of devices.splice(0)) await d.dispose()
  await hq?.close()
  hq = null
})

async function on(d: Device, date: string, clients: Record<string, string>): Promise<void> {
  d.clock.set(new Date(`${date}T07:00:00Z`))
  for (const [client, password] of Object.entries(clients)) await d.call('session/unlock-screen', { password }, client)
}

function decree2027(dir: string): string {
  const bundled = JSON.parse(
    readFileSync(join(RESOURCES_DIR, 'reference', 'production-calendar.json'), 'utf8'),
  ) as ProductionCalendarFile
  const y = structuredClone(bundled.data.years.find((x) => x.year === 2027)!)
  y.decree = 'Government Decree (test)'
  y.nonWorkingDays = { value: [...y.nonWorkingDays.value, '2027-01-11', '2027-12-31'].sort(), verified: true }
  y.workingWeekendDays = { value: [], verified: true }
  y.shortenedDays = { value: y.shortenedDays.value.filter((d) => d !== '2027-12-31'), verified: true }
  const file = join(dir, 'calendar-2027.json')
  writeFileSync(
    file,
    JSON.stringify({
      ...bundled,
      version: 'hq-2027.1',
      effectiveFrom: '2026-10-01',
      data: { ...bundled.data, years: [y] },
    }),
  )
  return file
}

describe('the decree for 2027 arrives by sync', () => {
  it('moves the deadline on the computer that holds the application; HQ accepts the move; the other computer takes it as is', async () => {
    hq = await startHq()
    const a = await makeDevice()
    devices.push(a)
    await establishBranch(a)
    await addStaff(a, 'clerk', 'clerk1', 'c')
    const clients = { admin: ADMIN.password, c: 'Own12345' }
    await a.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'A' }, 'admin')

    await on(a, '2026-12-28', clients)
    const contract = await a.ok(
      'termination/enter-contract',
      {
        contract: {
          product: 'casco',
          number: 'ХХХ 0000000001',
          concludedAt: 'Агент',
          policyholderType: 'individual',
          policyholderName: 'Орлова Ирина Сергеевна',
          plate: null,
          vin: null,
          conclusionDate: '2026-12-20',
          startDate: '2026-12-21',
          endDate: '2027-12-20',
          premiumKopecks: 1_000_000,
          periodsOfUse: [],
        },
      },
      'c',
    )
    const received = await a.ok(
      'termination/register-application',
      {
        contract: { source: contract.source, id: contract.id },
        details: {
          kind: 'cooling-off',
          ground: null,
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
      'c',
    )
    const ticked = await a.ok(
      'termination/set-documents',
      { id: received.id, rowVersion: received.rowVersion, documents: received.requiredDocuments },
      'c',
    )
    const done: TerminationApplication = await a.ok(
      'termination/complete-application',
      { id: ticked.id, rowVersion: ticked.rowVersion },
      'c',
    )
    expect(done).toMatchObject({ status: 'calculated', payoutDueOn: '2027-01-20' })
    expect((await a.ok('sync/sync-now', undefined, 'admin')).ok).toBe(true)

    const b = await makeDevice()
    devices.push(b)
    await b.ok('sync/enrol-new-device', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'B' })
    expect((await b.core.db('termination_application').where({ id: done.id }).first()).payout_due_on).toBe('2027-01-20')

    await publishReference(hq.db, decree2027(a.dir), new Date())
    expect((await a.ok('sync/sync-now', undefined, 'admin')).ok).toBe(true)
    await expect
      .poll(async () => (await a.core.db('termination_application').where({ id: done.id }).first()).payout_due_on, {
        timeout: 5000,
      })
      .toBe('2027-01-21')
    expect((await a.ok('sync/sync-now', undefined, 'admin')).ok).toBe(true)
    const atHq = await hq.db('hq_record').where({ entity: 'termination_application', id: done.id }).first()
    expect(JSON.parse(atHq.data)).toMatchObject({ status: 'calculated', payout_due_on: '2027-01-21' })
    // HQ holds the list as an object, not JSON text inside the record's JSON.
    expect(JSON.parse(atHq.data).deadline_changes).toEqual([
      expect.objectContaining({ previous: '2027-01-20', current: '2027-01-21' }),
    ])
    expect((await a.ok('sync/list-issues', undefined, 'admin')).items).toEqual([])

    // B gets the decree and the moved row in one pull; the row already carries the new date, so B moves nothing.
    b.clock.set(new Date('2026-12-29T07:00:00Z'))
    await b.ok('session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'admin')
    expect((await b.ok('sync/sync-now', undefined, 'admin')).ok).toBe(true)
    await expect
      .poll(async () => (await b.core.db('reference_state').where({ kind: 'production-calendar' }).first())?.versions, {
        timeout: 5000,
      })
      .toContain('hq-2027.1')
    expect((await b.core.db('termination_application').where({ id: done.id }).first()).payout_due_on).toBe('2027-01-21')
    expect(await b.core.db('audit_log').where({ action: 'termination.deadline-recalculated' })).toHaveLength(0)
    expect(await b.core.db('outbox').whereNull('sent_at')).toHaveLength(0)
  })
})
