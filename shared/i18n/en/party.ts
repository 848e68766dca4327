import type ru from '../ru/party'
import type { LocaleFile } from '../schema'

/** Parties (people and organisations): organisational forms, field labels, identifier checks (shared/party). */
export default {
  party: {
    kind: { person: 'Individual', organisation: 'Organisation' },
    forms: {
      ooo: 'OOO — limited liability company',
      ao: 'AO — joint-stock company',
      pao: 'PAO — public joint-stock company',
      gup: 'GUP — state unitary enterprise',
      mup: 'MUP — municipal unitary enterprise',
      institution: 'Institution (state, municipal, private)',
      cooperative: 'Cooperative',
      ano: 'ANO — autonomous non-profit organisation',
      other: 'Other legal form',
      ip: 'IP — sole proprietor',
    },
    fields: {
      form: 'Legal form',
      fullName: 'Full name',
      fullNameHint: 'As in the register extract: Limited Liability Company «Romashka»',
      shortName: 'Short name',
      inn: 'INN',
      kpp: 'KPP',
      kppNone: 'A sole proprietor has no KPP',
      ogrn: 'OGRN',
      ogrnip: 'OGRNIP',
      address: 'Address as in the register (EGRUL / EGRIP)',
      phone: 'Phone',
      email: 'E-mail',
    },
    validation: {
      formRequired: 'Choose the legal form',
      kppFormat:
        'KPP has 9 characters: 4 digits, then 2 digits or 2 capital Latin letters, then 3 digits, e.g. 770101001',
      kppNotForEntrepreneur: 'A sole proprietor has no KPP — leave the field empty',
      ogrnFormat: 'OGRN has 13 digits, OGRNIP 15 digits',
      ogrnSign: 'An organisation’s OGRN starts with 1 or 5. Check the number against the register extract',
      ogrnipSign: 'An OGRNIP starts with 3. Check the number against the register extract',
    },
  },
} satisfies LocaleFile<typeof ru>
