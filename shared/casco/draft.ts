import { addDays } from '../dates/calendarDate'
import type { OsagoDraft } from '../osago/draft'
import { emptyPerson, readOrganisationDraft, type AddressDraft, type PersonDraft } from '../party/draft'
import type { CascoPlan } from './schedule'
import type { CascoBaseProgram, CascoQuoteInputJson, CascoRisks, CascoSettlement, CascoTerritory } from './quoteInput'
import type { AntiTheftSystem } from './tariffSchema'

/**
 * A CASCO quote as the clerk types it — every field present, values possibly empty — saved as is (autosave).
 * The person, owner and vehicle blocks have the OSAGO draft's shape so the form reuses the same parts: the owner
 * is OSAGO's own type (a citizen, or the shared party organisation), never a copy that could drift from it.
 * Money is kopecks (the form shows roubles), numbers are `number | null` (an empty field is null).
 * `cascoQuoteInputSchema` (the engine's) decides when the quote can be priced; `cascoApplicationSchema`
 * (draftApplication.ts) when the case is complete enough for the underwriter.
 */
export interface CascoDriverDraft {
  surname: string
  name: string
  patronymic: string
  gender: 'male' | 'female' | null
  birthDate: string
  licence: { series: string; number: string }
  licenseSince: string
}

export interface CascoFranchiseDraft {
  type: 'none' | 'conditional' | 'unconditional'
  mode: 'amount' | 'percent'
  /** Kopecks for `amount`, per cent of the sum insured for `percent`. */
  value: number | null
}

/** One column of the comparison: what this option covers and how it is settled and paid. */
export interface CascoOptionDraft {
  program: CascoBaseProgram
  risks: CascoRisks
  /** Cover the vehicle's extra equipment (listed on the vehicle) under this option. */
  extras: boolean
  gap: boolean
  uts: boolean
  accident: { enabled: boolean; sumPerSeatKopecks: number | null; seats: number | null }
  extendedLiabilityKopecks: number | null
  franchise: CascoFranchiseDraft
  settlement: CascoSettlement
  territory: CascoTerritory
  plan: CascoPlan
  discountPercent: number | null
}

export interface CascoVehicleDraft {
  makeId: string | null
  modelId: string | null
  otherName: string
  /** For a model the catalogue does not list: a foreign make (non-dealer repair is offered for those only). */
  otherForeign: boolean
  category: string
  year: number | null
  powerUnit: 'hp' | 'kw'
  power: number | null
  vinMissing: boolean
  vin: string
  bodyNumber: string
  chassisNumber: string
  plate: string
  registrationDoc: { type: 'pts' | 'sts' | 'epts'; series: string; number: string; date: string }
  newCar: boolean
  mileageKm: number | null
  marketValueKopecks: number | null
  antiTheft: AntiTheftSystem[]
  extras: Array<{ name: string; valueKopecks: number | null }>
}

export interface CascoDraft {
  contract: { quoteDate: string; startDate: string; termMonths: number }
  insured: PersonDraft
  ownerIsInsured: boolean
  owner: OsagoDraft['owner']
  vehicle: CascoVehicleDraft
  sumInsuredKopecks: number | null
  drivers: { mode: 'unlimited' } | { mode: 'list'; list: CascoDriverDraft[] }
  previousPolicy: { startDate: string; endDate: string; claims: number | null; sameOwnerAndInsured: boolean } | null
  options: CascoOptionDraft[]
}

export const MAX_OPTIONS = 10

export function emptyCascoDriver(): CascoDriverDraft {
  return {
    surname: '',
    name: '',
    patronymic: '',
    gender: null,
    birthDate: '',
    licence: { series: '', number: '' },
    licenseSince: '',
  }
}

export function defaultOption(): CascoOptionDraft {
  return {
    program: 'resoauto',
    risks: 'damageTheft',
    extras: false,
    gap: false,
    uts: false,
    accident: { enabled: false, sumPerSeatKopecks: null, seats: null },
    extendedLiabilityKopecks: null,
    franchise: { type: 'none', mode: 'amount', value: null },
    settlement: 'dealer',
    territory: 'rf',
    plan: 'single',
    discountPercent: null,
  }
}

