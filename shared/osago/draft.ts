import { addDays } from '../dates/calendarDate'
import {
  emptyPerson,
  readOrganisationDraft,
  readPartyDraft,
  type AddressDraft,
  type OrganisationDraft,
  type PartyDraft,
  type PersonDraft,
} from '../party/draft'
import type { OsagoInputJson } from './input'
import type { KbmCheck } from './kbmCheck'

/**
 * The form's state as the clerk types it — every field present, values possibly empty. Saved as is (autosave);
 * `osagoApplicationSchema` decides when it is complete. Numbers are `number | null` (an empty field is null).
 * People and organisations are the shared party drafts (shared/party).
 */
export { emptyAddress, emptyPerson, type AddressDraft, type PersonDraft } from '../party/draft'

export interface DriverDraft {
  surname: string
  name: string
  patronymic: string
  gender: 'male' | 'female' | null
  birthDate: string
  licence: { series: string; number: string }
  licenseSince: string
  licenseYearOnly: boolean
  kbmClass: string
  kbmReason: string
  /** The national database's answer that set kbmClass (shared/osago/kbmCheck.ts); absent while the class is typed. */
  kbmCheck?: KbmCheck | null
}

export interface OsagoDraft {
  contract: { conclusionDate: string; startDate: string; periodsOfUse: Array<{ from: string; to: string }> }
  /** A person or an organisation; drafts saved before organisations were possible hold a person without `kind`. */
  insured: PartyDraft
  ownerIsInsured: boolean
  owner: { type: 'individual'; person: PersonDraft } | { type: 'legal'; entity: OrganisationDraft } | null
  vehicle: {
    makeId: string | null
    modelId: string | null
    otherName: string
    category: string
    usedWithTrailer: boolean
    year: number | null
    powerUnit: 'hp' | 'kw'
    power: number | null
    maxMassKg: number | null
    seats: number | null
    steering: 'left' | 'right'
    vinMissing: boolean
    vin: string
    bodyNumber: string
    chassisNumber: string
    plate: string
    purpose: string
    registrationDoc: { type: 'pts' | 'sts' | 'epts'; series: string; number: string; date: string }
    /** Dates as typed (YYYY-MM-DD); a draft saved before the issue date was asked has none until the clerk types it. */
    diagnosticCard: { number: string; issueDate: string; validUntil: string } | null
  }
  drivers:
    | { mode: 'unlimited'; ownerKbmClass: string; ownerKbmCheck?: KbmCheck | null }
    | { mode: 'list'; list: DriverDraft[] }
  grossViolations: boolean
}

export const FIRST_TIME_KBM_CLASS = '3'

export function emptyDriver(): DriverDraft {
  return {
    surname: '',
    name: '',
    patronymic: '',
    gender: null,
    birthDate: '',
    licence: { series: '', number: '' },
    licenseSince: '',
    licenseYearOnly: false,
    kbmClass: FIRST_TIME_KBM_CLASS,
    kbmReason: '',
  }
}

/** A new application: concluded today, cover from tomorrow, the insured is the owner, one first-time driver. */
export function emptyDraft(today: string): OsagoDraft {
  return {
    contract: { conclusionDate: today, startDate: addDays(today, 1), periodsOfUse: [] },
    insured: { kind: 'person', ...emptyPerson() },
    ownerIsInsured: true,
    owner: null,
    vehicle: {
      makeId: null,
      modelId: null,
      otherName: '',
      category: 'B',
      usedWithTrailer: false,
      year: null,
      powerUnit: 'hp',
      power: null,
      maxMassKg: null,
      seats: null,
      steering: 'left',
      vinMissing: false,
      vin: '',
      bodyNumber: '',
      chassisNumber: '',
      plate: '',
      purpose: 'personal',
      registrationDoc: { type: 'pts', series: '', number: '', date: '' },
      diagnosticCard: null,
    },
    drivers: { mode: 'list', list: [emptyDriver()] },
    grossViolations: false,
  }
}

