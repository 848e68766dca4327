import { addDays, addYears } from '../../dates/calendarDate'
import type { PersonPartyDraft } from '../../party/draft'
import { emptyDraft, type OsagoDraft } from '../draft'

/**
 * A complete, valid application of a first-time client with two first-time drivers (tests and E2E): Moscow,
 * Lada Vesta 106 hp, PTS, unregistered (no plate yet), cover from tomorrow for the whole year.
 */
export function completeDraft(today: string): OsagoDraft & { insured: PersonPartyDraft } {
  const d = emptyDraft(today) as OsagoDraft & { insured: PersonPartyDraft }
  d.insured = {
    kind: 'person',
    surname: 'Смирнов',
    name: 'Алексей',
    patronymic: 'Игоревич',
    gender: 'male',
    birthDate: '1999-04-12',
    passport: {
      series: '4519',
      number: '123456',
      issueDate: '2019-05-20',
      issuer: 'ГУ МВД России по г. Москве',
      departmentCode: '770-001',
    },
    address: { region: 'Москва', city: '', street: 'ул. Тверская', house: '12', flat: '45' },
    phone: '+7 916 123-45-67',
    email: 'smirnov@example.ru',
  }
  d.vehicle = {
    ...d.vehicle,
    makeId: 'lada',
    modelId: 'lada-vesta',
    category: 'B',
    year: 2024,
    powerUnit: 'hp',
    power: 106,
    vin: 'XTAGFK330RY123456',
    plate: '',
    purpose: 'personal',
    registrationDoc: { type: 'pts', series: '63 РВ', number: '123456', date: addDays(today, -3) },
  }
  d.drivers = {
    mode: 'list',
    list: [
      {
        surname: 'Смирнов',
        name: 'Алексей',
        patronymic: 'Игоревич',
        gender: 'male',
        birthDate: '1999-04-12',
        licence: { series: '9921', number: '654321' },
        licenseSince: addYears(today, -1),
        licenseYearOnly: false,
        kbmClass: '3',
        kbmReason: '',
      },
      {
        surname: 'Смирнова',
        name: 'Ольга',
        patronymic: 'Петровна',
        gender: 'female',
        birthDate: '2003-09-30',
        licence: { series: '9922', number: '111222' },
        licenseSince: '2024-12-31',
        licenseYearOnly: true,
        kbmClass: '3',
        kbmReason: '',
      },
    ],
  }
  return d
}