/**
 * The three columns a new quote starts with, the way clients usually compare: full cover, the same with a
 * franchise (cheaper), and theft only. The clerk changes, adds or removes columns.
 */
export function defaultOptions(): CascoOptionDraft[] {
  return [
    defaultOption(),
    { ...defaultOption(), franchise: { type: 'unconditional', mode: 'amount', value: 30_000_00 } },
    { ...defaultOption(), program: 'theft', risks: 'theft' },
  ]
}

/** A new quote: dated today, cover from tomorrow for a year, the insured is the owner, one driver, three options. */
export function emptyCascoDraft(today: string): CascoDraft {
  return {
    contract: { quoteDate: today, startDate: addDays(today, 1), termMonths: 12 },
    insured: emptyPerson(),
    ownerIsInsured: true,
    owner: null,
    vehicle: {
      makeId: null,
      modelId: null,
      otherName: '',
      otherForeign: true,
      category: 'B',
      year: null,
      powerUnit: 'hp',
      power: null,
      vinMissing: false,
      vin: '',
      bodyNumber: '',
      chassisNumber: '',
      plate: '',
      registrationDoc: { type: 'pts', series: '', number: '', date: '' },
      newCar: false,
      mileageKm: null,
      marketValueKopecks: null,
      antiTheft: [],
      extras: [],
    },
    sumInsuredKopecks: null,
    drivers: { mode: 'list', list: [emptyCascoDriver()] },
    previousPolicy: null,
    options: defaultOptions(),
  }
}

/**
 * A draft as stored by any version, in today's shape. Before CASCO's legal owner was the shared party
 * organisation it was stored as `{ name, inn, ogrn, address }` (`name` is the full name; form, KPP and contacts
 * were not asked): it opens with those fields empty, for the clerk to fill. Nothing else has changed shape.
 */
export function readCascoDraft(raw: unknown): CascoDraft {
  const d = (typeof raw === 'string' ? JSON.parse(raw) : raw) as CascoDraft
  const owner =
    d.owner?.type === 'legal' ? { type: 'legal' as const, entity: readOrganisationDraft(d.owner.entity) } : d.owner
  return { ...d, owner }
}

/** The owner's region and type: CASCO prices by the owner's region (its registration or the entity's address). */
export function cascoOwner(draft: CascoDraft): { type: 'individual' | 'legal'; address: AddressDraft } {
  if (draft.ownerIsInsured || !draft.owner) return { type: 'individual', address: draft.insured.address }
  return draft.owner.type === 'individual'
    ? { type: 'individual', address: draft.owner.person.address }
    : { type: 'legal', address: draft.owner.entity.address }
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v)
const blankToUndefined = (v: string): string | undefined => (v.trim() === '' ? undefined : v)

/**
 * The engine's input from a draft: only what pricing needs, so the clerk sees the options priced long before
 * the client's documents are typed in. Empty fields stay missing and come back as the engine's field errors.
 */
