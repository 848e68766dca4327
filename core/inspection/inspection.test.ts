import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DamageInput, Inspection, PhotoTarget } from '../../shared/inspection/inspection'
import { completeReport, excludingDamages } from '../../shared/inspection/testing/completeReport'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { getInspectionSummary } from './inspectionSummary'
import { markInspectionReturned } from './inspectionHandlers'
import { photoLikeJpeg, sha256, testJpeg, uploadPhoto } from './testing/photos'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'inspector', 'i')
})
afterEach(async () => t.dispose())

const damage = (over: Partial<DamageInput> = {}): DamageInput => ({
  view: 'left',
  x: 0.42,
  y: 0.55,
  partCode: 'front-door-left',
  typeCode: 'dent-paint',
  sizeCm: 12,
  severity: 'medium',
  note: 'Вмятина у ручки',
  ...over,
})

async function newInspection(client = 'i'): Promise<Inspection> {
  return expectOk(call(t.core, 'inspection/create', undefined, client))
}

async function saveReport(i: Inspection, report = completeReport(), client = 'i'): Promise<Inspection> {
  return expectOk(call(t.core, 'inspection/save-report', { id: i.id, rowVersion: i.rowVersion, report }, client))
}

/** Every file under <dataDir>/photos except the staging folder. */
function storedFiles(): string[] {
  const root = join(t.dir, 'photos')
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== '.staging')
    .flatMap((d) => readdirSync(join(root, d.name)))
}
const staged = () => readdirSync(join(t.dir, 'photos', '.staging'))

let seed = 1
async function upload(i: Inspection, shot: string, damageId?: string) {
  const target: PhotoTarget = { inspectionId: i.id, shot, ...(damageId ? { damageId } : {}) }
  return expectOk(uploadPhoto(t.core, 'i', target, await testJpeg(seed++)))
}

/** Photographs every shot the checklist requires for this report and signs; returns the inspection as stored. */
async function completePhotos(i: Inspection, skip: string[] = []): Promise<Inspection> {
  const ref = await expectOk(call(t.core, 'inspection/get-reference', { version: i.checklistVersion }, 'i'))
  for (const shot of ref.checklist.shots) {
    if (shot.requirement.value === 'always' && !skip.includes(shot.code)) await upload(i, shot.code)
  }
  for (const who of ['signature-inspector', 'signature-client']) if (!skip.includes(who)) await upload(i, who)
  return expectOk(call(t.core, 'inspection/get', { id: i.id }, 'i'))
}

