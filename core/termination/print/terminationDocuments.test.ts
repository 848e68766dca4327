import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../../testing/testCore'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pageCount } from '../../print/pdfEngine'
import { RecordingPrintPlatform } from '../../print/recordingPlatform'
import { keepPdf, pdfText, pdfToPng, pdfWords } from '../../print/testing/pdfTools'
import { previewPdf } from '../../print/testing/previewPdf'
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

type Term = { conclusionDate: string; startDate: string; endDate: string }
const TERM_2025: Term = { conclusionDate: '2024-12-20', startDate: '2025-01-01', endDate: '2025-12-31' }

async function application(
  over: Partial<ApplicationDetailsInput> = {},
  term: Term = TERM_2025,
): Promise<TerminationApplication> {
  const contract = await expectOk(
    call(
      t.core,
      'termination/enter-contract',
      {
        contract: {
          product: 'osago',
          number: 'ХХХ 0123456789',
          concludedAt: 'Офис «Лефортово»',
          policyholderType: 'individual',
          policyholderName: 'Орлова Ирина Сергеевна',
          plate: 'В456ОР199',
          vin: 'XTA21700080123456',
          ...term,
          premiumKopecks: 1_000_000,
          periodsOfUse: [],
        },
      },
      'c',
    ),
  )
  return expectOk(
    call(
      t.core,
      'termination/register-application',
      {
        contract: { source: 'manual', id: contract.id },
        details: {
          kind: 'osago-early-termination',
          ground: 'owner-change',
          eventDate: null,
          cascoChoice: null,
          insuredEventOccurred: false,
          applicant: {
            fullName: 'Орлова Ирина Сергеевна',
            passport: '4519 123456',
            phone: '+7 916 123-45-67',
            address: 'г. Москва, ул. Лесная, д. 5, кв. 12',
          },
          representative: {
            fullName: 'Кузнецов Олег Ильич',
            powerOfAttorney: { number: '77 АА 1234567', date: '2025-03-01', notary: 'нотариус г. Москвы Белова А. А.' },
          },
          payout: {
            method: 'transfer',
            recipient: 'Орлова Ирина Сергеевна',
            bankName: 'ПАО Сбербанк',
            bik: '044525225',
            account: '40817810438000000001',
            correspondentAccount: '30101810400000000225',
          },
          ...over,
        },
      },
      'c',
    ),
  )
}

