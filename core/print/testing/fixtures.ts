/**
 * Test fixtures for the printed documents: a complete, realistic OSAGO policy priced by the real calculator on
 * the bundled tariff. A first-time client in Moscow insures his new 150 hp Skoda Octavia for himself and his
 * wife (two drivers, both class 3). Only tests import this module.
 */
import { osagoApplicationSchema, termEnd, type OsagoApplicationInput } from '../../../shared/osago/application'
import { calculateOsagoPremium, type OsagoPremium } from '../../../shared/osago/calculator'
import type { OsagoInput } from '../../../shared/osago/input'
import type { OsagoPolicy } from '../../../shared/osago/policy'
import { emptyDraft } from '../../../shared/osago/draft'
import { regions, tariff7204 } from '../../../shared/osago/testFixtures'
import { resolve } from 'node:path'
import { AppError } from '../../app/appError'
import { loadReferenceData } from '../../reference/loadReferenceData'
import type { BuildDeps } from '../documents'
import { loadBlankLayouts } from '../osago/blankLayout'
import { loadOsagoPrintData, type OsagoPrintData, type OsagoPrintDeps } from '../osago/osagoPrintData'
import { textMeasure } from '../pdfEngine'

export const POLICY_ID = '01937a4e-5b2c-7d10-9a3f-4c2e8b6d1f00'
export const CLERK_ID = '01937a4e-0000-7000-8000-00000000c1e4'

/** The client as a citizen (the insured, or an owner who is not), without the party's `kind`. */
export function fixturePerson() {
  return {
    surname: 'Смирнов',
    name: 'Алексей',
    patronymic: 'Викторович',
    gender: 'male' as const,
    birthDate: '1996-04-12',
    passport: {
      series: '4518',
      number: '765432',
      issueDate: '2018-05-20',
      issuer: 'ГУ МВД России по г. Москве',
      departmentCode: '770-093',
    },
    address: { region: 'Москва', city: null, street: 'ул. Профсоюзная', house: '65', flat: '112' },
    phone: '+7 916 123-45-67',
    email: 'a.smirnov@example.ru',
  }
}

export function applicationInput(overrides: Partial<OsagoApplicationInput> = {}): OsagoApplicationInput {
  return {
    contract: { conclusionDate: '2026-11-21', startDate: '2026-11-22', periodsOfUse: [] },
    insured: { kind: 'person', ...fixturePerson() },
    ownerIsInsured: true,
    owner: null,
    vehicle: {
      makeId: 'skoda',
      modelId: 'skoda-octavia',
      otherName: null,
      category: 'B',
      usedWithTrailer: false,
      year: 2021,
      powerUnit: 'hp',
      power: 150,
      maxMassKg: 1850,
      seats: 5,
      steering: 'left',
      vinMissing: false,
      vin: 'XW8AN2NE5MH012345',
      bodyNumber: null,
      chassisNumber: null,
      plate: 'А123ВС777',
      purpose: 'personal',
      registrationDoc: { type: 'sts', series: '9950', number: '123456', date: '2026-11-15' },
      diagnosticCard: null,
    },
    drivers: {
      mode: 'list',
      list: [
        {
          surname: 'Смирнов',
          name: 'Алексей',
          patronymic: 'Викторович',
          gender: 'male' as const,
          birthDate: '1996-04-12',
          licence: { series: '9921', number: '456789' },
          licenseSince: '2024-06-01',
          licenseYearOnly: false,
          kbmClass: '3',
          kbmReason: null,
        },
        {
          surname: 'Смирнова',
          name: 'Екатерина',
          patronymic: 'Андреевна',
          gender: 'female',
          birthDate: '1998-09-30',
          licence: { series: '9919', number: '123456' },
          licenseSince: '2019-10-15',
          licenseYearOnly: false,
          kbmClass: '3',
          kbmReason: null,
        },
      ],
    },
    grossViolations: false,
    ...overrides,
  }
}

