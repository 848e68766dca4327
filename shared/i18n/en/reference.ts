import type ru from '../ru/reference'
import type { LocaleFile } from '../schema'

export default {
  reference: {
    unverifiedValue:
      'This value is not confirmed by a source: check it against the documents or wait for a reference data update',
    loadFailed:
      'Reference file "{file}" is damaged (field "{field}"). The app cannot work until the reference data is updated',
    notInForce: 'No version of the "{kind}" reference data is in force on {date}',
    vehicles: {
      otherModel: 'Other model (not listed): enter the name from the vehicle passport',
      category: {
        A: 'A — motorcycles',
        M: 'M — mopeds',
        B: 'B — cars and light trucks up to 3.5 t',
        C: 'C — trucks',
        D: 'D — buses',
        Tb: 'Tb — trolleybuses',
        Tm: 'Tm — trams',
        tractor: 'Tractors, self-propelled road-building and other machines',
      },
      subcategory: {
        C_UP_TO_16T: 'permitted maximum mass 16 t or less',
        C_OVER_16T: 'permitted maximum mass over 16 t',
        D_UP_TO_16_SEATS: 'up to 16 passenger seats',
        D_OVER_16_SEATS: 'more than 16 passenger seats',
      },
      measure: {
        powerHp: 'Engine power, hp',
        maxMassKg: 'Permitted maximum mass, kg',
        seats: 'Passenger seats',
      },
      bodyType: {
        sedan: 'sedan',
        hatchback: 'hatchback',
        liftback: 'liftback',
        wagon: 'estate',
        coupe: 'coupe',
        crossover: 'crossover',
        suv: 'off-roader',
        minivan: 'MPV',
        pickup: 'pickup',
        van: 'van',
        minibus: 'minibus',
        bus: 'bus',
        flatbed: 'flatbed',
        dump_truck: 'dump truck',
        tractor_unit: 'tractor unit',
        motorcycle: 'motorcycle',
        scooter: 'scooter',
        tractor: 'tractor',
      },
      theftProne: 'Frequently stolen model',
      errors: {
        unknownCategory: 'Vehicle category "{category}" is not in the catalogue',
        measureRequired: {
          powerHp: 'Enter the engine power in hp: the tariff for category {category} depends on it',
          maxMassKg: 'Enter the permitted maximum mass in kg: the tariff for category {category} depends on it',
          seats: 'Enter the number of passenger seats: the tariff for category {category} depends on it',
        },
        measureInvalid: {
          powerHp: 'Engine power must be a positive number',
          maxMassKg: 'Permitted maximum mass must be a positive whole number of kilograms',
          seats: 'The number of passenger seats must be a positive whole number',
        },
      },
    },
    calendar: {
      errors: {
        invalidDate: 'Invalid date: {date}',
        yearNotCovered:
          'The production calendar has no data for {year}, so a term in working days cannot be counted. Update the reference data from head office',
        invalidCount: 'The number of working days must be a whole number, zero or more',
      },
      status: {
        unconfirmed: 'calendar not confirmed',
        unconfirmedHint:
          'Counted by the Labour Code (art. 112: holidays and the weekend shift): the production calendar for {years} has not been approved by a Government decree yet. Days off the decree moves may shift the date',
        deadlineChanged: 'Payout deadline changed: was {previous}, now {current} (calendar updated {date})',
        deadlineChangedRule:
          'Payout deadline changed: was {previous}, now {current} — a last day on a non-working day moves to the next working day (Civil Code art. 193), {date}',
      },
    },
  },
} satisfies LocaleFile<typeof ru>
