/**
 * Organisational and legal forms met at a counter (groups of the ОКОПФ classifier). An entrepreneur (ИП) is a
 * citizen registered for business (Civil Code art. 23): a 12-digit INN, an OGRNIP and no KPP. Every other form is
 * a legal entity: a 10-digit INN, a KPP and an OGRN. `other` covers the rarer forms; the full name carries the form.
 */
export const ORGANISATION_FORMS = {
  ooo: 'legalEntity',
  ao: 'legalEntity',
  pao: 'legalEntity',
  gup: 'legalEntity',
  mup: 'legalEntity',
  institution: 'legalEntity',
  cooperative: 'legalEntity',
  ano: 'legalEntity',
  other: 'legalEntity',
  ip: 'entrepreneur',
} as const

export type OrganisationForm = keyof typeof ORGANISATION_FORMS
export type OrganisationStatus = (typeof ORGANISATION_FORMS)[OrganisationForm]

export const ORGANISATION_FORM_CODES = Object.keys(ORGANISATION_FORMS) as [OrganisationForm, ...OrganisationForm[]]

export function isOrganisationForm(value: unknown): value is OrganisationForm {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ORGANISATION_FORMS, value)
}

/** 'entrepreneur' for an ИП, 'legalEntity' for every other form. */
export function statusOf(form: OrganisationForm): OrganisationStatus {
  return ORGANISATION_FORMS[form]
}
