import { describe, expect, it } from 'vitest'
import { AppError } from '../../app/appError'
import { mm, type ContentNode } from '../docDefinition'
import { renderPdf } from '../pdfEngine'
import { buildDeps, FIXED_NOW, issuedPolicy, layout, printData, REPRESENTATIVE } from '../testing/fixtures'
import { keepPdf, pdfText, pdfToPng, pdfWords } from '../testing/pdfTools'
import { blankValues, buildPolicyOnBlank } from './policyOnBlank'

async function render(name: string, offset = { xMm: 0, yMm: 0 }, policy = issuedPolicy()) {
  const data = await printData(policy)
  const doc = buildPolicyOnBlank(data, layout.data, await buildDeps(offset))
  const path = keepPdf(name, await renderPdf(doc, { creationDate: FIXED_NOW }))
  return { data, doc, path }
}

const wordAt = (path: string, text: string) => {
  const w = pdfWords(path).find((x) => x.text === text)
  if (!w) throw new Error(`"${text}" not printed`)
  return w
}

describe('the policy on the pre-printed blank', () => {
  it('prints the variable fields: people, vehicle, drivers, term, premium with ₽, the issuer', async () => {
    const { path } = await render('osago-policy-blank')
    const text = pdfText(path)
    for (const expected of [
      'Смирнов Алексей Викторович',
      'Смирнова Екатерина Андреевна',
      '12.04.1996',
      'Паспорт гражданина РФ 45 18 765432',
      'Москва, ул. Профсоюзная, д. 65, кв. 112',
      'Skoda Octavia',
      'XW8AN2NE5MH012345',
      'А123ВС777',
      'СТС 99 50 № 123456 от 15.11.2026',
      '150 л. с.',
      'Личная',
      '99 21 456789',
      '99 19 123456',
      '00:00 22.11.2026',
      '23:59 21.11.2027',
      '21.11.2026',
      REPRESENTATIVE,
      'АО «Страховая компания «Образец»',
      'Страховая премия оплачена 21.11.2026 наличными, чек № 000451.',
    ])
      expect(text).toContain(expected)
    expect(text).toMatch(/\d{1,3}(?: \d{3})*,\d{2} ₽/)
    expect(pdfToPng(path, 'osago-policy-blank')).toHaveLength(1)
  })

  it("leaves the form's own print alone: no labels, no series and number (they are on the blank)", async () => {
    const text = pdfText((await render('osago-policy-blank')).path)
    expect(text).not.toContain('ААК')
    expect(text).not.toContain('0123456789')
    expect(text).not.toMatch(/Страхователь|Собственник|Марка|ПОЛИС/)
  })

  it('puts each field where the layout says, to a tenth of a millimetre', async () => {
    const { path } = await render('osago-policy-blank')
    const vin = wordAt(path, 'XW8AN2NE5MH012345')
    expect(vin.xMin).toBeCloseTo(mm(layout.data.fields.vin.x), 0)
    expect(vin.yMin).toBeCloseTo(mm(layout.data.fields.vin.y), 0)
    const secondDriver = wordAt(path, 'Смирнова')
    expect(secondDriver.xMin).toBeCloseTo(mm(layout.data.driverRows[1]!.name.x), 0)
    expect(secondDriver.yMin).toBeCloseTo(mm(layout.data.driverRows[1]!.name.y), 0)
  })

  it("moves everything by the printer's offset, exactly", async () => {
    const plain = await render('osago-policy-blank')
    const shifted = await render('osago-policy-blank-offset', { xMm: 3, yMm: -2.5 })
    for (const word of ['XW8AN2NE5MH012345', 'А123ВС777', 'Смирнова']) {
      const a = wordAt(plain.path, word)
      const b = wordAt(shifted.path, word)
      expect(b.xMin - a.xMin).toBeCloseTo(mm(3), 1)
      expect(b.yMin - a.yMin).toBeCloseTo(mm(-2.5), 1)
    }
    // The same holds in the definition itself, for every field.
    const pos = (nodes: unknown) => (nodes as ContentNode[]).map((n) => n.absolutePosition!)
    const a = pos(plain.doc.content)
    const b = pos(shifted.doc.content)
    expect(b).toHaveLength(a.length)
    b.forEach((p, i) => {
      expect(p.x - a[i]!.x).toBeCloseTo(mm(3), 6)
      expect(p.y - a[i]!.y).toBeCloseTo(mm(-2.5), 6)
    })
  })

  it('marks the drivers box and fills periods of use when there are some', async () => {
    const policy = issuedPolicy({
      contract: {
        conclusionDate: '2026-11-21',
        startDate: '2026-11-22',
        periodsOfUse: [
          { from: '2026-11-22', to: '2027-03-21' },
          { from: '2027-06-01', to: '2027-08-31' },
        ],
      },
    })
    const { path, data } = await render('osago-policy-blank-periods', undefined, policy)
    expect(blankValues(data).fields.driversLimited).toBe('X')
    expect(blankValues(data).fields.driversUnlimited).toBe('')
    const from = wordAt(path, '01.06.2027')
    expect(from.xMin).toBeCloseTo(mm(layout.data.periodRows[1]!.from.x), 0)
    expect(from.yMin).toBeCloseTo(mm(layout.data.periodRows[1]!.from.y), 0)
  })

  it('prints an organisation insured and owner: its full name, its numbers where a passport would be, no birth date', async () => {
    const base = issuedPolicy().application!
    const policy = issuedPolicy({
      insured: {
        kind: 'organisation',
        form: 'ooo',
        fullName: 'ООО «Вектор»',
        shortName: null,
        inn: '7707083893',
        kpp: '773601001',
        ogrn: '1027700132195',
        address: base.insured.address,
        phone: null,
        email: null,
      },
      drivers: { mode: 'unlimited', ownerKbmClass: '3' },
    })
    const { data, path } = await render('osago-policy-blank-organisation', undefined, policy)
    const f = blankValues(data).fields
    expect([f.insuredName, f.insuredBirthDate, f.insuredDocument]).toEqual([
      'ООО «Вектор»',
      '—',
      'ИНН 7707083893, КПП 773601001, ОГРН 1027700132195',
    ])
    expect([f.ownerName, f.ownerDocument, f.driversUnlimited, f.driversLimited]).toEqual([
      'ООО «Вектор»',
      'ИНН 7707083893, КПП 773601001, ОГРН 1027700132195',
      'X',
      '',
    ])
    expect(pdfText(path)).toContain('ИНН 7707083893, КПП 773601001, ОГРН 1027700132195')
  })

  it('sets a long address smaller or on its second line instead of running over the next field', async () => {
    const policy = issuedPolicy({
      insured: {
        ...(await import('../testing/fixtures')).applicationInput().insured,
        address: {
          region: 'Московская область',
          city: 'Балашиха',
          street: 'микрорайон Железнодорожный, улица Вертолётная, строение 3',
          house: '12, корп. 3',
          flat: '245',
        },
      },
    })
    const { doc, path } = await render('osago-policy-blank-long-address', undefined, policy)
    const box = layout.data.fields.insuredAddress
    const nodes = (doc.content as ContentNode[]).filter(
      (n) =>
        n.absolutePosition!.x === mm(box.x) &&
        n.absolutePosition!.y >= mm(box.y) - 0.01 &&
        n.absolutePosition!.y < mm(box.y + 8),
    )
    expect(nodes.length).toBeGreaterThanOrEqual(1)
    expect(nodes.length).toBeLessThanOrEqual(box.lines ?? 1)
    expect(pdfText(path)).toContain('Вертолётная')
    for (const w of pdfWords(path).filter((x) => x.yMin >= mm(box.y) - 1 && x.yMin < mm(box.y + 8))) {
      expect(w.xMax).toBeLessThanOrEqual(mm(box.x + box.width) + 0.5)
    }
  })

  it('refuses what the blank has no room for, naming the problem', async () => {
    const data = await printData(issuedPolicy())
    const deps = await buildDeps()
    const tooMany = structuredClone(data)
    const list = tooMany.application.drivers.mode === 'list' ? tooMany.application.drivers.list : []
    while (list.length <= layout.data.driverRows.length) list.push({ ...list[0]! })
    expect(() => buildPolicyOnBlank(tooMany, layout.data, deps)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', messageKey: 'print.errors.tooManyDriversForBlank' }),
    )

    const long = structuredClone(data)
    long.vehicleName = 'Очень длинное название модели '.repeat(6)
    let error: unknown
    try {
      buildPolicyOnBlank(long, layout.data, deps)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ messageKey: 'print.errors.fieldDoesNotFit', params: { field: 'Марка, модель' } })
  })
})