async function preview(kind: 'termination-application' | 'termination-refund-sheet', id: string, name: string) {
  const r = await expectOk(call(t.core, 'print/preview-document', { kind, id }, 'c'))
  const pdf = await previewPdf(t.dir, r)
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
      expect(
        words.some((w) => w.page === page && w.text === 'MSK-01-2025-00001'),
        `page ${page}`,
      ).toBe(true)
    }
    const text = oneLine(pdfText(path))
    // pdftotext ends each page with a form feed: the receipt mark is on each copy's own page.
    const pages = pdfText(path)
      .split('\f')
      .map(oneLine)
      .filter((p) => p.trim() !== '')
    expect(pages).toHaveLength(2)
    for (const page of pages) {
      expect(page).toContain('Отметка о приёме')
      expect(page).toContain('Вх. № MSK-01-2025-00001')
      expect(page).toContain('от 31.03.2025 10:05 принял: Сотрудник clerk1')
    }
    expect(pages[0]).toContain('Экземпляр страховщика')
    expect(pages[1]).toContain('Экземпляр заявителя')
    for (const expected of [
      'Экземпляр страховщика',
      'Экземпляр заявителя',
      'ЗАЯВЛЕНИЕ',
      'о досрочном прекращении договора обязательного страхования',
      'Прошу досрочно прекратить договор ОСАГО (полис ХХХ 0123456789)',
      'Основание: смена собственника транспортного средства',
      'внесены вручную по полису клиента; место заключения: Офис «Лефортово»',
      'Кузнецов Олег Ильич',
      '№ 77 АА 1234567 от 01.03.2025, удостоверена: нотариус г. Москвы Белова А. А.',
      'ПАО Сбербанк',
      '044525225',
      '40817810438000000001',
      'Нотариально удостоверенная доверенность представителя',
      'Договор купли-продажи',
      'Заявление принял',
      'Сотрудник clerk1',
    ])
      expect(text).toContain(expected)
    expect(fileName).toBe('Заявление MSK-01-2025-00001 — Орлова Ирина Сергеевна.pdf')
    expect(pdfToPng(path, 'termination-application')).toHaveLength(2)
  })

  it('marks the documents received and words a cooling-off refusal and a CASCO re-issue their own way', async () => {
    const a = await application()
    await expectOk(
      call(
        t.core,
        'termination/set-documents',
        { id: a.id, rowVersion: a.rowVersion, documents: ['passport', 'saleContract'] },
        'c',
      ),
    )
    const text = oneLine(
      pdfText((await preview('termination-application', a.id, 'termination-application-ticked')).path),
    )
    expect(text).toContain('Паспорт заявителя — представлен')
    expect(text).toContain('Оригинал полиса 4.')

    const casco = await expectOk(
      call(
        t.core,
        'termination/enter-contract',
        {
          contract: {
            product: 'casco',
            number: 'КАСКО-77-001',
            concludedAt: null,
            policyholderType: 'individual',
            policyholderName: 'Белов Артём',
            plate: null,
            vin: null,
            conclusionDate: '2025-03-25',
            startDate: '2025-03-26',
            endDate: '2026-03-25',
            premiumKopecks: 8_400_000,
            periodsOfUse: [],
          },
        },
        'c',
      ),
    )
    const cool = await expectOk(
      call(
        t.core,
        'termination/register-application',
        {
          contract: { source: 'manual', id: casco.id },
          details: {
            kind: 'cooling-off',
            ground: null,
            eventDate: null,
            cascoChoice: null,
            insuredEventOccurred: false,
            applicant: { fullName: 'Белов Артём', passport: '4510 111222', phone: '+7 903 000-00-00', address: null },
            representative: null,
            payout: { method: 'cash' },
          },
        },
        'c',
      ),
    )
    const coolText = oneLine(
      pdfText((await preview('termination-application', cool.id, 'termination-application-cooling-off')).path),
    )
    expect(coolText).toContain(
      'Отказываюсь от договора КАСКО № КАСКО-77-001 от 25.03.2025 в течение «периода охлаждения»',
    )
    expect(coolText).toContain('Страховых случаев по договору не было')
    expect(coolText).toContain('В кассе филиала')
    expect(coolText).toContain('лично')
  })
})