describe('inspection report', () => {
  it('creates a numbered draft for the branch, optionally for a quote, and autosaves with outbox and audit', async () => {
    const a = await newInspection()
    const quoteId = '0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
    const b = await expectOk(call(t.core, 'inspection/create', { quoteId }, 'i'))
    expect(a).toMatchObject({
      number: 'MSK-01/2026/00001',
      status: 'draft',
      quoteId: null,
      checklistVersion: '2024-01-01.1',
      damages: [],
      photos: [],
    })
    expect(b).toMatchObject({ number: 'MSK-01/2026/00002', quoteId })
    // The report starts at the current branch time (ManualClock: 09:00 UTC = 12:00 Moscow).
    expect(a.report.inspectedAt).toBe('2026-11-21T12:00')
    const saved = await saveReport(a)
    expect(saved.rowVersion).toBe(2)
    expect(saved.report.vehicle.vinBody).toBe('Z94C251ABMR123456')
    expect(await t.core.db('outbox').where({ entity: 'inspection', entity_id: a.id })).toHaveLength(2)
    expect((await t.core.db('audit_log').where({ entity_id: a.id })).map((r: { action: string }) => r.action)).toEqual([
      'inspection.created',
      'inspection.report-saved',
    ])
    expect(
      await call(t.core, 'inspection/save-report', { id: a.id, rowVersion: 1, report: completeReport() }, 'i'),
    ).toMatchObject({ error: { code: 'CONFLICT' } })
    const list = await expectOk(call(t.core, 'inspection/list', { query: 'смирнов', limit: 50, offset: 0 }, 'i'))
    expect(list.items.map((x) => x.number)).toEqual(['MSK-01/2026/00001'])
    expect(list.items[0]).toMatchObject({
      vehicle: 'Kia Rio',
      plate: 'А123ВС777',
      clientName: 'Смирнов Алексей Игоревич',
      inspectorName: 'Сотрудник inspector1',
    })
  })

  it('records damage rows placed on the diagram, numbered, checked against the catalogue, removable', async () => {
    const i = await newInspection()
    let got = await expectOk(call(t.core, 'inspection/add-damage', { inspectionId: i.id, damage: damage() }, 'i'))
    got = await expectOk(
      call(
        t.core,
        'inspection/add-damage',
        {
          inspectionId: i.id,
          damage: damage({
            view: 'front',
            x: 0.2,
            y: 0.5,
            partCode: 'front-bumper',
            typeCode: 'scratch-paint',
            severity: 'minor',
          }),
        },
        'i',
      ),
    )
    expect(got.damages.map((d) => [d.number, d.view, d.zoneCode, d.partCode])).toEqual([
      [1, 'left', 'sides', 'front-door-left'],
      [2, 'front', 'front', 'front-bumper'],
    ])
    // A row being filled in may have empty codes; a code the catalogue does not know is refused at its field.
    await expectOk(
      call(
        t.core,
        'inspection/add-damage',
        { inspectionId: i.id, damage: damage({ partCode: '', typeCode: '', severity: '', sizeCm: null }) },
        'i',
      ),
    )
    expect(
      await call(
        t.core,
        'inspection/add-damage',
        { inspectionId: i.id, damage: damage({ partCode: 'flux-capacitor' }) },
        'i',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'damage.partCode': 'inspection.errors.unknownCode' } },
    })
    expect(
      await call(t.core, 'inspection/add-damage', { inspectionId: i.id, damage: damage({ x: 1.2 }) }, 'i'),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { 'damage.x': 'validation.number.max' } } })
    const first = got.damages[0]!
    got = await expectOk(
      call(
        t.core,
        'inspection/update-damage',
        { id: first.id, rowVersion: first.rowVersion, damage: damage({ sizeCm: 15, severity: 'severe' }) },
        'i',
      ),
    )
    expect(got.damages[0]).toMatchObject({ sizeCm: 15, severity: 'severe', rowVersion: 2 })
    const photo = await upload(i, 'damage', first.id)
    got = await expectOk(call(t.core, 'inspection/remove-damage', { id: first.id, rowVersion: 2 }, 'i'))
    // The remaining rows renumber from 1 and the removed row's photo goes with it.
    expect(got.damages.map((d) => [d.number, d.partCode])).toEqual([
      [1, 'front-bumper'],
      [2, ''],
    ])
    expect(got.photos.find((p) => p.id === photo.id)).toBeUndefined()
    expect(await t.core.db('inspection_photo').where({ id: photo.id }).first()).toMatchObject({
      removed_at: expect.any(String),
    })
  })

  it('stores a photo by SHA-256 with a normalised copy and a thumbnail, EXIF orientation applied', async () => {
    const i = await newInspection()
    const bytes = await photoLikeJpeg(1600, 1200, { orientation: 6 })
    const sha = sha256(bytes)
    const photo = await expectOk(
      uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'vin-body' }, bytes, { fileName: 'IMG_0042.JPG' }),
    )
    expect(photo).toMatchObject({
      sha256: sha,
      shot: 'vin-body',
      width: 1200,
      height: 1600,
      bytes: bytes.length,
      format: 'jpeg',
      fileName: 'IMG_0042.JPG',
      source: 'file',
    })
    expect(storedFiles().sort()).toEqual([`${sha}.jpg`, `${sha}.orig`, `${sha}.thumb.jpg`])
    const thumb = await expectOk(call(t.core, 'photos/get-image', { photoId: photo.id, variant: 'thumb' }, 'i'))
    const normal = await expectOk(call(t.core, 'photos/get-image', { photoId: photo.id, variant: 'normal' }, 'i'))
    const decode = (url: string) =>
      sharp(Buffer.from(url.replace(/^data:image\/jpeg;base64,/, ''), 'base64')).metadata()
    expect(await decode(thumb.dataUrl)).toMatchObject({ format: 'jpeg', width: 300, height: 400 })
    expect(await decode(normal.dataUrl)).toMatchObject({ format: 'jpeg', width: 1200, height: 1600 })
    expect(staged()).toEqual([])
    expect(await t.core.db('outbox').where({ entity: 'inspection_photo' })).toHaveLength(1)
    // The same picture again in this inspection is refused: one picture cannot be two corners.
    expect(await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'front' }, bytes)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('refuses a corrupt JPEG with a message and leaves no photo, no record and no staged bytes', async () => {
    const i = await newInspection()
    const good = await photoLikeJpeg(1600, 1200)
    const corrupt = good.subarray(0, Math.floor(good.length * 0.6))
    const r = await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'front' }, corrupt, { fileName: 'front.jpg' })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Файл повреждён: изображение не читается до конца' },
    })
    expect(storedFiles()).toEqual([])
    expect(staged()).toEqual([])
    expect(await t.core.db('inspection_photo')).toHaveLength(0)
    expect(await t.core.db('outbox').where({ entity: 'inspection_photo' })).toHaveLength(0)
  })

  it('refuses a 200 MB file with a message before a byte is sent, and a client sending more than it declared', async () => {
    const i = await newInspection()
    const r = await call(
      t.core,
      'photos/begin-upload',
      {
        target: { inspectionId: i.id, shot: 'front' },
        sizeBytes: 200 * 1024 * 1024,
        sha256: 'a'.repeat(64),
        fileName: 'video.mp4',
        source: 'file',
        capturedAt: '2026-11-21T10:00:00Z',
        device: '',
      },
      'i',
    )
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Файл больше 40 МБ: такой снимок не принимается' },
    })
    const bytes = await photoLikeJpeg(1600, 1200)
    const lying = await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'front' }, bytes, {
      declare: { sizeBytes: 1000 },
    })
    expect(lying).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(storedFiles()).toEqual([])
    expect(staged()).toEqual([])
    expect(await t.core.db('inspection_photo')).toHaveLength(0)
  })

  it('refuses bytes that do not match the declared SHA-256, and a file that is not an image whatever its name', async () => {
    const i = await newInspection()
    const bytes = await testJpeg(99)
    expect(
      await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'front' }, bytes, {
        declare: { sha256: 'f'.repeat(64) },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(
      await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'front' }, Buffer.from('%PDF-1.7 not a photo'), {
        fileName: 'front.jpg',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Формат файла не поддерживается: нужен снимок JPEG, PNG или WebP' },
    })
    expect(storedFiles()).toEqual([])
    expect(staged()).toEqual([])
  })

  it('leaves no file behind when recording the photo fails inside the transaction', async () => {
    const i = await newInspection()
    await t.core.db.raw(
      "CREATE TRIGGER test_disk_full BEFORE INSERT ON inspection_photo BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    const r = await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'front' }, await photoLikeJpeg(800, 600))
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(storedFiles()).toEqual([])
    expect(staged()).toEqual([])
    expect(await t.core.db('inspection_photo')).toHaveLength(0)
    expect(await t.core.db('outbox').where({ entity: 'inspection_photo' })).toHaveLength(0)
  })

  it('accepts only shots the checklist knows, and damage photos only for rows of this inspection', async () => {
    const i = await newInspection()
    const other = await newInspection()
    const withRow = await expectOk(
      call(t.core, 'inspection/add-damage', { inspectionId: other.id, damage: damage() }, 'i'),
    )
    const bytes = await testJpeg(7)
    expect(await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'selfie' }, bytes)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'damage' }, bytes)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(
      await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'damage', damageId: withRow.damages[0]!.id }, bytes),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const p = await upload(i, 'extra')
    const moved = await expectOk(
      call(t.core, 'inspection/assign-photo', { id: p.id, rowVersion: p.rowVersion, shot: 'engine-bay' }, 'i'),
    )
    expect(moved.photos[0]).toMatchObject({ shot: 'engine-bay', rowVersion: 2 })
    expect(
      await call(t.core, 'inspection/assign-photo', { id: p.id, rowVersion: 2, shot: 'signature-client' }, 'i'),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

describe('submission', () => {
  it('is refused until every required shot, a photo per damage row, both signatures and the report fields are there', async () => {
    let i = await saveReport(await newInspection())
    i = await expectOk(call(t.core, 'inspection/add-damage', { inspectionId: i.id, damage: damage() }, 'i'))
    i = await completePhotos(i, ['odometer', 'signature-client'])
    const r = await call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i')
    if (r.ok) throw new Error('expected a refusal')
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.message).toBe('Акт нельзя отправить: не хватает пунктов — 3')
    const row = i.damages[0]!.id
    expect(r.error.fieldErrors).toEqual({
      'photos.odometer': 'inspection.missing.shot',
      [`damages.${row}.photos`]: 'inspection.missing.damagePhoto',
      'signatures.client': 'inspection.missing.signature',
    })
    await upload(i, 'odometer')
    await upload(i, 'damage', row)
    await upload(i, 'signature-client')
    const done = await expectOk(call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i'))
    expect(done).toMatchObject({ status: 'submitted', submittedAt: t.clock.now().toISOString() })
    // Submitted: nothing changes any more, photos included.
    expect(
      await call(
        t.core,
        'inspection/save-report',
        { id: i.id, rowVersion: done.rowVersion, report: completeReport() },
        'i',
      ),
    ).toMatchObject({ error: { code: 'CONFLICT' } })
    expect(await uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'extra' }, await testJpeg(1234))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await call(t.core, 'inspection/add-damage', { inspectionId: i.id, damage: damage() }, 'i')).toMatchObject({
      error: { code: 'CONFLICT' },
    })
  })

  it('reports report fields at their paths: VINs, keys, conclusion remarks, glass marking', async () => {
    const report = completeReport()
    report.vehicle.vinPlate = ''
    report.keys.keySets = 0
    report.conclusion = { outcome: 'not-accepted', remarks: ' ' }
    report.glass.marked = true
    let i = await saveReport(await newInspection(), report)
    i = await completePhotos(i)
    const r = await call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i')
    expect(r).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          'vehicle.vinPlate': 'validation.required',
          'keys.keySets': 'inspection.validation.noKeys',
          'conclusion.remarks': 'inspection.validation.remarksNeeded',
          'glass.markingCode': 'validation.required',
          // Marked glass makes its three marking shots required.
          'photos.glass-mark-windscreen': 'inspection.missing.shot',
          'photos.glass-mark-side': 'inspection.missing.shot',
          'photos.glass-mark-rear': 'inspection.missing.shot',
        },
      },
    })
  })

  it('refuses «accepted with exclusions» with no damage marked, at the conclusion field', async () => {
    let i = await completePhotos(await saveReport(await newInspection(), excludingDamages(completeReport(), 1)))
    const r = await call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i')
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fieldErrors: { 'conclusion.outcome': 'inspection.validation.exclusionsWithoutDamage' },
      },
    })
    i = await expectOk(call(t.core, 'inspection/add-damage', { inspectionId: i.id, damage: damage() }, 'i'))
    await upload(i, 'damage', i.damages[0]!.id)
    expect(await call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i')).toMatchObject({
      ok: true,
    })
  })

  it('goes back to the inspector when returned, keeps the reason, and can be submitted again', async () => {
    let i = await completePhotos(await saveReport(await newInspection()))
    i = await expectOk(call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i'))
    await signInAs(t.core, 'supervisor', 's')
    const ctx = {
      clientId: 's',
      locale: 'ru' as const,
      user: null,
      actor: { userId: null, login: 'supervisor1' },
      now: t.clock.now(),
    }
    const returned = await markInspectionReturned(t.core.db, i.id, 'Нет снимка VIN при дневном свете', ctx)
    expect(returned).toMatchObject({ status: 'returned', returnReason: 'Нет снимка VIN при дневном свете' })
    await expect(markInspectionReturned(t.core.db, i.id, 'again', ctx)).rejects.toMatchObject({ code: 'CONFLICT' })
    const retaken = await upload(returned, 'extra')
    expect(retaken.shot).toBe('extra')
    const again = await expectOk(call(t.core, 'inspection/submit', { id: i.id, rowVersion: returned.rowVersion }, 'i'))
    expect(again.status).toBe('submitted')
  })

  it('replaces a signature drawn again instead of keeping two', async () => {
    const i = await newInspection()
    const png = (g: number) =>
      sharp({ create: { width: 400, height: 150, channels: 4, background: { r: 0, g, b: 0, alpha: 0.5 } } })
        .png()
        .toBuffer()
    await expectOk(
      uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'signature-client' }, await png(10), { source: 'drawn' }),
    )
    await expectOk(
      uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'signature-client' }, await png(200), { source: 'drawn' }),
    )
    const got = await expectOk(call(t.core, 'inspection/get', { id: i.id }, 'i'))
    expect(got.photos.filter((p) => p.shot === 'signature-client')).toHaveLength(1)
    expect(got.photos[0]).toMatchObject({ source: 'drawn', format: 'png' })
  })
})

