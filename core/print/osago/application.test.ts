import { describe, expect, it } from 'vitest'
import { translate } from '../../../shared/i18n/messages'
import { coefficientCodes } from '../../../shared/osago/calculator'
import { pageCount, renderPdf } from '../pdfEngine'
import { applicationInput, calculatedPolicy, FIXED_NOW, issuedPolicy, printData } from '../testing/fixtures'
import { keepPdf, pdfText, pdfToPng } from '../testing/pdfTools'
import { applicationFileName, buildApplication, unverifiedNote } from './application'

const oneLine = (s: string) => s.replace(/\s+/g, ' ')

describe('the OSAGO application (заявление) with its calculation', () => {
  it('has every section of the form, the calculation breakdown and signature lines', async () => {
    const data = await printData(issuedPolicy())
    const pdf = await renderPdf(buildApplication(data), { creationDate: FIXED_NOW })
    const path = keepPdf('osago-application', pdf)
    const text = oneLine(pdfText(path))
    for (const section of ['1. Страховщик', '2. Страхователь', '3. Собственник транспортного средства', '4. Транспортное средство',
      '5. Диагностическая карта', '6. Цель использования', '7. Срок страхования', '8. Лица, допущенные к управлению',
      '9. Грубые нарушения условий страхования', '10. Расчёт страховой премии', '11. Подтверждение']) expect(text).toContain(section)
    for (const expected of [
      'ЗАЯВЛЕНИЕ', 'Полис серия ААК № 0123456789', 'Смирнов Алексей Викторович', 'мужской',
      'Паспорт гражданина РФ 45 18 765432, выдан 20.05.2018 ГУ МВД России по г. Москве, код подразделения 770-093',
      '+79161234567', 'a.smirnov@example.ru', 'Собственник транспортного средства является страхователем',
      'XW8AN2NE5MH012345', '2021', '1850 кг', 'левое', 'Смирнова Екатерина Андреевна', '30.09.1998', '15.10.2019',
      'Тариф: указание Банка России 7204-U', 'подпись', 'Смирнов А. В.',
    ]) expect(text).toContain(expected)
    // Each coefficient with its value and the tariff row it came from.
    for (const code of coefficientCodes) expect(text).toContain(translate('ru', `osago.coefficients.${code}`))
    for (const b of data.calculation.breakdown) expect(text).toContain(oneLine(translate('ru', b.label.key, b.label.params)))
    expect(text).toContain('КТ: Москва')
    expect(text).toContain('1,8')
    expect(text).toMatch(/Страховая премия \d{1,3}(?: \d{3})*,\d{2} ₽/)
    // Moscow's KT is carried forward unconfirmed in 7204-U: the paper says so.
    expect(data.calculation.warnings.some((w) => w.code === 'kt')).toBe(true)
    expect(text).toContain('Внимание: не подтверждены значения')
    expect(text).toContain('КТ')
    expect(pageCount(pdf)).toBeLessThanOrEqual(2)
    expect(pdfToPng(path, 'osago-application').length).toBe(pageCount(pdf))
  })

  it('prints for signature before payment: no policy number yet', async () => {
    const data = await printData(calculatedPolicy())
    const text = oneLine(pdfText(keepPdf('osago-application-calculated', await renderPdf(buildApplication(data), { creationDate: FIXED_NOW }))))
    expect(text).not.toContain('Полис серия')
    expect(text).toContain('ЗАЯВЛЕНИЕ')
    expect(applicationFileName(data)).toBe('Заявление ОСАГО — Смирнов А. В. — 21.11.2026.pdf')
  })

  it('shows a legal-entity owner and an unlimited drivers list with the owner\'s class', async () => {
    const base = applicationInput()
    const policy = issuedPolicy({
      ownerIsInsured: false,
      owner: {
        type: 'legal',
        entity: { name: 'ООО «Вектор»', inn: '7707083893', ogrn: '1027700132195', address: { ...base.insured.address, street: 'ул. Вавилова', house: '19', flat: null } },
      },
      drivers: { mode: 'unlimited', ownerKbmClass: '3' },
    })
    const path = keepPdf('osago-application-legal', await renderPdf(buildApplication(await printData(policy)), { creationDate: FIXED_NOW }))
    const text = oneLine(pdfText(path))
    expect(text).toContain('ООО «Вектор»')
    expect(text).toContain('7707083893')
    expect(text).toContain('1027700132195')
    expect(text).toContain('без ограничений')
    expect(text).toContain('Класс КБМ собственника 3')
    pdfToPng(path, 'osago-application-legal')
  })

  it('says nothing about confirmation when every value is confirmed', async () => {
    const data = await printData(issuedPolicy())
    expect(unverifiedNote({ ...data, calculation: { ...data.calculation, warnings: [] } })).toBeNull()
  })
})