export function draftToQuoteInput(
  draft: CascoDraft,
  firstPaymentDate: string = draft.contract.quoteDate,
): CascoQuoteInputJson {
  const v = draft.vehicle
  const owner = cascoOwner(draft)
  const extras = v.extras.map((e) => ({ name: e.name, valueKopecks: e.valueKopecks as number }))
  return {
    quoteDate: draft.contract.quoteDate,
    startDate: draft.contract.startDate,
    firstPaymentDate,
    termMonths: draft.contract.termMonths,
    vehicle: {
      model: v.modelId ? { modelId: v.modelId } : { other: { name: v.otherName, foreign: v.otherForeign } },
      category: v.category,
      year: orUndefined(v.year) as number,
      marketValueKopecks: orUndefined(v.marketValueKopecks) as number,
      newCar: v.newCar,
      mileageKm: orUndefined(v.mileageKm) as number,
      antiTheft: v.antiTheft,
    },
    owner: {
      type: owner.type,
      region: owner.address.region,
      city: owner.address.city.trim() === '' ? null : owner.address.city,
    },
    drivers:
      draft.drivers.mode === 'unlimited'
        ? 'unlimited'
        : draft.drivers.list.map((d) => ({
            birthDate: blankToUndefined(d.birthDate),
            licenseSince: blankToUndefined(d.licenseSince),
            gender: d.gender as 'male' | 'female',
          })),
    sumInsuredKopecks: orUndefined(draft.sumInsuredKopecks) as number,
    previousPolicy: draft.previousPolicy
      ? { ...draft.previousPolicy, claims: orUndefined(draft.previousPolicy.claims) as number }
      : null,
    options: draft.options.map((o) => ({
      program: o.program,
      risks: o.risks,
      extras: o.extras ? extras : [],
      gap: o.gap,
      uts: o.uts,
      accident: o.accident.enabled
        ? {
            sumPerSeatKopecks: orUndefined(o.accident.sumPerSeatKopecks) as number,
            seats: orUndefined(o.accident.seats) as number,
          }
        : null,
      extendedLiabilityKopecks: o.extendedLiabilityKopecks,
      franchise:
        o.franchise.type === 'none'
          ? { type: 'none' }
          : { type: o.franchise.type, mode: o.franchise.mode, value: orUndefined(o.franchise.value) as number },
      settlement: o.settlement,
      territory: o.territory,
      plan: o.plan,
      discountPercent: o.discountPercent ?? 0,
    })),
  }
}

/**
 * An engine field (`options[1].franchise.value`, `drivers[0].birthDate`, `vehicle.model.modelId`) → the form's
 * dotted path, so the message shows at the field the clerk typed. Null when the form has no such field.
 */
export function quoteFieldToFormPath(field: string | null, draft: CascoDraft): string | null {
  if (!field) return null
  const path = field.replace(/\[(\d+)\]/g, '.$1')
  const owner =
    draft.ownerIsInsured || !draft.owner
      ? 'insured.address'
      : draft.owner.type === 'individual'
        ? 'owner.person.address'
        : 'owner.entity.address'
  const direct: Record<string, string> = {
    quoteDate: 'contract.quoteDate',
    startDate: 'contract.startDate',
    firstPaymentDate: 'contract.quoteDate',
    termMonths: 'contract.termMonths',
    'vehicle.model': 'vehicle.modelId',
    'vehicle.model.modelId': 'vehicle.modelId',
    'vehicle.model.other.name': 'vehicle.otherName',
    'vehicle.model.other.foreign': 'vehicle.otherForeign',
    'owner.region': `${owner}.region`,
    'owner.city': `${owner}.city`,
    'owner.type': 'owner.type',
    drivers: 'drivers',
  }
  if (direct[path]) return direct[path]
  if (/^drivers\.\d+\.(age|birthDate)$/.test(path))
    return path.replace(/\.(age|birthDate)$/, '.birthDate').replace(/^drivers\./, 'drivers.list.')
  if (/^drivers\.\d+\.(experienceYears|licenseSince)$/.test(path))
    return path.replace(/\.[a-zA-Z]+$/, '.licenseSince').replace(/^drivers\./, 'drivers.list.')
  if (/^drivers\.\d+\.gender$/.test(path)) return path.replace(/^drivers\./, 'drivers.list.')
  if (/^options\.\d+\.extras\.\d+\.(name|valueKopecks)$/.test(path))
    return path.replace(/^options\.\d+\.extras/, 'vehicle.extras')
  if (/^options\.\d+\.accident\.(sumPerSeatKopecks|seats)$/.test(path)) return path
  if (/^options\.\d+\.franchise(\.\w+)?$/.test(path)) return path.endsWith('franchise') ? `${path}.type` : path
  if (/^options\.\d+\.\w+$/.test(path)) return path
  if (/^previousPolicy\.\w+$/.test(path)) return path
  if (/^vehicle\.(year|marketValueKopecks|newCar|mileageKm|category)$/.test(path)) return path
  if (/^vehicle\.antiTheft(\.\d+)?$/.test(path)) return 'vehicle.antiTheft'
  if (path === 'sumInsuredKopecks') return path
  return null
}
