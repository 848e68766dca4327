import type ru from '../ru/client'
import type { LocaleFile } from '../schema'

/** The client card: people and organisations, their contracts, payments, data versions and consent. */
export default {
  client: {
    title: 'Client',
    remote: {
      search: 'Search other branches',
      hint: 'Clients of other branches are looked up at head office by an exact identifier only: passport, INN, phone, or surname with date of birth.',
      title: 'Clients of other branches',
      branch: '{name} · {code}',
      contracts: 'Contracts: {list}',
      noContracts: 'No contracts in force',
      none: 'No such client at other branches.',
      newOsago: 'New OSAGO for this client',
      notStored:
        'This data is not kept on the branch computer: it goes into an application only if you start a new contract.',
      offline:
        'Head office is out of reach — clients of other branches cannot be looked up now. Type the client’s data in.',
      notEnrolled:
        'This computer is not connected to head office — clients of other branches cannot be looked up. Type the client’s data in.',
      notExact:
        'Give an exact identifier: passport series and number, INN, phone, or surname and date of birth (Ivanov 12.03.1985).',
      busy: 'Too many requests to head office. Try again in {seconds} s.',
      unknownStaff: 'Head office does not know you as staff of this branch yet. Sync and search again.',
      refused: 'Head office refused the lookup ({code}).',
      gone: 'Head office no longer finds this client by that identifier.',
    },
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
      changed: 'Changed: {list}',
      otherField: 'other details',
    },
    edit: {
      title: 'Edit client details',
      hint: 'Saving makes a new version of the card. Policies and contracts already issued keep the details they were concluded with.',
      saved: 'Client details saved — version {version}.',
    },
    erasedNotice:
      "The client's personal data was erased after the retention period. Policies and payments stay on record.",
    retention: {
      title: 'Client cards past retention',
      hint: 'No contract in force, the last one ended more than {years} years ago (before {cutoff}). Choose cards to erase them and draw up the act of destruction of personal data.',
      none: 'No client cards are past retention.',
      more: 'The first cards are shown; the next ones appear after these are erased.',
      chooseAll: 'Choose all',
      columns: { client: 'Client', lastActivity: 'Last contract ended', records: 'Documents' },
      erase: 'Erase chosen ({count})',
      confirmTitle: 'Erase personal data?',
      confirm:
        'The chosen cards ({count}) will be erased for good: name, passport, address, phone, e-mail and every earlier version of the data. Policies and payments stay on record as accounting documents.',
      confirmButton: 'Erase',
      erased: 'Cards erased: {count}. Print the act and have it signed by the person responsible for personal data.',
      printAct: 'Act of destruction',
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
      notPastRetention:
        'The card «{name}» cannot be erased: its retention period has not run out or the client has a contract in force. Refresh the list.',
      nothingToErase: 'Choose at least one card.',
      tooManyToErase: 'At most 200 cards can be erased at once.',
      erasedTwice: 'A card is listed twice.',
    },
  },
} as const satisfies LocaleFile<typeof ru>
