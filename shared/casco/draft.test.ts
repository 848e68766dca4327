import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cascoApplicationSchema, draftToApplicationInput } from './draftApplication'
import { cascoDraftSchema } from './draftSchema'
import { completeCascoDraft } from './draftFixture'
import { draftToQuoteInput, emptyCascoDraft, quoteFieldToFormPath } from './draft'
import { cascoQuoteInputSchema } from './quoteInput'

const today = '2026-11-21'

describe('CASCO draft', () => {
  it('starts empty but well-formed: dated today, cover from tomorrow, three options to compare', () => {
    const d = emptyCascoDraft(today)
    expect(cascoDraftSchema.safeParse(d).success).toBe(true)
    expect(d.contract).toEqual({ quoteDate: today, startDate: '2026-11-22', termMonths: 12 })
    expect(d.options.map((o) => [o.program, o.risks, o.franchise.type])).toEqual([
      ['resoauto', 'damageTheft', 'none'],
      ['resoauto', 'damageTheft', 'unconditional'],
      ['theft', 'theft', 'none'],
    ])
  })

  it('gives the engine a valid input from a complete draft, and the underwriter a complete application', () => {
    const d = completeCascoDraft(today)
    const input = cascoQuoteInputSchema.parse(draftToQuoteInput(d))
    expect(input).toMatchObject({
      quoteDate: today,
      startDate: '2026-11-22',
      firstPaymentDate: today,
      sumInsuredKopecks: 1_500_000_00,
      vehicle: { model: { modelId: 'kia-rio' }, year: 2021, mileageKm: 48_250, antiTheft: ['immobiliser', 'alarm'] },
      owner: { type: 'individual', region: 'Москва', city: null },
      drivers: [{ birthDate: '1990-04-12', licenseSince: '2010-05-10', gender: 'male' }],
    })
    expect(input.options[1]!.franchise).toEqual({ type: 'unconditional', mode: 'amount', value: 30_000_00 })
    expect(cascoApplicationSchema.safeParse(draftToApplicationInput(d)).success).toBe(true)
  })

  it('covers the extra equipment only in the options that ask for it, and a model the catalogue lacks by name', () => {
    const d = completeCascoDraft(today)
    d.vehicle.extras = [{ name: 'Фаркоп', valueKopecks: 18_500_00 }]
    d.options[0]!.extras = true
    d.vehicle.modelId = null
    d.vehicle.otherName = 'Kia Rio X-Line'
    const input = draftToQuoteInput(d)
    expect(input.options.map((o) => o.extras)).toEqual([[{ name: 'Фаркоп', valueKopecks: 18_500_00 }], [], []])
    expect(input.vehicle.model).toEqual({ other: { name: 'Kia Rio X-Line', foreign: true } })
  })

  it('leaves empty fields out, so the engine names the field to fill', () => {
    const d = emptyCascoDraft(today)
    const r = cascoQuoteInputSchema.safeParse(draftToQuoteInput(d))
    expect(r.success).toBe(false)
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(
      expect.arrayContaining([
        'vehicle.year',
        'vehicle.marketValueKopecks',
        'vehicle.mileageKm',
        'sumInsuredKopecks',
        'owner.region',
        'drivers',
      ]),
    )
  })

  it('maps the engine’s fields to the form’s, for whoever owns the address', () => {
    const d = completeCascoDraft(today)
    expect(quoteFieldToFormPath('options[1].franchise.value', d)).toBe('options.1.franchise.value')
    expect(quoteFieldToFormPath('options.2.franchise', d)).toBe('options.2.franchise.type')
    expect(quoteFieldToFormPath('drivers[0].age', d)).toBe('drivers.list.0.birthDate')
    expect(quoteFieldToFormPath('drivers.0.experienceYears', d)).toBe('drivers.list.0.licenseSince')
    expect(quoteFieldToFormPath('vehicle.model.modelId', d)).toBe('vehicle.modelId')
    expect(quoteFieldToFormPath('options[0].extras[1].valueKopecks', d)).toBe('vehicle.extras.1.valueKopecks')
    expect(quoteFieldToFormPath('owner.region', d)).toBe('insured.address.region')
    expect(
      quoteFieldToFormPath('owner.region', {
        ...d,
        ownerIsInsured: false,
        owner: { type: 'legal', entity: { name: '', inn: '', ogrn: '', address: d.insured.address } },
      }),
    ).toBe('owner.entity.address.region')
    expect(quoteFieldToFormPath('firstPaymentDate', d)).toBe('contract.quoteDate')
    expect(quoteFieldToFormPath(null, d)).toBeNull()
    expect(quoteFieldToFormPath('somethingElse', d)).toBeNull()
  })

  it('keeps money in kopecks: any amounts the clerk types reach the engine unchanged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e11 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 1e9 }),
        (value, share, franchise) => {
          const d = completeCascoDraft(today)
          d.vehicle.marketValueKopecks = value
          d.sumInsuredKopecks = Math.max(1, Math.floor((value * share) / 100))
          d.options[1]!.franchise = { type: 'conditional', mode: 'amount', value: franchise }
          const input = draftToQuoteInput(d)
          return (
            input.vehicle.marketValueKopecks === value &&
            input.sumInsuredKopecks === d.sumInsuredKopecks &&
            JSON.stringify(input.options[1]!.franchise) ===
              JSON.stringify({ type: 'conditional', mode: 'amount', value: franchise })
          )
        },
      ),
    )
  })
})
