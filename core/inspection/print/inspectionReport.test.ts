import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Inspection } from '../../../shared/inspection/inspection'
import { completeReport, excludingDamages } from '../../../shared/inspection/testing/completeReport'
import { photoLikeJpeg, testJpeg, uploadPhoto } from '../testing/photos'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'
import { textMeasure } from '../../print/pdfEngine'
import { keepPdf, pdfText, pdfToPng } from '../../print/testing/pdfTools'
import { previewPdf } from '../../print/testing/previewPdf'
import type { InspectionPrintData } from './inspectionPrintData'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'inspector', 'i')
})
afterEach(async () => t.dispose())

/**
 * A submitted-ready inspection: the required shots, two damages on the diagram with photos, both signatures; the
 * damages are excluded from cover.
 */
async function recordedInspection(): Promise<Inspection> {
  let i = await expectOk(call(t.core, 'inspection/create', undefined, 'i'))
  const report = excludingDamages(completeReport(), 2)
  report.vehicle.vinPlate = 'Z94C251ABMR123457'
  report.equipment.extra = [{ name: 'Фаркоп Bosal', valueKopecks: 1_850_000 }]
  i = await expectOk(call(t.core, 'inspection/save-report', { id: i.id, rowVersion: i.rowVersion, report }, 'i'))
  i = await expectOk(
    call(
      t.core,
      'inspection/add-damage',
      {
        inspectionId: i.id,
        damage: {
          view: 'left',
          x: 0.45,
          y: 0.55,
          partCode: 'front-door-left',
          typeCode: 'dent-paint',
          sizeCm: 12,
          severity: 'medium',
          note: 'У ручки двери',
        },
      },
      'i',
    ),
  )
  i = await expectOk(
    call(
      t.core,
      'inspection/add-damage',
      {
        inspectionId: i.id,
        damage: {
          view: 'front',
          x: 0.5,
          y: 0.7,
          partCode: 'front-bumper',
          typeCode: 'scratch-paint',
          sizeCm: 8.5,
          severity: 'minor',
          note: '',
        },
      },
      'i',
    ),
  )
  const ref = await expectOk(call(t.core, 'inspection/get-reference', { version: i.checklistVersion }, 'i'))
  let seed = 1
  for (const shot of ref.checklist.shots.filter(
    (s) => s.requirement.value === 'always' || s.code === 'extra-equipment',
  )) {
    const bytes =
      shot.code === 'front'
        ? await photoLikeJpeg(1600, 1200, { seed: 7 })
        : await testJpeg(seed++, { width: 320, height: 240 })
    await expectOk(uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: shot.code }, bytes))
  }
  await expectOk(
    uploadPhoto(
      t.core,
      'i',
      { inspectionId: i.id, shot: 'damage', damageId: i.damages[0]!.id },
      await photoLikeJpeg(1200, 1600, { seed: 3 }),
      { source: 'camera' },
    ),
  )
  await expectOk(
    uploadPhoto(
      t.core,
      'i',
      { inspectionId: i.id, shot: 'damage', damageId: i.damages[1]!.id },
      await testJpeg(900, { width: 400, height: 300 }),
    ),
  )
  const signature = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><path d="M20 150 C 120 20, 180 180, 300 80 S 480 40, 580 120" stroke="#0d47a1" stroke-width="6" fill="none"/></svg>',
    ),
  )
    .png()
    .toBuffer()
  await expectOk(
    uploadPhoto(t.core, 'i', { inspectionId: i.id, shot: 'signature-inspector' }, signature, { source: 'drawn' }),
  )
  await expectOk(
    uploadPhoto(
      t.core,
      'i',
      { inspectionId: i.id, shot: 'signature-client' },
      await sharp(signature).flop().png().toBuffer(),
      { source: 'drawn' },
    ),
  )
  return expectOk(call(t.core, 'inspection/get', { id: i.id }, 'i'))
}

