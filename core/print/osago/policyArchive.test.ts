import { describe, expect, it } from 'vitest'
import { pageCount, renderPdf } from '../pdfEngine'
import { FIXED_NOW, fixturePerson, issuedPolicy, printData, REPRESENTATIVE } from '../testing/fixtures'
import { keepPdf, pdfText, pdfToPng } from '../testing/pdfTools'
import { buildPolicyArchive, policyArchiveFileName } from './policyArchive'

describe('the policy as a full A4 archive copy', () => {
  it("carries the blank's series and number and every field with its label", async () => {
    const data = await printData(issuedPolicy())
    const pdf = await renderPdf(buildPolicyArchive(data), { creationDate: FIXED_NOW })
    const path = keepPdf('osago-policy-archive', pdf)
    const text = pdfText(path)
    for (const expected of [
      'Серия ААК № 0123456789',
      'АО «Страховая компания «Образец»',
      '123001, г. Москва, ул. Образцовая, д. 1',
      'www.insurer.example',
      'с 00:00 22.11.2026 по 23:59 21.11.2027',
      'в течение всего срока страхования',
      'Смирнов Алексей Викторович',
      'Паспорт гражданина РФ 45 18 765432',
      'Москва, ул. Профсоюзная, д. 65, кв. 112',
      'Skoda Octavia',
      'XW8AN2NE5MH012345',
      'А123ВС777',
      '150 л. с.',
      'Личная',
      'Смирнова Екатерина Андреевна',
      '99 19 123456',
      'Договор заключён в отношении только указанных лиц',
      'Особые отметки',
      'чек № 000451',
      REPRESENTATIVE,
      'Смирнов А. В.',
      'Страница 1 из 1',
    ])
      expect(text).toContain(expected)
    expect(text).toMatch(/Страховая премия\s+\d{1,3}(?: \d{3})*,\d{2} ₽/)
    // One sheet for the archive folder.
    expect(pageCount(pdf)).toBe(1)
    expect(pdfToPng(path, 'osago-policy-archive')).toHaveLength(1)
    expect(policyArchiveFileName(data)).toBe('Полис ОСАГО ААК 0123456789 — архивная копия.pdf')
  })

  it('shows an owner who is not the insured, periods of use and an unlimited list', async () => {
    const policy = issuedPolicy({
      ownerIsInsured: false,
      owner: {
        type: 'individual',
        person: {
          ...fixturePerson(),
          surname: 'Смирнов',
          name: 'Виктор',
          patronymic: 'Павлович',
          birthDate: '1965-02-03',
          passport: { ...fixturePerson().passport, series: '4509', number: '111222' },
        },
      },
      drivers: { mode: 'unlimited', ownerKbmClass: '3' },
      contract: {
        conclusionDate: '2026-11-21',
        startDate: '2026-11-22',
        periodsOfUse: [{ from: '2026-11-22', to: '2027-05-21' }],
      },
    })
    const path = keepPdf(
      'osago-policy-archive-owner',
      await renderPdf(buildPolicyArchive(await printData(policy)), { creationDate: FIXED_NOW }),
    )
    const text = pdfText(path)
    expect(text).toContain('Смирнов Виктор Павлович')
    expect(text).toContain('45 09 111222')
    expect(text).toContain('1) с 22.11.2026 по 21.05.2027')
    expect(text).toContain('неограниченного количества лиц')
    pdfToPng(path, 'osago-policy-archive-owner')
  })
})
