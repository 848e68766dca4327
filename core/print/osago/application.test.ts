import { describe, expect, it } from 'vitest'
import { translate } from '../../../shared/i18n/messages'
import { coefficientCodes } from '../../../shared/osago/calculator'
import { pageCount, renderPdf } from '../pdfEngine'
import { applicationInput, calculatedPolicy, FIXED_NOW, issuedPolicy, printData } from '../testing/fixtures'
import { keepPdf, lineOf, pdfText, pdfToPng, pdfWords } from '../testing/pdfTools'
import { formatRubles } from '../../../shared/money/format'
import { applicationFileName, buildApplication, ceilingNote, premiumRows, unverifiedNote } from './application'

const oneLine = (s: string) => s.replace(/\s+/g, ' ')

/** An organisation client with real, check-digit-valid numbers (Sberbank's INN/KPP/OGRN, public register data). */
const VECTOR = {
  form: 'ooo' as const,
  fullName: 'Общество с ограниченной ответственностью «Вектор»',
  shortName: 'ООО «Вектор»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  phone: '+7 495 500-55-50',
  email: null,
}

describe('the OSAGO application (заявление) with its calculation', () => {
  it('has every section of the form, the calculation breakdown and signature lines', async () => {
    const data = await printData(issuedPolicy())
    const pdf = await renderPdf(buildApplication(data), { creationDate: FIXED_NOW })
    const path = keepPdf('osago-application', pdf)
    const text = oneLine(pdfText(path))
    for (const section of [
      '1. Страховщик',
      '2. Страхователь',
      '3. Собственник транспортного средства',
      '4. Транспортное средство',
      '5. Диагностическая карта',
      '6. Цель использования',
      '7. Срок страхования',
      '8. Лица, допущенные к управлению',
      '9. Грубые нарушения условий страхования',
      '10. Расчёт страховой премии',
      '11. Подтверждение',
    ])
      expect(text).toContain(section)
    for (const expected of [
      'ЗАЯВЛЕНИЕ',
      'Полис серия ААК № 0123456789',
      'Смирнов Алексей Викторович',
      'мужской',
      'Паспорт гражданина РФ 45 18 765432, выдан 20.05.2018 ГУ МВД России по г. Москве, код подразделения 770-093',
      '+7 (916) 123-45-67',
      'a.smirnov@example.ru',
      'Собственник транспортного средства является страхователем',
      'XW8AN2NE5MH012345',
      '2021',
      '1 850 кг',
      'левое',
      'Смирнова Екатерина Андреевна',
      '30.09.1998',
      '15.10.2019',
      'Тариф: указание Банка России 7204-U',
      // The TB corridor of the breakdown as Russian numbers (the calculator formats its message's parameters).
      'в коридоре 1 399–8 665 ₽',
      'подпись',
      'Смирнов А. В.',
    ])
      expect(text).toContain(expected)
    // Each coefficient with its value and the tariff row it came from.
    for (const code of coefficientCodes) expect(text).toContain(translate('ru', `osago.coefficients.${code}`))
    for (const b of data.calculation.breakdown)
      expect(text).toContain(oneLine(translate('ru', b.label.key, b.label.params)))
    expect(text).toContain('КТ: Москва')
    expect(text).toContain('1,8')
    expect(text).toMatch(/Страховая премия \d{1,3}(?: \d{3})*,\d{2} ₽/)
    // Moscow's KT is carried forward unconfirmed in 7204-U: the paper says so.
    expect(data.calculation.warnings.some((w) => w.code === 'kt')).toBe(true)
    expect(text).toContain('Внимание: не подтверждены значения')
    expect(text).toContain('КТ')
    expect(pageCount(pdf)).toBeLessThanOrEqual(2)
    expect(pdfToPng(path, 'osago-application').length).toBe(pageCount(pdf))
    // The premium lines are the calculation table's last rows: their amounts start where its «Значение» column does.
    const words = pdfWords(path)
    const column = lineOf(words, 'Коэффициент').after.find((w) => w.text === 'Значение')!.xMin
    for (const label of ['Произведение', 'Предельный размер', 'Страховая премия'])
      expect(lineOf(words, label).after.find((w) => /^\d/.test(w.text))!.xMin).toBeCloseTo(column, 0)
  })

  it('prints for signature before payment: no policy number yet', async () => {
    const data = await printData(calculatedPolicy())
    const text = oneLine(
      pdfText(
        keepPdf('osago-application-calculated', await renderPdf(buildApplication(data), { creationDate: FIXED_NOW })),
      ),
    )
    expect(text).not.toContain('Полис серия')
    expect(text).toContain('ЗАЯВЛЕНИЕ')
    expect(applicationFileName(data)).toBe('Заявление ОСАГО — Смирнов А. В. — 21.11.2026.pdf')
  })

  it("shows an organisation owner with its INN, KPP and OGRN, and an unlimited drivers list with the owner's class", async () => {
    const base = applicationInput()
    const policy = issuedPolicy({
      ownerIsInsured: false,
      owner: {
        type: 'legal',
        entity: { ...VECTOR, address: { ...base.insured.address, street: 'ул. Вавилова', house: '19', flat: null } },
      },
      drivers: { mode: 'unlimited', ownerKbmClass: '3' },
    })
    const path = keepPdf(
      'osago-application-legal',
      await renderPdf(buildApplication(await printData(policy)), { creationDate: FIXED_NOW }),
    )
    const text = oneLine(pdfText(path))
    expect(text).toContain('Полное наименование Общество с ограниченной ответственностью «Вектор»')
    expect(text).toContain('Сокращённое наименование ООО «Вектор»')
    expect(text).toContain('ИНН 7707083893')
    expect(text).toContain('КПП 773601001')
    expect(text).toContain('ОГРН 1027700132195')
    expect(text).toContain('без ограничений')
    expect(text).toContain('Класс КБМ собственника 3')
    pdfToPng(path, 'osago-application-legal')
  })

  it('shows an organisation as the insured and owner: its numbers instead of a passport, signed in its name', async () => {
    const base = applicationInput()
    const policy = issuedPolicy({
      insured: { kind: 'organisation', ...VECTOR, address: base.insured.address },
      drivers: { mode: 'unlimited', ownerKbmClass: '3' },
    })
    const data = await printData(policy)
    const path = keepPdf(
      'osago-application-organisation',
      await renderPdf(buildApplication(data), { creationDate: FIXED_NOW }),
    )
    const text = oneLine(pdfText(path))
    expect(text).toMatch(
      /2\. Страхователь Полное наименование Общество с ограниченной ответственностью «Вектор» Сокращённое наименование ООО «Вектор» ИНН 7707083893 КПП 773601001 ОГРН 1027700132195/,
    )
    expect(text).toContain('Собственник транспортного средства является страхователем.')
    expect(text).not.toContain('Паспорт')
    expect(text).toContain('Страхователь / ООО «Вектор» / подпись')
    expect(applicationFileName(data)).toBe('Заявление ОСАГО — ООО «Вектор» — 21.11.2026.pdf')
  })

  it('prints the product, the ceiling of 40-FZ art. 9 p. 2 and the capped premium the client pays', async () => {
    const base = applicationInput()
    if (base.drivers.mode !== 'list') throw new Error('the fixture lists its drivers')
    // A 19-year-old with a new licence, class M, 250 hp: far above 3 × TB × KT.
    const young = {
      ...base.drivers.list[0]!,
      birthDate: '2007-03-01',
      licenseSince: '2026-05-01',
      kbmClass: 'M' as const,
      kbmReason: 'Сведения АИС ОСАГО',
    }
    const policy = issuedPolicy({ vehicle: { ...base.vehicle, power: 250 }, drivers: { mode: 'list', list: [young] } })
    const data = await printData(policy)
    const c = data.calculation
    expect(c.ceilingApplied).toBe(true)
    expect(c.premiumKopecks).toBe(c.ceilingKopecks)
    expect(c.uncappedPremiumKopecks).toBeGreaterThan(c.ceilingKopecks!)
    expect(policy.payment?.amountKopecks).toBe(c.ceilingKopecks)
    const text = oneLine(
      pdfText(
        keepPdf('osago-application-ceiling', await renderPdf(buildApplication(data), { creationDate: FIXED_NOW })),
      ),
    )
    expect(text).toContain('но не более 3 × ТБ × КТ (п. 2 ст. 9 Закона об ОСАГО)')
    expect(text).toContain(oneLine(`Произведение ТБ и коэффициентов ${formatRubles(c.uncappedPremiumKopecks!)}`))
    expect(text).toContain(oneLine(`Предельный размер премии ${formatRubles(c.ceilingKopecks!)} = 3 × ТБ × КТ`))
    expect(text).toContain(oneLine(`Страховая премия ${formatRubles(c.premiumKopecks)}`))
    expect(text).toContain('Применён предельный размер: премия снижена до 3 × ТБ × КТ')
  })

  it('says the ceiling was not exceeded for an ordinary premium, and prints a calculation stored before the ceiling as it was', async () => {
    const data = await printData(issuedPolicy())
    expect(data.calculation.ceilingApplied).toBe(false)
    expect(premiumRows(data).map(([label]) => label)).toEqual([
      'Произведение ТБ и коэффициентов',
      'Предельный размер премии',
      'Страховая премия',
    ])
    expect(ceilingNote(data)).toBe('Предельный размер не превышен')
    const {
      uncappedPremiumKopecks: _u,
      ceilingKopecks: _c,
      ceilingApplied: _a,
      ceiling: _r,
      ...older
    } = data.calculation
    const legacy = { ...data, calculation: older }
    expect(premiumRows(legacy)).toEqual([['Страховая премия', formatRubles(data.calculation.premiumKopecks)]])
    expect(ceilingNote(legacy)).toBeNull()
    const text = oneLine(
      pdfText(
        keepPdf('osago-application-legacy', await renderPdf(buildApplication(legacy), { creationDate: FIXED_NOW })),
      ),
    )
    expect(text).toContain('Премия = ТБ × КТ × КБМ × КВС × КО × КМ × КС × КН × КП × КПр.')
    expect(text).not.toContain('Предельный размер')
  })

  it('says nothing about confirmation when every value is confirmed', async () => {
    const data = await printData(issuedPolicy())
    expect(unverifiedNote({ ...data, calculation: { ...data.calculation, warnings: [] } })).toBeNull()
  })
})
