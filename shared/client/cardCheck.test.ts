import { describe, expect, it } from 'vitest'
import { emptyParty, type PartyDraft } from '../party/draft'
import { clientCardPartySchema, clientCardProblems } from './cardCheck'
import { erasedParty, isErasedParty } from './erasure'
import { personalDataRulesDataSchema } from './personalDataRules'
import { partyChanges } from './versionChanges'

const person = (patch: Partial<Extract<PartyDraft, { kind: 'person' }>> = {}): PartyDraft => ({
  ...(emptyParty('person') as Extract<PartyDraft, { kind: 'person' }>),
  surname: 'Смирнов',
  name: 'Алексей',
  phone: '+7 903 123-45-67',
  ...patch,
})

describe('the card edit check', () => {
  it('asks for who the client is, not for what only a policy needs: a name and a phone are a card', () => {
    expect(clientCardProblems(person())).toEqual({})
    expect(clientCardProblems(person({ surname: ' ', name: 'Alex' }))).toEqual({
      surname: 'validation.required',
      name: 'validation.personName.latin',
    })
  })

  it('checks every field that is filled, by the products’ own rules; a passport is both halves or none', () => {
    const p = person({
      birthDate: '2026-02-30',
      email: 'почта',
      phone: '12',
      passport: { series: '4519', number: '', issueDate: '', issuer: '', departmentCode: '77-1' },
    })
    expect(clientCardProblems(p)).toEqual({
      birthDate: 'validation.date.format',
      email: expect.stringMatching(/^validation\.email/),
      phone: expect.stringMatching(/^validation\.phone/),
      'passport.number': 'validation.required',
      'passport.departmentCode': 'validation.departmentCode.format',
    })
  })

  it('asks an organisation for its form, name and identifiers checked against the form', () => {
    const org = emptyParty('organisation')
    expect(Object.keys(clientCardProblems(org)).sort()).toEqual(['form', 'fullName', 'inn', 'ogrn'])
    const r = clientCardPartySchema.safeParse(person({ surname: '' }))
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['surname', 'validation.required']])
  })
})

describe('versions and erasure', () => {
  it('names the fields a version changed against the one before', () => {
    const before = person()
    const after = person({ phone: '+7 999 000-11-22', address: { ...before.address, city: 'Тверь' } })
    expect(partyChanges(null, after)).toEqual([])
    expect(partyChanges(before, after)).toEqual(['address.city', 'phone'])
    expect(partyChanges(before, before)).toEqual([])
  })

  it('tells an erased party from any other, at any depth', () => {
    expect(isErasedParty(erasedParty('person'))).toBe(true)
    expect(isErasedParty(erasedParty('organisation'))).toBe(true)
    expect(isErasedParty(person())).toBe(false)
    expect(isErasedParty({ ...erasedParty('person'), address: { ...emptyParty('person').address, house: '7' } })).toBe(
      false,
    )
    expect(isErasedParty({ kind: 'robot' })).toBe(false)
    expect(isErasedParty(null)).toBe(false)
  })

  it('refuses erasure rules that leave a personal field off the list, or name one the party lacks', () => {
    const rules = (fields: { person: string[]; organisation: string[] }) =>
      personalDataRulesDataSchema.safeParse({
        consent: { textVersion: 'v', title: 't', paragraphs: ['p'], source: 's' },
        retention: { yearsAfterLastRecord: { value: 5, verified: false } },
        erasure: { ground: 'g', method: 'm', categories: ['c'], erasedName: 'n', fields, source: 's' },
      })
    const person = [
      'surname',
      'name',
      'patronymic',
      'gender',
      'birthDate',
      'passport.series',
      'passport.number',
      'passport.issueDate',
      'passport.issuer',
      'passport.departmentCode',
      'address.region',
      'address.city',
      'address.street',
      'address.house',
      'address.flat',
      'phone',
      'email',
    ]
    const organisation = [
      'form',
      'fullName',
      'shortName',
      'inn',
      'kpp',
      'ogrn',
      'address.region',
      'address.city',
      'address.street',
      'address.house',
      'address.flat',
      'phone',
      'email',
    ]
    expect(rules({ person, organisation }).success).toBe(true)
    const missing = rules({ person: person.filter((p) => p !== 'email'), organisation })
    expect(missing.error?.issues[0]?.message).toBe('personal field not listed: email')
    const unknown = rules({ person: [...person, 'snils'], organisation })
    expect(unknown.error?.issues[0]?.message).toBe('not a field of the party: snils')
  })
})
