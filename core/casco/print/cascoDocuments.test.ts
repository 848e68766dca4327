import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { addDays } from '../../../shared/dates/calendarDate'
import type { CascoDraft } from '../../../shared/casco/draft'
import { damage, submittedCase, submittedInspection, today } from '../testing/cascoCase'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'
import { RecordingPrintPlatform } from '../../print/recordingPlatform'
import { keepPdf, lineOf, pdfText, pdfToPng, pdfWords } from '../../print/testing/pdfTools'
import { previewPdf } from '../../print/testing/previewPdf'

let t: Awaited<ReturnType<typeof makeTestCore>>
let platform: RecordingPrintPlatform
let saveDir: string
beforeEach(async () => {
  saveDir = mkdtempSync(join(tmpdir(), 'bd-print-casco-'))
  platform = new RecordingPrintPlatform({ saveDir })
  t = await makeTestCore({ print: platform })
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
})
afterEach(async () => {
  await t.dispose()
  rmSync(saveDir, { recursive: true, force: true })
})

/** A four-instalment contract on a car with two damages, approved on the condition that the damaged parts are excluded. */
async function approvedCase(edit: (d: CascoDraft) => void = () => {}) {
  const q = await submittedCase(t.core, 'c', (d) => {
    d.options[0]!.plan = 'four'
    edit(d)
  })
  await submittedInspection(t.core, 'i', q.id, [
    damage(),
    damage({
      view: 'front',
      x: 0.5,
      y: 0.7,
      partCode: 'front-bumper',
      typeCode: 'scratch-paint',
      severity: 'minor',
      sizeCm: 8,
    }),
  ])
  const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: q.id }, 's'))
  await expectOk(
    call(
      t.core,
      'approval/decide',
      {
        quoteId: q.id,
        quoteRowVersion: c.quote.rowVersion,
        decision: 'approved-with-conditions',
        validUntil: addDays(today(t.core), 10),
        conditions: ['Передняя левая дверь и передний бампер исключены из покрытия до ремонта'],
      },
      's',
    ),
  )
  return expectOk(call(t.core, 'casco/get-quote', { id: q.id }, 'c'))
}

const text = async (kind: 'casco-contract' | 'casco-schedule', id: string, name: string) => {
  const preview = await expectOk(call(t.core, 'print/preview-document', { kind, id }, 'c'))
  const path = keepPdf(name, await previewPdf(t.dir, preview))
  return { preview, path, text: pdfText(path) }
}

