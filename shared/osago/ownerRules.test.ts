import { describe, expect, it } from 'vitest'
import { emptyOrganisation, type OrganisationDraft } from '../party/draft'
import { readOsagoApplication, validateOsagoApplication } from './application'
import {
  applyOwnerRules,
  draftToApplicationInput,
  draftToPremiumInput,
  emptyDraft,
  mayLimitDrivers,
  ownerType,
  readOsagoDraft,
  type OsagoDraft,
} from './draft'
import { premiumFieldToFormPath } from './formPaths'
import { parseOsagoInput } from './input'
import { completeDraft } from './testing/completeDraft'

const TODAY = '2026-11-21'
const address = { region: 'Москва', city: '', street: 'ул. Вавилова', house: '19', flat: '' }
/** Real, check-digit-valid numbers (Sberbank's, public register data) under a made-up name. */
const vector: OrganisationDraft = {
  form: 'ooo',
  fullName: 'Общество с ограниченной ответственностью «Вектор»',
  shortName: 'ООО «Вектор»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address,
  phone: '',
  email: '',
}

/** The complete application with an organisation insured that owns the car, covering any driver. */
function organisationDraft(): OsagoDraft {
  const d: OsagoDraft = completeDraft(TODAY)
  d.insured = { kind: 'organisation', ...vector }
  d.drivers = { mode: 'unlimited', ownerKbmClass: '3' }
  return d
}
const errorsOf = (d: OsagoDraft) => {
  const r = validateOsagoApplication(draftToApplicationInput(d))
  return r.ok ? {} : r.fieldErrors
}

describe('who owns the vehicle (40-FZ art. 16)', () => {
  it('an organisation insured that owns the car is a legal-entity owner; a citizen may limit the list, an organisation not', () => {
    expect(ownerType(completeDraft(TODAY))).toBe('individual')
    expect(ownerType(organisationDraft())).toBe('legal')
    const legalOwner: OsagoDraft = {
      ...completeDraft(TODAY),
      ownerIsInsured: false,
      owner: { type: 'legal', entity: vector },
    }
    expect(ownerType(legalOwner)).toBe('legal')
    expect(mayLimitDrivers(legalOwner)).toBe(false)
    expect(draftToPremiumInput(organisationDraft()).owner.type).toBe('legal')
  })
  it('switches an organisation’s drivers block to "any driver", and leaves a citizen’s list alone', () => {
    const d = { ...organisationDraft(), drivers: completeDraft(TODAY).drivers }
    expect(applyOwnerRules(d)).toBe(true)
    expect(d.drivers).toEqual({ mode: 'unlimited', ownerKbmClass: '3' })
    expect(applyOwnerRules(d)).toBe(false)
    const citizen = completeDraft(TODAY)
    expect(applyOwnerRules(citizen)).toBe(false)
    expect(citizen.drivers.mode).toBe('list')
  })
  it('keeps the owner class already entered and fills class 3 only when it is empty (the price does not change silently)', () => {
    const entered: OsagoDraft = { ...organisationDraft(), drivers: { mode: 'unlimited', ownerKbmClass: '7' } }
    expect(applyOwnerRules(entered)).toBe(false)
    expect(entered.drivers).toEqual({ mode: 'unlimited', ownerKbmClass: '7' })
    const empty: OsagoDraft = { ...organisationDraft(), drivers: { mode: 'unlimited', ownerKbmClass: '' } }
    expect(applyOwnerRules(empty)).toBe(true)
    expect(empty.drivers).toEqual({ mode: 'unlimited', ownerKbmClass: '3' })
    // A stored list that still carries the class the clerk entered for "any driver" before switching.
    const stored = {
      ...organisationDraft(),
      drivers: { ...completeDraft(TODAY).drivers, ownerKbmClass: '9' },
    } as OsagoDraft
    expect(applyOwnerRules(stored)).toBe(true)
    expect(stored.drivers).toEqual({ mode: 'unlimited', ownerKbmClass: '9' })
  })
})