describe('roles', () => {
  it('lets the supervisor read every inspection but change none; another inspector sees only their own', async () => {
    const i = await newInspection()
    const photo = await upload(i, 'front')
    await signInAs(t.core, 'supervisor', 's')
    await signInAs(t.core, 'inspector', 'i2', 'inspector2')
    await signInAs(t.core, 'clerk', 'c')
    expect((await expectOk(call(t.core, 'inspection/get', { id: i.id }, 's'))).number).toBe(i.number)
    expect((await expectOk(call(t.core, 'inspection/list', { limit: 50, offset: 0 }, 's'))).total).toBe(1)
    expect(
      await expectOk(call(t.core, 'photos/get-image', { photoId: photo.id, variant: 'thumb' }, 's')),
    ).toMatchObject({ dataUrl: expect.stringMatching(/^data:image\/jpeg;base64,/) })
    expect(await call(t.core, 'inspection/create', undefined, 's')).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(
      await call(
        t.core,
        'inspection/save-report',
        { id: i.id, rowVersion: i.rowVersion, report: completeReport() },
        's',
      ),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(await uploadPhoto(t.core, 's', { inspectionId: i.id, shot: 'rear' }, await testJpeg(500))).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })

    expect(await call(t.core, 'inspection/get', { id: i.id }, 'i2')).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(await call(t.core, 'photos/get-image', { photoId: photo.id, variant: 'normal' }, 'i2')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
    expect(await uploadPhoto(t.core, 'i2', { inspectionId: i.id, shot: 'rear' }, await testJpeg(501))).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
    expect((await expectOk(call(t.core, 'inspection/list', { limit: 50, offset: 0 }, 'i2'))).total).toBe(0)

    expect(await call(t.core, 'inspection/list', { limit: 50, offset: 0 }, 'c')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(t.core, 'photos/get-image', { photoId: photo.id, variant: 'thumb' }, 'c')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
  })

  it("does not let another window continue or finish somebody's upload", async () => {
    const i = await newInspection()
    await signInAs(t.core, 'inspector', 'i2', 'inspector2')
    const bytes = await testJpeg(77)
    const begin = await expectOk(
      call(
        t.core,
        'photos/begin-upload',
        {
          target: { inspectionId: i.id, shot: 'front' },
          sizeBytes: bytes.length,
          sha256: sha256(bytes),
          fileName: 'a.jpg',
          source: 'file',
          capturedAt: '2026-11-21T10:00:00Z',
          device: '',
        },
        'i',
      ),
    )
    expect(
      await call(
        t.core,
        'photos/upload-chunk',
        { uploadId: begin.uploadId, index: 0, data: bytes.toString('base64') },
        'i2',
      ),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(await call(t.core, 'photos/finish-upload', { uploadId: begin.uploadId }, 'i2')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    expect(await expectOk(call(t.core, 'photos/cancel-upload', { uploadId: begin.uploadId }, 'i'))).toEqual({
      cancelled: true,
    })
    expect(staged()).toEqual([])
  })
})

describe('getInspectionSummary', () => {
  it('gives the approval step the vehicle, VIN check, anti-theft, damages with names and completeness', async () => {
    const report = completeReport()
    report.vehicle.vinBody = 'Z94C251ABMR123457'
    let i = await saveReport(await newInspection(), report)
    i = await expectOk(
      call(t.core, 'inspection/add-damage', { inspectionId: i.id, damage: damage({ severity: 'severe' }) }, 'i'),
    )
    await upload(i, 'damage', i.damages[0]!.id)
    const s = await getInspectionSummary(t.core.db, i.id, t.core.reference)
    expect(s).toMatchObject({
      number: 'MSK-01/2026/00001',
      status: 'draft',
      inspector: { name: 'Сотрудник inspector1' },
      vehicle: { make: 'Kia', vin: 'Z94C251ABMR123456', odometerKm: 48250 },
      vinCheck: { body: false, plate: true, mismatch: true },
      antiTheft: { immobiliser: true, alarm: true, tracking: false },
      damages: [
        {
          number: 1,
          part: 'Дверь передняя левая',
          type: 'Вмятина с повреждением ЛКП',
          severityName: 'Сильное',
          sizeCm: 12,
          photoCount: 1,
        },
      ],
      severeDamageCount: 1,
      photoCount: 1,
      complete: false,
    })
    expect(s.missing.some((m) => m.kind === 'shot')).toBe(true)
  })
})
