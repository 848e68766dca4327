import { optionalField, requiredField, type FieldRules } from './field'

const MAX_LENGTH = 254
const LOCAL_MAX = 64

/** Trimmed; the domain is case-insensitive and lower-cased, the mailbox name is kept as typed. */
export function normaliseEmail(raw: string): string {
  const trimmed = raw.trim()
  const at = trimmed.lastIndexOf('@')
  return at < 0 ? trimmed : trimmed.slice(0, at) + trimmed.slice(at).toLowerCase()
}

function domainOk(domain: string): boolean {
  const labels = domain.split('.')
  const tld = labels[labels.length - 1] ?? ''
  return (
    labels.length >= 2 &&
    labels.every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(l)) &&
    // Cyrillic domains (.рф) are common in Russia; punycode forms (xn--…) are accepted too.
    (/^\p{L}{2,}$/u.test(tld) || /^xn--[a-z0-9-]+$/.test(tld))
  )
}

/** A practical check of what a clerk types (mailbox@domain.tld), not the full RFC 5322 grammar. */
export const email: FieldRules = {
  normalise: normaliseEmail,
  check(raw) {
    const value = normaliseEmail(raw)
    if (value === '') return 'validation.required'
    const parts = value.split('@')
    if (parts.length !== 2) return 'validation.email.format'
    const [local = '', domain = ''] = parts
    if (/[А-ЯЁа-яё]/.test(local)) return 'validation.email.cyrillic'
    const localOk =
      local.length > 0 &&
      local.length <= LOCAL_MAX &&
      /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) &&
      !local.startsWith('.') &&
      !local.endsWith('.') &&
      !local.includes('..')
    return localOk && domainOk(domain) && value.length <= MAX_LENGTH ? null : 'validation.email.format'
  },
}

export const emailSchema = requiredField(email)
export const optionalEmailSchema = optionalField(email)