describe('the application with an organisation', () => {
  it('accepts an organisation insured and owner with an unlimited list', () => {
    const r = validateOsagoApplication(draftToApplicationInput(organisationDraft()))
    expect(r.ok && r.application.insured).toMatchObject({
      kind: 'organisation',
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
    })
  })
  it('refuses a named list for an organisation owner at the list/unlimited choice, whether insured or separate owner', () => {
    expect(errorsOf({ ...organisationDraft(), drivers: completeDraft(TODAY).drivers })).toEqual({
      'drivers.mode': 'osago.form.driversNotForOrganisation',
    })
    const legalOwner: OsagoDraft = {
      ...completeDraft(TODAY),
      ownerIsInsured: false,
      owner: { type: 'legal', entity: vector },
    }
    expect(errorsOf(legalOwner)).toEqual({ 'drivers.mode': 'osago.form.driversNotForOrganisation' })
    expect(errorsOf({ ...legalOwner, drivers: { mode: 'unlimited', ownerKbmClass: '3' } })).toEqual({})
  })
  it('shows a wrong INN, KPP or OGRN at its field while the rest of the organisation is still empty', () => {
    const d = organisationDraft()
    d.insured = { kind: 'organisation', ...emptyOrganisation(), form: 'ooo', inn: '7707083894', ogrn: '1027700132196' }
    expect(errorsOf(d)).toMatchObject({
      'insured.inn': 'validation.inn.checksum',
      'insured.kpp': 'validation.required',
      'insured.ogrn': 'validation.ogrn.checksum',
      'insured.fullName': 'validation.required',
    })
    const owner: OsagoDraft = {
      ...completeDraft(TODAY),
      ownerIsInsured: false,
      owner: { type: 'legal', entity: { ...vector, kpp: '77' } },
      drivers: { mode: 'unlimited', ownerKbmClass: '3' },
    }
    expect(errorsOf(owner)).toEqual({ 'owner.entity.kpp': 'party.validation.kppFormat' })
  })
  it('insures an entrepreneur (a citizen) as a person, not as an organisation', () => {
    const ip: OrganisationDraft = {
      ...vector,
      form: 'ip',
      fullName: 'ИП Иванов Иван Иванович',
      shortName: '',
      inn: '500100732259',
      kpp: '',
      ogrn: '304500116000157',
    }
    expect(errorsOf({ ...organisationDraft(), insured: { kind: 'organisation', ...ip } })).toEqual({
      'insured.form': 'osago.form.entrepreneurAsPerson',
    })
  })
  it('does not ask an organisation for a birth date', () => {
    expect(errorsOf(organisationDraft())).toEqual({})
  })
})

describe('calculator input (calc osago and the core): an organisation owner may not limit the list', () => {
  const base = {
    conclusionDate: '2026-11-21',
    startDate: '2026-11-22',
    vehicle: { category: 'B', powerHp: 150, usedWithTrailer: false, registeredIn: 'RU' },
    owner: { type: 'legal', region: 'Москва', city: null, kbmClass: 3 },
    drivers: [{ birthDate: '1990-03-10', licenseSince: '2010-12-31', kbmClass: 3 }],
    grossViolations: false,
  }
  it('refuses a named list for a legal entity, naming the field drivers', () => {
    expect(parseOsagoInput(base)).toEqual({
      ok: false,
      error: { kind: 'input', field: 'drivers', messageKey: 'osago.input.driversNotForLegalEntity', params: {} },
    })
    expect(parseOsagoInput({ ...base, drivers: 'unlimited' }).ok).toBe(true)
    expect(parseOsagoInput({ ...base, owner: { ...base.owner, type: 'individual' } }).ok).toBe(true)
  })
  it('shows that refusal at the form’s list/unlimited choice', () => {
    expect(premiumFieldToFormPath('drivers', organisationDraft())).toBe('drivers.mode')
  })
})

describe('drafts and applications stored before organisations', () => {
  const old = () => {
    const d = JSON.parse(JSON.stringify(completeDraft(TODAY))) as Record<string, unknown> & {
      insured: Record<string, unknown>
    }
    delete d.insured.kind
    return d
  }
  it('load an insured without kind as a person, unchanged', () => {
    const d = readOsagoDraft(JSON.stringify(old()))
    expect(d).toEqual(completeDraft(TODAY))
    expect(validateOsagoApplication(draftToApplicationInput(d)).ok).toBe(true)
  })
  it('load an old legal-entity owner with its name as the full name, the new fields empty', () => {
    const d = {
      ...old(),
      ownerIsInsured: false,
      owner: { type: 'legal', entity: { name: 'ООО «Вектор»', inn: '7707083893', ogrn: '1027700132195', address } },
    }
    expect(readOsagoDraft(d).owner).toEqual({
      type: 'legal',
      entity: { ...emptyOrganisation(), fullName: 'ООО «Вектор»', inn: '7707083893', ogrn: '1027700132195', address },
    })
  })
  it('read a stored application the same way, without validating it again', () => {
    const r = validateOsagoApplication(draftToApplicationInput(completeDraft(TODAY)))
    if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors))
    const stored = JSON.parse(JSON.stringify(r.application)) as Record<string, unknown> & {
      insured: Record<string, unknown>
    }
    delete stored.insured.kind
    stored.ownerIsInsured = false
    stored.owner = {
      type: 'legal',
      entity: { name: 'ООО «Вектор»', inn: '7707083893', ogrn: '1027700132195', address },
    }
    const app = readOsagoApplication(JSON.stringify(stored))
    expect(app.insured).toEqual(r.application.insured)
    expect(app.owner).toMatchObject({
      type: 'legal',
      entity: { form: 'other', fullName: 'ООО «Вектор»', kpp: null, shortName: null },
    })
  })
  it('a new empty draft starts with a person insured', () => {
    expect(emptyDraft(TODAY).insured.kind).toBe('person')
  })
})
