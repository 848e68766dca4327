import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasMessage } from '../i18n/messages'
import {
  emptyOrganisation,
  emptyParty,
  organisationIdProblems,
  organisationSchema,
  partyName,
  partySchema,
  readPartyDraft,
  readStoredParty,
  validateParty,
  ORGANISATION_FORM_CODES,
  type OrganisationDraft,
} from './index'

const address = { region: 'Москва', city: '', street: 'ул. Вавилова', house: '19', flat: '' }
/** Sberbank's real identifiers (public register data). */
const sber: OrganisationDraft = {
  form: 'pao',
  fullName: 'Публичное акционерное общество «Сбербанк России»',
  shortName: 'ПАО Сбербанк',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address,
  phone: '',
  email: '',
}
/** An entrepreneur: a valid 12-digit INN and OGRNIP (check digits as the FNS schemes give them). */
const entrepreneur: OrganisationDraft = {
  form: 'ip',
  fullName: 'Индивидуальный предприниматель Иванов Иван Иванович',
  shortName: 'ИП Иванов И. И.',
  inn: '500100732259',
  kpp: '',
  ogrn: '304500116000157',
  address,
  phone: '8 916 123-45-67',
  email: '',
}
const issues = (input: unknown) => {
  const r = organisationSchema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`)
}

describe('organisation', () => {
  it('accepts a legal entity and stores digits only, KPP in capitals', () => {
    const r = organisationSchema.parse({ ...sber, inn: '7707 083 893', kpp: '7736 01 001', ogrn: '1 02 7700132195' })
    expect(r).toMatchObject({
      form: 'pao',
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      shortName: 'ПАО Сбербанк',
      phone: null,
    })
  })
  it('accepts a KPP whose reason code is two Latin letters, typed in Cyrillic twins or lower case', () => {
    expect(organisationSchema.parse({ ...sber, kpp: '7736АВ001' }).kpp).toBe('7736AB001')
    expect(organisationSchema.parse({ ...sber, kpp: '7736ab001' }).kpp).toBe('7736AB001')
  })
  it('accepts an entrepreneur without a KPP', () => {
    expect(organisationSchema.parse(entrepreneur)).toMatchObject({
      inn: '500100732259',
      kpp: null,
      ogrn: '304500116000157',
      phone: '+79161234567',
    })
  })
  it('says which identifier is wrong for the form', () => {
    expect(issues({ ...sber, inn: '7707083894' })).toEqual(['inn:validation.inn.checksum'])
    expect(issues({ ...sber, inn: '500100732259' })).toEqual(['inn:validation.inn.legalEntityLength'])
    expect(issues({ ...sber, kpp: '' })).toEqual(['kpp:validation.required'])
    expect(issues({ ...sber, kpp: '77360100' })).toEqual(['kpp:party.validation.kppFormat'])
    expect(issues({ ...sber, kpp: '7736Ж1001' })).toEqual(['kpp:party.validation.kppFormat'])
    expect(issues({ ...sber, ogrn: '1027700132196' })).toEqual(['ogrn:validation.ogrn.checksum'])
    expect(issues({ ...sber, ogrn: '304500116000157' })).toEqual(['ogrn:validation.ogrn.format'])
    expect(issues({ ...entrepreneur, inn: '7707083893' })).toEqual(['inn:validation.inn.individualLength'])
    expect(issues({ ...entrepreneur, kpp: '773601001' })).toEqual(['kpp:party.validation.kppNotForEntrepreneur'])
    expect(issues({ ...entrepreneur, ogrn: '1027700132195' })).toEqual(['ogrn:validation.ogrnip.format'])
    expect(issues({ ...sber, form: null })).toEqual(['form:party.validation.formRequired'])
  })
  it('refuses a registration number of a later register entry (first digit not 1/5, or not 3 for OGRNIP)', () => {
    // 2… is the number of a later ЕГРЮЛ entry, with a valid check digit: 2027700132195 → body mod 11 mod 10.
    const later = `202770013219${Number(BigInt('202770013219') % 11n) % 10}`
    expect(issues({ ...sber, ogrn: later })).toEqual(['ogrn:party.validation.ogrnSign'])
    const laterIp = `40450011600015${Number(BigInt('40450011600015') % 13n) % 10}`
    expect(issues({ ...entrepreneur, ogrn: laterIp })).toEqual(['ogrn:party.validation.ogrnipSign'])
  })
  it('checks each number as far as it can before the form is chosen', () => {
    expect(organisationIdProblems({ form: null, inn: '7707083893', kpp: '', ogrn: '1027700132195' })).toEqual({})
    expect(organisationIdProblems({ form: null, inn: '7707083894', kpp: '77', ogrn: '12' })).toEqual({
      inn: 'validation.inn.checksum',
      kpp: 'party.validation.kppFormat',
      ogrn: 'party.validation.ogrnFormat',
    })
    expect(organisationIdProblems({ form: null, inn: '', ogrn: '304500116000158' })).toEqual({
      inn: 'validation.required',
      ogrn: 'validation.ogrnip.checksum',
    })
  })
})

describe('party', () => {
  it('is a person or an organisation, told apart by kind', () => {
    expect(partySchema.parse({ kind: 'organisation', ...sber })).toMatchObject({
      kind: 'organisation',
      kpp: '773601001',
    })
    const r = partySchema.safeParse({ kind: 'organisation', ...sber, surname: 'Иванов' })
    expect(r.success).toBe(false)
    expect(partySchema.safeParse({ kind: 'company', ...sber }).success).toBe(false)
  })
  it('reports an organisation’s identifiers while another field is still empty', () => {
    const r = validateParty({ kind: 'organisation', ...emptyOrganisation(), form: 'ooo', inn: '7707083894' })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.fieldErrors).toMatchObject({
      inn: 'validation.inn.checksum',
      kpp: 'validation.required',
      fullName: 'validation.required',
      'address.region': 'validation.required',
    })
  })
  it('reads old drafts: an insured without kind is a person, an old legal entity keeps its name as the full name', () => {
    const person = {
      surname: 'Смирнов',
      name: 'Алексей',
      patronymic: '',
      gender: 'male',
      birthDate: '1999-04-12',
      passport: { series: '4519', number: '123456', issueDate: '2019-05-20', issuer: 'МВД', departmentCode: '770-001' },
      address,
      phone: '',
      email: '',
    }
    expect(readPartyDraft(person)).toEqual({ kind: 'person', ...person })
    expect(
      readPartyDraft({
        kind: 'organisation',
        name: 'ООО «Ромашка»',
        inn: '7707083893',
        ogrn: '1027700132195',
        address,
      }),
    ).toEqual({
      kind: 'organisation',
      ...emptyOrganisation(),
      fullName: 'ООО «Ромашка»',
      inn: '7707083893',
      ogrn: '1027700132195',
      address,
    })
    expect(readPartyDraft(emptyParty('organisation'))).toEqual(emptyParty('organisation'))
  })
  it('reads old stored (validated) parties the same way', () => {
    expect(readStoredParty({ surname: 'Смирнов' })).toEqual({ kind: 'person', surname: 'Смирнов' })
    expect(
      readStoredParty({
        kind: 'organisation',
        name: 'ООО «Ромашка»',
        inn: '7707083893',
        ogrn: '1027700132195',
        address,
      }),
    ).toEqual({
      kind: 'organisation',
      form: 'other',
      fullName: 'ООО «Ромашка»',
      shortName: null,
      inn: '7707083893',
      kpp: null,
      ogrn: '1027700132195',
      address,
      phone: null,
      email: null,
    })
  })
  it('is named by its short name, or full name, or the person’s full name', () => {
    expect(partyName({ kind: 'organisation', ...sber })).toBe('ПАО Сбербанк')
    expect(partyName({ kind: 'organisation', ...sber, shortName: ' ' })).toBe(sber.fullName)
    expect(partyName({ surname: 'Смирнов', name: 'Алексей', patronymic: 'Игоревич' })).toBe('Смирнов Алексей Игоревич')
  })
})

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('party messages', () => {
  it('have one label per organisational form', () => {
    for (const form of ORGANISATION_FORM_CODES) expect(hasMessage('ru', `party.forms.${form}`), form).toBe(true)
  })
  it('cover every key the party checks return', () => {
    const src = ['organisationIds.ts', 'schemas.ts']
      .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
      .join('\n')
    const used = [...src.matchAll(/'((?:party|validation)\.[a-zA-Z.]+)'/g)].map((m) => m[1]!)
    expect(used.length).toBeGreaterThan(8)
    expect(used.filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })
})
