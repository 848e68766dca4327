import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pageCount } from '../pdfEngine'
import { RecordingPrintPlatform } from '../recordingPlatform'
import { keepPdf, pdfText, pdfToPng, pdfWords } from '../testing/pdfTools'
import type { ApplicationDetailsInput, TerminationApplication } from '../../../shared/termination/application'

/**
 * The termination documents through the real print channels: the application in two copies with the receipt
 * mark on each, and the refund calculation sheet with the formula written out.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let printer: RecordingPrintPlatform
beforeEach(async () => {
  printer = new RecordingPrintPlatform({ saveDir: join(tmpdir(), 'bd-termination-saved') })
  t = await makeTestCore({ print: printer })
  t.clock.set(new Date('2025-03-31T07:05:00Z'))
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

const oneLine = (s: string) => s.replace(/\s+/g, ' ')

async function application(over: Partial<ApplicationDetailsInput> = {}): Promise<TerminationApplication> {
  const contract = await expectOk(call(t.core, 'termination/enter-contract', { contract: {
    product: 'osago', number: 'ХХХ 0123456789', concludedAt: 'Офис «Лефортово»', policyholderType: 'individual', policyholderName: 'Орлова Ирина Сергеевна',
    plate: 'В456ОР199', vin: 'XTA21700080123456', conclusionDate: '2024-12-20', startDate: '2025-01-01', endDate: '2025-12-31',
    premiumKopecks: 1_000_000, periodsOfUse: [] } }, 'c'))
  return expectOk(call(t.core, 'termination/register-application', { contract: { source: 'manual', id: contract.id }, details: {
    kind: 'osago-early-termination', ground: 'owner-change', eventDate: null, cascoChoice: null, insuredEventOccurred: false,
    applicant: { fullName: 'Орлова Ирина Сергеевна', passport: '4519 123456', phone: '+7 916 123-45-67', address: 'г. Москва, ул. Лесная, д. 5, кв. 12' },
    representative: { fullName: 'Кузнецов Олег Ильич', powerOfAttorney: { number: '77 АА 1234567', date: '2025-03-01', notary: 'нотариус г. Москвы Белова А. А.' } },
    payout: { method: 'transfer', recipient: 'Орлова Ирина Сергеевна', bankName: 'ПАО Сбербанк', bik: '044525225', account: '40817810438000000001',
      correspondentAccount: '30101810400000000225' },
    ...over,
  } }, 'c'))
}

async function preview(kind: 'termination-application' | 'termination-refund-sheet', id: string, name: string) {
  const r = await expectOk(call(t.core, 'print/preview-document', { kind, id }, 'c'))
  const pdf = Buffer.from(r.pdfBase64, 'base64')
  const path = keepPdf(name, pdf)
  return { path, pdf, fileName: r.fileName, pages: r.pageCount }
}

describe('termination application, two copies', () => {
  it('prints the incoming number with the date and time of receipt on both copies', async () => {
    const a = await application()
    const { path, pdf, fileName } = await preview('termination-application', a.id, 'termination-application')
    expect(pageCount(pdf)).toBe(2)
    const words = pdfWords(path)
    for (const page of [1, 2]) {
      expect(words.some((w) => w.page === page && w.text === 'MSK-01-2025-00001'), `page ${page}`).toBe(true)
    }
    const text = oneLine(pdfText(path))
    // pdftotext ends each page with a form feed: the receipt mark is on each copy's own page.
    const pages = pdfText(path).split('\f').map(oneLine).filter((p) => p.trim() !== '')
    expect(pages).toHaveLength(2)
    for (const page of pages) {
      expect(page).toContain('Отметка о приёме')
      expect(page).toContain('Вх. № MSK-01-2025-00001')
      expect(page).toContain('от 31.03.2025 10:05 принял: Сотрудник clerk1')
    }
    expect(pages[0]).toContain('Экземпляр страховщика')
    expect(pages[1]).toContain('Экземпляр заявителя')
    for (const expected of [
      'Экземпляр страховщика', 'Экземпляр заявителя', 'ЗАЯВЛЕНИЕ', 'о досрочном прекращении договора обязательного страхования',
      'Прошу досрочно прекратить договор ОСАГО (полис ХХХ 0123456789)', 'Основание: смена собственника транспортного средства',
      'внесены вручную по полису клиента; место заключения: Офис «Лефортово»', 'Кузнецов Олег Ильич',
      '№ 77 АА 1234567 от 01.03.2025, удостоверена: нотариус г. Москвы Белова А. А.', 'ПАО Сбербанк', '044525225',
      '40817810438000000001', 'Нотариально удостоверенная доверенность представителя', 'Договор купли-продажи', 'Заявление принял',
      'Сотрудник clerk1',
    ]) expect(text).toContain(expected)
    expect(fileName).toBe('Заявление MSK-01-2025-00001 — Орлова Ирина Сергеевна.pdf')
    expect(pdfToPng(path, 'termination-application')).toHaveLength(2)
  })

  it('marks the documents received and words a cooling-off refusal and a CASCO re-issue their own way', async () => {
    const a = await application()
    await expectOk(call(t.core, 'termination/set-documents', { id: a.id, rowVersion: a.rowVersion, documents: ['passport', 'saleContract'] }, 'c'))
    const text = oneLine(pdfText((await preview('termination-application', a.id, 'termination-application-ticked')).path))
    expect(text).toContain('Паспорт заявителя — представлен')
    expect(text).toContain('Оригинал полиса 4.')

    const casco = await expectOk(call(t.core, 'termination/enter-contract', { contract: {
      product: 'casco', number: 'КАСКО-77-001', concludedAt: null, policyholderType: 'individual', policyholderName: 'Белов Артём',
      plate: null, vin: null, conclusionDate: '2025-03-25', startDate: '2025-03-26', endDate: '2026-03-25', premiumKopecks: 8_400_000,
      periodsOfUse: [] } }, 'c'))
    const cool = await expectOk(call(t.core, 'termination/register-application', { contract: { source: 'manual', id: casco.id }, details: {
      kind: 'cooling-off', ground: null, eventDate: null, cascoChoice: null, insuredEventOccurred: false,
      applicant: { fullName: 'Белов Артём', passport: '4510 111222', phone: '+7 903 000-00-00', address: null }, representative: null,
      payout: { method: 'cash' } } }, 'c'))
    const coolText = oneLine(pdfText((await preview('termination-application', cool.id, 'termination-application-cooling-off')).path))
    expect(coolText).toContain('Отказываюсь от договора КАСКО № КАСКО-77-001 от 25.03.2025 в течение «периода охлаждения»')
    expect(coolText).toContain('Страховых случаев по договору не было')
    expect(coolText).toContain('В кассе филиала')
    expect(coolText).toContain('лично')
  })
})

describe('refund calculation sheet', () => {
  it('is refused before the calculation, then writes the formula out with every number and the rules version', async () => {
    const a = await application()
    expect(await call(t.core, 'print/preview-document', { kind: 'termination-refund-sheet', id: a.id }, 'c'))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const ticked = await expectOk(call(t.core, 'termination/set-documents', { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments }, 'c'))
    await expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c'))
    const { path, pages } = await preview('termination-refund-sheet', a.id, 'termination-refund-sheet')
    const text = oneLine(pdfText(path))
    for (const expected of [
      'РАСЧЁТ СУММЫ ВОЗВРАТА СТРАХОВОЙ ПРЕМИИ', 'к заявлению вх. № MSK-01-2025-00001 от 31.03.2025 10:05',
      'Возврат = премия × доля премии на страховые выплаты × неистекшие дни ÷ оплаченные дни',
      'Срок страхования с 01.01.2025 по 31.12.2025 — 365 дн.', 'Неистекший срок с 01.04.2025 по 31.12.2025 — 275 дн.',
      '10 000,00 ₽ × 0,77 × 275 ÷ 365 = 5 801,36986… ₽', 'Итог округлён до копейки (половина копейки — вверх): 5 801,37 ₽',
      'не позднее 14.04.2025', 'Правила расчёта: версия 2023-01-30.1', 'Сумма к возврату: 5 801,37 ₽',
      'неподтверждённые значения правил', 'Доля премии на страховые выплаты', 'Расчёт выполнил',
    ]) expect(text).toContain(expected)
    expect(pages).toBe(1)
    expect(pdfToPng(path, 'termination-refund-sheet')).toHaveLength(1)
  })

  it('prints for the desk only, and records prints in the audit log', async () => {
    const a = await application()
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'print/preview-document', { kind: 'termination-application', id: a.id }, 'i')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call(t.core, 'print/print-document', { kind: 'termination-application', id: a.id }, 'c')).toMatchObject({ ok: true, value: { printed: true } })
    expect(printer.jobs.map((j) => j.jobName)).toEqual(['Заявление MSK-01-2025-00001 — Орлова Ирина Сергеевна'])
    const printed = await t.core.db('audit_log').where({ action: 'print.printed', entity: 'termination_application', entity_id: a.id })
    expect(printed).toHaveLength(1)
  })
})
