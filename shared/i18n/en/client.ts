import type ru from '../ru/client'
import type { LocaleFile } from '../schema'

/** The client card: people and organisations, their contracts, payments, data versions and consent. */
export default {
  client: {
    title: 'Client',
    kind: { person: 'Individual', organisation: 'Organisation' },
    status: { active: 'Active', merged: 'Merged', erased: 'Data erased' },
    fields: {
      phone: 'Phone',
      passport: 'Passport',
      inn: 'INN',
      ogrn: 'OGRN',
      birthDate: 'Date of birth',
      address: 'Address',
      email: 'E-mail',
    },
    sections: {
      records: 'Contracts, inspections and applications',
      payments: 'Payments',
      versions: 'Change history',
      consent: 'Consent to personal data processing',
    },
    entity: {
      osago_policy: 'OSAGO',
      casco_quote: 'CASCO',
      inspection: 'Inspection',
      termination_application: 'Termination',
    },
    role: { insured: 'insured', owner: 'owner', client: 'client', applicant: 'applicant' },
    payment: { in: 'Payment', out: 'Refund' },
    noNumber: 'no number',
    noRecords: 'The client has no contracts, inspections or applications yet.',
    noPayments: 'No payments.',
    consent: {
      none: 'No consent recorded. Have the client sign the consent and record the date.',
      given: 'Signed on {date}, text «{version}»',
      givenOn: 'Signed on',
      record: 'Record consent',
    },
    versions: {
      line: 'Version {version}: {source}',
      source: {
        card: 'edited on the card',
        merge: 'cards merged',
        osago_policy: 'from an OSAGO policy',
        casco_quote: 'from a CASCO contract',
        inspection: 'from an inspection report',
        termination_application: 'from a termination application',
      },
    },
    actions: {
      newOsago: 'New OSAGO',
      newCasco: 'New CASCO',
      edit: 'Edit data',
      save: 'Save',
      cancel: 'Cancel',
      merge: 'Merge',
    },
    merge: {
      title: 'Merge duplicates',
      hint: 'Name the duplicate card: its records move to this card and the duplicate is marked as merged.',
      other: 'Find the duplicate: surname, phone, passport or INN',
    },
    mergedInto: 'This card was merged into another.',
    openMerged: 'Open the active card',
    errors: {
      notActive: 'The card is merged or erased: changes go to the active card.',
      kindFixed: 'A client’s kind (person or organisation) does not change.',
      mergeSame: 'A card cannot be merged with itself.',
      mergeKinds: 'A person and an organisation cannot be merged.',
    },
  },
} as const satisfies LocaleFile<typeof ru>
