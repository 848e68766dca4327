import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cascoApplicationSchema, draftToApplicationInput, validateCascoApplication } from './draftApplication'
import { cascoDraftSchema } from './draftSchema'
import { completeCascoDraft } from './draftFixture'
import { draftToQuoteInput, emptyCascoDraft, quoteFieldToFormPath, readCascoDraft } from './draft'
import { emptyOrganisation, type OrganisationDraft } from '../party/draft'
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
        owner: { type: 'legal', entity: { ...emptyOrganisation(), address: d.insured.address } },
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

  describe('with an organisation as the owner (the shared party organisation, as on OSAGO)', () => {
    const vector = (): OrganisationDraft => ({
      form: 'ooo',
      fullName: 'Общество с ограниченной ответственностью «Вектор»',
      shortName: 'ООО «Вектор»',
      inn: '7707 083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      address: { region: 'Санкт-Петербург', city: '', street: 'Невский пр.', house: '28', flat: '' },
      phone: '',
      email: '',
    })
    const owned = (entity: OrganisationDraft) => ({
      ...completeCascoDraft(today),
      ownerIsInsured: false,
      owner: { type: 'legal' as const, entity },
    })

    it('stores the organisation as the owner section writes it, empty or half-typed, and nothing else', () => {
      expect(cascoDraftSchema.safeParse(owned(emptyOrganisation())).success).toBe(true)
      expect(cascoDraftSchema.safeParse(owned({ ...vector(), inn: '77' })).success).toBe(true)
      const old = {
        ...owned(vector()),
        owner: { type: 'legal', entity: { name: 'x', inn: '', ogrn: '', address: vector().address } },
      }
      expect(cascoDraftSchema.safeParse(old).success).toBe(false)
    })

    it('prices by the organisation’s address as a legal owner', () => {
      expect(draftToQuoteInput(owned(vector())).owner).toEqual({ type: 'legal', region: 'Санкт-Петербург', city: null })
    })

    it('completes with valid identifiers for its form, normalised; shows a wrong INN while the address is empty', () => {
      const ok = validateCascoApplication(draftToApplicationInput(owned(vector())))
      if (!ok.ok) throw new Error(JSON.stringify(ok.fieldErrors))
      expect(ok.application.owner).toMatchObject({
        type: 'legal',
        entity: { form: 'ooo', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', shortName: 'ООО «Вектор»' },
      })
      const typing = { ...vector(), inn: '7707083894', kpp: '', address: { ...vector().address, street: '' } }
      const r = validateCascoApplication(draftToApplicationInput(owned(typing)))
      expect(r.ok ? {} : r.fieldErrors).toMatchObject({
        'owner.entity.inn': 'validation.inn.checksum',
        'owner.entity.kpp': 'validation.required',
        'owner.entity.address.street': 'validation.required',
      })
      // The same owner is not checked while the insured owns the vehicle.
      const insured = { ...owned(typing), ownerIsInsured: true }
      expect(validateCascoApplication(draftToApplicationInput(insured)).ok).toBe(true)
    })

    it('reads a draft stored with the old legal owner in today’s shape, and leaves everything else as stored', () => {
      const stored = {
        ...completeCascoDraft(today),
        ownerIsInsured: false,
        owner: {
          type: 'legal',
          entity: { name: 'ООО «Старый»', inn: '7707083893', ogrn: '1027700132195', address: vector().address },
        },
      }
      const read = readCascoDraft(JSON.stringify(stored))
      expect(read).toEqual({
        ...stored,
        owner: {
          type: 'legal',
          entity: {
            ...emptyOrganisation(),
            fullName: 'ООО «Старый»',
            inn: '7707083893',
            ogrn: '1027700132195',
            address: vector().address,
          },
        },
      })
      expect(cascoDraftSchema.safeParse(read).success).toBe(true)
      const today_ = owned(vector())
      expect(readCascoDraft(JSON.stringify(today_))).toEqual(today_)
      const d = completeCascoDraft(today)
      expect(readCascoDraft(d)).toEqual(d)
    })
  })
})
