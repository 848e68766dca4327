import { addDays } from '../dates/calendarDate'
import type { OsagoInputJson } from './input'

/**
 * The form's state as the clerk types it — every field present, values possibly empty. Saved as is (autosave);
 * `osagoApplicationSchema` decides when it is complete. Numbers are `number | null` (an empty field is null).
 */
export interface PersonDraft {
  surname: string
  name: string
  patronymic: string
  gender: 'male' | 'female' | null
  birthDate: string
  passport: { series: string; number: string; issueDate: string; issuer: string; departmentCode: string }
  address: AddressDraft
  phone: string
  email: string
}

export interface AddressDraft {
  region: string
  city: string
  street: string
  house: string
  flat: string
}

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
}

export interface OsagoDraft {
  contract: { conclusionDate: string; startDate: string; periodsOfUse: Array<{ from: string; to: string }> }
  insured: PersonDraft
  ownerIsInsured: boolean
  owner:
    | { type: 'individual'; person: PersonDraft }
    | { type: 'legal'; entity: { name: string; inn: string; ogrn: string; address: AddressDraft } }
    | null
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
    diagnosticCard: { number: string; validUntil: string } | null
  }
  drivers: { mode: 'unlimited'; ownerKbmClass: string } | { mode: 'list'; list: DriverDraft[] }
  grossViolations: boolean
}

export const FIRST_TIME_KBM_CLASS = '3'

export function emptyAddress(): AddressDraft {
  return { region: '', city: '', street: '', house: '', flat: '' }
}

export function emptyPerson(): PersonDraft {
  return {
    surname: '', name: '', patronymic: '', gender: null, birthDate: '',
    passport: { series: '', number: '', issueDate: '', issuer: '', departmentCode: '' },
    address: emptyAddress(), phone: '', email: '',
  }
}

export function emptyDriver(): DriverDraft {
  return {
    surname: '', name: '', patronymic: '', gender: null, birthDate: '', licence: { series: '', number: '' },
    licenseSince: '', licenseYearOnly: false, kbmClass: FIRST_TIME_KBM_CLASS, kbmReason: '',
  }
}

/** A new application: concluded today, cover from tomorrow, the insured is the owner, one first-time driver. */
export function emptyDraft(today: string): OsagoDraft {
  return {
    contract: { conclusionDate: today, startDate: addDays(today, 1), periodsOfUse: [] },
    insured: emptyPerson(),
    ownerIsInsured: true,
    owner: null,
    vehicle: {
      makeId: null, modelId: null, otherName: '', category: 'B', usedWithTrailer: false, year: null, powerUnit: 'hp', power: null,
      maxMassKg: null, seats: null, steering: 'left', vinMissing: false, vin: '', bodyNumber: '', chassisNumber: '',
      plate: '', purpose: 'personal', registrationDoc: { type: 'pts', series: '', number: '', date: '' }, diagnosticCard: null,
    },
    drivers: { mode: 'list', list: [emptyDriver()] },
    grossViolations: false,
  }
}

/** "Only the year is known" → 31 December of that year (DOMAIN.md product decisions). */
export function licenceDateFromYear(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`
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
      type: draft.ownerIsInsured || !draft.owner ? 'individual' : draft.owner.type,
      region: address.region,
      city: address.city.trim() === '' ? null : address.city,
      ...(draft.drivers.mode === 'unlimited' ? { kbmClass: draft.drivers.ownerKbmClass } : {}),
    },
    drivers: draft.drivers.mode === 'unlimited'
      ? 'unlimited'
      : draft.drivers.list.map((d) => ({ birthDate: d.birthDate, licenseSince: d.licenseSince, kbmClass: d.kbmClass })),
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
      registrationDoc: draft.vehicle.registrationDoc.type === 'epts'
        ? { type: 'epts', number: draft.vehicle.registrationDoc.number, date: draft.vehicle.registrationDoc.date }
        : draft.vehicle.registrationDoc,
    },
  }
}
