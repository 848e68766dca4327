import { optionalField, requiredField, type FieldRules } from './field'

/**
 * Russian numbers are stored as +7XXXXXXXXXX. Accepted as typed: +7…, 8…, 7… (11 digits) and a bare 10-digit mobile
 * number starting with 9. A bare 10-digit number starting with 7 or 8 is not guessed at: "8 916 123456" is more
 * likely a mobile number with a digit missing than a city number without its prefix.
 */
export function normalisePhone(raw: string): string {
  const compact = raw.replace(/[\s().\-\u2010-\u2015\u2212]/g, '')
  if (/^\+7\d{10}$/.test(compact)) return compact
  if (/^[78]\d{10}$/.test(compact)) return `+7${compact.slice(1)}`
  if (/^9\d{9}$/.test(compact)) return `+7${compact}`
  return compact
}

export const phone: FieldRules = {
  normalise: normalisePhone,
  check(raw) {
    const value = normalisePhone(raw)
    if (value === '') return 'validation.required'
    // Russian codes start with 3, 4, 8 (geographic) or 9 (mobile); 6xx and 7xx after +7 are Kazakhstan.
    if (/^\+7\d{10}$/.test(value)) return /^\+7[3489]/.test(value) ? null : 'validation.phone.notRussian'
    if (/^\+\d+$/.test(value) && !value.startsWith('+7')) return 'validation.phone.notRussian'
    return 'validation.phone.format'
  },
}

export const phoneSchema = requiredField(phone)
export const optionalPhoneSchema = optionalField(phone)