describe('CASCO documents', () => {
  it('previews a watermarked draft once approved, prints nothing before issue', async () => {
    const a = await approvedCase()
    const { text: draft } = await text('casco-contract', a.id, 'casco-contract-draft')
    expect(draft).toContain('ПРОЕКТ')
    // Before issue the quote has no number yet: the report names it by its day, client and car, not by its id.
    const flat = draft.replace(/\s+/g, ' ')
    expect(flat).toContain(
      `Расчёт КАСКО расчёт от ${formatDateRu(today(t.core))} (Смирнов Алексей Игоревич, Kia Rio А 123 ВС 777)`,
    )
    expect(flat).not.toContain(a.id)
    expect(await call(t.core, 'print/print-document', { kind: 'casco-contract', id: a.id }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await call(t.core, 'print/save-document', { kind: 'casco-schedule', id: a.id }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await call(t.core, 'print/preview-document', { kind: 'casco-contract', id: a.id }, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('prints the contract with the schedule and the inspection report with its photos, then marks it printed', async () => {
    const a = await approvedCase()
    const first = a.result!.options[0]!.schedule.payments[0]!.amountKopecks
    const issued = await expectOk(
      call(
        t.core,
        'casco/issue-contract',
        {
          id: a.id,
          rowVersion: a.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 555', amountKopecks: first },
        },
        'c',
      ),
    )
    const { preview, path, text: contract } = await text('casco-contract', a.id, 'casco-contract')
    expect(preview.fileName).toBe('Договор КАСКО MSK-01-К000001 Kia Rio А123ВС777.pdf')
    const flat = contract.replace(/\s+/g, ' ')
    const rub = (k: number) => formatRubles(k).replace(/\s/g, ' ')
    expect(flat).toContain(`№ MSK-01-К000001 от ${formatDateRu(today(t.core))}`)
    expect(flat).toContain('Смирнов Алексей Игоревич')
    expect(flat).toContain('Z94C251ABMR123456')
    expect(flat).toContain('«РЕСОавто» (полное КАСКО)')
    expect(flat).toContain('Ущерб + Хищение')
    expect(flat).toContain('1 500 000,00 ₽ (неагрегатная)')
    expect(flat).toContain('Передняя левая дверь и передний бампер исключены из покрытия до ремонта')
    expect(flat).toContain('Сотрудник supervisor1')
    expect(flat).toContain('чек № ФД 555')
    // Appendix 1: every instalment as the schedule split it; appendix 2: the report with photos.
    for (const p of issued.schedule!.payments)
      expect(flat).toContain(`${formatDateRu(p.dueDate)} ${rub(p.amountKopecks)}`)
    expect(flat).toContain(`Итого ${rub(issued.schedule!.totalKopecks)}`)
    expect(flat).toContain('Приложение 2')
    expect(flat).toContain('АКТ ОСМОТРА ТРАНСПОРТНОГО СРЕДСТВА')
    expect(flat).toContain('Приложение. Фотографии')
    expect(flat).not.toContain('ПРОЕКТ')
    expect(preview.pageCount).toBeGreaterThan(8)
    expect(pdfToPng(path, 'casco-contract').length).toBe(preview.pageCount)
    // The inspection report names the quote by the contract's number, never by its internal id.
    expect(flat).toContain('Расчёт КАСКО договор № MSK-01-К000001')
    expect(flat).not.toContain(a.id)
    const words = pdfWords(path)
    // §6: the premium total is the risks' table's last row, its amount in the «Премия» column.
    const premiumColumn = lineOf(words, 'Риск / покрытие').after.find((w) => w.text === 'Премия')!.xMin
    expect(
      lineOf(words, 'Страховая премия за срок страхования').after.find((w) => /^\d/.test(w.text))!.xMin,
    ).toBeCloseTo(premiumColumn, 0)
    // The signatures share their page with §7, never a page of their own.
    expect(lineOf(words, '8. Подписи сторон').start.page).toBe(lineOf(words, '7. Особые условия').start.page)

    const schedule = await text('casco-schedule', a.id, 'casco-schedule')
    expect(schedule.preview.pageCount).toBe(1)
    expect(schedule.text.replace(/\s+/g, ' ')).toContain('ГРАФИК ПЛАТЕЖЕЙ')
    pdfToPng(schedule.path, 'casco-schedule')

    expect(
      await expectOk(
        call(t.core, 'print/print-document', { kind: 'casco-contract', id: a.id, printerName: 'HP' }, 'c'),
      ),
    ).toEqual({ printed: true })
    expect(platform.jobs).toHaveLength(1)
    expect(await expectOk(call(t.core, 'casco/get-quote', { id: a.id }, 'c'))).toMatchObject({
      status: 'printed',
      printedAt: expect.any(String),
    })
    expect(
      await t.core.db('audit_log').where({ action: 'print.printed', entity: 'casco_quote', entity_id: a.id }),
    ).toHaveLength(1)
    // A reprint is allowed (a contract is not a numbered blank) and leaves the case printed.
    expect(await expectOk(call(t.core, 'print/print-document', { kind: 'casco-contract', id: a.id }, 'c'))).toEqual({
      printed: true,
    })
  })

  it('prints an organisation owner with its full name and identifiers, one stored in the old shape as stored', async () => {
    const address = { region: 'Москва', city: '', street: 'ул. Вавилова', house: '19', flat: '' }
    const a = await approvedCase((d) => {
      d.ownerIsInsured = false
      d.owner = {
        type: 'legal',
        entity: {
          form: 'ooo',
          fullName: 'Общество с ограниченной ответственностью «Вектор»',
          shortName: 'ООО «Вектор»',
          inn: '7707083893',
          kpp: '773601001',
          ogrn: '1027700132195',
          address,
          phone: '',
          email: '',
        },
      }
    })
    const flat = async () =>
      (await text('casco-contract', a.id, 'casco-contract-legal-owner')).text.replace(/\s+/g, ' ')
    const current = await flat()
    expect(current).toContain('Общество с ограниченной ответственностью «Вектор»')
    expect(current).toContain('ИНН 7707083893, КПП 773601001, ОГРН 1027700132195')
    expect(current).toContain('ул. Вавилова')

    // A case submitted while CASCO kept a legal owner as { name, inn, ogrn, address }: read, not checked again.
    const row = (await t.core.db('casco_document').where({ id: a.id }).first()) as { draft: string }
    const draft = JSON.parse(row.draft) as Record<string, unknown>
    draft.owner = {
      type: 'legal',
      entity: { name: 'ООО «Старый Вектор»', inn: '7707083893', ogrn: '1027700132195', address },
    }
    await t.core
      .db('casco_document')
      .where({ id: a.id })
      .update({ draft: JSON.stringify(draft) })
    const old = await flat()
    expect(old).toContain('ООО «Старый Вектор»')
    expect(old).toContain('ИНН 7707083893, ОГРН 1027700132195')
  })
})