describe('refund calculation sheet', () => {
  it('is refused before the calculation, then writes the formula out with every number and the rules version', async () => {
    const a = await application()
    expect(
      await call(t.core, 'print/preview-document', { kind: 'termination-refund-sheet', id: a.id }, 'c'),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const ticked = await expectOk(
      call(
        t.core,
        'termination/set-documents',
        { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
        'c',
      ),
    )
    await expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c'))
    const { path, pages } = await preview('termination-refund-sheet', a.id, 'termination-refund-sheet')
    const text = oneLine(pdfText(path))
    for (const expected of [
      'РАСЧЁТ СУММЫ ВОЗВРАТА СТРАХОВОЙ ПРЕМИИ',
      'к заявлению вх. № MSK-01-2025-00001 от 31.03.2025 10:05',
      'Возврат = премия × доля премии на страховые выплаты × неистекшие дни ÷ оплаченные дни',
      'Срок страхования с 01.01.2025 по 31.12.2025 — 365 дн.',
      'Неистекший срок с 01.04.2025 по 31.12.2025 — 275 дн.',
      '10 000,00 ₽ × 0,77 × 275 ÷ 365 = 5 801,36986… ₽',
      'Итог округлён до копейки (половина копейки — вверх): 5 801,37 ₽',
      'не позднее 14.04.2025',
      'Правила расчёта: версия 2023-01-30.2',
      'Сумма к возврату: 5 801,37 ₽',
      'неподтверждённые значения правил',
      'Доля премии на страховые выплаты',
      'Расчёт выполнил',
    ])
      expect(text).toContain(expected)
    expect(pages).toBe(1)
    // 2025 is confirmed by Decree No. 1335: no mark beside the date.
    expect(text).not.toContain('календарь не утверждён')
    expect(pdfToPng(path, 'termination-refund-sheet')).toHaveLength(1)
  })

  it('names the basis of a late payout, the postmark of a posted application and the limitation period of an heir', async () => {
    const a = await application({
      ground: 'death',
      eventDate: '2025-01-20',
      receipt: { channel: 'post', postmarkDate: '2025-03-28' },
    })
    const posted = await preview('termination-application', a.id, 'termination-application-posted')
    expect(posted.pages).toBe(2)
    const appText = oneLine(pdfText(posted.path))
    for (const expected of [
      'по почте, штемпель 28.03.2025',
      'по почте, дата почтового штемпеля 28.03.2025 (п. 2 ст. 194 ГК РФ)',
      'Дата смерти: 20.01.2025',
      'Срок выплаты не позднее 14.04.2025',
      'При просрочке выплаты неустойка 1 % от суммы возврата за каждый день просрочки',
      'п. 21 ст. 12 Закона № 40-ФЗ об ОСАГО по аналогии',
    ])
      expect(appText).toContain(expected)

    const ticked = await expectOk(
      call(
        t.core,
        'termination/set-documents',
        { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
        'c',
      ),
    )
    const done = await expectOk(
      call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c'),
    )
    t.clock.set(new Date('2025-04-16T07:05:00Z'))
    await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
    await expectOk(
      call(
        t.core,
        'termination/record-payout',
        { id: done.id, rowVersion: done.rowVersion, paymentDocument: 'п/п 44' },
        'c',
      ),
    )
    const sheet = oneLine(
      pdfText((await preview('termination-refund-sheet', a.id, 'termination-refund-sheet-late')).path),
    )
    for (const expected of [
      'Заявление отправлено по почте 28.03.2025 (почтовый штемпель), получено 31.03.2025',
      'Дата прекращения договора — 20.01.2025, дата события',
      'Срок выплаты — 14 календарных дней после получения заявления (31.03.2025)',
      'Неустойка за просрочку выплаты',
      'Просрочка 2 дн. после 14.04.2025: с 15.04.2025 по 16.04.2025 — 2 дн. × 1 % в день',
      'При просрочке выплаты — неустойка 1 % от суммы возврата за каждый день просрочки',
    ])
      expect(sheet).toContain(expected)
  })

  it('names GK RF art. 395 interest with its periods, the days after the key-rate table flagged', async () => {
    // HQ selects statutory interest from 01.01.2026 (a rules version as an override file would add it).
    const versions = t.core.reference.versions['termination-rules']
    const selected = structuredClone(versions[0]!)
    selected.version = '2026-01-01.1'
    selected.effectiveFrom = '2026-01-01'
    selected.data.latePayout.consequence = {
      value: 'statutory-interest',
      verified: true,
      source: 'HQ selection (test)',
    }
    versions.push(selected)
    try {
      t.clock.set(new Date('2026-03-02T07:05:00Z'))
      await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
      const a = await application(
        { payout: { method: 'cash' }, representative: null },
        { conclusionDate: '2025-12-20', startDate: '2026-01-01', endDate: '2026-12-31' },
      )
      const appText = oneLine(
        pdfText((await preview('termination-application', a.id, 'termination-application-interest')).path),
      )
      expect(appText).toContain('Срок выплаты не позднее 16.03.2026')
      expect(appText).toContain(
        'При просрочке выплаты проценты по ст. 395 ГК РФ: сумма возврата × ключевая ставка Банка России ÷ число дней в году',
      )
      expect(appText).not.toContain('неустойка 1 %')

      const ticked = await expectOk(
        call(
          t.core,
          'termination/set-documents',
          { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
          'c',
        ),
      )
      const done = await expectOk(
        call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c'),
      )
      // 10 000 ₽ × 0,77 × 304 ÷ 365 (terminated 02.03.2026).
      expect(done.calculation).toMatchObject({ refundKopecks: 641_315, payoutDueDate: '2026-03-16' })
      // Paid 27.03.2026, 11 days late; the key-rate table is known up to 22.03.2026, the last 5 days assume 15,5 % still holds.
      t.clock.set(new Date('2026-03-27T07:05:00Z'))
      await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
      const paid = await expectOk(
        call(
          t.core,
          'termination/record-payout',
          { id: done.id, rowVersion: done.rowVersion, paymentDocument: 'РКО 17' },
          'c',
        ),
      )
      // 641 315 × 0,155 × 11 ÷ 365 = 2 995,73 kopecks.
      expect(paid).toMatchObject({ penaltyKopecks: 2_996, paidKopecks: 641_315 + 2_996 })
      const sheet = oneLine(
        pdfText((await preview('termination-refund-sheet', a.id, 'termination-refund-sheet-interest')).path),
      )
      for (const expected of [
        'При просрочке выплаты — проценты по ст. 395 ГК РФ: сумма возврата × ключевая ставка Банка России ÷ число дней в году за каждый день просрочки',
        'Проценты за пользование чужими денежными средствами (ст. 395 ГК РФ) 29,96 ₽',
        'Просрочка 11 дн. после 16.03.2026: с 17.03.2026 по 22.03.2026 — 6 дн. × 15,50 % годовых ÷ 365; ' +
          'с 23.03.2026 по 27.03.2026 — 5 дн. × 15,50 % годовых ÷ 365 (ставка известна по 22.03.2026; применена последняя известная — требует проверки)',
        'Ключевая ставка после даты, по которую известен справочник ставок',
        'Выплачено всего 6 443,11 ₽',
      ])
        expect(sheet).toContain(expected)
      // Only the days past the table are flagged.
      expect(sheet.match(/ставка известна по/g)).toHaveLength(1)
    } finally {
      versions.pop()
    }
  })

  it('prints the current due date with «календарь не утверждён» for a year no decree confirms, and the notice of a move', async () => {
    t.clock.set(new Date('2026-12-20T07:05:00Z'))
    await call(t.core, 'session/unlock-screen', { password: 'Own12345' }, 'c')
    const a = await application(
      { payout: { method: 'cash' }, representative: null },
      { conclusionDate: '2026-06-01', startDate: '2026-06-02', endDate: '2027-06-01' },
    )
    // 14 days after Sunday 20.12.2026 is 03.01.2027, a holiday: 11.01.2027, counted by the Labour Code baseline for 2027.
    expect(a.payoutDueOn).toBe('2027-01-11')
    const appText = oneLine(
      pdfText((await preview('termination-application', a.id, 'termination-application-unconfirmed')).path),
    )
    expect(appText).toContain('Срок выплаты не позднее 11.01.2027 (календарь не утверждён)')
    const ticked = await expectOk(
      call(
        t.core,
        'termination/set-documents',
        { id: a.id, rowVersion: a.rowVersion, documents: a.requiredDocuments },
        'c',
      ),
    )
    await expectOk(call(t.core, 'termination/complete-application', { id: a.id, rowVersion: ticked.rowVersion }, 'c'))
    const sheet = oneLine(
      pdfText((await preview('termination-refund-sheet', a.id, 'termination-refund-sheet-unconfirmed')).path),
    )
    expect(sheet).toContain('Выплатить не позднее 11.01.2027 (календарь не утверждён)')

    // HQ's decree then made 11.01.2027 a day off and the due date moved (as core/termination/payoutDeadlineRecalculation.ts writes it).
    await t.core
      .db('termination_application')
      .where({ id: a.id })
      .update({
        payout_due_on: '2027-01-12',
        deadline_changes: JSON.stringify([
          { previous: '2027-01-11', current: '2027-01-12', at: '2026-12-29T07:00:00.000Z', reason: 'calendar-updated' },
        ]),
      })
    const moved = oneLine(
      pdfText((await preview('termination-refund-sheet', a.id, 'termination-refund-sheet-moved')).path),
    )
    expect(moved).toContain('Выплатить не позднее 12.01.2027 (календарь не утверждён)')
    expect(moved).toContain(
      'Изменение срока Срок выплаты изменён: был 11.01.2027, стал 12.01.2027 (календарь обновлён 29.12.2026)',
    )
    const movedApp = oneLine(
      pdfText((await preview('termination-application', a.id, 'termination-application-moved')).path),
    )
    expect(movedApp).toContain('Срок выплаты не позднее 12.01.2027 (календарь не утверждён)')
    expect(movedApp).toContain('Срок выплаты изменён: был 11.01.2027, стал 12.01.2027 (календарь обновлён 29.12.2026)')
  })

  it('prints for the desk only, and records prints in the audit log', async () => {
    const a = await application()
    await signInAs(t.core, 'inspector', 'i')
    expect(
      await call(t.core, 'print/preview-document', { kind: 'termination-application', id: a.id }, 'i'),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await call(t.core, 'print/print-document', { kind: 'termination-application', id: a.id }, 'c'),
    ).toMatchObject({ ok: true, value: { printed: true } })
    expect(printer.jobs.map((j) => j.jobName)).toEqual(['Заявление MSK-01-2025-00001 — Орлова Ирина Сергеевна'])
    const printed = await t.core
      .db('audit_log')
      .where({ action: 'print.printed', entity: 'termination_application', entity_id: a.id })
    expect(printed).toHaveLength(1)
  })
})