/** The document's data as the print handlers would load it for the signed-in `clientId`. */
async function loadAs(doc: NonNullable<ReturnType<typeof t.core.documents.get>>, id: string, clientId: string) {
  const session = t.core.sessions.get(clientId)!
  const user = (await t.core.db('staff').where({ id: session.userId }).first()) as {
    id: string
    login: string
    full_name: string
    role: 'inspector'
  }
  const handler = {
    clientId,
    locale: 'ru' as const,
    user: { id: user.id, login: user.login, fullName: user.full_name, role: user.role },
    actor: { userId: user.id, login: user.login },
    now: t.clock.now(),
  }
  return doc.load(id, { handler, action: 'preview', printerName: null })
}

/** The document definition as the print handlers would build it (the watermark is not readable back as text). */
async function definitionFor(id: string, clientId: string) {
  const doc = t.core.documents.get('inspection-report')!
  const data = await loadAs(doc, id, clientId)
  return doc.build(data, {
    offset: { xMm: 0, yMm: 0 },
    printerName: null,
    measure: await textMeasure(),
    now: t.clock.now(),
  })
}

describe('inspection report PDF', () => {
  it('prints the act with the VIN check, the diagram, the damage table, thumbnails, signatures, then the photos two a page', async () => {
    const i = await recordedInspection()
    const submitted = await expectOk(call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i'))
    const preview = await expectOk(call(t.core, 'print/preview-document', { kind: 'inspection-report', id: i.id }, 'i'))
    const photos = submitted.photos.filter((p) => !p.shot.startsWith('signature-')).length
    expect(photos).toBe(22)
    // The act (about 3 pages) and the appendix, two photos a page.
    expect(preview.pageCount).toBeGreaterThanOrEqual(3 + photos / 2)
    expect(preview.fileName).toBe('Акт осмотра MSK-01-2026-00001 Kia Rio А123ВС777.pdf')
    const path = keepPdf('inspection-report', await previewPdf(t.dir, preview))
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('АКТ ОСМОТРА ТРАНСПОРТНОГО СРЕДСТВА')
    expect(text).toContain('№ MSK-01/2026/00001')
    expect(text).toContain('21.11.2026 12:15')
    expect(text).toContain('НЕ СОВПАДАЕТ')
    expect(text).toContain('VIN на автомобиле не совпадает')
    expect(text).toContain('Дверь передняя левая (боковые части)')
    expect(text).toContain('Вмятина с повреждением ЛКП')
    expect(text).toContain('8,5')
    expect(text).toContain('Фаркоп Bosal')
    expect(text).toContain('18 500,00 ₽')
    expect(text).toContain('повреждения, указанные в разделе 6, исключены')
    // Every severity and damage type whole: the table's columns are wide enough not to split a word.
    expect(text).toContain('Незначительное')
    expect(text).toContain('Среднее')
    expect(text).toContain('Вмятина с повреждением ЛКП')
    expect(text).toContain('Расчёт КАСКО не привязан')
    expect(text).toContain('Фото 1. Спереди слева под 45°')
    expect(text).toContain('Фото 22. Повреждение № 2')
    expect((await definitionFor(i.id, 'i')).watermark).toBeUndefined()
    pdfToPng(path, 'inspection-report')

    const audit = await t.core.db('audit_log').where({ action: 'print.saved' })
    expect(audit).toHaveLength(0)
  })

  it('prints a draft consistently: the exclusions point at the damages in §6, never beside «no damage found»', async () => {
    // A draft as the inspector leaves it mid-way: two damages marked and excluded from cover, no photos or
    // signatures yet (the submission refuses exclusions with no damage marked, so that is not a draft to print).
    let i = await expectOk(call(t.core, 'inspection/create', undefined, 'i'))
    const report = excludingDamages(completeReport(), 2)
    i = await expectOk(call(t.core, 'inspection/save-report', { id: i.id, rowVersion: i.rowVersion, report }, 'i'))
    const marked = [
      { view: 'left', x: 0.45, y: 0.55, partCode: 'front-door-left', typeCode: 'dent-paint', sizeCm: 12 },
      { view: 'front', x: 0.5, y: 0.7, partCode: 'front-bumper', typeCode: 'scratch-paint', sizeCm: 8.5 },
    ] as const
    for (const d of marked) {
      const damage = { ...d, severity: 'minor' as const, note: '' }
      await expectOk(call(t.core, 'inspection/add-damage', { inspectionId: i.id, damage }, 'i'))
    }
    const preview = await expectOk(call(t.core, 'print/preview-document', { kind: 'inspection-report', id: i.id }, 'i'))
    const path = keepPdf('inspection-report-draft', await previewPdf(t.dir, preview))
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('Повреждения № 1–2 исключены из покрытия')
    expect(text).toContain('Дверь передняя левая (боковые части)')
    expect(text).toContain('Передний бампер')
    expect(text).toContain('повреждения, указанные в разделе 6, исключены из страхового покрытия')
    expect(text).not.toContain('Повреждений не обнаружено')
    expect(text).not.toContain('не отмечены')
    pdfToPng(path, 'inspection-report-draft')

    // Section 6 with no damage marked: a draft only says nothing is marked yet (pointing to the conclusion when it
    // already excludes something — the inspector may choose the outcome first); a finished act says none was found.
    const section6 = async (status: 'draft' | 'submitted', outcome: 'accepted' | 'accepted-with-exclusions') => {
      const doc = t.core.documents.get('inspection-report')!
      const data = (await loadAs(doc, i.id, 'i')) as InspectionPrintData
      data.inspection.status = status
      data.inspection.damages = []
      data.inspection.report.conclusion = { outcome, remarks: outcome === 'accepted' ? '' : 'Скол на капоте исключён' }
      const def = doc.build(data, {
        offset: { xMm: 0, yMm: 0 },
        printerName: null,
        measure: await textMeasure(),
        now: t.clock.now(),
      })
      const printed = JSON.stringify(def.content)
      return [
        'Повреждения на схеме не отмечены; исключения из страхового покрытия — в заключении (раздел 8).',
        'Повреждения на схеме не отмечены.',
        'Повреждений не обнаружено.',
        'принято на страхование; исключения из страхового покрытия указаны ниже',
      ].filter((s) => printed.includes(s))
    }
    expect(await section6('draft', 'accepted-with-exclusions')).toEqual([
      'Повреждения на схеме не отмечены; исключения из страхового покрытия — в заключении (раздел 8).',
      'принято на страхование; исключения из страхового покрытия указаны ниже',
    ])
    expect(await section6('draft', 'accepted')).toEqual(['Повреждения на схеме не отмечены.'])
    expect(await section6('submitted', 'accepted')).toEqual(['Повреждений не обнаружено.'])
  })

  it('marks a draft as such, and lets each role have only what it may', async () => {
    const i = await recordedInspection()
    expect((await definitionFor(i.id, 'i')).watermark).toMatchObject({ text: 'ЧЕРНОВИК' })
    await signInAs(t.core, 'clerk', 'c')
    await signInAs(t.core, 'inspector', 'i2', 'inspector2')
    await signInAs(t.core, 'supervisor', 's')
    await signInAs(t.core, 'admin', 'a')
    expect(await call(t.core, 'print/preview-document', { kind: 'inspection-report', id: i.id }, 's')).toMatchObject({
      ok: true,
    })
    expect(await call(t.core, 'print/preview-document', { kind: 'inspection-report', id: i.id }, 'i2')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
    // The clerk hands the report to the client with the contract: only once it is submitted.
    expect(await call(t.core, 'print/preview-document', { kind: 'inspection-report', id: i.id }, 'c')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
    await expectOk(call(t.core, 'inspection/submit', { id: i.id, rowVersion: i.rowVersion }, 'i'))
    expect(await call(t.core, 'print/preview-document', { kind: 'inspection-report', id: i.id }, 'c')).toMatchObject({
      ok: true,
    })
    expect(await call(t.core, 'print/preview-document', { kind: 'inspection-report', id: i.id }, 'a')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
  })
})
