import { emptyCascoDraft, type CascoDraft } from './draft'

/**
 * A complete CASCO case for tests and E2E: a 2021 Kia Rio (a theft-prone model in the catalogue) owned by the
 * insured, Moscow, one experienced driver, immobiliser and alarm, 1.5 M RUB insured; the three default options.
 * It matches the inspection fixture (shared/inspection/testing/completeReport.ts): same car, VIN and plate.
 */
export function completeCascoDraft(today: string): CascoDraft {
  const d = emptyCascoDraft(today)
  d.insured = {
    surname: 'Смирнов',
    name: 'Алексей',
    patronymic: 'Игоревич',
    gender: 'male',
    birthDate: '1990-04-12',
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
    makeId: 'kia',
    modelId: 'kia-rio',
    category: 'B',
    year: 2021,
    powerUnit: 'hp',
    power: 123,
    vin: 'Z94C251ABMR123456',
    plate: 'А123ВС777',
    registrationDoc: { type: 'pts', series: '78 ОХ', number: '123456', date: '2021-06-01' },
    newCar: false,
    mileageKm: 48_250,
    marketValueKopecks: 1_600_000_00,
    antiTheft: ['immobiliser', 'alarm'],
  }
  d.sumInsuredKopecks = 1_500_000_00
  d.drivers = {
    mode: 'list',
    list: [
      {
        surname: 'Смирнов',
        name: 'Алексей',
        patronymic: 'Игоревич',
        gender: 'male',
        birthDate: '1990-04-12',
        licence: { series: '9921', number: '654321' },
        licenseSince: '2010-05-10',
      },
    ],
  }
  return d
}
