import {
  individualInn,
  inn,
  legalEntityInn,
  ogrn,
  ogrnip,
  problemOf,
  stripSeparators,
  type FieldRules,
} from '../validation'
import { isKpp, normaliseKpp } from './kpp'
import { isOrganisationForm, statusOf } from './organisationForms'

/**
 * The identifiers of an organisation checked against its form: a legal entity has a 10-digit INN, a KPP and an
 * OGRN whose first digit is 1 or 5; an entrepreneur a 12-digit INN, no KPP and an OGRNIP whose first digit is 3
 * (the first digit tells a primary registration number from the numbers of later register entries). Check
 * digits are the FNS schemes in shared/validation (inn.ts, ogrn.ts). Before the form is chosen, each number is
 * checked on its own as far as it can be.
 */
export interface OrganisationIdsInput {
  form?: unknown
  inn?: unknown
  kpp?: unknown
  ogrn?: unknown
}

/** `field → i18n key`; the first problem of each field. */
export type IdProblems = Partial<Record<'inn' | 'kpp' | 'ogrn', string>>

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/** OGRN of either length, while the form is not chosen: 13 or 15 digits, and the check digit of that length. */
function anyOgrnProblem(value: string): string | null {
  if (value === '') return 'validation.required'
  if (/^\d{15}$/.test(value)) return ogrnip.check(value)
  if (/^\d{13}$/.test(value)) return ogrn.check(value)
  return 'party.validation.ogrnFormat'
}

function ruleProblem(rules: FieldRules, raw: string): string | null {
  return problemOf(rules, raw, [])?.key ?? null
}

export function organisationIdProblems(input: OrganisationIdsInput): IdProblems {
  const out: IdProblems = {}
  const innRaw = str(input.inn)
  const kppValue = normaliseKpp(str(input.kpp))
  const ogrnValue = stripSeparators(str(input.ogrn))
  const status = isOrganisationForm(input.form) ? statusOf(input.form) : null

  const innKey = ruleProblem(
    status === 'legalEntity' ? legalEntityInn : status === 'entrepreneur' ? individualInn : inn,
    innRaw,
  )
  if (innKey) out.inn = innKey

  if (status === 'entrepreneur') {
    if (kppValue !== '') out.kpp = 'party.validation.kppNotForEntrepreneur'
  } else if (kppValue === '') {
    if (status === 'legalEntity') out.kpp = 'validation.required'
  } else if (!isKpp(kppValue)) {
    out.kpp = 'party.validation.kppFormat'
  }

  const ogrnKey =
    status === 'legalEntity'
      ? ogrn.check(ogrnValue)
      : status === 'entrepreneur'
        ? ogrnip.check(ogrnValue)
        : anyOgrnProblem(ogrnValue)
  const ogrnKind = status ?? (ogrnValue.length === 15 ? 'entrepreneur' : 'legalEntity')
  if (ogrnKey) out.ogrn = ogrnKey
  else if (ogrnKind === 'legalEntity' && !/^[15]/.test(ogrnValue)) out.ogrn = 'party.validation.ogrnSign'
  else if (ogrnKind === 'entrepreneur' && !ogrnValue.startsWith('3')) out.ogrn = 'party.validation.ogrnipSign'
  return out
}

/** The identifiers as stored: digits only, KPP in capitals, null for a KPP an entrepreneur does not have. */
export function normaliseOrganisationIds(input: { inn: string; kpp?: string | null; ogrn: string }): {
  inn: string
  kpp: string | null
  ogrn: string
} {
  const kpp = normaliseKpp(input.kpp ?? '')
  return { inn: stripSeparators(input.inn), kpp: kpp === '' ? null : kpp, ogrn: stripSeparators(input.ogrn) }
}