/** The calculator's input for an application, the way the OSAGO feature prices one. */
export function calculatorInput(app: ReturnType<typeof osagoApplicationSchema.parse>): OsagoInput {
  const owner =
    app.ownerIsInsured || !app.owner
      ? {
          address: app.insured.address,
          type: app.insured.kind === 'organisation' ? ('legal' as const) : ('individual' as const),
        }
      : app.owner.type === 'individual'
        ? { address: app.owner.person.address, type: 'individual' as const }
        : { address: app.owner.entity.address, type: 'legal' as const }
  const v = app.vehicle
  return {
    conclusionDate: app.contract.conclusionDate,
    startDate: app.contract.startDate,
    vehicle: {
      category: v.category as OsagoInput['vehicle']['category'],
      ...(v.powerUnit === 'hp' ? { powerHp: v.power! } : { powerKw: v.power! }),
      usedWithTrailer: v.usedWithTrailer,
      registeredIn: 'RU',
    },
    owner: {
      type: owner.type,
      region: owner.address.region,
      city: owner.address.city,
      ...(app.drivers.mode === 'unlimited' ? { kbmClass: app.drivers.ownerKbmClass } : {}),
    },
    drivers:
      app.drivers.mode === 'unlimited'
        ? 'unlimited'
        : app.drivers.list.map((d) => ({ birthDate: d.birthDate, licenseSince: d.licenseSince, kbmClass: d.kbmClass })),
    periodsOfUse: app.contract.periodsOfUse,
    grossViolations: app.grossViolations,
  }
}

export function price(app: ReturnType<typeof osagoApplicationSchema.parse>): OsagoPremium {
  const outcome = calculateOsagoPremium(calculatorInput(app), tariff7204, regions)
  if (!outcome.ok) throw new Error(`fixture does not price: ${JSON.stringify(outcome.error)}`)
  return outcome.value
}

/** The policy after payment and blank assignment: ready to be printed on blank ААК 0123456789. */
export function issuedPolicy(
  overrides: Partial<OsagoApplicationInput> = {},
  policy: Partial<OsagoPolicy> = {},
): OsagoPolicy {
  const application = osagoApplicationSchema.parse(applicationInput(overrides))
  const calculation = price(application)
  return {
    id: POLICY_ID,
    status: 'issued',
    draft: emptyDraft(application.contract.conclusionDate),
    application,
    calculation,
    blank: { id: '01937a4e-0000-7000-8000-0000000b1a00', series: 'ААК', number: '0123456789' },
    payment: {
      amountKopecks: calculation.premiumKopecks,
      method: 'cash',
      receiptNumber: '000451',
      paidAt: '2026-11-21T09:30:00.000Z',
    },
    startDate: application.contract.startDate,
    endDate: termEnd(application.contract.startDate),
    issuedAt: '2026-11-21T09:32:00.000Z',
    issuedBy: CLERK_ID,
    createdAt: '2026-11-21T09:05:00.000Z',
    updatedAt: '2026-11-21T09:32:00.000Z',
    rowVersion: 4,
    ...policy,
  }
}

/** Priced, not yet paid: the application may be printed for signature, the blank may not. */
export function calculatedPolicy(overrides: Partial<OsagoApplicationInput> = {}): OsagoPolicy {
  return issuedPolicy(overrides, {
    status: 'calculated',
    blank: null,
    payment: null,
    issuedAt: null,
    issuedBy: null,
    rowVersion: 2,
  })
}

export const RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', '..', 'resources')
export const reference = loadReferenceData({ bundledDir: RESOURCES_DIR })
export const layouts = loadBlankLayouts({ bundledDir: RESOURCES_DIR })
export const layout = layouts[0]!
export const REPRESENTATIVE = 'Петрова Дарья Олеговна'

/** What the OSAGO documents need, with policies served from a map the test fills. */
export function printDeps(policies: OsagoPolicy[]): OsagoPrintDeps {
  const byId = new Map(policies.map((p) => [p.id, p]))
  return {
    loadOsagoPolicy: async (id) => {
      const p = byId.get(id)
      if (!p) throw new AppError('NOT_FOUND', 'errors.notFound')
      return p
    },
    reference,
    staffName: async (id) => (id === CLERK_ID ? REPRESENTATIVE : null),
    timeZone: 'Europe/Moscow',
  }
}

export function printData(policy: OsagoPolicy = issuedPolicy()): Promise<OsagoPrintData> {
  return loadOsagoPrintData(policy.id, printDeps([policy]))
}

export async function buildDeps(offset = { xMm: 0, yMm: 0 }): Promise<BuildDeps> {
  return { offset, printerName: null, measure: await textMeasure(), now: FIXED_NOW }
}

export const FIXED_NOW = new Date('2026-11-21T09:40:00.000Z')
