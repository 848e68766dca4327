import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates/calendarDate'
import { startPgCluster, type PgCluster } from '../../hq/testing/pgCluster'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { damage, submittedCase, submittedInspection, today } from '../casco/testing/cascoCase'
import { signInAs } from '../testing/testCore'
import { makeDevice, outboxState, type Device } from './testing/syncHarness'

/**
 * The CASCO case across two computers of a branch, through HQ on PostgreSQL: the inspector submits the report
 * while HQ is out of reach, the device sends it (with its photos) once HQ is back, a supervisor on the other
 * computer sees the case and approves, HQ checks four eyes, and the clerk on the first computer issues.
 */
let pg: PgCluster
let hq: RunningHq
const devices: Device[] = []
beforeAll(async () => {
  pg = await startPgCluster()
}, 60_000)
afterAll(async () => {
  await pg?.stop()
})
afterEach(async () => {
  for (const d of devices.splice(0)) await d.dispose()
  await hq?.close()
})

describe('inspection → approval on another computer → contract', () => {
  it('inspector offline, supervisor elsewhere approves, clerk issues; every change arrives once', async () => {
    const dbUrl = await pg.createDatabase('approval_flow')
    hq = await startHq({ databaseUrl: dbUrl })
    const port = Number(new URL(hq.url).port)
    const counter = await makeDevice()
    devices.push(counter)
    await counter.ok('setup/create-branch', {
      branch: { code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' },
      admin: { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' },
    })
    await signInAs(counter.core, 'clerk', 'c')
    await signInAs(counter.core, 'inspector', 'i')
    await signInAs(counter.core, 'supervisor', 'x') // created here; works on the other computer
    await counter.ok(
      'sync/enrol',
      { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'Касса' },
      'admin-console',
    )
    const quote = await submittedCase(counter.core, 'c')
    expect(await counter.core.sync.syncNow()).toBe(true)

    const office = await makeDevice()
    devices.push(office)
    await office.ok('sync/enrol-new-device', {
      hqUrl: hq.url,
      code: await hq.enrolmentCode('MSK-01'),
      deviceName: 'Кабинет руководителя',
    })
    await office.ok('session/sign-in', { login: 'supervisor1', password: 'Own12345' }, 's')

    // HQ out of reach: the inspector's report, damages and photos wait on the counter computer.
    await hq.close()
    const inspection = await submittedInspection(counter.core, 'i', quote.id, [damage()])
    expect(await counter.core.sync.syncNow()).toBe(false)
    const waiting = await counter.ok('sync/get-status', undefined, 'i')
    expect(waiting).toMatchObject({ state: 'offline', pendingFiles: inspection.photos.length })
    expect(waiting.pendingChanges).toBeGreaterThan(10)

    hq = await startHq({ databaseUrl: dbUrl, port })
    expect(await counter.core.sync.syncNow()).toBe(true)
    expect(await counter.ok('sync/get-status', undefined, 'i')).toMatchObject({
      pendingChanges: 0,
      pendingFiles: 0,
      issues: { total: 0 },
    })
    const photoCount = inspection.photos.length
    expect(
      await hq.db('hq_blob').where({ branch_code: 'MSK-01', complete: true }).count({ n: '*' }).first(),
    ).toMatchObject({ n: String(photoCount) })

    // The supervisor's computer pulls the case and decides; HQ accepts the decision (four eyes hold).
    expect(await office.core.sync.syncNow()).toBe(true)
    const kase = await office.ok('approval/get-case', { quoteId: quote.id }, 's')
    expect(kase).toMatchObject({
      ready: true,
      refusal: null,
      quote: { status: 'submitted' },
      inspection: { damages: [{ number: 1 }] },
    })
    const decided = await office.ok(
      'approval/decide',
      {
        quoteId: quote.id,
        quoteRowVersion: kase.quote.rowVersion,
        decision: 'approved',
        comment: '',
        conditions: [],
        validUntil: addDays(today(office.core), 14),
      },
      's',
    )
    expect(decided.quote.status).toBe('approved')
    expect(await office.core.sync.syncNow()).toBe(true)
    expect(await office.ok('sync/get-status', undefined, 's')).toMatchObject({
      pendingChanges: 0,
      issues: { total: 0 },
    })
    // The report's photos are not on the supervisor's computer until shown: then each comes from HQ, byte for byte.
    expect(await office.ok('photos/get-availability', { inspectionId: inspection.id }, 's')).toEqual({
      total: photoCount,
      onDevice: 0,
      fetching: null,
    })
    const photo = inspection.photos[0]!
    const shown = await office.ok('photos/get-image', { photoId: photo.id, variant: 'thumb' }, 's')
    expect(shown.dataUrl).toMatch(/^data:image\/jpeg;base64,/)
    expect(
      createHash('sha256')
        .update(readFileSync(join(office.dir, 'photos', photo.sha256.slice(0, 2), `${photo.sha256}.orig`)))
        .digest('hex'),
    ).toBe(photo.sha256)
    expect(await office.ok('photos/get-availability', { inspectionId: inspection.id }, 's')).toMatchObject({
      total: photoCount,
      onDevice: 1,
    })
    // Printing the report fetches the rest; a fetched photo is HQ's already, so it is never queued for upload.
    const report = await office.ok('print/preview-document', { kind: 'inspection-report', id: inspection.id }, 's')
    expect(report.pageCount).toBeGreaterThan(1)
    expect(await office.ok('photos/get-availability', { inspectionId: inspection.id }, 's')).toMatchObject({
      total: photoCount,
      onDevice: photoCount,
    })
    expect(await office.core.sync.syncNow()).toBe(true)
    expect(await office.ok('sync/get-status', undefined, 's')).toMatchObject({ pendingFiles: 0 })
    expect(await office.core.db('sync_blob').where({ origin: 'hq' }).count({ n: '*' }).first()).toMatchObject({
      n: photoCount,
    })

    // Back at the counter: the approval arrives and the clerk issues the contract.
    expect(await counter.core.sync.syncNow()).toBe(true)
    const approved = await counter.ok('casco/get-quote', { id: quote.id }, 'c')
    expect(approved.status).toBe('approved')
    const issued = await counter.ok(
      'casco/issue-contract',
      {
        id: quote.id,
        rowVersion: approved.rowVersion,
        payment: {
          method: 'card',
          receiptNumber: 'ФД 7',
          amountKopecks: approved.result!.options[0]!.schedule.payments[0]!.amountKopecks,
        },
      },
      'c',
    )
    expect(issued.status).toBe('issued')
    expect(await counter.core.sync.syncNow()).toBe(true)
    expect(await office.core.sync.syncNow()).toBe(true)
    expect(await office.ok('casco/get-quote', { id: quote.id }, 's')).toMatchObject({
      status: 'issued',
      contractNumber: issued.contractNumber,
    })

    // Exactly once, from both computers.
    for (const d of [counter, office]) {
      const state = await outboxState(d)
      expect(state.pending).toBe(0)
      expect(state.other).toBe(0)
      const ids = ((await d.core.db('outbox').select('change_id')) as Array<{ change_id: string }>).map(
        (r) => r.change_id,
      )
      expect(await hq.db('hq_change').whereIn('change_id', ids).count({ n: '*' }).first()).toMatchObject({
        n: String(ids.length),
      })
    }
    const decision = (await hq.db('hq_change').where({ entity: 'approval_decision' }).first()) as {
      status: string
      changed_by: string
      device_id: string
    }
    expect(decision.status).toBe('accepted')
    expect(decision.device_id).toBe((await office.ok('sync/get-status', undefined, 's')).deviceId)
  }, 120_000)
})