/** "Only the year is known" → 31 December of that year (docs/domain/product-decisions.md). */
export function licenceDateFromYear(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`
}

/**
 * Who owns the vehicle for the tariff and for 40-FZ art. 16: the insured when the owner is the insured (an
 * organisation insured owns as a legal entity), otherwise the owner block.
 */
export function ownerType(draft: OsagoDraft): 'individual' | 'legal' {
  if (draft.ownerIsInsured || !draft.owner) return draft.insured.kind === 'organisation' ? 'legal' : 'individual'
  return draft.owner.type
}

/** 40-FZ art. 16 p. 1: only a citizen owner may limit the drivers list; an organisation's policy covers any driver. */
export function mayLimitDrivers(draft: OsagoDraft): boolean {
  return ownerType(draft) === 'individual'
}

/**
 * Brings the drivers block in line with the owner: an organisation's policy is unlimited, so a named list is
 * replaced by "any driver". The owner's KBM class sets the price: a class already entered is kept (a block that
 * carries one, e.g. a stored draft switched back from a list), and class 3 (first-time) fills it only when it is
 * empty. True when the draft changed.
 */
export function applyOwnerRules(draft: OsagoDraft): boolean {
  if (mayLimitDrivers(draft)) return false
  const entered = (draft.drivers as { ownerKbmClass?: unknown }).ownerKbmClass
  const ownerKbmClass = typeof entered === 'string' && entered.trim() !== '' ? entered : FIRST_TIME_KBM_CLASS
  if (draft.drivers.mode === 'unlimited' && draft.drivers.ownerKbmClass === ownerKbmClass) return false
  draft.drivers = { mode: 'unlimited', ownerKbmClass }
  return true
}

/**
 * A draft as stored by any version, in today's shape: the insured of a draft saved before organisations were
 * possible is a person without `kind`, and a legal-entity owner then had only `{ name, inn, ogrn, address }`.
 * Nothing else is touched: the rest of the shape has not changed.
 */
export function readOsagoDraft(raw: unknown): OsagoDraft {
  const d = (typeof raw === 'string' ? JSON.parse(raw) : raw) as OsagoDraft
  const owner =
    d.owner?.type === 'legal' ? { type: 'legal' as const, entity: readOrganisationDraft(d.owner.entity) } : d.owner
  return { ...d, insured: readPartyDraft(d.insured), owner }
}

/** The address whose territory sets KT: the owner's registration (individual) or the entity's address. */
export function ownerAddress(draft: OsagoDraft): AddressDraft {
  if (draft.ownerIsInsured || !draft.owner) return draft.insured.address
  return draft.owner.type === 'individual' ? draft.owner.person.address : draft.owner.entity.address
}

/**
 * The premium calculator's input from a draft, for the live breakdown: only what pricing needs, so the clerk
 * sees the premium long before the application is complete. Missing pieces come back as calculator errors.
 */
export function draftToPremiumInput(draft: OsagoDraft): OsagoInputJson {
  const address = ownerAddress(draft)
  const v = draft.vehicle
  const power = v.power ?? undefined
  return {
    conclusionDate: draft.contract.conclusionDate,
    startDate: draft.contract.startDate,
    vehicle: {
      category: v.category as OsagoInputJson['vehicle']['category'],
      ...(v.powerUnit === 'kw' ? { powerKw: power } : { powerHp: power }),
      usedWithTrailer: v.usedWithTrailer,
      registeredIn: 'RU',
    },
    owner: {
      type: ownerType(draft),
      region: address.region,
      city: address.city.trim() === '' ? null : address.city,
      ...(draft.drivers.mode === 'unlimited' ? { kbmClass: draft.drivers.ownerKbmClass } : {}),
    },
    drivers:
      draft.drivers.mode === 'unlimited'
        ? 'unlimited'
        : draft.drivers.list.map((d) => ({
            birthDate: d.birthDate,
            licenseSince: d.licenseSince,
            kbmClass: d.kbmClass,
          })),
    ...(draft.contract.periodsOfUse.length > 0 ? { periodsOfUse: draft.contract.periodsOfUse } : {}),
    grossViolations: draft.grossViolations,
  }
}

/** The draft shaped for `osagoApplicationSchema`: empty optional parts become null. */
export function draftToApplicationInput(draft: OsagoDraft): unknown {
  return {
    ...draft,
    owner: draft.ownerIsInsured ? null : draft.owner,
    vehicle: {
      ...draft.vehicle,
      otherName: draft.vehicle.modelId ? null : draft.vehicle.otherName,
      registrationDoc:
        draft.vehicle.registrationDoc.type === 'epts'
          ? { type: 'epts', number: draft.vehicle.registrationDoc.number, date: draft.vehicle.registrationDoc.date }
          : draft.vehicle.registrationDoc,
    },
  }
}
