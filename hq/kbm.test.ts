import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../shared/app/clock'
import { kbmResponseSchema, type KbmRequest } from '../shared/sync/protocol'
import { enrolDevice } from './enrolment'
import { SimulatedNationalRegister } from './national/simulatedNationalRegister'
import { startPgCluster, type PgCluster } from './testing/pgCluster'
import { startHq, type RunningHq } from './testing/hqHarness'

/**
 * POST /v1/kbm (issue 15 point 5): the named simulator's answers through HQ on SQLite and on PostgreSQL, only for
 * an enrolled device, only for a request of the protocol's shape, and no faster than the per-device limit.
 */
const subject = (ref: string, kind: 'licence' | 'passport' | 'inn', document: string) => ({
  ref,
  kind,
  document,
  surname: 'Петров',
  name: 'Пётр',
  patronymic: '',
  birthDate: '1980-01-01',
})

async function tokenFor(hq: RunningHq, branch: string): Promise<string> {
  const code = await hq.enrolmentCode(branch)
  const r = await enrolDevice(
    hq.db,
    { code, deviceName: 'desk', branch: { id: `record-${branch}`, code: branch, name: branch, city: 'Москва' } },
    new Date(),
  )
  return r.token
}

function ask(hq: RunningHq, token: string | null, body: unknown) {
  return fetch(`${hq.url}/v1/kbm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
}

let pg: PgCluster | undefined
beforeAll(async () => {
  pg = await startPgCluster()
}, 120_000)
afterAll(async () => {
  await pg?.stop()
})

describe.each(['sqlite', 'postgres'] as const)('POST /v1/kbm on %s', (database) => {
  let hq: RunningHq
  const clock = new ManualClock(new Date('2026-12-06T09:30:00Z'))
  beforeAll(async () => {
    const databaseUrl = database === 'postgres' ? await pg!.createDatabase('kbm_route') : undefined
    hq = await startHq({ ...(databaseUrl ? { databaseUrl } : {}), clock, kbmRequestsPerMinute: 4 })
  }, 60_000)
  afterAll(async () => {
    await hq?.close()
  })

  it('answers each person from the test data, the first-time class 3 for anyone else, with request ids', async () => {
    const token = await tokenFor(hq, 'KBM-01')
    const body: KbmRequest = {
      subjects: [
        subject('driver:0', 'licence', '7701000010'),
        subject('driver:1', 'licence', '9999123456'),
        subject('owner', 'inn', '7702000004'),
      ],
    }
    const res = await ask(hq, token, body)
    expect(res.status).toBe(200)
    const answer = kbmResponseSchema.parse(await res.json())
    expect(answer.register).toBe(new SimulatedNationalRegister().name)
    expect(answer.results.map((r) => [r.ref, r.class, r.found])).toEqual([
      ['driver:0', '10', true],
      ['driver:1', '3', false],
      ['owner', '4', true],
    ])
    for (const r of answer.results) {
      expect(r.requestId).toMatch(/^KBM-SIM-[0-9A-F]{12}$/)
      expect(r.checkedAt).toBe('2026-12-06T09:30:00.000Z')
    }
    expect(new Set(answer.results.map((r) => r.requestId)).size).toBe(3)
    // Deterministic: the same question at the same moment gets the same id; a minute later another one.
    const again = kbmResponseSchema.parse(await (await ask(hq, token, body)).json())
    expect(again.results.map((r) => r.requestId)).toEqual(answer.results.map((r) => r.requestId))
    clock.advance(60_000)
    const later = kbmResponseSchema.parse(await (await ask(hq, token, body)).json())
    expect(later.results[0]!.requestId).not.toBe(answer.results[0]!.requestId)
  })

  it('refuses a request without a valid token, and one that is not the protocol', async () => {
    const body = { subjects: [subject('driver:0', 'licence', '7701000010')] }
    expect((await ask(hq, null, body)).status).toBe(401)
    expect((await ask(hq, 'not-a-token', body)).status).toBe(401)
    const token = await tokenFor(hq, 'KBM-02')
    const bad = await ask(hq, token, { subjects: [subject('driver:0', 'licence', '77 01 000010')] })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid-request')
    const tooMany = Array.from({ length: 22 }, (_, i) => subject(`driver:${i}`, 'licence', `770100${i}`))
    expect((await ask(hq, token, { subjects: tooMany })).status).toBe(400)
    expect((await ask(hq, token, { subjects: [] })).status).toBe(400)
  })

  it('holds a device to KBM_REQUESTS_PER_MINUTE', async () => {
    const token = await tokenFor(hq, 'KBM-03')
    const body = { subjects: [subject('driver:0', 'licence', '7701000005')] }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await ask(hq, token, body)).status)
    expect(statuses).toEqual([200, 200, 200, 200, 429])
    // Another device of the branch has its own count.
    expect((await ask(hq, await tokenFor(hq, 'KBM-03'), body)).status).toBe(200)
  })
})
